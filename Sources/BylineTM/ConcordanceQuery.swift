import BylineText
import Foundation

/// What a concordance search asks for, apart from the engine that runs it: every part must
/// be found; a part is a phrase (its words in a row) or one word in any of its forms.
///
/// A word finds its inflected forms: it is searched as a prefix (`процент` finds
/// `процентов`), and a word of seven letters or more also by its first letters less one
/// or two ending letters, never fewer than six (`процентов` finds `процент`). A word of
/// fewer than three letters matches only itself. Case is folded by the language's rules: in
/// Turkish and Azerbaijani `I` is the capital of `ı` (`BAKIDA` finds `Bakıda`); with no
/// language every reading is searched. SQLite runs it as an FTS5 query, PostgreSQL as a
/// `tsquery` over the same folded words (see ``ConcordanceText``).
package struct ConcordanceQuery: Sendable, Hashable {
    /// One way a word may be written in a stored segment.
    package struct Form: Sendable, Hashable {
        package var text: String
        /// True when any word beginning with `text` matches.
        package var isPrefix: Bool
    }

    package enum Part: Sendable, Hashable {
        case phrase(String)
        case word([Form])
    }

    package var parts: [Part]

    /// Reads the user's words: bare words, and phrases in double quotes.
    package init(_ words: String, language: LanguageTag?) {
        var parts: [Part] = []
        var phrase: String?
        for piece in words.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(piece)
            if phrase == nil, word.hasPrefix("\"") {
                word.removeFirst()
                if word.hasSuffix("\""), !word.isEmpty {
                    word.removeLast()
                    parts.append(.phrase(Self.unquoted(word)))
                } else {
                    phrase = word
                }
                continue
            }
            if let open = phrase {
                if word.hasSuffix("\"") {
                    word.removeLast()
                    parts.append(.phrase(Self.unquoted(open + " " + word)))
                    phrase = nil
                } else {
                    phrase = open + " " + word
                }
                continue
            }
            let cleaned = Self.unquoted(word)
            guard !cleaned.isEmpty else { continue }
            var forms: [Form] = []
            for folded in Self.caseFoldings(cleaned, language: language) {
                let letters = Array(folded)
                // Short words match only themselves: `в*` would match half of a Russian text.
                guard letters.count >= 3 else {
                    forms.append(Form(text: folded, isPrefix: false))
                    continue
                }
                forms.append(Form(text: folded, isPrefix: true))
                if letters.count >= 7 {
                    for length in Set([letters.count - 2, letters.count - 1]) where length >= 6 {
                        forms.append(Form(text: String(letters.prefix(length)), isPrefix: true))
                    }
                }
            }
            let unique = forms.reduce(into: [Form]()) { if !$0.contains($1) { $0.append($1) } }
            parts.append(.word(unique))
        }
        if let open = phrase { parts.append(.phrase(Self.unquoted(open))) }
        self.parts = parts
    }

    private static func unquoted(_ text: String) -> String { text.replacingOccurrences(of: "\"", with: "") }

    /// The query in FTS5's syntax: each word quoted (so no word is read as an operator).
    package var fts5: String {
        func quoted(_ text: String) -> String { "\"" + text + "\"" }
        // FTS5 reads `"a" * "b"` as a syntax error; the AND it implies is written out.
        return parts.map { part in
            switch part {
            case .phrase(let text): return quoted(text)
            case .word(let forms):
                let rendered = forms.map { quoted($0.text) + ($0.isPrefix ? " *" : "") }
                return rendered.count == 1 ? rendered[0] : "(" + rendered.joined(separator: " OR ") + ")"
            }
        }.joined(separator: " AND ")
    }

    /// The query as a PostgreSQL `tsquery` literal over ``ConcordanceText/folded(_:)``
    /// words, or nil when no part has a word left to search.
    package var tsquery: String? {
        func lexeme(_ word: String) -> String {
            "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
        }
        var rendered: [String] = []
        for part in parts {
            switch part {
            case .phrase(let text):
                let words = ConcordanceText.words(in: text).map(\.folded).filter { !$0.isEmpty }
                guard !words.isEmpty else { return nil }
                rendered.append("(" + words.map(lexeme).joined(separator: " <-> ") + ")")
            case .word(let forms):
                var alternatives: [String] = []
                for form in forms {
                    // A form the stored text would split (a hyphen, an apostrophe) is searched as a phrase.
                    let words = ConcordanceText.words(in: form.text).map(\.folded).filter { !$0.isEmpty }
                    guard !words.isEmpty else { continue }
                    var pieces = words.map(lexeme)
                    if form.isPrefix { pieces[pieces.count - 1] += ":*" }
                    alternatives.append("(" + pieces.joined(separator: " <-> ") + ")")
                }
                guard !alternatives.isEmpty else { return nil }
                rendered.append("(" + alternatives.joined(separator: " | ") + ")")
            }
        }
        return rendered.isEmpty ? nil : rendered.joined(separator: " & ")
    }

    /// True when the folded stored word `word` is one the query looks for: a form, a
    /// word beginning with a prefix form, or a word of a phrase.
    package func highlights(_ word: String) -> Bool {
        for part in parts {
            switch part {
            case .phrase(let text):
                if ConcordanceText.words(in: text).contains(where: { $0.folded == word }) { return true }
            case .word(let forms):
                for form in forms {
                    let folded = ConcordanceText.folded(form.text)
                    if form.isPrefix ? word.hasPrefix(folded) : word == folded { return true }
                }
            }
        }
        return false
    }

    /// `word` in lower case by `language`'s rules; with no language, every reading of a
    /// dotless or dotted I (Turkish and Azerbaijani against the rest).
    package static func caseFoldings(_ word: String, language: LanguageTag?) -> [String] {
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
}

/// The words of a segment as a concordance compares them: runs of letters and digits
/// (combining marks stay with their letter), lower-cased, accents removed, as SQLite's
/// `unicode61` tokenizer with `remove_diacritics 2` reads them. PostgreSQL stores them as
/// a `tsvector` written here, so its text-search parser and the server's locale play no
/// part.
package enum ConcordanceText {
    package struct Word: Sendable, Hashable {
        /// Where the word is, in Unicode scalars of the text.
        package var scalarRange: Range<Int>
        package var folded: String
    }

    package static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var start: Int?
        var current = String.UnicodeScalarView()
        var offset = 0
        func close() {
            if let begin = start { words.append(Word(scalarRange: begin..<offset, folded: folded(String(current)))) }
            start = nil
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            let isWordScalar =
                properties.isAlphabetic || properties.numericType != nil
                || (start != nil && properties.generalCategory == .nonspacingMark)
            if isWordScalar {
                if start == nil { start = offset }
                current.append(scalar)
            } else {
                close()
            }
            offset += 1
        }
        close()
        return words
    }

    /// `word` lower-cased, with the combining marks of its canonical decomposition removed.
    package static func folded(_ word: String) -> String {
        // Most words of most memories are ASCII, where folding is lower-casing bytes.
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = Array(word.utf8)
            for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] += 0x20 }
            return String(decoding: bytes, as: UTF8.self)
        }
        let lowered = word.lowercased().decomposedStringWithCanonicalMapping
        var result = String.UnicodeScalarView()
        for scalar in lowered.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            result.append(scalar)
        }
        return String(result)
    }

    /// The text's words as a `tsvector` literal, each with its position (1-based; PostgreSQL
    /// keeps positions up to 16,383 and drops words longer than 2,046 bytes): the words and
    /// folds of ``words(in:)``, found with a table of the scalars' properties
    /// (``ConcordanceScalars``) instead of asking for them scalar by scalar.
    package static func tsvector(_ text: String) -> String {
        var copy = text
        if let ascii = copy.withUTF8({ asciiTSVector($0) }) { return ascii }
        let table = ConcordanceScalars.shared
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 2)
        var word: [Unicode.Scalar] = []
        var byScalar = true
        var position = 0
        func put(_ byte: UInt8) {
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\\") { output.append(byte) }
            output.append(byte)
        }
        func close() {
            guard !word.isEmpty else { return }
            position += 1
            let mark = output.count
            if !output.isEmpty { output.append(0x20) }
            output.append(UInt8(ascii: "'"))
            var length = 0
            if byScalar {
                for scalar in word {
                    let start = Int(table.foldStarts[Int(scalar.value)])
                    let end = Int(table.foldStarts[Int(scalar.value) + 1])
                    for index in start..<end { put(table.foldBytes[index]) }
                    length += end - start
                }
            } else {
                let whole = folded(String(String.UnicodeScalarView(word)))
                length = whole.utf8.count
                for byte in whole.utf8 { put(byte) }
            }
            word.removeAll(keepingCapacity: true)
            byScalar = true
            // A word of marks alone (an Indic vowel sign after a break) folds to nothing and
            // is left out; PostgreSQL refuses an empty word.
            guard length > 0, length < 2000 else {
                output.removeSubrange(mark...)
                return
            }
            output.append(UInt8(ascii: "'"))
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: String(min(position, 16383)).utf8)
        }
        for scalar in text.unicodeScalars {
            var kind: UInt8
            if scalar.value < 0x10000 {
                kind = table.classes[Int(scalar.value)]
            } else {
                let properties = scalar.properties
                kind =
                    properties.isAlphabetic || properties.numericType != nil
                    ? ConcordanceScalars.wordScalar
                    : properties.generalCategory == .nonspacingMark ? ConcordanceScalars.nonspacingMark : 0
                kind |= ConcordanceScalars.foldedByWord
            }
            let base = kind & ~ConcordanceScalars.foldedByWord
            if base == ConcordanceScalars.wordScalar || (base == ConcordanceScalars.nonspacingMark && !word.isEmpty) {
                word.append(scalar)
                if kind & ConcordanceScalars.foldedByWord != 0 { byScalar = false }
            } else {
                close()
            }
        }
        close()
        return String(decoding: output, as: UTF8.self)
    }

    /// ``tsvector(_:)`` of a text of ASCII bytes only (most English segments), found byte by
    /// byte without Unicode's tables; nil when the text has other bytes.
    private static func asciiTSVector(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        var position = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte < 0x80 else { return nil }
            let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            guard isWordByte else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || (bytes[index] | 0x20 >= 0x61 && bytes[index] | 0x20 <= 0x7A) {
                index += 1
            }
            if index < bytes.count, bytes[index] >= 0x80 { return nil }
            position += 1
            guard index - start < 2000 else { continue }
            if !output.isEmpty { output.append(0x20) }
            output.append(0x27)
            for byte in bytes[start..<index] { output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
            output.append(0x27)
            output.append(0x3A)
            output.append(contentsOf: String(min(position, 16383)).utf8)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// What ``ConcordanceText`` needs to know of each scalar of the Basic Multilingual Plane,
/// computed once from Unicode's properties (some 80 ms): whether it is a letter or number
/// (a word scalar), a nonspacing mark (a word scalar after one) or neither, and its fold
/// (lower-cased, canonically decomposed, nonspacing marks removed) as UTF-8.
///
/// A word's fold is its scalars' folds one after another when lower-casing goes one scalar
/// at a time (Swift's does; a capital sigma, lowered by its place in some libraries, is
/// left to the whole word all the same) and decomposition leaves nothing but nonspacing
/// marks with a non-zero combining class (canonical reordering over a whole word moves
/// only those, and the nonspacing marks are removed). A scalar for which this fails is
/// marked ``foldedByWord``, and its words are folded whole by ``ConcordanceText/folded(_:)``.
/// Checked against the whole-word fold on the 697,036 texts with non-ASCII letters of the
/// 887,251-unit evaluation memory (170 languages): the same bytes for every one.
struct ConcordanceScalars: Sendable {
    static let wordScalar: UInt8 = 1
    static let nonspacingMark: UInt8 = 2
    static let foldedByWord: UInt8 = 0x10

    /// ``wordScalar``, ``nonspacingMark`` or 0, with ``foldedByWord`` when it applies.
    let classes: [UInt8]
    /// Where each scalar's fold starts in ``foldBytes``; one entry more, for the end.
    let foldStarts: [UInt32]
    let foldBytes: [UInt8]

    static let shared = ConcordanceScalars()

    private init() {
        var classes = [UInt8](repeating: 0, count: 0x10000)
        var starts = [UInt32](repeating: 0, count: 0x10001)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(0x30000)
        for value in 0..<0x10000 {
            starts[value] = UInt32(bytes.count)
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let properties = scalar.properties
            var kind: UInt8 =
                properties.isAlphabetic || properties.numericType != nil
                ? Self.wordScalar : properties.generalCategory == .nonspacingMark ? Self.nonspacingMark : 0
            guard kind != 0 else { continue }
            var byScalar = value != 0x03A3
            for part in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
            where part.properties.generalCategory != .nonspacingMark {
                if part.properties.canonicalCombiningClass.rawValue != 0 { byScalar = false }
                bytes.append(contentsOf: String(part).utf8)
            }
            if !byScalar { kind |= Self.foldedByWord }
            classes[value] = kind
        }
        starts[0x10000] = UInt32(bytes.count)
        self.classes = classes
        foldStarts = starts
        foldBytes = bytes
    }
}
