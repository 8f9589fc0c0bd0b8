/// Splits a sentence into the pieces the aligner compares: words (runs of letters and
/// marks), numbers (digits with their group and decimal separators) and a few marks of
/// punctuation that survive translation (`?`, `!`, quotation marks).
///
/// Runs over Unicode scalars once; works on folded and on original text alike, so the two
/// give the same words in the same order whenever folding keeps letters letters.
struct TokenScanner {
    enum Kind: UInt8 {
        case word, number, mark
    }

    struct Token {
        var kind: Kind
        /// The token's text; for a number its digits alone (`8,000`, `8 000`, `8.000` → `8000`).
        var text: String
        /// Whether the first letter is upper case (original text only).
        var isCapitalized: Bool
    }

    /// The tokens of `text`, in order.
    static func tokens(in text: Substring) -> [Token] {
        var result: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                var digits = String.UnicodeScalarView()
                var position = index
                while position < count {
                    while position < count, isDigit(scalars[position]) {
                        digits.append(scalars[position])
                        position += 1
                    }
                    // A separator joins the next digits when a thousands group (three digits)
                    // or, for `.` and `,`, a decimal part follows.
                    guard position + 1 < count, isDigit(scalars[position + 1]) else { break }
                    let separator = scalars[position]
                    var run = 0
                    while position + 1 + run < count, isDigit(scalars[position + 1 + run]) { run += 1 }
                    let decimal = separator == "." || separator == ","
                    let grouping = run == 3 && (separator == " " || separator == "\u{A0}" || separator == "\u{202F}"
                        || separator == "'" || separator == "\u{2009}")
                    guard decimal || grouping else { break }
                    position += 1
                }
                index = position
                var text = String(digits)
                while text.count > 1, text.first == "0" { text.removeFirst() }
                result.append(Token(kind: .number, text: text, isCapitalized: false))
            } else if isLetter(scalar) {
                var word = String.UnicodeScalarView()
                let capitalized = scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
                while index < count, isLetter(scalars[index]) {
                    word.append(scalars[index])
                    index += 1
                }
                result.append(Token(kind: .word, text: String(word), isCapitalized: capitalized))
            } else {
                switch scalar {
                case "?", "\u{037E}", "\u{061F}", "\u{FF1F}":
                    result.append(Token(kind: .mark, text: "?", isCapitalized: false))
                case "!", "\u{FF01}":
                    result.append(Token(kind: .mark, text: "!", isCapitalized: false))
                case "\"", "\u{AB}", "\u{BB}", "\u{201C}", "\u{201D}", "\u{201E}":
                    result.append(Token(kind: .mark, text: "\"", isCapitalized: false))
                default: break
                }
                index += 1
            }
        }
        return result
    }

    @inline(__always) static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return properties.numericType == nil }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    /// True for letters outside the Latin blocks (Cyrillic, Greek, Arabic, …).
    @inline(__always) static func isNonLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x250 || (value >= 0x1E00 && value <= 0x1EFF) { return false }
        return scalar.properties.isAlphabetic
    }
}
