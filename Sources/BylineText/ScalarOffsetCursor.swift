/// Turns ascending positions into Unicode-scalar offsets in one pass over the text.
///
/// The batch interface counts scalars, the library keeps `String.Index`es. Asking for
/// positions in document order (sentence start, its words, sentence end, …) makes the
/// conversion O(n) per text instead of O(n) per position.
///
/// ```swift
/// var cursor = ScalarOffsetCursor("Ağ ev. Qara ev.")
/// cursor.offset(of: sentence.range.lowerBound)
/// ```
public struct ScalarOffsetCursor {
    private let scalars: String.UnicodeScalarView
    private var position: String.Index
    private var offset = 0

    public init(_ string: String) {
        scalars = string.unicodeScalars
        position = scalars.startIndex
    }

    /// The scalar offset of `index`, which must not come before the previous one asked.
    public mutating func offset(of index: String.Index) -> Int {
        precondition(index >= position, "positions must come in document order")
        offset += scalars.distance(from: position, to: index)
        position = index
        return offset
    }
}
