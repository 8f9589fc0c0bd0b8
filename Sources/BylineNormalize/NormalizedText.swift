import BylineText

/// The result of a normalization: the output text, and how it maps back to the input.
///
/// The output is what a caller stores or displays; ``changes`` and ``editMap`` point into
/// the input (``source``), so anything found in the output can be located in the text as
/// received.
///
/// ```swift
/// let fixed = try normalizer.normalize("Ningboï¼ŒChina", operation: .fix, language: "en")
/// fixed.text                                        // "Ningbo，China"
/// fixed.editMap.sourceRange(of: fixed.text.startIndex..<fixed.text.endIndex)
/// ```
public struct NormalizedText: Sendable {
    /// Input to output; its edits are labelled with ``NormalizationChange/Kind`` raw values.
    public let editMap: EditMap

    public init(editMap: EditMap) { self.editMap = editMap }

    /// The normalized text.
    public var text: String { editMap.output }

    /// The text as received.
    public var source: String { editMap.source }

    /// True when the output equals the input.
    public var isUnchanged: Bool { editMap.isIdentity }

    /// Every change, in input order, with its range in the input. Built on each call:
    /// O(number of changes).
    public var changes: [NormalizationChange] {
        let sourceUTF8 = source.utf8
        let outputUTF8 = text.utf8
        return editMap.edits.map { edit in
            let lower = sourceUTF8.index(sourceUTF8.startIndex, offsetBy: edit.source.lowerBound)
            let upper = sourceUTF8.index(sourceUTF8.startIndex, offsetBy: edit.source.upperBound)
            let from = outputUTF8.index(outputUTF8.startIndex, offsetBy: edit.output.lowerBound)
            let to = outputUTF8.index(outputUTF8.startIndex, offsetBy: edit.output.upperBound)
            return NormalizationChange(
                range: lower..<upper, replacement: String(text[from..<to]),
                kind: NormalizationChange.Kind(rawValue: edit.label) ?? .normalization)
        }
    }
}

/// A search key made by the `fold` operation: compare and hash it, never show it.
///
/// It is its own type so that a key cannot be stored or displayed where text is expected.
///
/// ```swift
/// normalizer.matchKey(for: "ΜΆΪΟΣ", language: "el") == normalizer.matchKey(for: "Μάϊος", language: "el")
/// ```
public struct MatchKey: Sendable, Hashable, Comparable {
    /// The folded text.
    public let folded: String

    public init(folded: String) { self.folded = folded }

    public static func < (lhs: MatchKey, rhs: MatchKey) -> Bool { lhs.folded < rhs.folded }
}
