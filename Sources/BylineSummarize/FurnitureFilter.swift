import BylineNormalize
import BylineText

/// Finds the lines of a text that are page furniture.
///
/// A line is furniture when it matches a pattern of ``FurnitureRules``, when it has fewer
/// than four words and no final punctuation (a section label, a name, `News Line`), or
/// when the same line appeared earlier (a repeated credit or label). Cost: one pass over
/// the text's scalars.
///
/// ```swift
/// let lines = FurnitureFilter(rules: rules, usesTurkicCasing: false).furnitureLines(in: text)
/// ```
struct FurnitureFilter {
    let rules: FurnitureRules
    let usesTurkicCasing: Bool
    /// Words a pattern can look at: the longest phrase, at most ``wordsCompared``. Words
    /// past it are counted, never lower-cased.
    private let wordsNeeded: Int
    /// Words worth counting: one more than any rule compares a count with (a pattern's
    /// `maximumWords` or phrase, the short-line rule). A longer line counts as this many,
    /// which every rule answers alike, so its end is never scanned.
    private let wordsCounted: Int

    init(rules: FurnitureRules, usesTurkicCasing: Bool) {
        self.rules = rules
        self.usesTurkicCasing = usesTurkicCasing
        wordsNeeded = min(Self.wordsCompared, rules.patterns.map(\.phrase.count).max() ?? 0)
        let compared = rules.patterns.map { max($0.phrase.count, $0.maximumWords ?? 0) }.max() ?? 0
        wordsCounted = max(compared, Self.shortLineWords, wordsNeeded) + 1
    }

    /// Lines shorter than this, in words, need final punctuation to count as text.
    static let shortLineWords = 4
    /// Only the first words of a line are lower-cased for pattern matching.
    static let wordsCompared = 16

    /// Scalars that end a line of running text; the same set the evaluation uses.
    static let finalPunctuation: Set<Unicode.Scalar> = Set(".!?…:;\"'”’»)]‼⁉。！？".unicodeScalars)

    /// Every furniture line, trimmed, in order.
    func furnitureLines(in text: String) -> [ExcludedPiece] {
        var result: [ExcludedPiece] = []
        // Lines compared byte for byte: a credit or a label a page repeats is the same bytes
        // each time, and hashing lines by canonical equivalence cost a tenth of a long summary.
        var seen: Set<ByteKey> = []
        let scalars = text.unicodeScalars
        // Line feeds are found in the UTF-8 bytes: a byte 0x0A is always the scalar U+000A,
        // and a search over scalars decoded every one of them.
        let utf8 = text.utf8
        var lineStart = scalars.startIndex
        while lineStart < scalars.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? scalars.endIndex
            if let range = Self.trimmed(lineStart..<lineEnd, in: scalars) {
                let isNew = seen.insert(ByteKey(text[range])).inserted
                if let reason = reason(for: range, in: text) {
                    result.append(ExcludedPiece(range: range, reason: reason))
                } else if !isNew {
                    result.append(ExcludedPiece(range: range, reason: .repeatedLine))
                }
            }
            lineStart = lineEnd < scalars.endIndex ? scalars.index(after: lineEnd) : lineEnd
        }
        return result
    }

    /// Why the piece at `range` is furniture, if it is; the short-line rule applies to
    /// whole lines only, so callers pass `asLine: false` for sentences.
    func reason(for range: TextRange, in text: String, asLine: Bool = true) -> ExcludedPiece.Reason? {
        let (words, count) = lowerCasedWords(in: text, range)
        if count == 0 { return .noWords }
        if let pattern = rules.match(words: words, wordCount: count) {
            return .pattern(kind: pattern.kind, pattern: pattern.description)
        }
        if asLine, count < Self.shortLineWords, let last = text.unicodeScalars[range].last,
            !Self.finalPunctuation.contains(last)
        {
            return .shortLine
        }
        return nil
    }

    /// The first words, lower-cased (as many as a pattern can look at), and the number of
    /// words, counted up to ``wordsCounted``.
    /// A word is a run of letters, marks, digits or `_`, as in a regular expression's `\w`.
    ///
    /// Reads the UTF-8 bytes and decodes only non-ASCII scalars; a word becomes a string
    /// once, when it is among the first words, so a long sentence costs one pass and no
    /// allocation per scalar (appending scalar by scalar was a third of a summary's time).
    private func lowerCasedWords(in text: String, _ range: TextRange) -> ([String], Int) {
        var words: [String] = []
        var count = 0
        // UTF-8 offsets; O(1) on a native string.
        let lower = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
        let upper = text.utf8.distance(from: text.utf8.startIndex, to: range.upperBound)
        var copy = text
        copy.withUTF8 { bytes in
            var position = lower
            var wordStart = -1
            func close(at end: Int) {
                if count <= wordsNeeded {
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), as: UTF8.self)
                    words.append(TurkicCasing.lowercased(word, turkic: usesTurkicCasing))
                }
                wordStart = -1
            }
            while position < upper {
                let byte = bytes[position]
                let isWord: Bool
                var next = position + 1
                if byte < 0x80 {
                    isWord = Self.asciiWordBytes[Int(byte)]
                } else {
                    // A lead byte: decode the scalar (the text is valid UTF-8).
                    var value = UInt32(byte)
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    value &= length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F
                    for offset in 1..<length { value = value << 6 | UInt32(bytes[position + offset] & 0x3F) }
                    next = position + length
                    isWord = Unicode.Scalar(value).map(Self.isWordScalar) ?? false
                }
                if isWord {
                    if wordStart < 0 {
                        if count == wordsCounted { break }
                        count += 1
                        wordStart = position
                    }
                } else if wordStart >= 0 {
                    close(at: position)
                }
                position = next
            }
            if wordStart >= 0 { close(at: upper) }
        }
        return (words, count)
    }

    /// ``isWordScalar(_:)`` for each ASCII byte.
    private static let asciiWordBytes: [Bool] = (0..<128).map { isWordScalar(Unicode.Scalar(UInt8($0))) }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII answers without the property tables, which cost a search per scalar and were
        // a third of the time on a long English report; the answers are the same.
        if scalar.isASCII {
            let value = scalar.value | 0x20
            return (0x61...0x7A).contains(value) || (0x30...0x39).contains(scalar.value) || scalar == "_"
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || scalar == "_"
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }

    static func trimmed(_ range: Range<String.Index>, in scalars: String.UnicodeScalarView) -> TextRange? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, scalars[lower].properties.isWhitespace { lower = scalars.index(after: lower) }
        while upper > lower, scalars[scalars.index(before: upper)].properties.isWhitespace {
            upper = scalars.index(before: upper)
        }
        return lower < upper ? lower..<upper : nil
    }
}
