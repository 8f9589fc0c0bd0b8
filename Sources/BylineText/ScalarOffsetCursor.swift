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
    private let string: String
    private let scalars: String.UnicodeScalarView
    private var position: String.Index
    private var offset = 0

    public init(_ string: String) {
        self.string = string
        scalars = string.unicodeScalars
        position = scalars.startIndex
    }

    /// The scalar offset of `index`, which must not come before the previous one asked.
    public mutating func offset(of index: String.Index) -> Int {
        precondition(index >= position, "positions must come in document order")
        let utf8 = string.utf8
        let counted = utf8.withContiguousStorageIfAvailable { bytes -> Int in
            // Every byte that is not a UTF-8 continuation byte starts a scalar.
            let from = utf8.distance(from: utf8.startIndex, to: position)
            let to = utf8.distance(from: utf8.startIndex, to: index)
            var count = 0
            for byte in bytes[from..<to] where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
        offset += counted ?? scalars.distance(from: position, to: index)
        position = index
        return offset
    }
}
