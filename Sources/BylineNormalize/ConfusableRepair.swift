import BylineText
import CBylineICU

/// Replaces look-alike letters of a minority script inside a word with the letters of the
/// word's own script: "Ukrаine" with a Cyrillic а becomes "Ukraine".
///
/// A word is a run of letters and marks (with apostrophes and hyphens inside it). Only
/// words mixing Latin, Cyrillic and Greek are looked at, since those alphabets share the
/// shapes UTS #39 lists as confusable; Japanese kana beside kanji and other legitimate
/// mixtures are left alone. The word is changed only when one script has strictly more
/// letters and every letter of the other has a look-alike in it (same UTS #39 skeleton,
/// from ICU's spoof checker). Words with digits are left as they are.
final class ConfusableRepair {
    // USCRIPT_CYRILLIC = 8, USCRIPT_GREEK = 14, USCRIPT_LATIN = 25.
    private static let scripts: Set<Int32> = [8, 14, 25]
    private var lookAlikes: [UInt64: UInt32?] = [:]

    func repair(_ text: String) -> EditMap {
        text.withUTF8Bytes { bytes -> EditMap in
            var builder = EditBuilder(source: bytes)
            var index = 0
            let count = bytes.count
            var word: [(offset: Int, length: Int, scalar: UInt32, script: Int32)] = []
            var hasDigit = false
            var hasNonASCII = false
            while index <= count {
                let (scalar, length) = index < count ? ScalarMapper.decode(bytes, at: index) : (0, 1)
                let properties = Unicode.Scalar(scalar)?.properties
                let isLetter = index < count && (properties?.isAlphabetic ?? false)
                let isDigit = index < count && properties?.numericType == .decimal
                let isJoiner = index < count && (scalar == 0x27 || scalar == 0x2019 || scalar == 0x2D) && !word.isEmpty
                if isLetter || isDigit || isJoiner {
                    if isDigit { hasDigit = true }
                    if scalar >= 0x80 { hasNonASCII = true }
                    let script = isLetter ? byline_script_of(Int32(bitPattern: scalar)) : 0
                    word.append((index, length, scalar, script))
                } else {
                    if hasNonASCII, !hasDigit, word.count > 1 { fix(word, in: &builder) }
                    word.removeAll(keepingCapacity: true)
                    hasDigit = false
                    hasNonASCII = false
                }
                index += length
            }
            return builder.finish(sourceString: text)
        }
    }

    private func fix(_ word: [(offset: Int, length: Int, scalar: UInt32, script: Int32)], in builder: inout EditBuilder) {
        var counts: [Int32: Int] = [:]
        for letter in word where letter.script > 1 { counts[letter.script, default: 0] += 1 }
        guard counts.count == 2, counts.keys.allSatisfy(Self.scripts.contains) else { return }
        let ranked = counts.sorted { $0.value > $1.value }
        guard ranked[0].value > ranked[1].value else { return }
        let majority = ranked[0].key
        let minority = ranked[1].key
        var replacements: [(Int, Int, UInt32)] = []
        for letter in word where letter.script == minority {
            guard let lookAlike = lookAlike(of: letter.scalar, in: majority) else { return }
            replacements.append((letter.offset, letter.length, lookAlike))
        }
        for (offset, length, scalar) in replacements {
            guard let replacement = Unicode.Scalar(scalar) else { continue }
            builder.replace(offset..<(offset + length), with: replacement.utf8Bytes, kind: .confusable)
        }
    }

    private func lookAlike(of scalar: UInt32, in script: Int32) -> UInt32? {
        let key = UInt64(scalar) << 32 | UInt64(UInt32(bitPattern: script))
        if let known = lookAlikes[key] { return known }
        let found = byline_confusable_in_script(Int32(bitPattern: scalar), script)
        let result = found >= 0 ? UInt32(found) : nil
        lookAlikes[key] = result
        return result
    }
}
