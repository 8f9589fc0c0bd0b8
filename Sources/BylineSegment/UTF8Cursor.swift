/// Scalar-level reading of UTF-8 bytes around a position, for the newsroom passes.
///
/// The passes look at a few scalars on each side of a candidate boundary, so they decode
/// in place instead of building strings: a boundary costs a handful of byte reads.
struct UTF8Bytes {
    let bytes: UnsafeBufferPointer<UInt8>

    var count: Int { bytes.count }

    subscript(offset: Int) -> UInt8 { bytes[offset] }

    /// The scalar starting at `offset` and its length in bytes.
    func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[offset]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC0..<0xE0: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0..<0xF0: length = 3; value = UInt32(lead & 0x0F)
        default: length = 4; value = UInt32(lead & 0x07)
        }
        guard offset + length <= bytes.count else { return ("\u{FFFD}", 1) }
        for index in 1..<length {
            value = value << 6 | UInt32(bytes[offset + index] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The scalar that ends just before `offset`, and where it starts.
    func scalar(before offset: Int) -> (scalar: Unicode.Scalar, start: Int) {
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return (scalar(at: start).scalar, start)
    }

    /// The offset after the white space that starts at `offset`.
    func skippingSpace(from offset: Int) -> Int {
        var position = offset
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x80 {
                guard byte == 0x20 || (0x09...0x0D).contains(byte) else { break }
                position += 1
                continue
            }
            let (scalar, length) = scalar(at: position)
            guard scalar.isSegmentSpace else { break }
            position += length
        }
        return position
    }

    /// The offset where the white space that ends at `offset` begins.
    func skippingSpace(backFrom offset: Int) -> Int {
        var position = offset
        while position > 0 {
            let byte = bytes[position - 1]
            if byte < 0x80 {
                guard byte == 0x20 || (0x09...0x0D).contains(byte) else { break }
                position -= 1
                continue
            }
            let (scalar, start) = scalar(before: position)
            guard scalar.isSegmentSpace else { break }
            position = start
        }
        return position
    }

    /// True when the bytes in `range` hold a line or paragraph separator.
    func containsLineBreak(_ range: Range<Int>) -> Bool {
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            if byte < 0x80 {
                if (0x0A...0x0D).contains(byte) { return true }
                position += 1
                continue
            }
            let (scalar, length) = scalar(at: position)
            if scalar.isLineBreak { return true }
            position += length
        }
        return false
    }

    /// The number of line breaks in `range`, counting CR LF once.
    func lineBreakCount(_ range: Range<Int>) -> Int {
        var position = range.lowerBound
        var count = 0
        while position < range.upperBound {
            let (scalar, length) = scalar(at: position)
            if scalar.isLineBreak, !(scalar == "\r" && position + 1 < bytes.count && bytes[position + 1] == 0x0A) {
                count += 1
            }
            position += length
        }
        return count
    }

    /// False for a lead byte that starts no white space beyond ASCII (U+0085, U+00A0,
    /// U+1680, U+2000–U+205F, U+3000 and U+FEFF start with these).
    @inline(__always)
    static func mayLeadSpace(_ lead: UInt8) -> Bool {
        lead == 0xC2 || lead == 0xE1 || lead == 0xE2 || lead == 0xE3 || lead == 0xEF
    }

    /// True when lower-casing the scalars of `range` would change any of them.
    func changesWhenLowercased(_ range: Range<Int>) -> Bool {
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            if byte < 0x80 {
                if (0x41...0x5A).contains(byte) { return true }
                position += 1
                continue
            }
            let (scalar, length) = scalar(at: position)
            if scalar.changesWhenLowercased { return true }
            position += length
        }
        return false
    }

    /// The scalars of `range`, decoded into a string; for short pieces on rare paths.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// True when lower-casing changes the scalar (`A`, `Д`, `İ`), with fast paths for
    /// the lower-case Latin-1 and basic Cyrillic letters and for blocks of scripts
    /// without case (Hebrew to Tibetan, CJK and kana, Hangul).
    var changesWhenLowercased: Bool {
        switch value {
        case 0x41...0x5A: return true
        case 0..<0x80, 0xDF...0xFF, 0x430...0x45F, 0x590...0xFFF, 0x3000...0x9FFF, 0xAC00...0xD7AF: return false
        default: return properties.changesWhenLowercased
        }
    }

    /// White space as the segmenter skips it between sentences (UAX #29 Sp and Sep).
    var isSegmentSpace: Bool {
        switch value {
        // White_Space (Unicode 15) outside ASCII, plus ZERO WIDTH SPACE and the BOM.
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return true
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// A hard line or paragraph break.
    var isLineBreak: Bool {
        switch value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// A scalar that can end a sentence: `. ! ?`, the ellipsis, and every other
    /// Sentence_Terminal (`。`, `؟`, `।`, `։`). Public so that the summarizer reads a
    /// sentence's last mark as the segmenter does.
    public var isSentenceTerminator: Bool {
        switch value {
        case 0x2E, 0x21, 0x3F, 0x2026: return true
        case 0..<0x80: return false
        default: return properties.isSentenceTerminal
        }
    }

    /// Terminators of scripts written without spaces between sentences.
    var endsSentenceWithoutSpace: Bool {
        switch value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF0E, 0xFF61, 0x0964, 0x0965: return true
        default: return false
        }
    }

    /// Quotes and closing brackets that may follow a terminator (UAX #29 Close), and the
    /// grave accent that plain-text and tokenized copy write for quotation marks
    /// (`` ``like this.`` ``, `` `so.` ``).
    public var isCloser: Bool {
        switch value {
        case 0x22, 0x27, 0x29, 0x5D, 0x60, 0x7D: return true
        case 0..<0x80: return false
        default:
            switch properties.generalCategory {
            case .closePunctuation, .finalPunctuation, .initialPunctuation: return true
            default: return false
            }
        }
    }

    /// Quotes and opening brackets that may precede the first word of a sentence,
    /// plus Spanish `¿ ¡` and the grave accent written for an opening quotation mark.
    var isOpener: Bool {
        switch value {
        case 0x22, 0x27, 0x28, 0x5B, 0x60, 0x7B, 0xBF, 0xA1: return true
        case 0..<0x80: return false
        default:
            switch properties.generalCategory {
            case .openPunctuation, .initialPunctuation, .finalPunctuation: return true
            default: return false
            }
        }
    }

    /// A hyphen or dash that can lead a line of dialogue or a quotation.
    var isDash: Bool {
        switch value {
        case 0x2D, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return true
        default: return false
        }
    }

    /// A letter of any script (Alphabetic), with fast paths for ASCII, the Latin-1
    /// letters and the basic Cyrillic block.
    var isLetter: Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A: return true
        case 0..<0x80, 0xD7, 0xF7: return false
        case 0xC0...0xFF, 0x400...0x45F: return true
        default: return properties.isAlphabetic
        }
    }

    /// A lower-case letter (`a`, `ə`, `д`).
    var isLowercaseLetter: Bool {
        switch value {
        case 0x61...0x7A: return true
        case 0..<0x80, 0xC0...0xDE, 0xF7, 0x400...0x42F: return false
        case 0xDF...0xFF, 0x430...0x45F: return true
        default: return properties.isLowercase
        }
    }

    /// An upper-case or title-case letter (`A`, `Ə`, `Д`, `ǅ`).
    /// A letter of a script without case (Ethiopic, Arabic, Devanagari, Myanmar, kana, Han).
    var isCaselessLetter: Bool {
        value >= 0x370 && isLetter && !isLowercaseLetter && !isUppercaseLetter
    }

    /// A combining mark: vowel signs, viramas, accents (`ി`, `်`, U+0301).
    var isMark: Bool {
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    var isUppercaseLetter: Bool {
        switch value {
        case 0x41...0x5A: return true
        case 0..<0x80, 0xD7, 0xDF...0xFF, 0x430...0x45F: return false
        case 0xC0...0xDE, 0x400...0x42F: return true
        default: return properties.isUppercase || properties.generalCategory == .titlecaseLetter
        }
    }

    /// A digit of any script (`7`, `٧`, `७`); none lies between ASCII and U+0660.
    @inline(__always)
    var isDigit: Bool {
        switch value {
        case 0x30...0x39: return true
        case 0..<0x660: return false
        default: return isDecimalDigitBeyondASCII
        }
    }

    /// Kept out of line: the property lookup brings generic set-up code with it.
    @inline(never)
    private var isDecimalDigitBeyondASCII: Bool { properties.numericType == .decimal }

    /// A bullet that may precede a list marker (`• 3.`, `⁃9.`).
    var isListBullet: Bool {
        switch value {
        case 0x2022, 0x2043, 0x25E6, 0x25AA, 0x2023, 0x00B7, 0x2A, 0x2D: return true
        default: return false
        }
    }

    /// A letter or a digit: what makes a piece of text more than punctuation.
    @inline(__always)
    var isLetterOrDigit: Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0..<0x80, 0xD7, 0xF7: return false
        case 0xC0...0xFF, 0x400...0x45F: return true
        default: return isLetterOrNumberBeyondASCII
        }
    }

    @inline(never)
    private var isLetterOrNumberBeyondASCII: Bool { properties.isAlphabetic || properties.numericType != nil }
}
