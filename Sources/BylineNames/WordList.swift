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
    private let storage: IndexBytes?
    private let bitsOffset: Int
    private let bitCount: UInt64
    private let probes: Int
    /// How many keys went into the filter.
    public let count: Int

    /// An empty list, for languages without one.
    public static let empty = WordList()

    private init() {
        storage = nil
        bitsOffset = 0
        bitCount = 64
        probes = 1
        count = 0
    }

    static let magic = Array("BYLINEBLOOM1\n".utf8)

    /// Reads the filter format the script writes: `BYLINEBLOOM1\n`, the bit count, the
    /// probe count and the key count as little-endian 64-bit integers, then the bits.
    /// - Throws: ``WordListError`` when the bytes are not such a filter.
    public init(bloomFilter bytes: [UInt8]) throws(WordListError) {
        try self.init(bytes: IndexBytes(copying: bytes))
    }

    /// Reads a filter in place (a memory-mapped file): a look-up touches only the pages
    /// of the bits it probes.
    /// - Throws: ``WordListError`` when the bytes are not such a filter.
    public init(bytes: IndexBytes) throws(WordListError) {
        let buffer = bytes.buffer
        let header = Self.magic.count + 24
        guard buffer.count >= header, buffer.prefix(Self.magic.count).elementsEqual(Self.magic) else { throw .notAFilter }
        let bitCount = NameIndex.read(UInt64.self, buffer, Self.magic.count)
        let probes = NameIndex.read(UInt64.self, buffer, Self.magic.count + 8)
        guard bitCount > 0, bitCount % 64 == 0, (1...32).contains(probes),
            UInt64(buffer.count - header) == bitCount / 8
        else { throw .notAFilter }
        self.storage = bytes
        self.bitsOffset = header
        self.bitCount = bitCount
        self.probes = Int(probes)
        self.count = Int(NameIndex.read(UInt64.self, buffer, Self.magic.count + 16))
    }

    /// Lets go of the pages of a mapped list read so far (see ``IndexBytes/discardAll()``).
    func discardPages() { storage?.discardAll() }

    /// True when `word` (lower-cased as the language lower-cases) may be a common word.
    public func containsCommonWord<S: StringProtocol>(_ word: S) -> Bool {
        contains(key: word.utf8, prefix: nil)
    }

    /// True when `word` (lower-cased) may be a proper name the dictionary knows.
    public func containsProperName<S: StringProtocol>(_ word: S) -> Bool {
        contains(key: word.utf8, prefix: 0x5E)
    }

    private func contains<C: Collection>(key: C, prefix: UInt8?) -> Bool where C.Element == UInt8 {
        guard count > 0, let storage else { return false }
        var first: UInt64 = 0xCBF2_9CE4_8422_2325
        if let prefix { first = (first ^ UInt64(prefix)) &* 0x100_0000_01B3 }
        for byte in key { first = (first ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let second = ((first ^ 0xFF) &* 0x100_0000_01B3) | 1
        for probe in 0..<UInt64(probes) {
            let bit = (first &+ probe &* second) % bitCount
            let word = NameIndex.read(UInt64.self, storage.buffer, bitsOffset + Int(bit >> 6) * 8)
            if word & (1 << (bit & 63)) == 0 { return false }
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
