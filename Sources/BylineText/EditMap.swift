/// Which parts of a transformed text came from which parts of the text it was made from.
///
/// A normalizer, a repair pass or a line unwrapper produces an output string and an edit
/// map. The map lists the replaced regions as pairs of UTF-8 ranges (source → output);
/// everything between two regions is copied unchanged, so positions there map one to one.
/// A range mapped through a replaced region widens to cover the whole region: the map
/// never guesses which byte of `Ã©` became which byte of `é`.
///
/// Mapping a position costs O(log n) in the number of regions; conversion between UTF-8
/// offsets and `String.Index` is O(1) on native strings.
///
/// ```swift
/// let map = EditMap(source: "Ã©t", output: "ét", edits: [.init(source: 0..<4, output: 0..<2)])
/// let output = map.output
/// map.sourceRange(of: output.startIndex..<output.index(after: output.startIndex))  // "Ã©"
/// ```
public struct EditMap: Sendable {
    /// One replaced region: `source` bytes of the source became `output` bytes of the output.
    public struct Edit: Sendable, Hashable {
        /// UTF-8 offsets into the source, end exclusive.
        public var source: Range<Int>
        /// UTF-8 offsets into the output, end exclusive.
        public var output: Range<Int>
        /// A caller-defined label (the kind of change); composition keeps the earlier map's.
        public var label: Int

        public init(source: Range<Int>, output: Range<Int>, label: Int = 0) {
            self.source = source
            self.output = output
            self.label = label
        }
    }

    /// The text the map starts from.
    public let source: String
    /// The transformed text.
    public let output: String
    /// Replaced regions in ascending order, disjoint in both texts.
    public let edits: [Edit]

    /// A map from `source` to `output` through `edits`, which must be ascending and disjoint
    /// and account for every difference between the two texts.
    public init(source: String, output: String, edits: [Edit]) {
        precondition(
            zip(edits, edits.dropFirst()).allSatisfy {
                $0.source.upperBound <= $1.source.lowerBound && $0.output.upperBound <= $1.output.lowerBound
            }, "edits must be ascending and disjoint")
        self.source = source
        self.output = output
        self.edits = edits
    }

    /// The map of a text to itself.
    public static func identity(_ text: String) -> EditMap {
        EditMap(source: text, output: text, edits: [])
    }

    /// True when nothing was replaced.
    public var isIdentity: Bool { edits.isEmpty }

    // MARK: UTF-8 offsets

    /// The source range that the output bytes `outputRange` came from, widened to whole
    /// replaced regions. A region the range only touches at an end is left out, unless the
    /// range is empty and sits inside it.
    public func sourceUTF8Range(ofOutput outputRange: Range<Int>) -> Range<Int> {
        let lower = Self.map(outputRange.lowerBound, through: edits, from: \.output, to: \.source, roundingDown: true)
        let upper = Self.map(outputRange.upperBound, through: edits, from: \.output, to: \.source, roundingDown: false)
        return lower..<max(lower, upper)
    }

    /// The output range that the source bytes `sourceRange` became, widened the same way.
    public func outputUTF8Range(ofSource sourceRange: Range<Int>) -> Range<Int> {
        let lower = Self.map(sourceRange.lowerBound, through: edits, from: \.source, to: \.output, roundingDown: true)
        let upper = Self.map(sourceRange.upperBound, through: edits, from: \.source, to: \.output, roundingDown: false)
        return lower..<max(lower, upper)
    }

    // MARK: String indices

    /// The range of `source` that the piece `outputRange` of `output` came from.
    public func sourceRange(of outputRange: TextRange) -> TextRange {
        let utf8 = output.utf8
        let from = utf8.distance(from: utf8.startIndex, to: outputRange.lowerBound)
        let to = utf8.distance(from: utf8.startIndex, to: outputRange.upperBound)
        let mapped = sourceUTF8Range(ofOutput: from..<to)
        let sourceUTF8 = source.utf8
        return sourceUTF8.index(sourceUTF8.startIndex, offsetBy: mapped.lowerBound)
            ..< sourceUTF8.index(sourceUTF8.startIndex, offsetBy: mapped.upperBound)
    }

    /// The range of `output` that the piece `sourceRange` of `source` became.
    public func outputRange(of sourceRange: TextRange) -> TextRange {
        let utf8 = source.utf8
        let from = utf8.distance(from: utf8.startIndex, to: sourceRange.lowerBound)
        let to = utf8.distance(from: utf8.startIndex, to: sourceRange.upperBound)
        let mapped = outputUTF8Range(ofSource: from..<to)
        let outputUTF8 = output.utf8
        return outputUTF8.index(outputUTF8.startIndex, offsetBy: mapped.lowerBound)
            ..< outputUTF8.index(outputUTF8.startIndex, offsetBy: mapped.upperBound)
    }

    // MARK: Composition

    /// The map from this map's source to `next`'s output, where `next` starts from this
    /// map's output. Regions of the two maps that overlap or touch become one region.
    public func followed(by next: EditMap) -> EditMap {
        if next.isIdentity { return EditMap(source: source, output: next.output, edits: edits) }
        if isIdentity { return EditMap(source: source, output: next.output, edits: next.edits) }
        // Every region as an interval of the middle text, tagged with the map it belongs to.
        var intervals: [(lower: Int, upper: Int, first: Bool, index: Int)] = []
        intervals.reserveCapacity(edits.count + next.edits.count)
        for (index, edit) in edits.enumerated() {
            intervals.append((edit.output.lowerBound, edit.output.upperBound, true, index))
        }
        for (index, edit) in next.edits.enumerated() {
            intervals.append((edit.source.lowerBound, edit.source.upperBound, false, index))
        }
        intervals.sort { ($0.lower, $0.upper) < ($1.lower, $1.upper) }

        var result: [Edit] = []
        // Running sums of (source length - output length) over the regions already passed.
        var firstShift = 0
        var secondShift = 0
        var position = 0
        while position < intervals.count {
            let lower = intervals[position].lower
            var upper = intervals[position].upper
            var label: Int?
            var nextLabel: Int?
            var firstDelta = 0
            var secondDelta = 0
            while position < intervals.count, intervals[position].lower <= upper {
                let item = intervals[position]
                upper = max(upper, item.upper)
                if item.first {
                    let edit = edits[item.index]
                    if label == nil { label = edit.label }
                    firstDelta += edit.source.count - edit.output.count
                } else {
                    let edit = next.edits[item.index]
                    if nextLabel == nil { nextLabel = edit.label }
                    secondDelta += edit.output.count - edit.source.count
                }
                position += 1
            }
            let sourceRange = (lower + firstShift)..<(upper + firstShift + firstDelta)
            let outputRange = (lower + secondShift)..<(upper + secondShift + secondDelta)
            result.append(Edit(source: sourceRange, output: outputRange, label: label ?? nextLabel ?? 0))
            firstShift += firstDelta
            secondShift += secondDelta
        }
        return EditMap(source: source, output: next.output, edits: result)
    }

    // MARK: Implementation

    private static func map(
        _ offset: Int, through edits: [Edit], from: KeyPath<Edit, Range<Int>>, to: KeyPath<Edit, Range<Int>>,
        roundingDown: Bool
    ) -> Int {
        // The number of regions wholly before `offset`: ending before it, or ending at it
        // without being empty there.
        var low = 0
        var high = edits.count
        while low < high {
            let middle = (low + high) / 2
            let range = edits[middle][keyPath: from]
            if range.upperBound < offset || (range.upperBound == offset && !range.isEmpty) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        var result = offset
        if low > 0 {
            let previous = edits[low - 1]
            result = previous[keyPath: to].upperBound + (offset - previous[keyPath: from].upperBound)
        }
        // Empty regions at `offset` (text inserted in the other direction) lie after a lower
        // bound and before an upper bound, so a range starting or ending here leaves them out.
        var index = low
        while index < edits.count, edits[index][keyPath: from].isEmpty, edits[index][keyPath: from].lowerBound == offset {
            if roundingDown { result = edits[index][keyPath: to].upperBound }
            index += 1
        }
        if index < edits.count, edits[index][keyPath: from].lowerBound < offset {
            // Inside a region: widen to its whole extent.
            return roundingDown ? edits[index][keyPath: to].lowerBound : edits[index][keyPath: to].upperBound
        }
        return result
    }
}
