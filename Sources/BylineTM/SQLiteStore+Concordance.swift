import BylineText
import GRDB

/// One hit of a concordance search: a stored variant containing the words, with where
/// they are, and the unit's other variants.
public struct ConcordanceHit: Sendable {
    public var unitID: Int64
    public var language: LanguageTag
    public var text: String
    /// The matched words, as scalar ranges of `text`.
    public var highlights: [Range<Int>]
    /// The unit's variants in the other languages.
    public var translations: [(language: LanguageTag, text: String)]

    package init(
        unitID: Int64, language: LanguageTag, text: String, highlights: [Range<Int>],
        translations: [(language: LanguageTag, text: String)]
    ) {
        self.unitID = unitID
        self.language = language
        self.text = text
        self.highlights = highlights
        self.translations = translations
    }
}

extension SQLiteStore {
    /// Searches sources and targets for `words` (all of them, in any order; a phrase in
    /// double quotes stays a phrase), in `language` or in every language when nil.
    ///
    /// A word finds its inflected forms: it is searched as a prefix (`процент` finds
    /// `процентов`), and a word of seven letters or more also by its first letters less one
    /// or two ending letters, never fewer than six (`процентов` finds `процент`). Case is
    /// folded by the language's rules: in Turkish and Azerbaijani `I` is the capital of `ı`
    /// (`BAKIDA` finds `Bakıda`); with no language both readings are searched.
    ///
    /// The full-text index (SQLite FTS5, case and accents folded) is kept up to date by
    /// every import, so a search only reads and works on a store nobody may write.
    public func concordance(_ words: String, language: LanguageTag?, limit: Int) async throws -> [ConcordanceHit] {
        do {
            return try await queue.read { db in
                var sql = """
                    SELECT v.unit_id, v.lang, highlight(variants_fts, 0, char(1), char(2))
                    FROM variants_fts JOIN variants v ON v.id = variants_fts.rowid
                    WHERE variants_fts MATCH ?
                    """
                var arguments: [any DatabaseValueConvertible] = [Self.ftsQuery(words, language: language)]
                if let language {
                    sql += " AND v.lang_base = ?"
                    arguments.append(language.language.lowercased())
                }
                sql += " ORDER BY rank LIMIT ?"
                arguments.append(limit)
                var hits: [ConcordanceHit] = []
                for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
                    let (text, highlights) = Self.unmark(row[2])
                    let unit: Int64 = row[0]
                    let others = try Row.fetchAll(
                        db, sql: "SELECT lang, text FROM variants WHERE unit_id = ? AND lang != ? ORDER BY position",
                        arguments: [unit, row[1] as String]
                    ).map { (LanguageTag($0[0] as String), $0[1] as String) }
                    hits.append(
                        ConcordanceHit(unitID: unit, language: LanguageTag(row[1] as String), text: text, highlights: highlights, translations: others))
                }
                return hits
            }
        } catch let error as DatabaseError {
            throw TMStoreError(error, path: path)
        }
    }

    /// The user's words as an FTS5 query (see ``ConcordanceQuery``).
    static func ftsQuery(_ words: String, language: LanguageTag? = nil) -> String {
        ConcordanceQuery(words, language: language).fts5
    }

    /// Removes the highlight marks (U+0001 … U+0002) and returns the ranges they marked.
    static func unmark(_ marked: String) -> (String, [Range<Int>]) {
        var text = String.UnicodeScalarView()
        var ranges: [Range<Int>] = []
        var start = 0
        var count = 0
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "\u{1}": start = count
            case "\u{2}": ranges.append(start..<count)
            default:
                text.append(scalar)
                count += 1
            }
        }
        return (String(text), ranges)
    }
}
