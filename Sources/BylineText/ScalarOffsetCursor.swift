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
            return Self.scalarStarts(in: UnsafeBufferPointer(rebasing: bytes[from..<to]))
        }
        offset += counted ?? scalars.distance(from: position, to: index)
        position = index
        return offset
    }

    /// The bytes of `bytes` that are not UTF-8 continuation bytes (`10xxxxxx`), that is,
    /// the scalars that start there; eight bytes at a time.
    static func scalarStarts(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var continuations = 0
        var index = 0
        while index + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // Bit 7 of a byte set and bit 6 clear: a continuation byte.
            // Moved to bit 0 of each byte, the flags are summed by one multiplication
            // into the top byte (at most 8, so no byte overflows).
            let flags = (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
            continuations &+= Int(truncatingIfNeeded: (flags &* 0x0101_0101_0101_0101) >> 56)
            index += 8
        }
        while index < count {
            if base[index] & 0xC0 == 0x80 { continuations += 1 }
            index += 1
        }
        return count - continuations
    }
}
