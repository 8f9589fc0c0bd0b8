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
/// - fewer than two variants with text: skipped.
struct UnitWriter {
    let db: Database
    let storedAt: String
    let findByContent: Statement
    let loadVariants: Statement
    let findSource: Statement
    let insertUnit: Statement
    let insertVariant: Statement
    let refreshUnit: Statement

    init(db: Database, storedAt: String) throws {
        self.db = db
        self.storedAt = storedAt
        findByContent = try db.cachedStatement(sql: "SELECT id, change_date, usage_count FROM units WHERE content_hash = ?")
        loadVariants = try db.cachedStatement(sql: "SELECT lang, markup FROM variants WHERE unit_id = ? ORDER BY position")
        findSource = try db.cachedStatement(
            sql: "SELECT unit_id FROM variants WHERE match_key = ? AND lang = ? AND text = ? ORDER BY unit_id LIMIT 1")
        insertUnit = try db.cachedStatement(
            sql: """
                INSERT INTO units (source_lang, origin, origin_file, story_id, alternative_of, content_hash,
                    creation_date, creation_id, change_date, change_id, usage_count, last_usage_date,
                    attributes, properties, notes, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        insertVariant = try db.cachedStatement(
            sql: """
                INSERT INTO variants (unit_id, position, lang, lang_base, text, markup, match_key,
                    creation_date, creation_id, change_date, change_id, usage_count, last_usage_date,
                    attributes, properties, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        refreshUnit = try db.cachedStatement(
            sql: "UPDATE units SET change_date = ?, change_id = ?, usage_count = ?, last_usage_date = ? WHERE id = ?")
    }

    /// A variant with the forms the store keeps computed once.
    private struct Prepared {
        var variant: Variant
        var language: String
        var text: String
        var markup: String
    }

    func store(_ unit: TranslationUnit, options: ImportOptions, report: inout ImportReport) throws {
        let prepared = unit.variants.filter { !$0.segment.isEmpty }.map { variant in
            Prepared(
                variant: variant, language: variant.language.description, text: variant.segment.plainText,
                markup: variant.segment.markup)
        }
        guard prepared.count >= 2 else {
            report.skipped += 1
            return
        }
        let contentHash = MatchKey.contentHash(prepared.map { ($0.language, $0.markup) })
        if let existing = try existingUnit(matching: prepared, contentHash: contentHash) {
            if let incoming = unit.metadata.changeDate, incoming > (existing.changeDate ?? "") {
                try refreshUnit.execute(arguments: [
                    incoming, unit.metadata.changeID, max(unit.metadata.usageCount ?? 0, existing.usageCount ?? 0),
                    unit.metadata.lastUsageDate, existing.id,
                ])
                report.updated += 1
            } else {
                report.duplicates += 1
            }
            return
        }
        let sourceLanguage = unit.sourceLanguage
        let source =
            sourceLanguage.flatMap { language in prepared.first(where: { $0.variant.language == language })
                ?? prepared.first(where: { $0.variant.language.language == language.language }) } ?? prepared[0]
        var find = RawStatement(findSource)
        find.reset()
        find.bind(MatchKey(source.text).value)
        find.bind(source.language)
        find.bind(source.text)
        let alternativeOf = try find.firstInteger()

        let file: String? = if case .imported(let file) = options.origin { file } else { nil }
        let metadata = unit.metadata
        var insert = RawStatement(insertUnit)
        insert.reset()
        insert.bind(sourceLanguage?.description)
        insert.bind(options.origin.kind)
        insert.bind(file)
        insert.bind(unit.storyID ?? options.storyID)
        insert.bind(alternativeOf)
        insert.bind(contentHash)
        bindStamps(metadata, to: &insert)
        insert.bind(storedAt)
        try insert.execute()
        let unitID = db.lastInsertedRowID
        var insertRow = RawStatement(insertVariant)
        for (position, item) in prepared.enumerated() {
            insertRow.reset()
            insertRow.bind(unitID)
            insertRow.bind(position)
            insertRow.bind(item.language)
            insertRow.bind(item.variant.language.language.lowercased())
            insertRow.bind(item.text)
            insertRow.bind(item.markup)
            insertRow.bind(MatchKey(item.text).value)
            bindStamps(item.variant.metadata, to: &insertRow)
            try insertRow.execute()
        }
        report.created += 1
        if alternativeOf != nil { report.alternatives += 1 }
    }

    /// Binds the twelve metadata columns both tables share, in their order.
    private func bindStamps(_ metadata: Metadata, to statement: inout RawStatement) {
        statement.bind(metadata.creationDate)
        statement.bind(metadata.creationID)
        statement.bind(metadata.changeDate)
        statement.bind(metadata.changeID)
        statement.bind(metadata.usageCount)
        statement.bind(metadata.lastUsageDate)
        statement.bind(Self.encode(metadata.attributes))
        statement.bind(Self.encode(metadata.properties))
        statement.bind(Self.encode(metadata.notes))
    }

    private struct Existing {
        var id: Int64
        var changeDate: String?
        var usageCount: Int?
    }

    /// A stored unit with exactly these variants (language and markup, in any order).
    private func existingUnit(matching prepared: [Prepared], contentHash: Int64) throws -> Existing? {
        let candidates = try Row.fetchAll(findByContent, arguments: [contentHash])
        guard !candidates.isEmpty else { return nil }
        let wanted = prepared.map { [$0.language.lowercased(), $0.markup] }.sorted { $0.lexicographicallyPrecedes($1) }
        for row in candidates {
            let id: Int64 = row[0]
            let stored = try Row.fetchAll(loadVariants, arguments: [id]).map { [($0[0] as String).lowercased(), $0[1] as String] }
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
