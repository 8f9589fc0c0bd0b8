import BylineText
import Foundation

/// Numbers as placeables: when a query differs from a stored source in its numbers, the
/// stored target gets the query's numbers, written the way the target language writes
/// them.
///
/// - The source's number is found in the target by its value, however the target writes
///   it (`8,000` in English is `8 000` in Russian, `8.000` in Turkish, `8000` in Azerbaijani).
/// - The target's own writing decides when it shows a style: a grouping or decimal
///   separator, or a four-digit number left ungrouped (then four digits stay ungrouped).
///   Otherwise the target language's conventions from CLDR, through ICU, decide: its
///   separators and its minimum grouping digits.
/// - A year (four digits written without separators) is never grouped.
/// - The query's number of decimals is kept: `14.50` becomes `14,50`, not `14,5`.
public enum Placeables {
    /// `target` with each source number replaced by the query's value; nil when a source
    /// number cannot be found in the target (the target is then left alone).
    ///
    /// ```swift
    /// Placeables.substitute([(query: "1,500", source: "800")], in: "Около 800 военных.",
    ///                       sourceLanguage: "en", targetLanguage: "ru")
    /// // "Около 1 500 военных." (with NO-BREAK SPACE, as Russian groups digits)
    /// ```
    public static func substitute(
        _ changes: [(query: String, source: String)], in target: String, sourceLanguage: LanguageTag,
        targetLanguage: LanguageTag
    ) -> String? {
        let sourceConventions = NumberConventions.of(sourceLanguage)
        let targetConventions = NumberConventions.of(targetLanguage)
        // Each source number claims the first unclaimed number of the same value in the
        // target, wherever the target's word order puts it; all are replaced at the end,
        // last first, so earlier ranges stay valid.
        let runs = NumberRun.all(in: target)
        var claimed: [(run: Int, written: String)] = []
        for change in changes {
            guard let source = WrittenNumber(change.source, conventions: sourceConventions),
                var query = WrittenNumber(change.query, conventions: sourceConventions)
            else { return nil }
            query.isYear = query.looksLikeYear(in: sourceConventions)
            guard
                let (index, reading) = runs.indices.lazy.filter({ index in !claimed.contains { $0.run == index } })
                    .compactMap({ index in
                        WrittenNumber.readings(String(target[runs[index].range]), conventions: targetConventions)
                            .first(where: { $0.sameValue(as: source) }).map { (index, $0) }
                    }).first
            else { return nil }
            claimed.append((index, write(query, like: reading, conventions: targetConventions)))
        }
        var result = target
        for (index, written) in claimed.sorted(by: { $0.run > $1.run }) {
            result.replaceSubrange(runs[index].range, with: written)
        }
        return result
    }

    /// `number` as the target writes numbers: the target number's own separators where it
    /// shows them, the language's otherwise.
    static func write(_ number: WrittenNumber, like stored: WrittenNumber, conventions: NumberConventions) -> String {
        let grouping: NumberWriter.Grouping
        // A number that takes the place of a grouped one is a quantity, not a year, however
        // the query wrote it (Russian copy writes `8000` ungrouped).
        if number.isYear && stored.groupingSeparator == nil {
            grouping = .off
        } else if let _ = stored.groupingSeparator {
            grouping = stored.integer.count == 4 ? .always : .locale
        } else if stored.integer.count >= 5 {
            grouping = .off
        } else if stored.integer.count == 4 {
            grouping = .fromFiveDigits
        } else {
            grouping = .locale
        }
        let decimal = number.fraction.isEmpty ? number.integer : number.integer + "." + number.fraction
        guard
            let formatted = NumberWriter.format(
                decimal, fractionDigits: number.fraction.count, grouping: grouping, language: conventions.language)
        else { return number.text }
        let group = stored.groupingSeparator ?? conventions.groupingSeparator
        let mark = stored.decimalSeparator ?? conventions.decimalSeparator
        guard group != conventions.groupingSeparator || mark != conventions.decimalSeparator else { return formatted }
        // The stored target's separators in place of the language's, in one pass, so that
        // swapped separators (`1.234,5` for `1,234.5`) are not mapped twice.
        return String(
            formatted.map { character in
                character == conventions.groupingSeparator ? group : character == conventions.decimalSeparator ? mark : character
            })
    }
}

/// A stretch of a segment that is one written number: digits with inner separators.
struct NumberRun {
    var range: Range<String.Index>

    static let spaces: Set<Unicode.Scalar> = [" ", "\u{A0}", "\u{202F}", "\u{2009}"]
    static let marks: Set<Unicode.Scalar> = [",", ".", "'", "’"]

    /// Every number in `text`, in order. A space (plain, no-break, narrow or thin) joins
    /// digit groups only before exactly three digits (`8 000`, not `in 2019 100 people`,
    /// whose first group has four digits).
    static func all(in text: String) -> [NumberRun] {
        var runs: [NumberRun] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
        var previousIsDigit = false
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard isDigit(scalar), !previousIsDigit else {
                previousIsDigit = isDigit(scalar) || (MatchTokenizer.isLetter(scalar))
                index = scalars.index(after: index)
                continue
            }
            let start = index
            var end = index
            var groupDigits = 0
            var firstGroup = true
            var cursor = index
            while cursor < scalars.endIndex {
                let current = scalars[cursor]
                if isDigit(current) {
                    groupDigits += 1
                    cursor = scalars.index(after: cursor)
                    end = cursor
                    continue
                }
                let next = scalars.index(after: cursor)
                guard next < scalars.endIndex, isDigit(scalars[next]) else { break }
                if spaces.contains(current) {
                    // Exactly three digits follow, and the group before has at most three.
                    var count = 0
                    var probe = next
                    while probe < scalars.endIndex, isDigit(scalars[probe]) {
                        count += 1
                        probe = scalars.index(after: probe)
                    }
                    guard count == 3, !firstGroup || groupDigits <= 3 else { break }
                } else if !marks.contains(current) {
                    break
                }
                firstGroup = false
                groupDigits = 0
                cursor = next
            }
            runs.append(NumberRun(range: start..<end))
            index = end
            previousIsDigit = true
        }
        return runs
    }
}

/// A number as written in a segment: its digits, and which separators it shows.
struct WrittenNumber: Sendable, Hashable {
    /// The text as written.
    var text: String
    /// ASCII integer digits, as written (leading zeros kept).
    var integer: String
    /// ASCII fraction digits, as written (trailing zeros kept).
    var fraction: String
    var groupingSeparator: Character?
    var decimalSeparator: Character?

    init?(reading text: String, integer: String, fraction: String, group: Character?, decimal: Character?) {
        guard !integer.isEmpty else { return nil }
        self.text = text
        self.integer = integer
        self.fraction = fraction
        groupingSeparator = group
        decimalSeparator = decimal
    }

    /// The readings of `text` in a language with `conventions`, the likelier first.
    ///
    /// A separator used more than once, a space or an apostrophe groups digits; of two
    /// different separators the last marks the decimals (`1.234,5`). A single `,` or `.`
    /// followed by other than three digits marks the decimals; followed by exactly three
    /// it is read as the language reads it (`1.500` is 1500 in German, 1.5 in English),
    /// and the other reading comes second. Empty when `text` is not a number.
    static func readings(_ text: String, conventions: NumberConventions) -> [WrittenNumber] {
        var groups: [String] = [""]
        var separators: [Character] = []
        for character in text {
            if let ascii = character.asciiValue, ascii >= 0x30, ascii <= 0x39 {
                groups[groups.count - 1].append(character)
            } else if !groups[groups.count - 1].isEmpty {
                separators.append(character)
                groups.append("")
            } else {
                return []
            }
        }
        guard let last = groups.last, !last.isEmpty else { return [] }
        guard let finalSeparator = separators.last else {
            return [WrittenNumber(reading: text, integer: text, fraction: "", group: nil, decimal: nil)].compactMap { $0 }
        }
        let isSpace = { (character: Character) in character.unicodeScalars.allSatisfy { NumberRun.spaces.contains($0) } }
        let grouping = WrittenNumber(
            reading: text, integer: groups.joined(), fraction: "", group: separators[0], decimal: nil)
        let decimal = WrittenNumber(
            reading: text, integer: groups.dropLast().joined(), fraction: last,
            group: separators.count > 1 ? separators[0] : nil, decimal: finalSeparator)
        if isSpace(finalSeparator) || finalSeparator == "'" || finalSeparator == "’" {
            return [grouping].compactMap { $0 }
        }
        let earlier = Set(separators.dropLast())
        if earlier.contains(finalSeparator) { return [grouping].compactMap { $0 } }
        if !earlier.isEmpty { return [decimal].compactMap { $0 } }
        if last.count != 3 { return [decimal].compactMap { $0 } }
        let asDecimal = finalSeparator == conventions.decimalSeparator && finalSeparator != conventions.groupingSeparator
        return (asDecimal ? [decimal, grouping] : [grouping, decimal]).compactMap { $0 }
    }

    /// The likelier reading of `text`.
    init?(_ text: String, conventions: NumberConventions) {
        guard let first = Self.readings(text, conventions: conventions).first else { return nil }
        self = first
    }

    /// Set when the number is a year (see ``looksLikeYear(in:)``), which is never grouped.
    var isYear = false

    /// A year, or a number written like one: four digits and no separator, in a language
    /// that would group a quantity of four digits (`2024`, where English writes `1,500`).
    /// Where four digits stay ungrouped anyway (Spanish `1500`), only 1900 to 2099 are
    /// taken for years.
    func looksLikeYear(in conventions: NumberConventions) -> Bool {
        guard groupingSeparator == nil, decimalSeparator == nil, integer.count == 4 else { return false }
        return conventions.groupsFourDigits || ("1900"..."2099").contains(integer)
    }

    /// The same value, however written (`8000` and `8.000`, `14,50` and `14.5`).
    func sameValue(as other: WrittenNumber) -> Bool {
        func trimmedInteger(_ digits: String) -> Substring {
            let trimmed = digits.drop(while: { $0 == "0" })
            return trimmed.isEmpty ? "0" : trimmed
        }
        func trimmedFraction(_ digits: String) -> Substring {
            var trimmed = Substring(digits)
            while trimmed.last == "0" { trimmed = trimmed.dropLast() }
            return trimmed
        }
        return trimmedInteger(integer) == trimmedInteger(other.integer)
            && trimmedFraction(fraction) == trimmedFraction(other.fraction)
    }
}
