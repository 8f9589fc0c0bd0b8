import BylineText
import Foundation
import GRDB

/// The embedded translation memory: one SQLite file, written through GRDB.
///
/// Every write is one transaction (`DatabaseQueue.write`), so a failed or killed import
/// leaves the file as it was. The schema is created and changed by named, append-only
/// migrations. WAL journaling lets lookups read while an import runs; an import into an
/// empty store, which has nothing to read, uses a rollback journal instead (see
/// `enterBulkLoad()`).
///
/// ```swift
/// let store = try SQLiteStore(path: "desk.sqlite")
/// var reader = try TMXReader(path: "agency.tmx")
/// let report = try await store.importUnits(from: &reader, options: ImportOptions(origin: .imported(file: "agency.tmx")))
/// ```
public final class SQLiteStore: TranslationMemoryStore {
    /// The path of the database file.
    public let path: String
    public var location: String { path }
    /// Whether the store was opened to be written or only read.
    public let access: Access
    let queue: DatabaseQueue
    /// Reused by lookups (one at a time: reads on a queue are serialised).
    let scratch = CandidateScratch()
    /// Units per target language, for lookups; cleared by every import.
    let targetUnits = TargetUnits()

    /// How a store is opened.
    public typealias Access = StoreAccess

    /// Opens the database at `path`.
    ///
    /// With `.readWrite` the file is created if missing, and creating it and bringing its
    /// schema up to date happen in one exclusive transaction, so two processes creating
    /// the same new store take turns (the second waits up to 10 s, then finds it made).
    /// With `.readOnly` a missing file, a directory, a file that is not a translation
    /// memory, a damaged file and a store being filled by its first import are each a
    /// ``TMStoreError`` that says so, at once.
    /// - Throws: ``TMStoreError``.
    public init(path: String, access: Access = .readWrite) throws(TMStoreError) {
        self.path = path
        self.access = access
        do {
            switch access {
            case .readWrite: queue = try StoreOpening.openForWriting(path)
            case .readOnly: queue = try StoreOpening.openForReading(path)
            }
        } catch let error as TMStoreError {
            throw error
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    /// Another connection to the file `writer` has open, for reading only: what a service
    /// that looks up in parallel opens beside its writer.
    ///
    /// The file is not opened or read outside SQLite here. POSIX locks belong to a process,
    /// not to a descriptor, so closing any descriptor of the file (as the checks of
    /// ``init(path:access:)`` do when they read its header) drops every lock the process's
    /// connections hold on it; another process could then take the file for its own and,
    /// closing, delete the write-ahead log this process's connections still read through.
    public init(readingBeside writer: SQLiteStore) throws(TMStoreError) {
        path = writer.path
        access = .readOnly
        var configuration = StoreOpening.configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = \(SQLiteStore.readMapBytes)") }
        do {
            queue = try DatabaseQueue(path: writer.path, configuration: configuration)
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    /// An empty store held in memory and gone when released: what a dry run checks a file
    /// against when no store exists at its path yet, so that nothing is created.
    public init(temporaryStandingFor path: String) throws(TMStoreError) {
        self.path = path
        access = .readWrite
        do {
            queue = try DatabaseQueue(configuration: StoreOpening.configuration())
            try queue.write { db in try Self.migrate(db) }
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    /// True when the store holds no unit.
    public func isEmpty() async throws -> Bool {
        do {
            return try await queue.read { db in try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM units)") ?? false) }
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    /// The page cache of a connection, in KiB.
    static let pageCacheKiB = 32768
    /// How much of a store opened for reading is memory-mapped, in bytes.
    static let readMapBytes = 1 << 30
    /// The page cache while an empty store is filled, in KiB: its pages are written once,
    /// at the end of each table, and the indexes are built when all rows are in. SQLite
    /// sorts index keys in runs as large as the page cache; runs of a few MiB stay in the
    /// processor's caches, and the four indexes of a large import are built a quarter
    /// faster than with runs of 32 MiB.
    static let bulkLoadCacheKiB = 4096
    /// The memory FTS5 gathers index entries in before it writes a segment (see
    /// ``indexForConcordance(_:)``).
    static let ftsHashBytes = 16 << 20

    /// The schema's named, append-only migrations, in order. They are recorded in the
    /// `grdb_migrations` table, as GRDB's `DatabaseMigrator` records them (earlier stores
    /// were migrated by it), but run here inside one exclusive transaction together with
    /// reading that table: the migrator decides what to run before its transactions begin,
    /// so two processes creating the same store both ran the first migration.
    static let migrations: [(name: String, body: @Sendable (Database) throws -> Void)] = [
        ("v1 units and variants", { db in
            try db.execute(
                sql: """
                    CREATE TABLE units (
                        id INTEGER PRIMARY KEY,
                        source_lang TEXT,
                        origin TEXT NOT NULL,
                        origin_file TEXT,
                        story_id TEXT,
                        alternative_of INTEGER REFERENCES units(id) ON DELETE SET NULL,
                        content_hash INTEGER NOT NULL,
                        creation_date TEXT, creation_id TEXT, change_date TEXT, change_id TEXT,
                        usage_count INTEGER, last_usage_date TEXT,
                        attributes TEXT, properties TEXT, notes TEXT,
                        stored_at TEXT NOT NULL
                    );
                    CREATE INDEX units_content_hash ON units(content_hash);
                    CREATE INDEX units_story ON units(story_id) WHERE story_id IS NOT NULL;
                    CREATE TABLE variants (
                        id INTEGER PRIMARY KEY,
                        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        lang TEXT NOT NULL,
                        lang_base TEXT NOT NULL,
                        text TEXT NOT NULL,
                        markup TEXT,
                        match_key INTEGER NOT NULL,
                        creation_date TEXT, creation_id TEXT, change_date TEXT, change_id TEXT,
                        usage_count INTEGER, last_usage_date TEXT,
                        attributes TEXT, properties TEXT, notes TEXT
                    );
                    CREATE INDEX variants_unit ON variants(unit_id);
                    CREATE INDEX variants_match_key ON variants(match_key);
                    """)
        }),
        ("v2 fuzzy index", { db in
            try db.execute(
                sql: """
                    ALTER TABLE variants ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX variants_language ON variants(lang_base, unit_id);
                    CREATE TABLE fuzzy_postings (
                        chunk INTEGER NOT NULL,
                        term INTEGER NOT NULL,
                        postings BLOB NOT NULL,
                        PRIMARY KEY (chunk, term)
                    ) WITHOUT ROWID;
                    CREATE INDEX fuzzy_terms ON fuzzy_postings(term, chunk);
                    """)
            // Index what an earlier version stored.
            let index = FuzzyIndexWriter(sink: SQLitePostingSink(db: db))
            let update = try db.makeStatement(sql: "UPDATE variants SET word_count = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, unit_id, lang_base, text FROM variants ORDER BY unit_id, id")
            while let row = try rows.next() {
                let (terms, wordCount) = MatchTokenizer.indexTerms(row[3], language: row[2])
                try index.add(unit: row[1], terms: terms)
                try update.execute(arguments: [wordCount, row[0] as Int64])
            }
            try index.flush()
        }),
        ("v3 concordance", { db in
            // An external-content full-text index over the variants' text, brought up to date
            // by every import (see `indexForConcordance`), so that reading never writes.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE variants_fts USING fts5(
                        text, content='variants', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                    CREATE TABLE fts_state (indexed_through INTEGER NOT NULL);
                    INSERT INTO fts_state VALUES (0);
                    """)
        }),
        ("v4 access tokens and import log", { db in
            // A shared service's API tokens, by their SHA-256 only, and who made each import.
            try db.execute(
                sql: """
                    CREATE TABLE access_tokens (
                        name TEXT PRIMARY KEY,
                        role TEXT NOT NULL,
                        token_hash TEXT NOT NULL UNIQUE,
                        created_at TEXT NOT NULL,
                        revoked_at TEXT
                    );
                    CREATE TABLE imports (
                        id INTEGER PRIMARY KEY,
                        user_name TEXT,
                        origin TEXT NOT NULL,
                        origin_file TEXT,
                        stored_at TEXT NOT NULL,
                        read INTEGER NOT NULL,
                        created INTEGER NOT NULL,
                        updated INTEGER NOT NULL,
                        duplicates INTEGER NOT NULL,
                        skipped INTEGER NOT NULL
                    );
                    """)
        }),
    ]

    /// Migrations that add only what reading the memory never needs: a store made before
    /// them is still opened for reading (its tokens and import log read as empty).
    static let migrationsNotNeededForReading: Set<String> = ["v4 access tokens and import log"]

    /// Runs the migrations not yet recorded; call inside an exclusive transaction.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        for migration in migrations where !applied.contains(migration.name) {
            try migration.body(db)
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.name])
        }
    }

    // MARK: Import

    public func importUnits<Source: UnitSource>(from source: inout Source, options: ImportOptions) async throws
        -> ImportReport
    {
        let lent = Lent(source)
        defer { source = lent.value }
        return try await OffThread.run(priority: options.priority) {
            try self.importUnitsSynchronously(from: &lent.value, options: options)
        }
    }

    /// The import, run on the calling thread.
    public func importUnitsSynchronously<Source: UnitSource>(from source: inout Source, options: ImportOptions) throws
        -> ImportReport
    {
        guard access == .readWrite else {
            throw TMStoreError(.readOnly, path: path, message: "opened for reading only; an import needs it opened for writing")
        }
        var report = ImportReport()
        let storedAt = Self.timestamp()
        let pipeline = ImportPipeline(source, priority: options.priority)
        pipeline.start()
        var completed = false
        let bulkLoad = enterBulkLoad()
        defer {
            pipeline.finish(cancelling: !completed)
            source = pipeline.source
            if bulkLoad { leaveBulkLoad() }
        }
        do {
            try queue.inTransaction { db in
                let writer = try UnitWriter(db: db, storedAt: storedAt, path: path)
                while var batch = try pipeline.next() {
                    for unit in batch {
                        report.read += 1
                        do {
                            try writer.store(unit, options: options, report: &report)
                        } catch {
                            throw TMStoreError(error, path: path).located(at: unit.unit.location)
                        }
                        if report.read % 10_000 == 0 { options.progress?(report.read) }
                    }
                    pipeline.recycle(&batch)
                }
                try writer.finish()
                try Self.indexForConcordance(db)
                try Self.logImport(db, report: report, options: options, storedAt: storedAt)
                targetUnits.invalidate()
                options.progress?(report.read)
                return options.dryRun ? .rollback : .commit
            }
            completed = true
        } catch let error as DatabaseError {
            throw TMStoreError(error, path: path)
        }
        return report
    }

    /// Adds the variants stored since the last import to the concordance's full-text
    /// index, inside the import's transaction, so that a search only reads.
    ///
    /// FTS5 gathers new entries in memory and writes them out as a segment each time they
    /// pass its hash size (1 MB unless set), merging segments as they accumulate: with 1 MB,
    /// the 9 MB of text of a 50,000-unit import made a dozen segments and merged them again.
    /// ``ftsHashBytes`` lets an import of that size write one segment, at the cost of that
    /// much memory while it is written. The setting lives in the index's configuration
    /// table, so it is written in the same transaction; it changes how the index is laid
    /// out, never what a search finds.
    static func indexForConcordance(_ db: Database) throws {
        let through = try Int64.fetchOne(db, sql: "SELECT indexed_through FROM fts_state") ?? 0
        let hashSize = try Int.fetchOne(db, sql: "SELECT v FROM variants_fts_config WHERE k = 'hashsize'")
        if hashSize != ftsHashBytes {
            try db.execute(sql: "INSERT INTO variants_fts(variants_fts, rank) VALUES ('hashsize', ?)", arguments: [ftsHashBytes])
        }
        try db.execute(
            sql: "INSERT INTO variants_fts(rowid, text) SELECT id, text FROM variants WHERE id > ?", arguments: [through])
        try db.execute(sql: "UPDATE fts_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM variants)")
    }

    /// Switches an empty store to a rollback journal and a small page cache (see
    /// ``bulkLoadCacheKiB``) for the import about to run.
    ///
    /// Under WAL every page an import writes goes to the log first and is copied into the
    /// database by the checkpoint that follows the commit: a large import writes its data
    /// twice. A rollback journal keeps only the original content of the pages a
    /// transaction changes, and pages appended beyond the file's original end have none, so
    /// filling an empty store journals a few pages and writes the rest once, in place. A
    /// killed import leaves a hot journal that the next connection rolls back, truncating
    /// the file to its size before the import, exactly as WAL would have discarded its log.
    ///
    /// SQLite refuses the switch while another connection has the file open, and the import
    /// then runs under WAL as usual. While the rollback journal is in use other processes
    /// cannot open the store (they wait, then fail); an empty store has nothing to read.
    /// Synchronous is FULL meanwhile, the level at which a rollback journal survives power
    /// loss as well as a crash.
    /// - Returns: whether the journal was switched; ``leaveBulkLoad()`` switches back.
    private func enterBulkLoad() -> Bool {
        do {
            return try queue.writeWithoutTransaction { db in
                guard try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM units)")! else { return false }
                // An empty store may still hold the pages of an import that was killed after
                // the file grew; giving them back first keeps the file the size of what it holds.
                if try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0 > 0 { try db.execute(sql: "VACUUM") }
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" else { return false }
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -\(Self.bulkLoadCacheKiB)")
                return true
            }
        } catch {
            return false
        }
    }

    /// Back to WAL, NORMAL and the usual page cache after an import under
    /// ``enterBulkLoad()``. Should another process hold the file now, the store stays in
    /// rollback mode until the next ``init(path:)`` (every connection asks for WAL when it
    /// opens), which is safe, only slower for concurrent readers.
    private func leaveBulkLoad() {
        try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -\(Self.pageCacheKiB)")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
    }

    // MARK: Export

    public func exportUnits(matching filter: ExportFilter, _ body: (TranslationUnit) throws -> Void) async throws -> Int {
        try await withoutActuallyEscaping(body) { body in
            let lent = Lent(body)
            // The other thread may let go of its reference a moment after it resumes this one:
            // the borrowed callback must be gone before `withoutActuallyEscaping` returns.
            defer { lent.value = { _ in } }
            return try await OffThread.run { try self.exportUnitsSynchronously(matching: filter, lent.value) }
        }
    }

    /// The export, run on the calling thread, reading in one snapshot.
    public func exportUnitsSynchronously(matching filter: ExportFilter, _ body: (TranslationUnit) throws -> Void) throws
        -> Int
    {
        do {
            return try queue.read { db in try UnitReader(db: db, filter: filter).forEach(body) }
        } catch let error as DatabaseError {
            throw TMStoreError(error, path: path)
        }
    }

    // MARK: Statistics

    public func statistics() async throws -> Statistics {
        do {
            return try await queue.read { db in try Self.statistics(db) }
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    /// The counts, read on the calling thread.
    public func statisticsSynchronously() throws -> Statistics {
        do {
            return try queue.read { db in try Self.statistics(db) }
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    static func statistics(_ db: Database) throws -> Statistics {
        let units = try Int.fetchOne(db, sql: "SELECT count(*) FROM units") ?? 0
        let variants = try Int.fetchOne(db, sql: "SELECT count(*) FROM variants") ?? 0
        let alternatives = try Int.fetchOne(db, sql: "SELECT count(*) FROM units WHERE alternative_of IS NOT NULL") ?? 0
        let monolingual = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM (SELECT unit_id FROM variants GROUP BY unit_id HAVING count(*) = 1)") ?? 0
        let languages = try Row.fetchAll(
            db, sql: "SELECT lang, count(*) AS n FROM variants GROUP BY lang ORDER BY n DESC, lang"
        ).map { (LanguageTag($0["lang"] as String), $0["n"] as Int) }
        let origins = try Row.fetchAll(
            db, sql: "SELECT origin, count(*) AS n FROM units GROUP BY origin ORDER BY n DESC, origin"
        ).map { ($0["origin"] as String, $0["n"] as Int) }
        return Statistics(
            units: units, variants: variants, languages: languages, origins: origins, alternatives: alternatives,
            monolingual: monolingual)
    }

    /// Now, as TMX writes dates (`20241124T230800Z`).
    package static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: Date())
    }
}
