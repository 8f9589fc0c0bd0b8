/// The words of one language, as a Bloom filter: a compact set that answers "maybe" or
/// "certainly not".
///
/// Built by `scripts/build-names-data.py` from every form of a Hunspell dictionary (or,
/// for Azerbaijani, Tesseract's word list): common words lower-cased, proper names of
/// languages that write common nouns in lower case under a leading `^`. About 1 % of
/// unknown words come back as known, which only ever makes the normalizer leave a name
/// alone. Cost: seven hashed probes per look-up, no allocation for ASCII words.
///
/// ```swift
/// let words = try WordList(bloomFilter: data)
/// words.containsCommonWord("seal")     // true
/// words.containsProperName("seoul")    // true in English
/// ```
public struct WordList: Sendable {
    private let bits: [UInt64]
    private let bitCount: UInt64
    private let probes: Int
    /// How many keys went into the filter.
    public let count: Int

    /// An empty list, for languages without one.
    public static let empty = WordList()

    private init() {
        bits = [0]
        bitCount = 64
        probes = 1
        count = 0
    }

    /// Reads the filter format the script writes: `BYLINEBLOOM1\n`, the bit count, the
    /// probe count and the key count as little-endian 64-bit integers, then the bits.
    /// - Throws: ``WordListError`` when the bytes are not such a filter.
    public init(bloomFilter bytes: [UInt8]) throws(WordListError) {
        let magic = Array("BYLINEBLOOM1\n".utf8)
        let header = magic.count + 24
        guard bytes.count >= header, Array(bytes.prefix(magic.count)) == magic else { throw .notAFilter }
        func integer(at offset: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
            return value
        }
        let bitCount = integer(at: magic.count)
        let probes = integer(at: magic.count + 8)
        guard bitCount > 0, bitCount % 64 == 0, (1...32).contains(probes),
            UInt64(bytes.count - header) == bitCount / 8
        else { throw .notAFilter }
        var words = [UInt64](repeating: 0, count: Int(bitCount / 64))
        for index in words.indices {
            var value: UInt64 = 0
            let base = header + index * 8
            for byte in (0..<8).reversed() { value = value << 8 | UInt64(bytes[base + byte]) }
            words[index] = value
        }
        self.bits = words
        self.bitCount = bitCount
        self.probes = Int(probes)
        self.count = Int(integer(at: magic.count + 16))
    }

    /// True when `word` (lower-cased as the language lower-cases) may be a common word.
    public func containsCommonWord<S: StringProtocol>(_ word: S) -> Bool {
        contains(key: word.utf8, prefix: nil)
    }

    /// True when `word` (lower-cased) may be a proper name the dictionary knows.
    public func containsProperName<S: StringProtocol>(_ word: S) -> Bool {
        contains(key: word.utf8, prefix: 0x5E)
    }

    private func contains<C: Collection>(key: C, prefix: UInt8?) -> Bool where C.Element == UInt8 {
        guard count > 0 else { return false }
        var first: UInt64 = 0xCBF2_9CE4_8422_2325
        if let prefix { first = (first ^ UInt64(prefix)) &* 0x100_0000_01B3 }
        for byte in key { first = (first ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let second = ((first ^ 0xFF) &* 0x100_0000_01B3) | 1
        for probe in 0..<UInt64(probes) {
            let bit = (first &+ probe &* second) % bitCount
            if bits[Int(bit >> 6)] & (1 << (bit & 63)) == 0 { return false }
        }
        return true
    }
}

/// Why bytes could not be read as a word list.
public enum WordListError: Error, Sendable, CustomStringConvertible {
    case notAFilter

    public var description: String {
        switch self {
        case .notAFilter: "not a Byline word-list filter (expected the BYLINEBLOOM1 header and its bits)"
        }
    }
}
