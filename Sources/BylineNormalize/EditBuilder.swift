import BylineText

/// Builds an output from a source's UTF-8 bytes and a series of ascending replacements,
/// recording each as an edit. Unchanged stretches are copied in bulk when the next
/// replacement arrives, and a source that gets no replacement is never copied at all.
struct EditBuilder {
    private(set) var bytes: [UInt8] = []
    private(set) var edits: [EditMap.Edit] = []
    private var copiedUpTo = 0
    private let source: UnsafeBufferPointer<UInt8>

    init(source: UnsafeBufferPointer<UInt8>) { self.source = source }

    var hasEdits: Bool { !edits.isEmpty }

    /// Replaces `range` of the source (at or after every earlier range) with `replacement`.
    /// A replacement touching the previous one with the same label extends it.
    mutating func replace<Bytes: Collection<UInt8>>(_ range: Range<Int>, with replacement: Bytes, kind: NormalizationChange.Kind) {
        precondition(range.lowerBound >= copiedUpTo, "replacements must come in order")
        if bytes.isEmpty { bytes.reserveCapacity(source.count + 16) }
        bytes.append(contentsOf: source[copiedUpTo..<range.lowerBound])
        let outputStart = bytes.count
        bytes.append(contentsOf: replacement)
        copiedUpTo = range.upperBound
        if let last = edits.last, last.source.upperBound == range.lowerBound, last.label == kind.rawValue {
            edits[edits.count - 1] = EditMap.Edit(
                source: last.source.lowerBound..<range.upperBound, output: last.output.lowerBound..<bytes.count,
                label: last.label)
        } else {
            edits.append(EditMap.Edit(source: range, output: outputStart..<bytes.count, label: kind.rawValue))
        }
    }

    /// The finished map from `sourceString` (whose bytes this builder was given).
    mutating func finish(sourceString: String) -> EditMap {
        guard !edits.isEmpty else { return .identity(sourceString) }
        bytes.append(contentsOf: source[copiedUpTo...])
        copiedUpTo = source.count
        return EditMap(source: sourceString, output: String(decoding: bytes, as: UTF8.self), edits: edits)
    }
}
