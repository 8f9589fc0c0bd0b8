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

    /// Lines shorter than this, in words, need final punctuation to count as text.
    static let shortLineWords = 4
    /// Only the first words of a line are lower-cased for pattern matching.
    static let wordsCompared = 16

    /// Scalars that end a line of running text; the same set the evaluation uses.
    static let finalPunctuation: Set<Unicode.Scalar> = Set(".!?…:;\"'”’»)]‼⁉。！？".unicodeScalars)

    /// Every furniture line, trimmed, in order.
    func furnitureLines(in text: String) -> [ExcludedPiece] {
        var result: [ExcludedPiece] = []
        var seen: Set<Substring> = []
        let scalars = text.unicodeScalars
        var lineStart = scalars.startIndex
        while lineStart < scalars.endIndex {
            let lineEnd = scalars[lineStart...].firstIndex(of: "\n") ?? scalars.endIndex
            if let range = Self.trimmed(lineStart..<lineEnd, in: scalars) {
                let line = text[range]
                if let reason = reason(for: range, in: text) {
                    result.append(ExcludedPiece(range: range, reason: reason))
                } else if seen.contains(line) {
                    result.append(ExcludedPiece(range: range, reason: .repeatedLine))
                }
                seen.insert(line)
            }
            lineStart = lineEnd < scalars.endIndex ? scalars.index(after: lineEnd) : lineEnd
        }
        return result
    }

    /// Why the piece at `range` is furniture, if it is; the short-line rule applies to
    /// whole lines only, so callers pass `asLine: false` for sentences.
    func reason(for range: TextRange, in text: String, asLine: Bool = true) -> ExcludedPiece.Reason? {
        let (words, count) = lowerCasedWords(text.unicodeScalars[range])
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

    /// The first ``wordsCompared`` words, lower-cased, and the number of words in all.
    /// A word is a run of letters, marks, digits or `_`, as in a regular expression's `\w`.
    private func lowerCasedWords(_ scalars: Substring.UnicodeScalarView) -> ([String], Int) {
        var words: [String] = []
        var count = 0
        var current = String.UnicodeScalarView()
        var inWord = false
        for scalar in scalars {
            if Self.isWordScalar(scalar) {
                if !inWord { count += 1 }
                inWord = true
                if count <= Self.wordsCompared { current.append(scalar) }
            } else if inWord {
                inWord = false
                if count <= Self.wordsCompared {
                    words.append(CaseFolding.lower(String(current), turkic: usesTurkicCasing))
                    current = String.UnicodeScalarView()
                }
            }
        }
        if inWord, count <= Self.wordsCompared { words.append(CaseFolding.lower(String(current), turkic: usesTurkicCasing)) }
        return (words, count)
    }

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

/// Lower-casing that knows the Turkic `İ`/`I` pairs, which the standard library's
/// language-neutral mapping gets wrong for Turkish and Azerbaijani (`I` → `i`, `İ` → `i̇`).
enum CaseFolding {
    static func lower(_ word: String, turkic: Bool) -> String {
        guard turkic, word.unicodeScalars.contains(where: { $0 == "I" || $0 == "İ" }) else { return word.lowercased() }
        var mapped = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch scalar {
            case "I": mapped.append("ı")
            case "İ": mapped.append("i")
            default: mapped.append(scalar)
            }
        }
        return String(mapped).lowercased()
    }
}
