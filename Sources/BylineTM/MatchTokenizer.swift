import BylineText

/// A token of a segment as fuzzy matching sees it.
public struct MatchToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Letters, with inner apostrophes and hyphens (`don't`, `North-Korean`).
        case word
        /// Digits with inner separators (`1,200`, `3.5`, `8 000` with a no-break space).
        case number
        /// Any other visible character, one per token.
        case punctuation
    }

    /// The token as written.
    public var text: String
    /// Lower-cased, for comparison.
    public var folded: String
    public var kind: Kind

    public init(text: String, folded: String, kind: Kind) {
        self.text = text
        self.folded = folded
        self.kind = kind
    }
}

/// Splits segments into match tokens and index terms.
public enum MatchTokenizer {
    /// The tokens of `text` in `language`; white space separates and is dropped. A
    /// no-break, narrow no-break or thin space inside a number groups its digits in every
    /// language (`8 000`); a plain space does too where the language groups digits with a
    /// space (CLDR through ``NumberConventions``: Russian, Ukrainian, Kazakh, French write
    /// `15 000`), since copy typed on an ordinary keyboard has no no-break space. Without a
    /// language, a plain space always separates.
    public static func tokens(_ text: String, language: LanguageTag? = nil) -> [MatchToken] {
        tokens(text, plainSpaceGroupsDigits: language.map(plainSpaceGroupsDigits(in:)) ?? false)
    }

    /// True when `language` groups the digits of a number with a space of some kind (its
    /// CLDR grouping separator is a space), so that a plain space may stand for it.
    public static func plainSpaceGroupsDigits(in language: LanguageTag) -> Bool {
        NumberConventions.of(language).groupingSeparator.unicodeScalars.allSatisfy { NumberRun.spaces.contains($0) }
    }

    /// The tokens of `text`, a plain space grouping digits when `plainSpaceGroupsDigits`.
    static func tokens(_ text: String, plainSpaceGroupsDigits: Bool) -> [MatchToken] {
        var tokens: [MatchToken] = []
        // The scalars, and where each starts in the UTF-8 (one more for the end), so that a
        // token is a slice of the text, not a string rebuilt scalar by scalar.
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(text.utf8.count)
        offsets.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        let utf8 = text.utf8
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if MatchKey.isSpace(scalar) {
                index += 1
                continue
            }
            let start = index
            let kind: MatchToken.Kind
            if isLetter(scalar) {
                kind = .word
                index += 1
                while index < scalars.count {
                    if isLetter(scalars[index]) || isDigit(scalars[index]) {
                        index += 1
                    } else if isJoiner(scalars[index]), index + 1 < scalars.count, isLetter(scalars[index + 1]) {
                        index += 2
                    } else {
                        break
                    }
                }
            } else if isDigit(scalar) {
                kind = .number
                index += 1
                while index < scalars.count {
                    if isDigit(scalars[index]) {
                        index += 1
                    } else if (scalars[index] == "," || scalars[index] == "." || scalars[index] == "'"),
                        index + 1 < scalars.count, isDigit(scalars[index + 1])
                    {
                        index += 2
                    } else if groupsDigits(scalars, at: index, numberStart: start, plainSpace: plainSpaceGroupsDigits) {
                        index += 1
                    } else {
                        break
                    }
                }
            } else {
                kind = .punctuation
                index += 1
            }
            let piece = String(
                Substring(utf8[utf8.index(utf8.startIndex, offsetBy: offsets[start])..<utf8.index(utf8.startIndex, offsetBy: offsets[index])]))
            tokens.append(MatchToken(text: piece, folded: kind == .word ? fold(piece) : piece, kind: kind))
        }
        return tokens
    }

    /// True when the space at `index` groups the digits of one number, as Russian, French
    /// and Kazakh write `8 000` with a no-break, narrow no-break or thin space (or, with
    /// `plainSpace`, a plain one): exactly three digits follow and the number so far has at
    /// most three digits in its first group, so `в 2019 100 человек` stays two numbers. A
    /// plain space otherwise separates numbers (`in 2019 100 people`, `page 15 000`).
    static func groupsDigits(_ scalars: [Unicode.Scalar], at index: Int, numberStart: Int, plainSpace: Bool = false) -> Bool {
        let space = scalars[index]
        guard space == "\u{A0}" || space == "\u{202F}" || space == "\u{2009}" || (plainSpace && space == " ") else {
            return false
        }
        var digits = 0
        var probe = index + 1
        while probe < scalars.count, isDigit(scalars[probe]) {
            digits += 1
            probe += 1
        }
        guard digits == 3 else { return false }
        var firstGroup = 0
        var scan = numberStart
        while scan < index, isDigit(scalars[scan]) {
            firstGroup += 1
            scan += 1
        }
        return firstGroup <= 3
    }

    /// Lower case, with the typographic apostrophe made plain so `don’t` matches `don't`.
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            if !word.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return word }
            return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return word.lowercased().replacingApostrophes()
    }

    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        case ..<ScalarFacts.end: ScalarFacts.table[Int(scalar.value) &- 0x80] & ScalarFacts.letter != 0
        default: scalar.properties.isAlphabetic
        }
    }

    @inline(__always) static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39: true
        case 0..<0x80: false
        case ..<ScalarFacts.end: ScalarFacts.table[Int(scalar.value) &- 0x80] & ScalarFacts.digit != 0
        default: scalar.properties.numericType == .decimal
        }
    }

    /// What tokenizing asks of a scalar — letter, decimal digit, lower-case form — read
    /// from the Unicode properties once for every scalar from U+0080 to U+30FF (the
    /// alphabets of Europe, the Middle East, India and South-East Asia, and the CJK
    /// punctuation): a property lookup searches Unicode's tables and cost more than the
    /// rest of indexing together. Scalars above the table ask the properties, as before;
    /// the answers are the same either way.
    enum ScalarFacts {
        static let end: UInt32 = 0x3100
        static let letter: UInt64 = 1
        static let digit: UInt64 = 2
        /// Set when the scalar changes when lower-cased: bits 8–11 then hold how many UTF-8
        /// bytes its lower-case mapping has (at most 6), bits 16–63 the bytes.
        static let lowers: UInt64 = 4
        /// Set when the lower-case mapping is too long to be held here.
        static let longMapping: UInt64 = 8

        static let table: [UInt64] = (0x80..<end).map { value in
            guard let scalar = Unicode.Scalar(value) else { return 0 }
            let properties = scalar.properties
            var facts: UInt64 = 0
            if properties.isAlphabetic { facts |= letter }
            if properties.numericType == .decimal { facts |= digit }
            if properties.changesWhenLowercased {
                let bytes = Array(properties.lowercaseMapping.utf8)
                if bytes.count <= 6 {
                    facts |= lowers | UInt64(bytes.count) << 8
                    for (index, byte) in bytes.enumerated() { facts |= UInt64(byte) << (16 + 8 * index) }
                } else {
                    facts |= longMapping
                }
            }
            return facts
        }
    }

    @inline(__always) static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "’" || scalar == "-"
    }

    /// Languages whose words take long suffix chains; their index also has word prefixes,
    /// so `Londra'ya` and `Londra'dan` share a term.
    static let agglutinative: Set<String> = ["tr", "az", "kk", "uz", "ky", "tk", "tt", "ba", "fi", "hu", "et", "ko", "ja"]

    /// The index terms of a segment and its word count, in one pass without building
    /// tokens: its distinct words (lower-cased) and numbers, plus five-letter prefixes of
    /// long words in agglutinative languages, each hashed with the language. Queries and
    /// stored segments go through this same function, so their terms always agree.
    public static func indexTerms(_ text: String, language: String) -> (terms: [Int64], wordCount: Int) {
        var base: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in language.utf8 { base = (base ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let wordBase = (base ^ 0x1F) &* 0x100_0000_01b3
        let prefixBase = (base ^ 0x1E) &* 0x100_0000_01b3
        let prefixes = agglutinative.contains(language)
        var terms: [Int64] = []
        var wordCount = 0
        var hash = wordBase
        var prefixHash = prefixBase
        var length = 0
        var kind: MatchToken.Kind?
        var pendingJoiner: Unicode.Scalar?

        @inline(__always) func mix(_ hash: inout UInt64, _ scalar: Unicode.Scalar) {
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* 0x100_0000_01b3
                return
            }
            if scalar == "’" {
                hash = (hash ^ 0x27) &* 0x100_0000_01b3
                return
            }
            if scalar.value < ScalarFacts.end {
                let facts = ScalarFacts.table[Int(scalar.value) &- 0x80]
                if facts & ScalarFacts.lowers != 0 {
                    var bytes = facts >> 16
                    for _ in 0..<((facts >> 8) & 0xF) {
                        hash = (hash ^ (bytes & 0xFF)) &* 0x100_0000_01b3
                        bytes >>= 8
                    }
                    return
                }
                if facts & ScalarFacts.longMapping == 0 {
                    for byte in UTF8.encode(scalar)! { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                    return
                }
            }
            if scalar.properties.changesWhenLowercased {
                for lower in scalar.properties.lowercaseMapping.utf8 { hash = (hash ^ UInt64(lower)) &* 0x100_0000_01b3 }
            } else {
                for byte in UTF8.encode(scalar)! { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
        }
        func finishToken() {
            guard kind != nil else { return }
            terms.append(Int64(bitPattern: hash))
            if prefixes, kind == .word, length > 6 { terms.append(Int64(bitPattern: prefixHash)) }
            wordCount += 1
            kind = nil
            hash = wordBase
            prefixHash = prefixBase
            length = 0
        }
        func append(_ scalar: Unicode.Scalar) {
            mix(&hash, scalar)
            length += 1
            // Only languages that index prefixes pay for hashing one.
            if prefixes, length <= 5 { mix(&prefixHash, scalar) }
        }

        for scalar in text.unicodeScalars {
            let letter = isLetter(scalar)
            let digit = !letter && isDigit(scalar)
            if let joiner = pendingJoiner {
                pendingJoiner = nil
                // A joiner stays inside a word before a letter, inside a number before a digit.
                if (kind == .word && letter) || (kind == .number && digit) {
                    append(joiner)
                    append(scalar)
                    continue
                }
                finishToken()
            }
            if letter || (digit && kind == .word) {
                if kind == .number { finishToken() }
                if kind == nil { kind = .word }
                append(scalar)
            } else if digit {
                if kind == nil { kind = .number }
                append(scalar)
            } else if kind == .word, isJoiner(scalar) {
                pendingJoiner = scalar
            } else if kind == .number, scalar == "," || scalar == "." || scalar == "'" {
                pendingJoiner = scalar
            } else {
                finishToken()
            }
        }
        finishToken()
        // Distinct terms; a sort costs less than a set for a dozen of them.
        terms.sort()
        var distinct = 0
        for term in terms where distinct == 0 || terms[distinct - 1] != term {
            terms[distinct] = term
            distinct += 1
        }
        terms.removeLast(terms.count - distinct)
        return (terms, wordCount)
    }
}

extension String {
    fileprivate func replacingApostrophes() -> String {
        guard unicodeScalars.contains("’") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "’" ? "'" : $0 }))
    }
}
