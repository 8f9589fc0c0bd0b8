import CBylineICU

/// The `fold` mapping of one scalar: a search key in the manner of UTR #30 and Lucene's
/// ICUFoldingFilter.
///
/// ICU supplies NFKC_Casefold (Turkic dotted and dotless i for tr and az), with every mark
/// of non-zero combining class removed; on top of that come the foldings ICU's data has no
/// property for: letters with a stroke or a ligature that do not decompose (đ, ø, ł, æ),
/// dashes and minus signs to a hyphen-minus, typographic apostrophes and quotation marks
/// to ASCII, native decimal digits to ASCII digits, the Arabic tatweel removed.
enum Folding {
    /// Letters that no decomposition relates to their base letter, and what a searcher
    /// types for them.
    static let letterForms: [UInt32: String] = [
        0x00E6: "ae", 0x00F0: "d", 0x00F8: "o", 0x00FE: "th", 0x0111: "d", 0x0127: "h", 0x0131: "i",
        0x0138: "q", 0x0142: "l", 0x0153: "oe", 0x0167: "t", 0x0180: "b", 0x0183: "b", 0x0188: "c",
        0x018C: "d", 0x0192: "f", 0x0199: "k", 0x019A: "l", 0x01A5: "p", 0x01AD: "t", 0x01B4: "y",
        0x01B6: "z", 0x01E5: "g", 0x0221: "d", 0x0234: "l", 0x0235: "n", 0x0236: "t", 0x0237: "j",
        0x023C: "c", 0x023F: "s", 0x0240: "z", 0x0247: "e", 0x0249: "j", 0x024B: "q", 0x024D: "r",
        0x024F: "y", 0x0253: "b", 0x0256: "d", 0x0257: "d", 0x0260: "g", 0x0266: "h", 0x0268: "i",
        0x026B: "l", 0x026C: "l", 0x026D: "l", 0x0271: "m", 0x0272: "n", 0x0273: "n", 0x027C: "r",
        0x027D: "r", 0x027E: "r", 0x0282: "s", 0x0288: "t", 0x0289: "u", 0x028B: "v", 0x0290: "z",
        0x0291: "z", 0x1D6B: "ue", 0xA733: "aa", 0xA735: "ao", 0xA737: "au", 0xA739: "av", 0xA73D: "ay",
        0xA74F: "oo", 0xA761: "vy",
    ]

    /// The mapping for one scalar; nil when the scalar is its own key.
    static func mapping(turkic: Bool) -> ScalarMapper.Mapping {
        { scalar in
            var buffer = [UInt8](repeating: 0, count: 96)
            let length = Int(byline_fold_code_point(Int32(bitPattern: scalar), turkic ? 1 : 0, &buffer, 96))
            let original = Unicode.Scalar(scalar).map(\.utf8Bytes) ?? []
            let folded = length >= 0 ? Array(buffer.prefix(length)) : original
            var result: [UInt8] = []
            for produced in String(decoding: folded, as: UTF8.self).unicodeScalars {
                if let replacement = extraFolding(of: produced, turkic: turkic) {
                    result.append(contentsOf: replacement.utf8)
                } else {
                    result.append(contentsOf: produced.utf8Bytes)
                }
            }
            return result == original ? nil : result
        }
    }

    private static func extraFolding(of scalar: Unicode.Scalar, turkic: Bool) -> String? {
        let value = scalar.value
        if value < 0x80 { return nil }
        if value == 0x0131 { return turkic ? nil : "i" }
        if let form = letterForms[value] { return form }
        switch value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC, 0xFF07: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB: return "\""
        case 0x2212, 0x2043: return "-"
        case 0x0640: return ""
        default: break
        }
        let category = byline_general_category(Int32(value))
        // U_DASH_PUNCTUATION = 19, U_SPACE_SEPARATOR = 12 in ICU's UCharCategory.
        if category == 19 { return "-" }
        if category == 12 { return " " }
        let digit = byline_decimal_digit_value(Int32(value))
        if digit >= 0 { return String(digit) }
        return nil
    }
}
