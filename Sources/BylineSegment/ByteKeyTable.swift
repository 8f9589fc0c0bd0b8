/// A read-only hash table keyed by short UTF-8 byte strings, looked up without building
/// a `String`: the abbreviation check runs at every period, so it must not allocate.
///
/// Keys are stored lower-cased; ``value(forASCIILowercasing:)`` folds ASCII capitals while
/// hashing, and callers lower-case non-ASCII tokens themselves first.
struct ByteKeyTable<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var start: Int
        var length: Int
        var value: Value
    }

    private var slots: [Int32]
    private var keyBytes: [UInt8] = []
    private var entries: [Entry] = []
    private let mask: Int

    init(_ dictionary: [String: Value]) {
        var capacity = 16
        while capacity < dictionary.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(key.utf8)
            var slot = Int(truncatingIfNeeded: Self.hash(bytes[...], foldingASCII: false)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            entries.append(Entry(start: keyBytes.count, length: bytes.count, value: value))
            keyBytes.append(contentsOf: bytes)
        }
    }

    /// The value for `bytes` with ASCII capitals folded to lower case.
    func value<Bytes: Collection<UInt8>>(forASCIILowercasing bytes: Bytes) -> Value? {
        guard !entries.isEmpty else { return nil }
        var slot = Int(truncatingIfNeeded: Self.hash(bytes, foldingASCII: true)) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            let entry = entries[Int(index)]
            if entry.length == bytes.count,
                zip(keyBytes[entry.start..<entry.start + entry.length], bytes).allSatisfy({ $0 == Self.fold($1) })
            {
                return entry.value
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always) private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// FNV-1a, 64 bits.
    private static func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes, foldingASCII: Bool) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(foldingASCII ? fold(byte) : byte)) &* 0x100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }
}
