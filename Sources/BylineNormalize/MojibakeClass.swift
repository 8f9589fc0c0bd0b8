import CBylineICU

/// The coarse character classes the mojibake score looks at.
///
/// UTF-8 read as a single-byte code page turns one letter into a lead character (an
/// accented capital such as `Ã` or `Ð`, a Cyrillic capital such as `Р`, a box-drawing
/// piece) followed by one to three continuation characters (currency signs, `©`, `°`,
/// `µ`, `™`, curly quotes). Real text seldom puts such symbols straight after a letter, so
/// counting odd neighbours tells garbled text from text that merely has accents.
enum MojibakeClass: UInt8 {
    case unknown = 0
    case space, asciiUpper, asciiLower, digit, asciiPunctuation
    /// Non-ASCII letters.
    case upper, lower, caseless
    case mark
    /// Punctuation that ordinarily touches a word on either side: ’ ‘ “ – —.
    case wordPunctuation
    /// Punctuation that opens before a word: « ‹ „ ‚.
    case openingPunctuation
    /// Punctuation that closes after a word: » › ” … ™ ®.
    case closingPunctuation
    /// The Latin-1 and Windows code page symbols that garbling produces and real text rarely
    /// puts beside a letter: ¢ ¤ ¦ § ¨ © ª ¬ ¯ ° ± ² ³ ´ µ ¶ · ¸ ¹ º ¼ ½ ¾ ¿ ƒ ˆ ˜ † ‡ • ‰ € …
    case oddSymbol
    case symbol
    /// Box drawing and block elements (code page 437 mojibake).
    case box
    case control
    /// Characters almost never seen in running text: unassigned, private use, IPA, modifier
    /// letters, archaic and minority-script blocks a misreading lands in.
    case rare

    var isLetter: Bool { self == .asciiUpper || self == .asciiLower || self == .upper || self == .lower || self == .caseless }
    var isNonASCIILetter: Bool { self == .upper || self == .lower || self == .caseless }
    var isLowercase: Bool { self == .asciiLower || self == .lower }
    var isPunctuation: Bool {
        self == .wordPunctuation || self == .openingPunctuation || self == .closingPunctuation || self == .oddSymbol
            || self == .symbol
    }

    static func of(_ scalar: UInt32) -> MojibakeClass {
        switch scalar {
        case 0x09, 0x0A, 0x0D, 0x20: return .space
        case 0x41...0x5A: return .asciiUpper
        case 0x61...0x7A: return .asciiLower
        case 0x30...0x39: return .digit
        case 0x00...0x1F, 0x7F...0x9F: return .control
        case 0x21...0x7E: return .asciiPunctuation
        case 0x2018, 0x2019, 0x201C, 0x2013, 0x2014: return .wordPunctuation
        case 0x00AB, 0x2039, 0x201E, 0x201A: return .openingPunctuation
        case 0x00BB, 0x203A, 0x201D, 0x2026, 0x2122, 0x00AE: return .closingPunctuation
        case 0x00A1...0x00BF, 0x00D7, 0x00F7, 0x0192, 0x02C6, 0x02C7, 0x02D8, 0x02D9, 0x02DA, 0x02DB, 0x02DC,
            0x02DD, 0x2020, 0x2021, 0x2022, 0x2030, 0x20AC, 0x2116, 0x221A, 0x2248, 0x2206, 0x25CA, 0x220F,
            0x2211, 0x222B, 0x2260, 0x2264, 0x2265, 0x221E, 0x2044, 0x2202, 0x2126, 0x2310, 0x2320,
            0x2321, 0x2219, 0x207F, 0x25A0:
            return .oddSymbol
        case 0x2500...0x259F: return .box
        // The soft hyphen is a legitimate break hint after a lower-case letter; only after
        // a capital is it odd (see the pair weights).
        case 0x00AD: return .symbol
        case 0x0250...0x02FF:
            // IPA and modifier letters, except the ones alphabets use (ə ɛ ɔ, ʻ ʼ).
            return [0x0254, 0x0259, 0x025B, 0x02BB, 0x02BC].contains(scalar) ? .lower : .rare
        case 0x0180...0x024F:
            let common: Set<UInt32> = [
                0x018F, 0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x01E6, 0x01E7, 0x01EA, 0x01EB, 0x01F4, 0x01F5, 0x0218,
                0x0219, 0x021A, 0x021B,
            ]
            if common.contains(scalar) || (0x01CD...0x01DC).contains(scalar) { break }
            return .rare
        case 0x017F, 0x0370...0x0385, 0x03CF...0x03FF, 0x0460...0x048F, 0x0500...0x052F, 0x0700...0x08FF,
            0x1D00...0x1DBF, 0x3190...0x319F, 0xE000...0xF8FF, 0xFFF0...0xFFFC, 0xFFFE, 0xFFFF:
            return .rare
        default: break
        }
        // ICU's UCharCategory: 0 unassigned, 1 Lu, 2 Ll, 3 Lt, 4 Lm, 5 Lo, 6 Mn, 7 Me, 8 Mc,
        // 12 Zs, 15 Cc, 16 Cf, 17 Co, 18 Cs, 19-23 and 28-29 punctuation, 24-27 symbols.
        switch byline_general_category(Int32(bitPattern: scalar)) {
        case 0, 17, 18: return .rare
        case 1, 3: return .upper
        case 2: return .lower
        case 4, 5: return .caseless
        case 6, 7, 8: return .mark
        case 9, 10, 11: return .digit
        case 12, 13, 14: return .space
        case 15: return .control
        default: return .symbol
        }
    }
}
