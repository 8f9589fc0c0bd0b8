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
    let queue: DatabaseQueue
    /// Reused by lookups (one at a time: reads on a queue are serialised).
    let scratch = CandidateScratch()
    /// Units per target language, for lookups; cleared by every import.
    let targetUnits = TargetUnits()

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// - Throws: ``TMStoreError`` when the file cannot be opened or migrated.
    public init(path: String) throws(TMStoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Imports into a non-empty store touch the hash indexes at random; a larger
            // page cache (32 MiB at most, allocated as needed) keeps more of them in
            // memory. NORMAL is the safe synchronous level under WAL: a crash never
            // corrupts the file and loses at most the last transaction.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.pageCacheKiB); PRAGMA synchronous = NORMAL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    /// The page cache of a connection, in KiB.
    static let pageCacheKiB = 32768
    /// The page cache while an empty store is filled, in KiB: its pages are written once,
    /// at the end of each table, and the indexes are built when all rows are in. SQLite
    /// sorts index keys in runs as large as the page cache; runs of a few MiB stay in the
    /// processor's caches, and the four indexes of a large import are built a quarter
    /// faster than with runs of 32 MiB.
    static let bulkLoadCacheKiB = 4096

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 units and variants") { db in
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
        }
        migrator.registerMigration("v2 fuzzy index") { db in
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
            let index = try FuzzyIndexWriter(db: db)
            let update = try db.makeStatement(sql: "UPDATE variants SET word_count = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, unit_id, lang_base, text FROM variants ORDER BY unit_id, id")
            while let row = try rows.next() {
                let (terms, wordCount) = MatchTokenizer.indexTerms(row[3], language: row[2])
                try index.add(unit: row[1], terms: terms)
                try update.execute(arguments: [wordCount, row[0] as Int64])
            }
            try index.flush()
        }
        migrator.registerMigration("v3 concordance") { db in
            // An external-content full-text index over the variants' text, brought up to date
            // by the first concordance search after an import (see `concordance`), so imports
            // do not pay for it.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE variants_fts USING fts5(
                        text, content='variants', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                    CREATE TABLE fts_state (indexed_through INTEGER NOT NULL);
                    INSERT INTO fts_state VALUES (0);
                    """)
        }
        return migrator
    }

    // MARK: Import

    public func importUnits<Source: UnitSource>(from source: inout Source, options: ImportOptions) async throws
        -> ImportReport
    {
        try importUnitsSynchronously(from: &source, options: options)
    }

    /// The import, run on the calling thread.
    public func importUnitsSynchronously<Source: UnitSource>(from source: inout Source, options: ImportOptions) throws
        -> ImportReport
    {
        var report = ImportReport()
        let storedAt = Self.timestamp()
        let pipeline = ImportPipeline(source)
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
                let writer = try UnitWriter(db: db, storedAt: storedAt)
                while var batch = try pipeline.next() {
                    for unit in batch {
                        report.read += 1
                        try writer.store(unit, options: options, report: &report)
                        if report.read % 10_000 == 0 { options.progress?(report.read) }
                    }
                    pipeline.recycle(&batch)
                }
                try writer.finish()
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
        try exportUnitsSynchronously(matching: filter, body)
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

    public func statistics() async throws -> Statistics { try statisticsSynchronously() }

    /// The counts, read on the calling thread.
    public func statisticsSynchronously() throws -> Statistics {
        do {
            return try queue.read { db in
                let units = try Int.fetchOne(db, sql: "SELECT count(*) FROM units") ?? 0
                let variants = try Int.fetchOne(db, sql: "SELECT count(*) FROM variants") ?? 0
                let alternatives = try Int.fetchOne(db, sql: "SELECT count(*) FROM units WHERE alternative_of IS NOT NULL") ?? 0
                let languages = try Row.fetchAll(
                    db, sql: "SELECT lang, count(*) AS n FROM variants GROUP BY lang ORDER BY n DESC, lang"
                ).map { (LanguageTag($0["lang"] as String), $0["n"] as Int) }
                let origins = try Row.fetchAll(
                    db, sql: "SELECT origin, count(*) AS n FROM units GROUP BY origin ORDER BY n DESC, origin"
                ).map { ($0["origin"] as String, $0["n"] as Int) }
                return Statistics(units: units, variants: variants, languages: languages, origins: origins, alternatives: alternatives)
            }
        } catch let error as DatabaseError {
            throw TMStoreError(error, path: path)
        }
    }

    /// Now, as TMX writes dates (`20241124T230800Z`).
    static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: Date())
    }
}

/// A store failure, keeping the SQL and SQLite's message behind it.
public struct TMStoreError: Error, Sendable, CustomStringConvertible {
    /// The database file.
    public var path: String
    /// What SQLite said.
    public var message: String
    /// The statement that failed, if any.
    public var sql: String?

    init(_ error: any Error, path: String) {
        self.path = path
        if let error = error as? DatabaseError {
            message = error.message ?? "\(error.resultCode)"
            sql = error.sql
        } else {
            message = "\(error)"
            sql = nil
        }
    }

    public var description: String {
        var text = "\(path): translation memory: \(message)"
        if let sql { text += " (in: \(sql.prefix(120)))" }
        return text
    }
}
