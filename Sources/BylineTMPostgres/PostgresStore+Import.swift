import BylineTM
import BylineText
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Imports every unit `source` yields in one transaction on the primary, under the
    /// write lock (imports take turns; lookups go on and see the memory as it was until the
    /// commit). Rows stream to the server with `COPY … FROM STDIN` in blocks of a few MB.
    /// The duplicate rules are SQLite's (see `UnitWriter`): a unit stored exactly as read is
    /// a duplicate, refreshed when changed later; the same source with other targets is an
    /// alternative; a unit with no text is skipped.
    public func importUnits<Source: UnitSource>(from source: inout Source, options: ImportOptions) async throws
        -> ImportReport
    {
        guard access == .readWrite else {
            throw TMStoreError(.readOnly, path: location, message: "opened for reading only; an import needs it opened for writing")
        }
        let pipeline = ImportPipeline(source, concordance: true, priority: options.priority)
        pipeline.start()
        var completed = false
        do {
            let report = try await writing { connection in try await runImport(pipeline, options: options, on: connection) }
            completed = true
            try await OffThread.run { pipeline.finish(cancelling: false) }
            source = pipeline.source
            return report
        } catch {
            if !completed {
                _ = try? await OffThread.run { pipeline.finish(cancelling: true) }
                source = pipeline.source
            }
            if error is TMStoreError { throw error }
            if error is PSQLError || error is PostgresDecodingError { throw TMStoreError(postgres: error, location: location) }
            throw error
        }
    }

    /// Runs `body` on a connection to the primary; when no connection can be had or the one
    /// given was closed by a server restart, a new pool is made and `body` runs on it, until
    /// it begins (an import that began and lost its connection fails whole).
    func writing<Value>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        var attempt = 0
        while true {
            attempt += 1
            let began = Lent(false)
            let client = primary.client
            do {
                return try await client.withConnection { connection in
                    try await connection.query("SELECT 1", logger: logger)
                    began.value = true
                    return try await body(connection)
                }
            } catch {
                guard !began.value, attempt < Self.readAttempts, Self.isConnectionLoss(error) else { throw error }
                primary.renew(replacing: client)
                try? await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }

    private func runImport<Source: UnitSource>(
        _ pipeline: ImportPipeline<Source>, options: ImportOptions, on connection: PostgresConnection
    ) async throws -> ImportReport {
        try await connection.query("BEGIN", logger: logger)
        var started: PostgresUnitWriter?
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))", logger: logger)
            let writer = try await PostgresUnitWriter(
                connection: connection, logger: logger, storedAt: SQLiteStore.timestamp(), location: location)
            started = writer
            var report = ImportReport()
            while var batch = try await OffThread.run({ try pipeline.next() }) {
                for unit in batch {
                    report.read += 1
                    do {
                        try await writer.store(unit, options: options, report: &report)
                    } catch {
                        throw TMStoreError(postgres: error, location: location).located(at: unit.unit.location)
                    }
                    if report.read % 10_000 == 0 { options.progress?(report.read) }
                }
                pipeline.recycle(&batch)
            }
            try await writer.finish()
            try await logImport(report, options: options, storedAt: writer.storedAt, on: connection)
            options.progress?(report.read)
            try await connection.query(options.dryRun ? "ROLLBACK" : "COMMIT", logger: logger)
            return report
        } catch {
            // A block still being sent ends (or fails) before the rollback goes out.
            await started?.settle()
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}

/// Writes units inside one import transaction, applying SQLite's duplicate rules (see
/// `UnitWriter` in BylineTM): units written by this import are remembered in memory; only
/// units stored before it are looked up on the server, and into an empty store nothing is
/// looked up at all.
///
/// Rows are sent in blocks of a few MB, each while the next is being written (one block
/// on its way at a time). A question to the server waits for the block on its way; the
/// rows still held are searched in memory beside it (``pendingSources``), so that every
/// answer covers all the units written before, as SQLite's does.
///
/// Into an empty store, rows go to new tables made like the store's (`units_load`, …) with
/// no index; their indexes are built, sorted, once all rows are in, and the new tables then
/// take the old ones' places, all in the import's transaction. Building an index once is
/// several times cheaper than keeping it up to date row by row, and readers are never kept
/// waiting for it: they read the old, empty tables until the swap, which holds their lock
/// only for the moment of the commit.
final class PostgresUnitWriter {
    let connection: PostgresConnection
    let logger: Logger
    let storedAt: String
    let location: String
    let startedEmpty: Bool
    private var seenContent = UnitIDTable()
    private var seenSources = UnitIDTable()
    private let postings = PostgresPostingSink()
    private let fuzzyIndex: FuzzyIndexWriter<PostgresPostingSink>
    private var units: CopyRows
    private var variants: CopyRows
    private var nextUnitID: Int64
    private var nextVariantID: Int64
    /// Where the oldest unit whose rows are held sits in its file, and how many are held.
    private var pendingFrom: SourceLocation?
    private var pendingUnits = 0
    /// Rows are sent once this many bytes are held.
    private let sendAt = 4 << 20
    /// The block being sent, if any.
    private var sending: Task<Void, any Error>?
    /// The variants of the units whose rows are held (not yet sent), by a hash of their
    /// language and text, for the search for the unit a new one is an alternative to; kept
    /// only into a store that held units (into an empty one nothing is looked up).
    private var pendingSources: [Int: [PendingSource]] = [:]

    private struct PendingSource {
        var unit: Int64
        var language: String
        var text: String
        /// The languages of all the unit's variants, lower-cased (ASCII).
        var languages: [String]
    }
    /// The tables rows go to: the store's, or the load tables into an empty store.
    private let unitsTable: String
    /// The tables an empty store's import fills and swaps in.
    private static let swappedTables = ["units", "variants", "fuzzy_postings"]

    private static let stamps = [
        "creation_date", "creation_id", "change_date", "change_id", "usage_count", "last_usage_date", "attributes",
        "properties", "notes",
    ]

    init(connection: PostgresConnection, logger: Logger, storedAt: String, location: String) async throws {
        self.connection = connection
        self.logger = logger
        self.storedAt = storedAt
        self.location = location
        let rows = try await connection.query(
            "SELECT coalesce((SELECT max(id) FROM units), 0), coalesce((SELECT max(id) FROM variants), 0)", logger: logger)
        var largestUnit: Int64 = 0
        var largestVariant: Int64 = 0
        for try await (unit, variant) in rows.decode((Int64, Int64).self) {
            largestUnit = unit
            largestVariant = variant
        }
        startedEmpty = largestUnit == 0
        nextUnitID = largestUnit + 1
        nextVariantID = largestVariant + 1
        let suffix = startedEmpty ? "_load" : ""
        if startedEmpty {
            for table in Self.swappedTables {
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE TABLE \(table)_load (LIKE \(table) INCLUDING DEFAULTS INCLUDING STORAGE)"),
                    logger: logger)
            }
        }
        unitsTable = "units" + suffix
        fuzzyIndex = FuzzyIndexWriter(sink: postings)
        postings.rows = CopyRows(table: "fuzzy_postings" + suffix, columns: ["chunk", "term", "postings"])
        units = CopyRows(
            table: "units" + suffix,
            columns: ["id", "source_lang", "origin", "origin_file", "story_id", "alternative_of", "content_hash"] + Self.stamps
                + ["stored_at"])
        variants = CopyRows(
            table: "variants" + suffix,
            columns: ["id", "unit_id", "position", "lang", "lang_base", "text", "markup", "match_key"] + Self.stamps
                + ["word_count", "search"])
    }

    /// Sends everything held, then brings the planner's statistics up to date when the
    /// store was empty (its first lookups would otherwise be planned for empty tables).
    func finish() async throws {
        try fuzzyIndex.finish()
        try await flush()
        seenContent = UnitIDTable()
        seenSources = UnitIDTable()
        if startedEmpty { try await swapInLoadedTables() }
    }

    /// Builds the store's indexes and primary keys on the load tables, under names of their
    /// own, brings the planner's statistics up to date, then drops the old, empty tables and
    /// gives the new ones and their indexes the old names.
    private func swapInLoadedTables() async throws {
        var indexes: [(table: String, name: String, definition: String)] = []
        let found = try await connection.query(
            """
            SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = ANY(\(Self.swappedTables))
            ORDER BY tablename, indexname
            """, logger: logger)
        for try await (table, name, definition) in found.decode((String, String, String).self) {
            indexes.append((table, name, definition))
        }
        var primaryKeys: [(table: String, name: String)] = []
        let keys = try await connection.query(
            """
            SELECT c.relname, k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE k.contype = 'p' AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(\(Self.swappedTables))
            """, logger: logger)
        for try await (table, name) in keys.decode((String, String).self) { primaryKeys.append((table, name)) }
        for index in indexes {
            // `CREATE [UNIQUE] INDEX name ON schema.table USING …` on the load table, as name_load.
            guard let on = index.definition.range(of: " ON "),
                let using = index.definition.range(of: " USING ", range: on.upperBound..<index.definition.endIndex)
            else { continue }
            let head = index.definition[..<on.lowerBound].replacingOccurrences(of: " \(index.name)", with: " \(index.name)_load")
            let definition = head + " ON \(index.table)_load" + index.definition[using.lowerBound...]
            try await connection.query(PostgresQuery(unsafeSQL: definition), logger: logger)
        }
        for table in Self.swappedTables {
            try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE \(table)_load"), logger: logger)
        }
        try await connection.query(
            PostgresQuery(unsafeSQL: "DROP TABLE " + Self.swappedTables.joined(separator: ", ")), logger: logger)
        for table in Self.swappedTables {
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table)_load RENAME TO \(table)"), logger: logger)
        }
        for index in indexes {
            try await connection.query(
                PostgresQuery(unsafeSQL: "ALTER INDEX \(index.name)_load RENAME TO \(index.name)"), logger: logger)
        }
        for key in primaryKeys {
            try await connection.query(
                PostgresQuery(unsafeSQL: "ALTER TABLE \(key.table) ADD CONSTRAINT \(key.name) PRIMARY KEY USING INDEX \(key.name)"),
                logger: logger)
        }
    }

    /// Starts sending the rows held (units, then variants, then postings) once the block
    /// before them is on the server, and returns while they go.
    private func send() async throws {
        try await drain()
        let blocks = [units.take(), variants.take(), postings.rows.take()].compactMap { $0 }
        pendingSources.removeAll(keepingCapacity: true)
        guard !blocks.isEmpty else { return }
        let (from, count, location, connection, logger) = (pendingFrom, pendingUnits, location, connection, logger)
        pendingFrom = nil
        pendingUnits = 0
        sending = Task {
            do {
                for block in blocks { try await block.send(on: connection, logger: logger) }
            } catch {
                throw TMStoreError(postgres: error, location: location).located(at: from, units: count)
            }
        }
    }

    /// Waits until the block on its way, if any, is on the server.
    private func drain() async throws {
        guard let block = sending else { return }
        sending = nil
        try await block.value
    }

    /// Sends the rows held and waits until they are on the server.
    private func flush() async throws {
        try await send()
        try await drain()
    }

    /// Waits for the block on its way, whatever became of it (the import is failing).
    func settle() async {
        _ = try? await drain()
    }

    private struct Existing {
        var id: Int64
        var changeDate: String? = nil
        var usageCount: Int? = nil
    }

    func store(_ prepared: PreparedUnit, options: ImportOptions, report: inout ImportReport) async throws {
        let variantsToStore = prepared.variants
        guard !variantsToStore.isEmpty else {
            report.skipped += 1
            return
        }
        let keys = prepared.keys
        let unit = prepared.unit
        let contentKey = UnitMemoryKey(stored: keys.contentHash, seeded: keys.contentSeeded)
        var existing: Existing?
        if let id = seenContent.id(for: contentKey) {
            existing = unit.metadata.changeDate == nil ? Existing(id: id) : try await storedStamps(id)
        } else if !startedEmpty {
            existing = try await existingUnit(matching: variantsToStore, contentHash: keys.contentHash)
        }
        if let existing {
            if let incoming = unit.metadata.changeDate, incoming > (existing.changeDate ?? "") {
                try await flush()
                let usage = Int64(max(unit.metadata.usageCount ?? 0, existing.usageCount ?? 0))
                try await connection.query(
                    """
                    UPDATE \(unescaped: unitsTable) SET change_date = \(incoming), change_id = \(unit.metadata.changeID),
                        usage_count = \(usage), last_usage_date = \(unit.metadata.lastUsageDate) WHERE id = \(existing.id)
                    """, logger: logger)
                report.updated += 1
            } else {
                report.duplicates += 1
            }
            return
        }
        let source = variantsToStore[keys.sourceIndex]
        let sourceMemoryKeys = keys.sourceSeeded.map { UnitMemoryKey(stored: source.matchKey, seeded: $0) }
        var alternativeOf = sourceMemoryKeys.lazy.compactMap { self.seenSources.id(for: $0) }.first
        if alternativeOf == nil, !startedEmpty {
            // The first unit, by id, with this source and a variant in the target: on the
            // server, else among the rows held, whose ids are all larger.
            for target in keys.targetLanguages where alternativeOf == nil {
                alternativeOf = try await storedSource(source, target: target) ?? heldSource(source, target: target)
            }
        }

        let file: String? = if case .imported(let file) = options.origin { file } else { nil }
        let unitID = nextUnitID
        nextUnitID += 1
        units.add(unitID)
        units.add(unit.sourceLanguage?.description)
        units.add(options.origin.kind)
        units.add(file)
        units.add(unit.storyID ?? options.storyID)
        units.add(alternativeOf)
        units.add(keys.contentHash)
        addStamps(unit.metadata, encoded: keys.unitJSON, to: &units)
        units.add(storedAt)
        units.endRow()
        if pendingUnits == 0 { pendingFrom = unit.location }
        pendingUnits += 1
        for (position, item) in variantsToStore.enumerated() {
            let (terms, wordCount) = item.index ?? item.indexTerms()
            variants.add(nextVariantID)
            nextVariantID += 1
            variants.add(unitID)
            variants.add(position)
            variants.add(item.language)
            variants.add(item.variant.language.language.lowercased())
            variants.add(item.text)
            // Most segments are plain text: their markup is the escaped text, so only
            // segments with codes store it.
            variants.add(item.variant.segment.codes.isEmpty ? nil : item.markup)
            variants.add(item.matchKey)
            addStamps(item.variant.metadata, encoded: item.json, to: &variants)
            variants.add(wordCount)
            variants.add(item.concordance ?? ConcordanceText.tsvector(item.text))
            variants.endRow()
            try fuzzyIndex.add(unit: unitID, terms: terms)
        }
        if !startedEmpty {
            let languages = variantsToStore.map { Self.asciiLowercased($0.language) }
            for item in variantsToStore {
                pendingSources[Self.sourceHash(item.language, item.text), default: []].append(
                    PendingSource(unit: unitID, language: item.language, text: item.text, languages: languages))
            }
        }
        report.created += 1
        if variantsToStore.count == 1 { report.monolingual += 1 }
        seenContent.set(unitID, for: contentKey)
        if alternativeOf == nil {
            for key in sourceMemoryKeys { seenSources.set(unitID, for: key) }
        } else {
            report.alternatives += 1
        }
        if units.buffer.readableBytes + variants.buffer.readableBytes + postings.rows.buffer.readableBytes >= sendAt {
            try await send()
        }
    }

    private func addStamps(_ metadata: Metadata, encoded: EncodedMetadata, to rows: inout CopyRows) {
        rows.add(metadata.creationDate)
        rows.add(metadata.creationID)
        rows.add(metadata.changeDate)
        rows.add(metadata.changeID)
        rows.add(metadata.usageCount)
        rows.add(metadata.lastUsageDate)
        rows.add(encoded.attributes)
        rows.add(encoded.properties)
        rows.add(encoded.notes)
    }

    /// The change date and usage of a unit written earlier in this import.
    private func storedStamps(_ id: Int64) async throws -> Existing {
        try await flush()
        let rows = try await connection.query(
            "SELECT change_date, usage_count FROM \(unescaped: unitsTable) WHERE id = \(id)", logger: logger)
        for try await (changeDate, usage) in rows.decode((String?, Int64?).self) {
            return Existing(id: id, changeDate: changeDate, usageCount: usage.map(Int.init))
        }
        return Existing(id: id)
    }

    /// A stored unit with exactly these variants (language and markup, in any order).
    private func existingUnit(matching prepared: [PreparedVariant], contentHash: Int64) async throws -> Existing? {
        try await drain()
        var candidates: [Existing] = []
        let rows = try await connection.query(
            "SELECT id, change_date, usage_count FROM units WHERE content_hash = \(contentHash) ORDER BY id", logger: logger)
        for try await (id, changeDate, usage) in rows.decode((Int64, String?, Int64?).self) {
            candidates.append(Existing(id: id, changeDate: changeDate, usageCount: usage.map(Int.init)))
        }
        guard !candidates.isEmpty else { return nil }
        let wanted = prepared.map { [$0.language.lowercased(), $0.markup] }.sorted { $0.lexicographicallyPrecedes($1) }
        for candidate in candidates {
            var stored: [[String]] = []
            let variantRows = try await connection.query(
                "SELECT lang, text, markup FROM variants WHERE unit_id = \(candidate.id) ORDER BY position", logger: logger)
            for try await (language, text, markup) in variantRows.decode((String, String, String?).self) {
                stored.append([language.lowercased(), markup ?? Segment(text: text).markup])
            }
            if stored.sorted(by: { $0.lexicographicallyPrecedes($1) }) == wanted { return candidate }
        }
        return nil
    }

    /// The first unit on the server with a variant of the same language and text as
    /// `source` and one in `target` (compared as SQLite's `NOCASE` does: ASCII letters
    /// without case).
    private func storedSource(_ source: PreparedVariant, target: String) async throws -> Int64? {
        try await drain()
        let rows = try await connection.query(
            """
            SELECT s.unit_id FROM variants s JOIN variants t ON t.unit_id = s.unit_id
            WHERE s.match_key = \(source.matchKey) AND s.lang = \(source.language) AND s.text = \(source.text)
                AND translate(t.lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = \(Self.asciiLowercased(target))
            ORDER BY s.unit_id LIMIT 1
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    /// The first unit among those whose rows are held that ``storedSource(_:target:)``
    /// would find once they are sent.
    private func heldSource(_ source: PreparedVariant, target: String) -> Int64? {
        let wanted = Self.asciiLowercased(target)
        return pendingSources[Self.sourceHash(source.language, source.text)]?.first { held in
            held.language.utf8.elementsEqual(source.language.utf8) && held.text.utf8.elementsEqual(source.text.utf8)
                && held.languages.contains(wanted)
        }?.unit
    }

    /// A hash of a variant's language and text, as bytes (the comparison is byte for byte).
    private static func sourceHash(_ language: String, _ text: String) -> Int {
        var hasher = Hasher()
        for part in [language, text] {
            var part = part
            part.withUTF8 { bytes in
                hasher.combine(bytes.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            }
        }
        return hasher.finalize()
    }

    /// `text` with its ASCII capitals made small, as SQLite's `NOCASE` compares.
    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
