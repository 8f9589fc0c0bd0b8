import BylineText
import Foundation
import GRDB

/// Writes units inside one import transaction with prepared statements, applying the
/// duplicate rules:
/// - the same variants (languages and markup) as a stored unit: a duplicate; its metadata
///   is refreshed when the incoming unit was changed later (`updated`), else nothing
///   changes, so importing a file twice is a no-op;
/// - the same source text as a stored unit but other targets: a new unit that records
///   the first one as the translation it is an alternative to;
/// - no variant with text: skipped; one variant (a source awaiting its translation): kept,
///   and never offered by a lookup, which needs a variant in the target language.
///
/// Units written by this import are remembered in memory, so only units that were stored
/// before it are looked up in the database; into an empty store nothing is looked up at
/// all, rows are written many to a statement, and the hash, language and term indexes are
/// dropped for the load and rebuilt (sorted) at the end.
final class UnitWriter {
    let db: Database
    let storedAt: String
    /// The store's path, for messages.
    let path: String
    /// True when the store held no unit when the import began.
    let startedEmpty: Bool
    private var seenContent = UnitIDTable()
    private var seenSources = UnitIDTable()
    private let fuzzyIndex: FuzzyIndexWriter<SQLitePostingSink>
    let findByContent: Statement
    let loadVariants: Statement
    /// Kept for the whole import, so each reuses its parameter buffer.
    private var findSource: RawStatement
    /// New units and variants, written many rows to a statement; ``flush()`` writes the
    /// rest before anything reads or changes the tables.
    private var units: RowInserter
    private var variants: RowInserter
    /// The id the next unit gets: the one SQLite would give it, one past the largest.
    private var nextUnitID: Int64
    let refreshUnit: Statement

    init(db: Database, storedAt: String, path: String) throws {
        self.db = db
        self.path = path
        self.storedAt = storedAt
        startedEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM units") == 0
        fuzzyIndex = FuzzyIndexWriter(sink: SQLitePostingSink(db: db))
        if startedEmpty {
            try db.execute(
                sql: "DROP INDEX variants_match_key; DROP INDEX units_content_hash; DROP INDEX variants_language; DROP INDEX fuzzy_terms")
        }
        findByContent = try db.cachedStatement(sql: "SELECT id, change_date, usage_count FROM units WHERE content_hash = ?")
        loadVariants = try db.cachedStatement(sql: "SELECT lang, text, markup FROM variants WHERE unit_id = ? ORDER BY position")
        findSource = RawStatement(
            try db.cachedStatement(
                sql: """
                    SELECT s.unit_id FROM variants s JOIN variants t ON t.unit_id = s.unit_id
                    WHERE s.match_key = ? AND s.lang = ? AND s.text = ? AND t.lang = ? COLLATE NOCASE
                    ORDER BY s.unit_id LIMIT 1
                    """))
        let stamps = [
            "creation_date", "creation_id", "change_date", "change_id", "usage_count", "last_usage_date", "attributes",
            "properties", "notes",
        ]
        units = RowInserter(
            db: db, table: "units",
            columns: ["id", "source_lang", "origin", "origin_file", "story_id", "alternative_of", "content_hash"] + stamps
                + ["stored_at"])
        variants = RowInserter(
            db: db, table: "variants",
            columns: ["unit_id", "position", "lang", "lang_base", "text", "markup", "match_key"] + stamps + ["word_count"])
        nextUnitID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM units") ?? 1
        refreshUnit = try db.cachedStatement(
            sql: "UPDATE units SET change_date = ?, change_id = ?, usage_count = ?, last_usage_date = ? WHERE id = ?")
    }

    /// Rebuilds what the import dropped; call once, after the last unit.
    func finish() throws {
        try flush()
        try fuzzyIndex.finish()
        // What was held to tell this import's units apart is no longer needed: let it go
        // before SQLite sorts the indexes, the moment memory use peaks.
        seenContent = UnitIDTable()
        seenSources = UnitIDTable()
        if startedEmpty {
            try db.execute(
                sql: """
                    CREATE INDEX variants_match_key ON variants(match_key);
                    CREATE INDEX units_content_hash ON units(content_hash);
                    CREATE INDEX variants_language ON variants(lang_base, unit_id);
                    CREATE INDEX fuzzy_terms ON fuzzy_postings(term, chunk);
                    """)
        }
    }

    typealias MemoryKey = UnitMemoryKey

    /// Where the oldest unit whose rows are held sits in its file, and how many units are
    /// held: a failed write is located there.
    private var pendingFrom: SourceLocation?
    private var pendingUnits = 0

    /// Writes the units and variants still held, parents first.
    private func flush() throws {
        do {
            try units.flush()
            try variants.flush()
        } catch {
            throw TMStoreError(error, path: path).located(at: pendingFrom, units: pendingUnits)
        }
        pendingFrom = nil
        pendingUnits = 0
    }

    func store(_ unit: PreparedUnit, options: ImportOptions, report: inout ImportReport) throws {
        let prepared = unit.variants
        guard !prepared.isEmpty else {
            report.skipped += 1
            return
        }
        let keys = unit.keys
        let unit = unit.unit
        let contentHash = keys.contentHash
        let contentKey = MemoryKey(stored: contentHash, seeded: keys.contentSeeded)
        // A unit written earlier in this import is read back only when the incoming one has
        // a change date to compare: re-imports and two-way files are mostly duplicates.
        let written = try seenContent.id(for: contentKey).map { id in
            unit.metadata.changeDate == nil ? Existing(id: id) : try storedStamps(id)
        }
        let existing = try written ?? (startedEmpty ? nil : existingUnit(matching: prepared, contentHash: contentHash))
        if let existing {
            if let incoming = unit.metadata.changeDate, incoming > (existing.changeDate ?? "") {
                try flush()
                let usage = max(unit.metadata.usageCount ?? 0, existing.usageCount ?? 0)
                try refreshUnit.execute(arguments: [incoming, unit.metadata.changeID, usage, unit.metadata.lastUsageDate, existing.id])
                report.updated += 1
            } else {
                report.duplicates += 1
            }
            return
        }
        let source = prepared[keys.sourceIndex]
        let sourceKey = source.matchKey
        let targetLanguages = keys.targetLanguages
        let sourceMemoryKeys = keys.sourceSeeded.map { MemoryKey(stored: sourceKey, seeded: $0) }
        var alternativeOf = sourceMemoryKeys.lazy.compactMap { self.seenSources.id(for: $0) }.first
        if alternativeOf == nil, !startedEmpty {
            for target in targetLanguages where alternativeOf == nil {
                findSource.reset()
                findSource.bind(sourceKey)
                findSource.bind(source.language)
                findSource.bind(source.text)
                findSource.bind(target)
                alternativeOf = try findSource.firstInteger()
            }
        }

        let file: String? = if case .imported(let file) = options.origin { file } else { nil }
        let metadata = unit.metadata
        let unitID = nextUnitID
        nextUnitID += 1
        units.bind(unitID)
        units.bind(unit.sourceLanguage?.description)
        units.bind(options.origin.kind)
        units.bind(file)
        units.bind(unit.storyID ?? options.storyID)
        units.bind(alternativeOf)
        units.bind(contentHash)
        bindStamps(metadata, encoded: keys.unitJSON, to: &units)
        units.bind(storedAt)
        units.endRow()
        if pendingUnits == 0 { pendingFrom = unit.location }
        pendingUnits += 1
        for (position, item) in prepared.enumerated() {
            let base = item.variant.language.language.lowercased()
            let (terms, wordCount) = item.index ?? item.indexTerms()
            variants.bind(unitID)
            variants.bind(position)
            variants.bind(item.language)
            variants.bind(base)
            variants.bind(item.text)
            // Most segments are plain text: their markup is the escaped text, so only
            // segments with codes store it.
            variants.bind(item.variant.segment.codes.isEmpty ? nil : item.markup)
            variants.bind(item.matchKey)
            bindStamps(item.variant.metadata, encoded: item.json, to: &variants)
            variants.bind(wordCount)
            variants.endRow()
            try fuzzyIndex.add(unit: unitID, terms: terms)
            // A unit may have thousands of variants: rows go out before their values pass
            // SQLite's limit on the parameters of one statement.
            if variants.pending >= variants.maximumRows { try flush() }
        }
        // Into a store that held units, each unit is written at once, so that a failure is
        // located at its own <tu>; an empty store takes many rows to a statement.
        if variants.pending >= 16 || !startedEmpty { try flush() }
        report.created += 1
        if prepared.count == 1 { report.monolingual += 1 }
        seenContent.set(unitID, for: contentKey)
        if alternativeOf == nil {
            for key in sourceMemoryKeys { seenSources.set(unitID, for: key) }
        } else {
            report.alternatives += 1
        }
    }

    /// Binds the metadata columns both tables share, in their order.
    private func bindStamps(_ metadata: Metadata, encoded: EncodedMetadata, to statement: inout RowInserter) {
        statement.bind(metadata.creationDate)
        statement.bind(metadata.creationID)
        statement.bind(metadata.changeDate)
        statement.bind(metadata.changeID)
        statement.bind(metadata.usageCount)
        statement.bind(metadata.lastUsageDate)
        statement.bind(encoded.attributes)
        statement.bind(encoded.properties)
        statement.bind(encoded.notes)
    }

    private struct Existing {
        var id: Int64
        var changeDate: String? = nil
        var usageCount: Int? = nil
    }

    /// The change date and usage of a unit written earlier in this import.
    private func storedStamps(_ id: Int64) throws -> Existing {
        try flush()
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT change_date, usage_count FROM units WHERE id = ?"), arguments: [id])
        return Existing(id: id, changeDate: row?[0], usageCount: row?[1])
    }

    /// A stored unit with exactly these variants (language and markup, in any order).
    private func existingUnit(matching prepared: [PreparedVariant], contentHash: Int64) throws -> Existing? {
        let candidates = try Row.fetchAll(findByContent, arguments: [contentHash])
        guard !candidates.isEmpty else { return nil }
        let wanted = prepared.map { [$0.language.lowercased(), $0.markup] }.sorted { $0.lexicographicallyPrecedes($1) }
        for row in candidates {
            let id: Int64 = row[0]
            let stored = try Row.fetchAll(loadVariants, arguments: [id]).map { row in
                [(row[0] as String).lowercased(), (row[2] as String?) ?? Segment(text: row[1]).markup]
            }
                .sorted { $0.lexicographicallyPrecedes($1) }
            if stored == wanted { return Existing(id: id, changeDate: row[1], usageCount: row[2]) }
        }
        return nil
    }

    /// `[["name","value"],…]`, written by hand: most units have none, and those that do
    /// have a few, so a general encoder costs more than it saves.
    static func encode(_ attributes: [Attribute]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var json = "["
        for (index, attribute) in attributes.enumerated() {
            json += index == 0 ? "[" : ",["
            appendJSONString(attribute.name, to: &json)
            json += ","
            appendJSONString(attribute.value, to: &json)
            json += "]"
        }
        return json + "]"
    }

    static func encode(_ notes: [String]) -> String? {
        guard !notes.isEmpty else { return nil }
        var json = "["
        for (index, note) in notes.enumerated() {
            if index > 0 { json += "," }
            appendJSONString(note, to: &json)
        }
        return json + "]"
    }

    static func appendJSONString(_ text: String, to json: inout String) {
        json += "\""
        // Most values need no escape; a byte scan finds out and lets them be copied whole.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            json += text
            json += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            default:
                if scalar.value < 0x20 {
                    json += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    json.unicodeScalars.append(scalar)
                }
            }
        }
        json += "\""
    }
}

/// Two independent hashes: the stored 64-bit key and the process's seeded hash, so
/// units held in memory are told apart without reading them back.
package struct UnitMemoryKey {
    package var stored: Int64
    package var seeded: Int

    package init(stored: Int64, seeded: Int) {
        self.stored = stored
        self.seeded = seeded
    }
}

/// Unit ids by ``UnitMemoryKey``, for the units an import has written: an open
/// hash table of (key, id) slots, probed in line from the slot the seeded hash picks.
/// The keys are hashes already, so none is hashed again, and the table fills to seven
/// eighths before it doubles: a dictionary keeps a quarter of its slots free and hashes
/// each key anew, and for a large import its two maps were the largest part of the
/// memory used.
package struct UnitIDTable {
    private struct Slot {
        var stored: Int64
        var seeded: Int
        /// 0 for a free slot: row ids of inserted units start at 1.
        var id: Int64
    }

    private var slots = [Slot](repeating: Slot(stored: 0, seeded: 0, id: 0), count: 1 << 12)
    private var count = 0

    package init() {}

    /// The id stored for `key`, if any.
    package func id(for key: UnitMemoryKey) -> Int64? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = key.seeded & mask
            while true {
                let slot = slots[index]
                if slot.id == 0 { return nil }
                if slot.stored == key.stored && slot.seeded == key.seeded { return slot.id }
                index = (index + 1) & mask
            }
        }
    }

    /// Stores `id` (not 0) for `key`, replacing what was there.
    package mutating func set(_ id: Int64, for key: UnitMemoryKey) {
        precondition(id != 0, "unit id 0 marks a free slot")
        if (count + 1) * 8 > slots.count * 7 { grow() }
        if place(Slot(stored: key.stored, seeded: key.seeded, id: id)) { count += 1 }
    }

    /// Puts `slot` in its place; true when the key was new.
    private mutating func place(_ slot: Slot) -> Bool {
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = slot.seeded & mask
            while slots[index].id != 0 {
                if slots[index].stored == slot.stored && slots[index].seeded == slot.seeded {
                    slots[index].id = slot.id
                    return false
                }
                index = (index + 1) & mask
            }
            slots[index] = slot
            return true
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(stored: 0, seeded: 0, id: 0), count: old.count * 2)
        for slot in old where slot.id != 0 { _ = place(slot) }
    }
}

/// A unit with everything the store derives from it computed: done on the reading
/// thread of an import, so the writing thread only looks up and inserts; the index terms
/// are left to the writer when it would otherwise wait (see `ImportPipeline`).
public struct PreparedUnit: Sendable {
    public var unit: TranslationUnit
    /// The variants that have text, in order.
    package var variants: [PreparedVariant]
    package var keys: UnitKeys

    public init(_ unit: TranslationUnit) { self.init(unit, indexing: true) }

    /// `indexing` false leaves the variants' index terms to the writer (see
    /// ``PreparedVariant/index``); `concordance` also writes their concordance words as a
    /// PostgreSQL `tsvector` (see ``PreparedVariant/concordance``) when indexing.
    init(_ unit: TranslationUnit, indexing: Bool, concordance: Bool = false) {
        self.unit = unit
        variants = unit.variants.filter { !$0.segment.isEmpty }.map {
            PreparedVariant($0, indexing: indexing, concordance: concordance && indexing)
        }
        keys = UnitKeys(unit, variants)
    }
}

/// The metadata lists of a unit or variant, as the store keeps them (JSON, or nil).
package struct EncodedMetadata: Sendable {
    package var attributes: String?
    package var properties: String?
    package var notes: String?

    init(_ metadata: Metadata) {
        attributes = UnitWriter.encode(metadata.attributes)
        properties = UnitWriter.encode(metadata.properties)
        notes = UnitWriter.encode(metadata.notes)
    }
}

/// The hashes the duplicate rules compare.
package struct UnitKeys: Sendable {
    package var contentHash: Int64 = 0
    package var contentSeeded = 0
    /// Which prepared variant is the source: the one in the source language, else the first.
    package var sourceIndex = 0
    /// The other languages, sorted, and for each the seeded hash of (source, target language).
    package var targetLanguages: [String] = []
    package var sourceSeeded: [Int] = []
    package var unitJSON: EncodedMetadata

    init(_ unit: TranslationUnit, _ prepared: [PreparedVariant]) {
        unitJSON = EncodedMetadata(unit.metadata)
        guard !prepared.isEmpty else { return }
        let parts = MatchKey.contentParts(prepared.map { ($0.language, $0.markup) })
        contentHash = MatchKey.hash(parts: parts)
        var seeded = Hasher()
        for part in parts { Self.combine(part, into: &seeded) }
        contentSeeded = seeded.finalize()
        if let language = unit.sourceLanguage {
            sourceIndex = prepared.firstIndex(where: { $0.variant.language == language })
                ?? prepared.firstIndex(where: { $0.variant.language.language == language.language }) ?? 0
        }
        let source = prepared[sourceIndex]
        // An alternative translation has the same source and another text in one of the
        // same target languages; a unit in a new target language is not one.
        targetLanguages = Set(prepared.map(\.language).filter { $0 != source.language }).sorted()
        sourceSeeded = targetLanguages.map { target in
            var hasher = Hasher()
            Self.combine(source.language, into: &hasher)
            Self.combine(source.text, into: &hasher)
            Self.combine(target.lowercased(), into: &hasher)
            return hasher.finalize()
        }
    }

    /// Feeds `text` to `hasher` as its UTF-8 bytes, count first so that boundaries count.
    /// Hashing a `String` itself first brings non-ASCII text to a normal form, which costs
    /// more than the rest of the hash; the duplicate rules compare bytes, as SQLite does, so
    /// the bytes are what the hash must tell apart.
    private static func combine(_ text: String, into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}

/// A variant with the forms the store keeps.
package struct PreparedVariant: Sendable {
    package var variant: Variant
    package var language: String
    package var text: String
    package var markup: String
    package var matchKey: Int64
    /// The index terms and word count, nil when the writer is to compute them.
    package var index: (terms: [Int64], wordCount: Int)?
    /// The concordance words as a `tsvector` literal (``ConcordanceText/tsvector(_:)``), for
    /// a store that keeps them so; nil when the writer is to compute them.
    package var concordance: String?
    package var json: EncodedMetadata

    init(_ variant: Variant, indexing: Bool, concordance: Bool = false) {
        self.variant = variant
        language = variant.language.description
        text = variant.segment.plainText
        markup = variant.segment.markup
        matchKey = MatchKey(text).value
        index = indexing ? Self.indexTerms(text, variant) : nil
        self.concordance = concordance ? ConcordanceText.tsvector(text) : nil
        json = EncodedMetadata(variant.metadata)
    }

    package func indexTerms() -> (terms: [Int64], wordCount: Int) { Self.indexTerms(text, variant) }

    private static func indexTerms(_ text: String, _ variant: Variant) -> (terms: [Int64], wordCount: Int) {
        MatchTokenizer.indexTerms(text, language: variant.language.language.lowercased())
    }
}
