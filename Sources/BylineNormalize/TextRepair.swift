import BylineText
import CBylineICU

/// The `fix` operation: repairs copy as it reaches a desk by mail, CMS, PDF or messenger.
///
/// Passes, each composed into one edit map back to the input:
/// 1. mojibake (``MojibakeRepair``), repeated for text garbled more than once;
/// 2. HTML character references (``HTMLEntities``);
/// 3. characters (``CharacterCleanup``): controls, invisible characters, odd spaces;
/// 4. NFC.
///
/// Correct text comes out byte for byte as it went in: typographic quotes, NBSP and narrow
/// NBSP inside numbers and before French punctuation, Persian ZWNJ, emoji ZWJ sequences,
/// accented, Cyrillic and Azerbaijani letters all stay. A cheap scan decides which passes
/// a text needs at all.
final class TextRepair {
    private let mojibake = MojibakeRepair()
    private let entities = HTMLEntities()
    private let characters = CharacterCleanup()
    private var exemplars: [String: Exemplars?] = [:]

    func repair(_ text: String, locale: NormalizationLocale, icu: ICUEditBuffer) throws(NormalizationError) -> EditMap {
        var needsMojibake = false
        var needsEntities = false
        var needsCharacters = false
        text.withUTF8Bytes { bytes in
            var nonASCII = false
            for byte in bytes {
                switch byte {
                case 0x26: needsEntities = true
                case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: needsCharacters = true
                case 0xC2, 0xC5, 0xC7, 0xE1, 0xE2, 0xE3, 0xEF: needsCharacters = true
                    nonASCII = true
                case 0x80...: nonASCII = true
                default: break
                }
            }
            // The mojibake pass makes its own finer checks.
            needsMojibake = nonASCII
        }
        var map = EditMap.identity(text)
        if needsMojibake {
            if exemplars[locale.identifier] == nil { exemplars[locale.identifier] = Exemplars(locale: locale.identifier) }
            map = mojibake.repair(text, exemplars: exemplars[locale.identifier] ?? nil)
        }
        if needsEntities {
            let decoded = entities.decode(map.output)
            map = map.followed(by: decoded)
            // A reference may have stood for half of a garbled pair (`Î&frac14;`).
            if !decoded.isIdentity {
                map = map.followed(by: mojibake.repair(map.output, exemplars: exemplars[locale.identifier] ?? nil))
            }
        }
        if needsCharacters || !map.isIdentity { map = map.followed(by: characters.clean(map.output)) }
        return map.followed(by: try icu.normalize(map.output, form: Int32(BYLINE_FORM_NFC), operation: "fix"))
    }
}

/// Removes or replaces the characters that should not be in stored copy, looking at each
/// one's neighbours so that legitimate uses stay.
///
/// - C0 controls other than tab, line feed and carriage return are removed; vertical tab
///   and form feed (Word's line break, a PDF's page break) become line feeds.
/// - C1 controls are what Windows-1252 punctuation becomes when read as Latin-1; they get
///   their Windows-1252 character, or are removed where that code page has none.
/// - BOM / U+FEFF, zero-width space, word joiner, invisible operators, soft hyphens and
///   interlinear annotation marks are removed. U+180E is removed outside Mongolian.
/// - ZWNJ and ZWJ stay next to letters of scripts that use them for shaping (Arabic,
///   Persian, Indic, …) and ZWJ inside emoji sequences; elsewhere they are removed.
/// - En, em, thin, hair and other spaces of U+2000–U+200A and U+205F become plain spaces,
///   except beside a digit (digit grouping), beside a quotation mark, or before
///   `; : ! ? » %` and after `«` (French spacing). NBSP and narrow NBSP become plain
///   spaces only between two letters, in a line whose words are mostly separated by them
///   (an export that turned every space into `&nbsp;`). The ideographic space becomes a
///   plain space only in lines without CJK text.
/// - Latin digraph letters kept only for old standards (ŉ, ǆ, ǉ, ǌ, ǳ) become two letters.
struct CharacterCleanup {
    private let windows1252 = CodePage(name: "windows-1252")

    func clean(_ text: String) -> EditMap {
        text.withUTF8Bytes { bytes -> EditMap in
            var builder = EditBuilder(source: bytes)
            var previous: UInt32 = 0x0A
            var index = 0
            let count = bytes.count
            var lineSeparatesWithNoBreakSpaces = false
            var lineHasCJK = false
            var lineEnd = -1
            while index < count {
                if index > lineEnd {
                    lineEnd = Self.lineEnd(in: bytes, from: index)
                    lineSeparatesWithNoBreakSpaces = Self.separatesWordsWithNoBreakSpaces(bytes, index..<lineEnd)
                    // Lead bytes of U+3000–U+9FFF: kana, CJK punctuation and ideographs.
                    lineHasCJK = bytes[index..<lineEnd].contains { $0 >= 0xE3 && $0 <= 0xE9 }
                }
                let byte = bytes[index]
                if byte >= 0x20 && byte < 0x7F {
                    previous = UInt32(byte)
                    index += 1
                    continue
                }
                let (scalar, length) = ScalarMapper.decode(bytes, at: index)
                var nextIndex = index + length
                // Look past a run of joiners and direction marks (U+200C–U+200F) to the
                // character they stand before.
                while nextIndex + 2 < count, bytes[nextIndex] == 0xE2, bytes[nextIndex + 1] == 0x80,
                    (0x8C...0x8F).contains(bytes[nextIndex + 2])
                {
                    nextIndex += 3
                }
                let next = nextIndex < count ? ScalarMapper.decode(bytes, at: nextIndex).0 : 0x0A
                if (scalar == 0xA0 || scalar == 0x202F) && !lineSeparatesWithNoBreakSpaces || scalar == 0x3000 && lineHasCJK {
                    previous = scalar
                    index += length
                    continue
                }
                if (0x200E...0x200F).contains(scalar) {
                    // Direction marks stay and are transparent to their neighbours' tests.
                    index += length
                    continue
                }
                if let (replacement, kind) = decision(for: scalar, after: previous, before: next) {
                    builder.replace(index..<(index + length), with: replacement, kind: kind)
                    // A removed character leaves its left neighbour as the context.
                    if !replacement.isEmpty { previous = scalar }
                } else {
                    previous = scalar
                }
                index += length
            }
            return builder.finish(sourceString: text)
        }
    }

    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return index
    }

    /// True when most spaces between two words of the line are no-break spaces: text whose
    /// every space a web page or CMS export turned into `&nbsp;`. A no-break space used
    /// on purpose (after a Czech one-letter preposition, inside a name, in a number) stands
    /// among ordinary spaces and stays.
    private static func separatesWordsWithNoBreakSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        var noBreak = 0
        var plain = 0
        var index = line.lowerBound
        while index < line.upperBound {
            if bytes[index] == 0x20 {
                plain += 1
            } else if bytes[index] == 0xC2, index + 1 < line.upperBound, bytes[index + 1] == 0xA0 {
                noBreak += 1
            }
            index += 1
        }
        return noBreak > plain
    }

    private func decision(for scalar: UInt32, after previous: UInt32, before next: UInt32) -> ([UInt8], NormalizationChange.Kind)? {
        switch scalar {
        case 0x09, 0x0A, 0x0D: return nil
        case 0x0B, 0x0C: return ([0x0A], .control)
        case 0x00...0x1F, 0x7F: return ([], .control)
        case 0x80...0x9F:
            if let page = windows1252, page.decode[Int(scalar)] != scalar, let mapped = Unicode.Scalar(page.decode[Int(scalar)]) {
                return (mapped.utf8Bytes, .mojibake)
            }
            return ([], .control)
        case 0xFEFF, 0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x00AD, 0xFFF9, 0xFFFA, 0xFFFB:
            return ([], .invisible)
        case 0x180E:
            return Self.isMongolian(previous) || Self.isMongolian(next) ? nil : ([], .invisible)
        case 0x200C:
            return Self.usesJoiners(previous) || Self.usesJoiners(next) ? nil : ([], .invisible)
        case 0x200D:
            if Self.usesJoiners(previous) || Self.usesJoiners(next) { return nil }
            if Self.isEmojiPart(previous) || Self.isEmojiPart(next) { return nil }
            return ([], .invisible)
        case 0x2000...0x200A, 0x205F:
            if Self.isDigit(previous) || Self.isDigit(next) || Self.isFrenchSpacing(previous, next) { return nil }
            // A thin or hair space between quotation marks separates nested quotes on purpose.
            if Self.isQuotationMark(previous) || Self.isQuotationMark(next) { return nil }
            return ([0x20], .space)
        case 0x00A0, 0x202F:
            guard Self.isLetter(previous), Self.isLetter(next) else { return nil }
            if scalar == 0x202F, Self.isMongolian(previous) || Self.isMongolian(next) { return nil }
            return ([0x20], .space)
        case 0x3000:
            return Self.isCJK(previous) || Self.isCJK(next) ? nil : ([0x20], .space)
        case 0x0149, 0x01C4...0x01CC, 0x01F1...0x01F3:
            return (Array(Self.digraphs[scalar, default: ""].utf8), .normalization)
        default:
            return nil
        }
    }

    /// Latin digraphs encoded as one character only for round trips with old standards;
    /// text has them as two letters.
    private static let digraphs: [UInt32: String] = [
        0x0149: "\u{2019}n", 0x01C4: "DŽ", 0x01C5: "Dž", 0x01C6: "dž", 0x01C7: "LJ", 0x01C8: "Lj", 0x01C9: "lj",
        0x01CA: "NJ", 0x01CB: "Nj", 0x01CC: "nj", 0x01F1: "DZ", 0x01F2: "Dz", 0x01F3: "dz",
    ]

    // MARK: Neighbour tests

    private static func isDigit(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return scalar >= 0x30 && scalar <= 0x39 }
        return byline_general_category(Int32(bitPattern: scalar)) == 9
    }

    private static func isLetter(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return (scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A }
        let category = byline_general_category(Int32(bitPattern: scalar))
        return (1...8).contains(category)
    }

    private static func isFrenchSpacing(_ previous: UInt32, _ next: UInt32) -> Bool {
        [0x3B, 0x3A, 0x21, 0x3F, 0xBB, 0x203A, 0x25, 0x2030].contains(next) || previous == 0xAB || previous == 0x2039
    }

    private static func isQuotationMark(_ scalar: UInt32) -> Bool {
        [0x22, 0x27, 0xAB, 0xBB, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2039, 0x203A].contains(scalar)
    }

    private static func isMongolian(_ scalar: UInt32) -> Bool { (0x1800...0x18AF).contains(scalar) }

    /// Letters and marks of scripts other than Latin, Greek, Cyrillic and the shared ones,
    /// where ZWNJ and ZWJ control joining and conjuncts.
    private static func usesJoiners(_ scalar: UInt32) -> Bool {
        guard scalar >= 0x0590 else { return false }
        // Arabic-script punctuation and digits: Persian and Pashto typists put ZWNJ there too.
        if (0x0600...0x06FF).contains(scalar) || (0x0750...0x08FF).contains(scalar) || (0xFB50...0xFEFF).contains(scalar) {
            return true
        }
        guard isLetter(scalar) else { return false }
        let script = byline_script_of(Int32(bitPattern: scalar))
        // USCRIPT_COMMON 0, INHERITED 1, CYRILLIC 8, GREEK 14, LATIN 25.
        return ![0, 8, 14, 25].contains(script)
    }

    private static func isEmojiPart(_ scalar: UInt32) -> Bool {
        scalar == 0xFE0F || scalar == 0x20E3 || (0xE0020...0xE007F).contains(scalar)
            || (scalar >= 0x2000 && byline_is_emoji_part(Int32(bitPattern: scalar)) != 0)
    }

    private static func isCJK(_ scalar: UInt32) -> Bool {
        if (0x3000...0x303F).contains(scalar) || (0xFF00...0xFFEF).contains(scalar) { return true }
        guard scalar >= 0x1100 else { return false }
        // USCRIPT_HAN 17, HANGUL 18, HIRAGANA 20, KATAKANA 22, BOPOMOFO 5.
        return [5, 17, 18, 20, 22].contains(byline_script_of(Int32(bitPattern: scalar)))
    }
}
