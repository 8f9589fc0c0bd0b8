import Synchronization

/// The gazetteer, its fuzzy indexes and the name frequencies in one flat binary layout,
/// read in place: from a memory-mapped file a process pays only for the pages it touches,
/// and the same layout built in memory (``Gazetteer/init(entries:lexicon:)``) serves tests,
/// so both take one code path.
///
/// Layout (little-endian, every section 8-byte aligned):
/// - a 64-byte header: magic `BYLNIDX\u{1}`, ``formatVersion``, an endianness mark, the
///   digest of the sources the index was built from, the section count, the file length
///   and a checksum of the header and section table;
/// - the section table: kind, language, offset, length and checksum of each section;
/// - the sections: strings, languages, entities, their forms and relations, forms, match
///   keys, lists of form numbers, open-addressing hash tables (text, key, entity id, Russian
///   stems, frequencies), and per language a symmetric-delete index (``DeleteIndex``).
///
/// Opening checks the header, the section table, every bound and the checksum of every
/// section but the per-language delete indexes, whose checksums are checked when a
/// language is first used (``deleteIndex(language:)``): a damaged or stale file is refused
/// with ``NameIndexError``, never read as garbage.
///
/// Immutable once read, so it is shared between workers; its buffers point into
/// ``IndexBytes``, which it keeps alive.
public final class NameIndex: @unchecked Sendable {
    /// Bumped whenever the layout or what goes into it changes; an older file is rebuilt.
    public static let formatVersion: UInt32 = 5
    static let magic: UInt64 = 0x0158_4449_4E4C_5942  // "BYLNIDX\u{1}"
    static let endianMark: UInt32 = 0x0102_0304
    static let headerSize = 64
    static let sectionEntrySize = 32

    enum SectionKind: UInt32 {
        case strings = 1, languages, entries, entryForms, related, forms, keys, lists
        case textTable, keyTable, entryTable, languageForms, deleteIndex, stemTable, frequencyTable, doubles
        case peopleStrings, peopleRecords, peopleLists, peopleByGiven, peopleBySurname, peopleBlocks
    }

    struct Section {
        var kind: SectionKind
        var language: UInt32
        var range: Range<Int>
        var checksum: UInt64
    }

    /// The digest of the sources the index was built from (see ``NameIndexBuilder``).
    public let sourceDigest: UInt64
    /// Size of the index in bytes.
    public var byteCount: Int { bytes.buffer.count }

    let bytes: IndexBytes
    let strings: UnsafeRawBufferPointer
    let languages: [String]
    let languageNumbers: [String: UInt32]
    let entryRecords: UnsafeBufferPointer<UInt32>
    let entryFormRecords: UnsafeBufferPointer<UInt32>
    let relatedRecords: UnsafeBufferPointer<UInt32>
    let formRecords: UnsafeBufferPointer<UInt32>
    let keyScalars: UnsafeBufferPointer<UInt32>
    let lists: UnsafeBufferPointer<Int32>
    let doubles: UnsafeBufferPointer<Double>
    let textTable: HashTable
    let keyTable: HashTable
    let entryTable: HashTable
    let formsByLanguage: [String: UnsafeBufferPointer<Int32>]
    let stemTables: [String: HashTable]
    let frequencyTables: [String: HashTable]
    private let deleteSections: [String: Section]
    private let checkedLanguages = Mutex<[String: Bool]>([:])
    let peopleSections: [Section]
    let peopleState = Mutex<PeopleState>(.unread)

    static let entryStride = 8
    static let entryFormStride = 3
    static let relatedStride = 2
    static let formStride = 9

    /// Reads an index from `bytes`.
    /// - Parameter expectedDigest: the digest of the sources as they are now; a file built
    ///   from other sources is stale.
    /// - Throws: ``NameIndexError`` when the bytes are no index of this format, were built
    ///   from other sources, or fail a bound or checksum.
    ///   - checkingRecords: also check that every record points inside its section (done
    ///     once, when the index is built; later the checksums vouch for the same bytes).
    public init(bytes: IndexBytes, expectedDigest: UInt64? = nil, checkingRecords: Bool = false) throws(NameIndexError) {
        self.bytes = bytes
        let buffer = bytes.buffer
        guard buffer.count >= Self.headerSize, Self.read(UInt64.self, buffer, 0) == Self.magic else { throw .notAnIndex }
        let version = Self.read(UInt32.self, buffer, 8)
        guard version == Self.formatVersion else { throw .otherVersion(found: version, expected: Self.formatVersion) }
        guard Self.read(UInt32.self, buffer, 12) == Self.endianMark else { throw .notAnIndex }
        sourceDigest = Self.read(UInt64.self, buffer, 16)
        if let expectedDigest, expectedDigest != sourceDigest { throw .stale }
        let sectionCount = Int(Self.read(UInt32.self, buffer, 24))
        let fileLength = Self.read(UInt64.self, buffer, 32)
        guard fileLength == UInt64(buffer.count) else { throw .damaged("the file is \(buffer.count) bytes long, its header says \(fileLength)") }
        let tableEnd = Self.headerSize + sectionCount * Self.sectionEntrySize
        guard sectionCount < 10_000, tableEnd <= buffer.count else { throw .damaged("the section table lies outside the file") }
        var checksum = IndexChecksum()
        checksum.add(UnsafeRawBufferPointer(rebasing: buffer[0..<40]))
        checksum.add(UnsafeRawBufferPointer(rebasing: buffer[48..<tableEnd]))
        guard checksum.value == Self.read(UInt64.self, buffer, 40) else { throw .damaged("the header's checksum does not match") }

        var sections: [Section] = []
        for number in 0..<sectionCount {
            let at = Self.headerSize + number * Self.sectionEntrySize
            guard let kind = SectionKind(rawValue: Self.read(UInt32.self, buffer, at)) else {
                throw .damaged("section \(number) has an unknown kind")
            }
            let offset = Self.read(UInt64.self, buffer, at + 8), length = Self.read(UInt64.self, buffer, at + 16)
            guard offset % 8 == 0, offset >= UInt64(tableEnd), length <= UInt64(buffer.count), offset <= UInt64(buffer.count) - length else {
                throw .damaged("section \(number) lies outside the file")
            }
            sections.append(Section(kind: kind, language: Self.read(UInt32.self, buffer, at + 4),
                                    range: Int(offset)..<Int(offset + length), checksum: Self.read(UInt64.self, buffer, at + 24)))
        }
        for section in sections where section.kind != .deleteIndex && !PublicPeople.kinds.contains(section.kind) {
            guard Self.checksum(of: section, in: bytes) == section.checksum else {
                throw .damaged("the checksum of a \(section.kind) section does not match")
            }
        }
        func single(_ kind: SectionKind) throws(NameIndexError) -> Section {
            guard let section = sections.first(where: { $0.kind == kind }) else { throw .damaged("no \(kind) section") }
            return section
        }
        func raw(_ kind: SectionKind) throws(NameIndexError) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: buffer[try single(kind).range])
        }
        strings = try raw(.strings)
        entryRecords = Self.typed(try raw(.entries), as: UInt32.self)
        entryFormRecords = Self.typed(try raw(.entryForms), as: UInt32.self)
        relatedRecords = Self.typed(try raw(.related), as: UInt32.self)
        formRecords = Self.typed(try raw(.forms), as: UInt32.self)
        keyScalars = Self.typed(try raw(.keys), as: UInt32.self)
        lists = Self.typed(try raw(.lists), as: Int32.self)
        doubles = Self.typed(try raw(.doubles), as: Double.self)
        guard entryRecords.count % Self.entryStride == 0, entryFormRecords.count % Self.entryFormStride == 0,
            relatedRecords.count % Self.relatedStride == 0, formRecords.count % Self.formStride == 0
        else { throw .damaged("a record table has a partial record") }

        let languageWords = Self.typed(try raw(.languages), as: UInt32.self)
        var names: [String] = []
        guard languageWords.count % 2 == 0 else { throw .damaged("the language table has a partial record") }
        for number in 0..<languageWords.count / 2 {
            guard let name = Self.string(strings, offset: languageWords[2 * number], length: languageWords[2 * number + 1]) else {
                throw .damaged("a language name lies outside the strings")
            }
            names.append(name)
        }
        languages = names
        var numbers: [String: UInt32] = [:]
        for (number, name) in names.enumerated() { numbers[name] = UInt32(number) }
        languageNumbers = numbers

        textTable = try HashTable(try raw(.textTable))
        keyTable = try HashTable(try raw(.keyTable))
        entryTable = try HashTable(try raw(.entryTable))
        let languageFormWords = Self.typed(try raw(.languageForms), as: UInt32.self)
        guard languageFormWords.count == 2 * names.count else { throw .damaged("the language forms table has the wrong size") }
        var byLanguage: [String: UnsafeBufferPointer<Int32>] = [:]
        for (number, name) in names.enumerated() where languageFormWords[2 * number + 1] > 0 {
            let start = Int(languageFormWords[2 * number]), count = Int(languageFormWords[2 * number + 1])
            guard start + count <= lists.count else { throw .damaged("a language's forms lie outside the lists") }
            byLanguage[name] = UnsafeBufferPointer(rebasing: lists[start..<start + count])
        }
        formsByLanguage = byLanguage
        func perLanguage(_ kind: SectionKind) throws(NameIndexError) -> [String: Section] {
            var result: [String: Section] = [:]
            for section in sections where section.kind == kind {
                guard section.language < names.count else { throw .damaged("a \(kind) section names no language") }
                result[names[Int(section.language)]] = section
            }
            return result
        }
        var stems: [String: HashTable] = [:]
        for (language, section) in try perLanguage(.stemTable) {
            stems[language] = try HashTable(UnsafeRawBufferPointer(rebasing: buffer[section.range]))
        }
        stemTables = stems
        var frequencies: [String: HashTable] = [:]
        for (language, section) in try perLanguage(.frequencyTable) {
            frequencies[language] = try HashTable(UnsafeRawBufferPointer(rebasing: buffer[section.range]))
        }
        frequencyTables = frequencies
        deleteSections = try perLanguage(.deleteIndex)
        peopleSections = sections.filter { PublicPeople.kinds.contains($0.kind) || $0.kind == .peopleBlocks }
        if checkingRecords {
            try validateRecords()
            for language in deleteSections.keys where deleteIndex(language: language)?.isValid(valueLimit: Int32(formCount)) != true {
                throw .damaged("the fuzzy index of \(language) points outside the index")
            }
            if !peopleSections.isEmpty, publicPeople?.validate() != true { throw .damaged("the list of public people points outside the index") }
        }
    }

    /// Every record's references lie inside their sections, so no later read can leave them.
    private func validateRecords() throws(NameIndexError) {
        let stringCount = UInt64(strings.count), keyCount = UInt64(keyScalars.count)
        let entryCount = UInt32(entryRecords.count / Self.entryStride)
        for entry in 0..<Int(entryCount) {
            let base = entry * Self.entryStride
            guard UInt64(entryRecords[base]) + UInt64(entryRecords[base + 1]) <= stringCount,
                UInt64(entryRecords[base + 4]) + UInt64(entryRecords[base + 5]) <= UInt64(entryFormRecords.count / Self.entryFormStride),
                UInt64(entryRecords[base + 6]) + UInt64(entryRecords[base + 7]) <= UInt64(relatedRecords.count / Self.relatedStride),
                GazetteerEntry.Kind.allCases.indices.contains(Int(entryRecords[base + 2]))
            else { throw .damaged("entity \(entry) points outside the index") }
        }
        for item in 0..<entryFormRecords.count / Self.entryFormStride {
            let base = item * Self.entryFormStride
            guard entryFormRecords[base] < languages.count, UInt64(entryFormRecords[base + 1]) + UInt64(entryFormRecords[base + 2]) <= stringCount
            else { throw .damaged("an entity's form points outside the index") }
        }
        for item in 0..<relatedRecords.count / Self.relatedStride {
            guard UInt64(relatedRecords[2 * item]) + UInt64(relatedRecords[2 * item + 1]) <= stringCount else {
                throw .damaged("an entity's relation points outside the index")
            }
        }
        for form in 0..<formCount {
            let base = form * Self.formStride
            guard formRecords[base] < entryCount, formRecords[base + 1] < languages.count,
                UInt64(formRecords[base + 2]) + UInt64(formRecords[base + 3]) <= stringCount,
                UInt64(formRecords[base + 4]) + UInt64(formRecords[base + 5]) <= keyCount,
                UInt64(formRecords[base + 6]) + UInt64(formRecords[base + 7]) <= keyCount
            else { throw .damaged("form \(form) points outside the index") }
        }
        let formLimit = Int32(formCount)
        guard !lists.contains(where: { $0 < 0 || $0 >= formLimit }) else { throw .damaged("a list names a form that does not exist") }
        for table in [textTable, keyTable] + Array(stemTables.values) {
            guard table.isValid(keyLimit: table === keyTable || stemTables.values.contains(where: { $0 === table }) ? keyCount : stringCount,
                                valueLimit: UInt64(lists.count))
            else { throw .damaged("a hash table points outside the index") }
        }
        guard entryTable.isValid(keyLimit: stringCount, valueLimit: UInt64(entryCount)) else { throw .damaged("the entity table points outside the index") }
        for table in frequencyTables.values where !table.isValid(keyLimit: stringCount, valueLimit: UInt64(doubles.count)) {
            throw .damaged("a frequency table points outside the index")
        }
    }

    // MARK: Reading

    var formCount: Int { formRecords.count / Self.formStride }
    var entryCount: Int { entryRecords.count / Self.entryStride }

    func string(offset: UInt32, length: UInt32) -> String {
        Self.string(strings, offset: offset, length: length) ?? ""
    }

    func scalars(offset: UInt32, length: UInt32) -> [UInt32] {
        Array(UnsafeBufferPointer(rebasing: keyScalars[Int(offset)..<Int(offset + length)]))
    }

    func list(start: UInt32, count: UInt32) -> [Int32] {
        Array(UnsafeBufferPointer(rebasing: lists[Int(start)..<Int(start + count)]))
    }

    /// The form numbers whose text is `text`.
    func forms(text: String) -> [Int32]? {
        var text = text
        return text.withUTF8 { key in
            textTable.find(hash: IndexChecksum.hash(UnsafeRawBufferPointer(key))) { offset, length in
                length == key.count && memoryEqual(strings, Int(offset), UnsafeRawBufferPointer(key))
            }.map { list(start: $0.start, count: $0.count) }
        }
    }

    /// The form numbers whose match key is `key` (in the key table or a stem table).
    func forms(key: [UInt32], in table: HashTable) -> [Int32]? {
        key.withUnsafeBytes { bytes in
            table.find(hash: IndexChecksum.hash(bytes)) { offset, length in
                Int(length) == key.count && memoryEqual(UnsafeRawBufferPointer(keyScalars), Int(offset) * 4, bytes)
            }.map { list(start: $0.start, count: $0.count) }
        }
    }

    /// The entity number of `id`.
    func entry(id: String) -> Int32? {
        var id = id
        return id.withUTF8 { key in
            entryTable.find(hash: IndexChecksum.hash(UnsafeRawBufferPointer(key))) { offset, length in
                length == key.count && memoryEqual(strings, Int(offset), UnsafeRawBufferPointer(key))
            }.map { Int32($0.start) }
        }
    }

    /// The Zipf value of `word` (lower-cased) in `language`'s frequency table.
    func frequency(_ word: String, language: String) -> Double? {
        guard let table = frequencyTables[language] else { return nil }
        var word = word
        return word.withUTF8 { key in
            table.find(hash: IndexChecksum.hash(UnsafeRawBufferPointer(key))) { offset, length in
                length == key.count && memoryEqual(strings, Int(offset), UnsafeRawBufferPointer(key))
            }.map { doubles[Int($0.start)] }
        }
    }

    /// The fuzzy index of `language`'s names, its checksum checked on first use; nil when
    /// the language has none, or when its section is damaged (then ``damage`` says so).
    func deleteIndex(language: String) -> DeleteIndex? {
        guard let section = deleteSections[language] else { return nil }
        let intact = checkedLanguages.withLock { checked in
            if let known = checked[language] { return known }
            let result = Self.checksum(of: section, in: bytes) == section.checksum
            checked[language] = result
            return result
        }
        guard intact else { return nil }
        return DeleteIndex(section: UnsafeRawBufferPointer(rebasing: bytes.buffer[section.range]))
    }

    /// What is wrong with a part of the index found damaged after opening, if anything.
    public var damage: String? {
        let bad = checkedLanguages.withLock { $0.filter { !$0.value }.keys.sorted() }
        var problems = bad.isEmpty ? [] : ["the fuzzy index of \(bad.joined(separator: ", ")) fails its checksum"]
        if peopleDamaged { problems.append("the list of public people fails its checksum") }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    // MARK: Helpers

    /// A 64-bit digest of `bytes`, for naming an index after its sources.
    public static func digest(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        IndexChecksum.hash(bytes)
    }

    /// The digest of bytes given in slices (a large file read a megabyte at a time): equal
    /// for equal bytes given in slices of equal sizes.
    public struct StreamingDigest {
        private var checksum = IndexChecksum()
        private var count = 0
        public init() {}
        public mutating func add(_ bytes: UnsafeRawBufferPointer) {
            checksum.add(bytes)
            count += bytes.count
        }
        public var value: UInt64 {
            var mixed = checksum.value ^ UInt64(count)
            mixed = (mixed ^ (mixed >> 33)) &* 0xFF51_AFD7_ED55_8CCD
            return mixed ^ (mixed >> 33)
        }
    }

    static func checksum(of section: Section, in bytes: IndexBytes) -> UInt64 {
        var checksum = IndexChecksum()
        var start = section.range.lowerBound
        // In slices, so that a mapped file can let go of each slice's pages once read.
        while start < section.range.upperBound {
            let end = min(start + 1 << 20, section.range.upperBound)
            let slice = UnsafeRawBufferPointer(rebasing: bytes.buffer[start..<end])
            checksum.add(slice)
            bytes.discard(slice)
            start = end
        }
        return checksum.value
    }

    static func read<T: FixedWidthInteger>(_: T.Type, _ buffer: UnsafeRawBufferPointer, _ offset: Int) -> T {
        T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    static func typed<T>(_ raw: UnsafeRawBufferPointer, as type: T.Type) -> UnsafeBufferPointer<T> {
        guard let base = raw.baseAddress, raw.count >= MemoryLayout<T>.stride else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: T.self), count: raw.count / MemoryLayout<T>.stride)
    }

    static func string(_ strings: UnsafeRawBufferPointer, offset: UInt32, length: UInt32) -> String? {
        let start = Int(offset), end = start + Int(length)
        guard end <= strings.count else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: strings[start..<end]), as: UTF8.self)
    }
}

private func memoryEqual(_ buffer: UnsafeRawBufferPointer, _ offset: Int, _ other: UnsafeRawBufferPointer) -> Bool {
    guard offset + other.count <= buffer.count else { return false }
    guard other.count > 0 else { return true }
    return memcmpBytes(buffer.baseAddress! + offset, other.baseAddress!, other.count)
}

private func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    for index in 0..<count where a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) {
        return false
    }
    return true
}

/// An open-addressing hash table in the index: slots of (hash, record number + 1), and
/// records of (key offset, key length, value start, value count). Keys live in the
/// strings section (bytes) or the keys section (scalars); values in the lists section
/// (form numbers), the entity table (one number) or the doubles section.
final class HashTable: @unchecked Sendable {
    let slots: UnsafeBufferPointer<UInt32>
    let records: UnsafeBufferPointer<UInt32>

    init(_ raw: UnsafeRawBufferPointer) throws(NameIndexError) {
        guard raw.count >= 8 else { throw .damaged("a hash table is cut short") }
        let slotCount = Int(NameIndex.read(UInt32.self, raw, 0)), recordCount = Int(NameIndex.read(UInt32.self, raw, 4))
        guard slotCount > 0, slotCount & (slotCount - 1) == 0, 8 + slotCount * 8 + recordCount * 16 <= raw.count else {
            throw .damaged("a hash table's size does not match its section")
        }
        let words = NameIndex.typed(UnsafeRawBufferPointer(rebasing: raw[8...]), as: UInt32.self)
        slots = UnsafeBufferPointer(rebasing: words[0..<2 * slotCount])
        records = UnsafeBufferPointer(rebasing: words[2 * slotCount..<2 * slotCount + 4 * recordCount])
    }

    func isValid(keyLimit: UInt64, valueLimit: UInt64) -> Bool {
        let recordCount = UInt32(records.count / 4)
        for slot in 0..<slots.count / 2 where slots[2 * slot + 1] > recordCount { return false }
        for record in 0..<Int(recordCount) {
            let base = 4 * record
            if UInt64(records[base]) + UInt64(records[base + 1]) > keyLimit { return false }
            if UInt64(records[base + 2]) + UInt64(records[base + 3]) > valueLimit { return false }
        }
        return true
    }

    /// The record whose key `matches`, probing from `hash`.
    func find(hash: UInt64, matches: (UInt32, UInt32) -> Bool) -> (start: UInt32, count: UInt32)? {
        let mask = slots.count / 2 - 1
        let short = UInt32(truncatingIfNeeded: hash >> 32)
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0...mask {
            let record = slots[2 * slot + 1]
            if record == 0 { return nil }
            if slots[2 * slot] == short {
                let base = 4 * Int(record - 1)
                if matches(records[base], records[base + 1]) { return (records[base + 2], records[base + 3]) }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

/// A 64-bit hash of bytes, eight at a time: the index's checksums and its tables' keys.
/// Not cryptographic; it detects damage and spreads keys.
struct IndexChecksum {
    private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        var state = value
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            state = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
            state ^= state >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        if shift > 0 {
            state = (state ^ tail ^ (shift << 56)) &* 0xC4CE_B9FE_1A85_EC53
            state ^= state >> 29
        }
        value = state
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = IndexChecksum()
        checksum.add(bytes)
        var mixed = checksum.value ^ UInt64(bytes.count)
        mixed = (mixed ^ (mixed >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        return mixed ^ (mixed >> 33)
    }
}

/// Why a name index could not be read.
public enum NameIndexError: Error, Sendable, CustomStringConvertible, Equatable {
    case notAnIndex
    case otherVersion(found: UInt32, expected: UInt32)
    case stale
    case damaged(String)

    public var description: String {
        switch self {
        case .notAnIndex: "not a Byline name index"
        case let .otherVersion(found, expected): "a name index of format \(found); this build reads format \(expected)"
        case .stale: "a name index built from other data than the data in use"
        case let .damaged(reason): "a damaged name index: \(reason)"
        }
    }
}
