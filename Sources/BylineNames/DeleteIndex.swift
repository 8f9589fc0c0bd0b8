/// A symmetric-delete index over match keys: every key is stored under the hashes of
/// the variants of its first ``prefixLength`` scalars with up to ``maximumDistance``
/// scalars deleted; a query generates the same variants of its own prefix, so two keys
/// within the distance share at least one variant (SymSpell's method).
///
/// Memory is about 30 entries of 12 bytes per key; a look-up is at most 29 binary
/// searches plus one distance check per candidate, whatever the size of the index.
struct DeleteIndex: Sendable {
    static let prefixLength = 7
    static let maximumDistance = 2

    private var hashes: [UInt64] = []
    private var postings: [Int32] = []

    /// Indexes `keys`; the value of each is what ``candidates(for:)`` hands back.
    init(keys: [(value: Int32, key: [UInt32])]) {
        var pairs: [(UInt64, Int32)] = []
        pairs.reserveCapacity(keys.count * 24)
        var variants: [UInt64] = []
        for (value, key) in keys where !key.isEmpty {
            variants.removeAll(keepingCapacity: true)
            Self.variants(of: key, into: &variants)
            variants.sort()
            var last: UInt64?
            for hash in variants where hash != last {
                pairs.append((hash, value))
                last = hash
            }
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        hashes = pairs.map(\.0)
        postings = pairs.map(\.1)
    }

    /// The values whose keys may lie within ``maximumDistance`` of `key`; check each.
    func candidates(for key: [UInt32]) -> [Int32] {
        var variants: [UInt64] = []
        Self.variants(of: key, into: &variants)
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
        return Array(Set(found))
    }

    var entryCount: Int { hashes.count }

    private static func variants(of key: [UInt32], into output: inout [UInt64]) {
        let prefix = Array(key.prefix(prefixLength))
        let n = prefix.count
        output.append(hash(prefix, skipping: -1, -1))
        for i in 0..<n {
            output.append(hash(prefix, skipping: i, -1))
            for j in (i + 1)..<max(i + 1, n) {
                output.append(hash(prefix, skipping: i, j))
            }
        }
    }

    private static func hash(_ scalars: [UInt32], skipping first: Int, _ second: Int) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for (index, scalar) in scalars.enumerated() where index != first && index != second {
            value = (value ^ UInt64(scalar)) &* 0x100_0000_01B3
        }
        return value
    }
}
