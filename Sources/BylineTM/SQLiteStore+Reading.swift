import BylineText
import Foundation
import GRDB

/// Reads units for export, streaming: units and their variants come from two cursors
/// walked side by side in id order, so memory stays flat however large the memory is.
package struct UnitReader {
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
        // Columns are read by position, in the order selected above: looking a column up by
        // name costs more than reading it, for every value of every row.
        while let row = try units.next() {
            let id: Int64 = row[0]
            var unitVariants: [Variant] = []
            var stored = 0
            while let variantRow = pendingVariant, (variantRow[0] as Int64) <= id {
                if (variantRow[0] as Int64) == id {
                    stored += 1
                    let language = LanguageTag(variantRow[1] as String)
                    let keep = wanted.isEmpty || wanted.contains(language.description.lowercased())
                        || wantedBases.contains(language.description.lowercased())
                    if keep {
                        unitVariants.append(
                            Variant(
                                language: language,
                                segment: try (variantRow[3] as String?).map { try Segment(markup: $0) }
                                    ?? Segment(text: variantRow[2]),
                                metadata: Self.metadata(variantRow, from: 4)))
                    }
                }
                pendingVariant = try variants.next()
            }
            // With a language filter a unit needs two of the languages, or, when it has one
            // language only (a source awaiting its translation), that one.
            guard unitVariants.count >= (wanted.isEmpty || stored == 1 ? 1 : 2) else { continue }
            let origin: Origin =
                switch row[2] as String {
                case "aligned": .aligned
                case "manual": .manual
                default: .imported(file: row[3] ?? "")
                }
            try body(
                TranslationUnit(
                    id: id, variants: unitVariants, sourceLanguage: (row[1] as String?).map { LanguageTag($0) },
                    metadata: Self.metadata(row, from: 6), origin: origin, storyID: row[4], alternativeOf: row[5]))
            exported += 1
        }
        return exported
    }

    /// The metadata columns both tables share, in their order, from column `first` on.
    static func metadata(_ row: Row, from first: Int) -> Metadata {
        metadata(row[first], row[first + 1], row[first + 2], row[first + 3], row[first + 4], row[first + 5], row[first + 6], row[first + 7], row[first + 8])
    }

    /// The metadata columns both tables share, in their order.
    package static func metadata(
        _ creationDate: String?, _ creationID: String?, _ changeDate: String?, _ changeID: String?, _ usageCount: Int?,
        _ lastUsageDate: String?, _ attributes: String?, _ properties: String?, _ notes: String?
    ) -> Metadata {
        Metadata(
            creationDate: creationDate, creationID: creationID, changeDate: changeDate, changeID: changeID,
            usageCount: usageCount, lastUsageDate: lastUsageDate, attributes: Self.attributes(attributes) ?? [],
            properties: Self.attributes(properties) ?? [], notes: decode(notes) ?? [])
    }

    /// Attributes as `UnitWriter.encode(_:)` writes them, `[["name","value"],…]`,
    /// read without a JSON decoder when no value has an escape; anything else goes to the
    /// decoder, so the result is the decoder's either way.
    static func attributes(_ text: String?) -> [Attribute]? {
        guard let json = text else { return nil }
        var utf8 = json
        let simple: [Attribute]? = utf8.withUTF8 { bytes in
            var attributes: [Attribute] = []
            var index = 0
            func expect(_ byte: UInt8) -> Bool {
                guard index < bytes.count, bytes[index] == byte else { return false }
                index += 1
                return true
            }
            func string() -> String? {
                guard expect(UInt8(ascii: "\"")) else { return nil }
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    // An escape or a raw control character: left to the decoder.
                    if bytes[index] == UInt8(ascii: "\\") || bytes[index] < 0x20 { return nil }
                    index += 1
                }
                guard index < bytes.count else { return nil }
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
            }
            guard expect(UInt8(ascii: "[")) else { return nil }
            if expect(UInt8(ascii: "]")) { return index == bytes.count ? attributes : nil }
            repeat {
                guard expect(UInt8(ascii: "[")), let name = string(), expect(UInt8(ascii: ",")), let value = string(),
                    expect(UInt8(ascii: "]"))
                else { return nil }
                attributes.append(Attribute(name, value))
            } while expect(UInt8(ascii: ","))
            return expect(UInt8(ascii: "]")) && index == bytes.count ? attributes : nil
        }
        return simple ?? decode(json)
    }

    static func decode<Value: Decodable>(_ text: String?) -> Value? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }
}
