/// A symmetric-delete index over match keys: every key is stored under the hashes of
/// the variants of its first ``prefixLength`` scalars with up to ``maximumDistance``
/// scalars deleted; a query generates the same variants of its own prefix, so two keys
/// within the distance share at least one variant (SymSpell's method).
///
/// Read in place from a section of a ``NameIndex``: a count, the variant hashes (32 bits,
/// sorted) and beside each the form it came from. A look-up is at most 29 binary searches
/// plus one distance check per candidate; a hash that two variants share by chance only
/// adds a candidate that the distance check then drops.
struct DeleteIndex {
    static let prefixLength = 7
    static let maximumDistance = 2

    private let hashes: UnsafeBufferPointer<UInt32>
    private let postings: UnsafeBufferPointer<Int32>

    init(section: UnsafeRawBufferPointer) {
        let count = section.count >= 8 ? Int(NameIndex.read(UInt64.self, section, 0)) : 0
        let hashBytes = count * 4
        let postingsOffset = 8 + (hashBytes + 7) / 8 * 8
        guard count > 0, postingsOffset + count * 4 <= section.count else {
            hashes = UnsafeBufferPointer(start: nil, count: 0)
            postings = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        hashes = NameIndex.typed(UnsafeRawBufferPointer(rebasing: section[8..<8 + hashBytes]), as: UInt32.self)
        postings = NameIndex.typed(UnsafeRawBufferPointer(rebasing: section[postingsOffset..<postingsOffset + count * 4]), as: Int32.self)
    }

    /// The section bytes for `keys`; the value of each is what ``candidates(for:)`` hands back.
    static func section(keys: [(value: Int32, key: [UInt32])]) -> [UInt8] {
        var pairs: [UInt64] = []
        pairs.reserveCapacity(keys.count * 24)
        var variants: [UInt32] = []
        for (value, key) in keys where !key.isEmpty {
            variants.removeAll(keepingCapacity: true)
            Self.variants(of: key, into: &variants)
            for hash in variants { pairs.append(UInt64(hash) << 32 | UInt64(UInt32(bitPattern: value))) }
        }
        pairs.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(pairs.count)
        for pair in pairs where pair != unique.last { unique.append(pair) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + unique.count * 8)
        IndexWriter.append(UInt64(unique.count), to: &bytes)
        for pair in unique { IndexWriter.append(UInt32(truncatingIfNeeded: pair >> 32), to: &bytes) }
        while bytes.count % 8 != 0 { bytes.append(0) }
        for pair in unique { IndexWriter.append(UInt32(truncatingIfNeeded: pair), to: &bytes) }
        return bytes
    }

    /// The values whose keys may lie within ``maximumDistance`` of `key`, ascending; check each.
    ///
    /// With `queryDeletions` 1, only the variants of `key` with at most one scalar deleted
    /// are looked up (8 instead of 29): the stored keys they meet are still every key one
    /// edit from `key`, or two neighbours swapped, or a letter moved over two others (each
    /// side loses the letter that differs), at about a third of the cost.
    func candidates(for key: [UInt32], queryDeletions: Int = maximumDistance) -> [Int32] {
        var variants: [UInt32] = []
        Self.variants(of: key, deletions: queryDeletions, into: &variants)
        var found: [Int32] = []
        for hash in Set(variants) {
            var low = 0
            var high = hashes.count
            while low < high {
                let middle = (low + high) / 2
                if hashes[middle] < hash { low = middle + 1 } else { high = middle }
            }
            while low < hashes.count, hashes[low] == hash {
                found.append(postings[low])
                low += 1
            }
        }
        return Array(Set(found)).sorted()
    }

    var entryCount: Int { hashes.count }

    /// Every posting names a form below `valueLimit`.
    func isValid(valueLimit: Int32) -> Bool {
        !postings.contains(where: { $0 < 0 || $0 >= valueLimit })
    }

    private static func variants(of key: [UInt32], deletions: Int = maximumDistance, into output: inout [UInt32]) {
        let prefix = Array(key.prefix(prefixLength))
        let n = prefix.count
        output.append(hash(prefix, skipping: -1, -1))
        guard deletions >= 1 else { return }
        for i in 0..<n {
            output.append(hash(prefix, skipping: i, -1))
            guard deletions >= 2 else { continue }
            for j in (i + 1)..<max(i + 1, n) {
                output.append(hash(prefix, skipping: i, j))
            }
        }
    }

    private static func hash(_ scalars: [UInt32], skipping first: Int, _ second: Int) -> UInt32 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for (index, scalar) in scalars.enumerated() where index != first && index != second {
            value = (value ^ UInt64(scalar)) &* 0x100_0000_01B3
        }
        return UInt32(truncatingIfNeeded: value >> 32 ^ value)
    }
}
