import BylineText
import Foundation
import GRDB

/// Reads units for export, streaming: units and their variants come from two cursors
/// walked side by side in id order, so memory stays flat however large the memory is.
struct UnitReader {
    let db: Database
    let filter: ExportFilter

    func forEach(_ body: (TranslationUnit) throws -> Void) throws -> Int {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let origin = filter.originKind {
            conditions.append("origin = ?")
            arguments.append(origin)
        }
        if let since = filter.changedSince {
            conditions.append("coalesce(change_date, creation_date, stored_at) >= ?")
            arguments.append(since)
        }
        if let story = filter.storyID {
            conditions.append("story_id = ?")
            arguments.append(story)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let units = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, source_lang, origin, origin_file, story_id, alternative_of, creation_date, creation_id,
                    change_date, change_id, usage_count, last_usage_date, attributes, properties, notes
                FROM units \(whereClause) ORDER BY id
                """, arguments: StatementArguments(arguments))
        let variants = try Row.fetchCursor(
            db,
            sql: """
                SELECT unit_id, lang, text, markup, creation_date, creation_id, change_date, change_id, usage_count,
                    last_usage_date, attributes, properties, notes
                FROM variants ORDER BY unit_id, position
                """)
        let wanted = Set(filter.languages.map { $0.description.lowercased() })
        let wantedBases = Set(filter.languages.map { $0.language.lowercased() })
        var pendingVariant: Row? = try variants.next()
        var exported = 0
        while let row = try units.next() {
            let id: Int64 = row["id"]
            var unitVariants: [Variant] = []
            while let variantRow = pendingVariant, (variantRow["unit_id"] as Int64) <= id {
                if (variantRow["unit_id"] as Int64) == id {
                    let language = LanguageTag(variantRow["lang"] as String)
                    let keep = wanted.isEmpty || wanted.contains(language.description.lowercased())
                        || wantedBases.contains(language.description.lowercased())
                    if keep {
                        unitVariants.append(
                            Variant(
                                language: language,
                                segment: try (variantRow["markup"] as String?).map { try Segment(markup: $0) }
                                    ?? Segment(text: variantRow["text"]),
                                metadata: Self.metadata(variantRow)))
                    }
                }
                pendingVariant = try variants.next()
            }
            guard unitVariants.count >= (wanted.isEmpty ? 1 : 2) else { continue }
            let origin: Origin =
                switch row["origin"] as String {
                case "aligned": .aligned
                case "manual": .manual
                default: .imported(file: row["origin_file"] ?? "")
                }
            try body(
                TranslationUnit(
                    id: id, variants: unitVariants, sourceLanguage: (row["source_lang"] as String?).map { LanguageTag($0) },
                    metadata: Self.metadata(row), origin: origin, storyID: row["story_id"], alternativeOf: row["alternative_of"]))
            exported += 1
        }
        return exported
    }

    static func metadata(_ row: Row) -> Metadata {
        Metadata(
            creationDate: row["creation_date"], creationID: row["creation_id"], changeDate: row["change_date"],
            changeID: row["change_id"], usageCount: row["usage_count"], lastUsageDate: row["last_usage_date"],
            attributes: decode(row["attributes"]) ?? [], properties: decode(row["properties"]) ?? [],
            notes: decode(row["notes"]) ?? [])
    }

    static func decode<Value: Decodable>(_ text: String?) -> Value? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }
}
