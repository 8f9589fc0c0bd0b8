import Foundation

/// Numbers as placeables: when a query differs from a stored source only in its numbers,
/// the stored target gets the query's numbers, written the way the target writes its own.
enum Placeables {
    /// Replaces each source number found in `target` with the query's value; nil when a
    /// source number cannot be found there (the target is then left alone).
    static func substitute(_ changes: [(query: String, source: String)], in target: String) -> String? {
        var result = target
        for change in changes {
            guard let source = ParsedNumber(change.source), let query = ParsedNumber(change.query) else { return nil }
            var replaced = false
            for style in NumberStyle.allCases {
                if let range = Self.standalone(source.written(in: style), in: result) {
                    result.replaceSubrange(range, with: query.written(in: style))
                    replaced = true
                    break
                }
            }
            if !replaced { return nil }
        }
        return result
    }
}

extension Placeables {
    /// The first occurrence of `number` in `text` that is a whole number there, not part
    /// of a longer one (`8` in `18` or in `8,5`).
    static func standalone(_ number: String, in text: String) -> Range<String.Index>? {
        var searchStart = text.startIndex
        while let range = text.range(of: number, range: searchStart..<text.endIndex) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            let afterNext = range.upperBound < text.endIndex && text.index(after: range.upperBound) < text.endIndex
                ? text[text.index(after: range.upperBound)] : " "
            let continues = after.isNumber || ((after == "," || after == ".") && afterNext.isNumber)
            if !before.isNumber, !continues { return range }
            searchStart = range.upperBound
        }
        return nil
    }
}

/// How a language groups thousands and marks decimals.
enum NumberStyle: CaseIterable {
    /// `1,200.5` (en)
    case commaGroups
    /// `1 200,5` with NO-BREAK SPACE (ru, fr, kk, uk)
    case spaceGroups
    /// `1 200,5` with NARROW NO-BREAK SPACE
    case narrowSpaceGroups
    /// `1 200,5` with a plain space
    case plainSpaceGroups
    /// `1.200,5` (tr, az, de)
    case dotGroups
    /// `1200.5`
    case plain
    /// `1200,5`
    case plainComma

    var groupSeparator: String? {
        switch self {
        case .commaGroups: ","
        case .spaceGroups: "\u{A0}"
        case .narrowSpaceGroups: "\u{202F}"
        case .plainSpaceGroups: " "
        case .dotGroups: "."
        case .plain, .plainComma: nil
        }
    }

    var decimalSeparator: String {
        switch self {
        case .commaGroups, .plain: "."
        default: ","
        }
    }
}

/// A number read from a segment: its integer digits and its fraction digits.
struct ParsedNumber {
    var integer: String
    var fraction: String

    /// Reads `1,200`, `1.200,5`, `3.5`: the last separator followed by other than three
    /// digits is the decimal mark; the others group thousands.
    init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "." || $0 == "'" }).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }) else { return nil }
        if parts.count > 1, let last = parts.last, last.count != 3 {
            integer = parts.dropLast().joined()
            fraction = last
        } else {
            integer = parts.joined()
            fraction = ""
        }
    }

    func written(in style: NumberStyle) -> String {
        var digits = integer
        if let separator = style.groupSeparator, integer.count > 3 {
            var groups: [String] = []
            var remaining = Substring(integer)
            while remaining.count > 3 {
                groups.insert(String(remaining.suffix(3)), at: 0)
                remaining = remaining.dropLast(3)
            }
            groups.insert(String(remaining), at: 0)
            digits = groups.joined(separator: separator)
        }
        return fraction.isEmpty ? digits : digits + style.decimalSeparator + fraction
    }
}
