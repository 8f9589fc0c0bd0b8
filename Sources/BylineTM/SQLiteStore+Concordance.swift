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
    public func concordance(_ words: String, language: LanguageTag?, limit: Int) throws -> [ConcordanceHit] {
        do {
            return try queue.read { db in
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

    /// The user's words as an FTS5 query: each bare word quoted (so no word is read as an
    /// operator) and searched with its forms (see ``concordance(_:language:limit:)``),
    /// phrases in double quotes kept whole.
    static func ftsQuery(_ words: String, language: LanguageTag? = nil) -> String {
        var parts: [String] = []
        var phrase: String?
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "") + "\"" }
        for piece in words.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(piece)
            if phrase == nil, word.hasPrefix("\"") {
                word.removeFirst()
                if word.hasSuffix("\""), !word.isEmpty {
                    word.removeLast()
                    parts.append(quoted(word))
                } else {
                    phrase = word
                }
                continue
            }
            if let open = phrase {
                if word.hasSuffix("\"") {
                    word.removeLast()
                    parts.append(quoted(open + " " + word))
                    phrase = nil
                } else {
                    phrase = open + " " + word
                }
                continue
            }
            let cleaned = word.replacingOccurrences(of: "\"", with: "")
            guard !cleaned.isEmpty else { continue }
            var forms: [String] = []
            for folded in caseFoldings(cleaned, language: language) {
                let letters = Array(folded)
                // Short words match only themselves: `в*` would match half of a Russian text.
                guard letters.count >= 3 else {
                    forms.append(quoted(folded))
                    continue
                }
                forms.append(quoted(folded) + " *")
                if letters.count >= 7 {
                    for length in Set([letters.count - 2, letters.count - 1]) where length >= 6 {
                        forms.append(quoted(String(letters.prefix(length))) + " *")
                    }
                }
            }
            let unique = forms.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            parts.append(unique.count == 1 ? unique[0] : "(" + unique.joined(separator: " OR ") + ")")
        }
        if let open = phrase { parts.append(quoted(open)) }
        // FTS5 reads `"a" * "b"` as a syntax error; the AND it implies is written out.
        return parts.joined(separator: " AND ")
    }

    /// `word` in lower case by `language`'s rules; with no language, every reading of a
    /// dotless or dotted I (Turkish and Azerbaijani against the rest).
    static func caseFoldings(_ word: String, language: LanguageTag?) -> [String] {
        let turkic: Set<String> = ["tr", "az", "crh", "gag", "tt", "kk"]
        func lower(_ text: String, turkicRules: Bool) -> String {
            guard turkicRules else { return text.lowercased() }
            var result = ""
            for character in text {
                switch character {
                case "I": result.append("ı")
                case "İ": result.append("i")
                default: result += String(character).lowercased()
                }
            }
            return result
        }
        guard word.contains(where: { $0 == "I" || $0 == "İ" || $0 == "ı" || $0 == "i" }) else { return [word.lowercased()] }
        if let language {
            return [lower(word, turkicRules: turkic.contains(language.language))]
        }
        var readings = [lower(word, turkicRules: false), lower(word, turkicRules: true)]
        // A lower-case `i` typed for a dotless `ı` on a keyboard without it.
        let dotless = String(readings[0].map { $0 == "i" ? "ı" : $0 })
        if !readings.contains(dotless) { readings.append(dotless) }
        return readings.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
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
