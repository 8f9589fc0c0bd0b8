import Synchronization

/// The list of public people's full names (``NameIndexBuilder/people``) as the index keeps
/// it: the names sorted by the match key of their first word, so the people who share a
/// given name are one run of records; a table from the key of a given name to its run, and
/// one from the key of a surname (the last word) to the list of its people.
///
/// The five sections hold tens of megabytes, and a look-up reads a few pages of them, so
/// they are checked block by block (``PeopleBlocks``) as they are read, against checksums
/// of every 4 KB (a page) that a small section, checked when the index opens, holds: a process
/// pays for the pages it reads, and a damaged block is refused, never read as names.
struct PublicPeople: @unchecked Sendable {
    /// The names' bytes, then the keys' bytes.
    let strings: UnsafeRawBufferPointer
    /// (offset, length) of each name in ``strings``.
    let records: UnsafeBufferPointer<UInt32>
    /// Person numbers, grouped by surname key.
    let lists: UnsafeBufferPointer<Int32>
    /// Given-name key → (first person, count); surname key → (start in ``lists``, count).
    let byGiven: HashTable
    let bySurname: HashTable
    let blocks: PeopleBlocks

    static let kinds: [NameIndex.SectionKind] = [.peopleStrings, .peopleRecords, .peopleLists, .peopleByGiven, .peopleBySurname]

    var count: Int { records.count / 2 }

    /// The name of person `number`; nil when its record or bytes are damaged.
    func name(_ number: Int) -> String? {
        guard number >= 0, number < count, blocks.intact(records, 2 * number..<2 * number + 2) else { return nil }
        let offset = Int(records[2 * number]), length = Int(records[2 * number + 1])
        guard offset + length <= strings.count, blocks.intact(strings, offset..<offset + length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: strings[offset..<offset + length]), as: UTF8.self)
    }

    /// The people whose first word has the match key `key`.
    func people(givenKey key: [UInt32]) -> [String] {
        guard let (start, count) = find(key, in: byGiven), Int(start) + Int(count) <= self.count else { return [] }
        return (Int(start)..<Int(start) + Int(count)).compactMap(name)
    }

    /// Whether some listed person's first word has the match key `key`.
    func hasGivenName(key: [UInt32]) -> Bool { find(key, in: byGiven) != nil }

    /// Whether some listed person's last word has the match key `key`.
    func hasSurname(key: [UInt32]) -> Bool { find(key, in: bySurname) != nil }

    /// The people whose last word has the match key `key`.
    func people(surnameKey key: [UInt32]) -> [String] {
        guard let (start, count) = find(key, in: bySurname), Int(start) + Int(count) <= lists.count,
            blocks.intact(lists, Int(start)..<Int(start) + Int(count))
        else { return [] }
        return lists[Int(start)..<Int(start) + Int(count)].compactMap { name(Int($0)) }
    }

    /// Whether the list has `name` exactly as written.
    func contains(_ name: String, givenKey: [UInt32]) -> Bool {
        guard let (start, count) = find(givenKey, in: byGiven), Int(start) + Int(count) <= self.count else { return false }
        guard blocks.intact(records, 2 * Int(start)..<2 * (Int(start) + Int(count))) else { return false }
        var name = name
        return name.withUTF8 { wanted in
            (Int(start)..<Int(start) + Int(count)).contains { number in
                guard Int(records[2 * number + 1]) == wanted.count else { return false }
                let offset = Int(records[2 * number])
                return offset + wanted.count <= strings.count && blocks.intact(strings, offset..<offset + wanted.count)
                    && strings[offset..<offset + wanted.count].elementsEqual(UnsafeRawBufferPointer(wanted))
            }
        }
    }

    /// Every name, in the index's order (for rebuilding the index with more entries).
    var all: [String] { (0..<count).compactMap(name) }

    /// The value of the record whose key is `key`, probing as ``HashTable/find(hash:matches:)``
    /// does, each slot, record and key checked before it is read.
    private func find(_ key: [UInt32], in table: HashTable) -> (UInt32, UInt32)? {
        var bytes = PublicPeople.keyBytes(key)
        return bytes.withUTF8 { key -> (UInt32, UInt32)? in
            let hash = IndexChecksum.hash(UnsafeRawBufferPointer(key))
            let slots = table.slots, records = table.records
            let mask = slots.count / 2 - 1
            let short = UInt32(truncatingIfNeeded: hash >> 32)
            var slot = Int(truncatingIfNeeded: hash) & mask
            for _ in 0...mask {
                guard blocks.intact(slots, 2 * slot..<2 * slot + 2) else { return nil }
                let record = Int(slots[2 * slot + 1])
                if record == 0 { return nil }
                if slots[2 * slot] == short {
                    let base = 4 * (record - 1)
                    guard base + 4 <= records.count, blocks.intact(records, base..<base + 4) else { return nil }
                    let offset = Int(records[base]), length = Int(records[base + 1])
                    if length == key.count, offset + length <= strings.count, blocks.intact(strings, offset..<offset + length),
                        strings[offset..<offset + length].elementsEqual(UnsafeRawBufferPointer(key))
                    {
                        return (records[base + 2], records[base + 3])
                    }
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// Checks every block and every record's bounds (after building an index).
    func validate() -> Bool {
        guard blocks.intactAll() else { return false }
        for number in 0..<count where UInt64(records[2 * number]) + UInt64(records[2 * number + 1]) > UInt64(strings.count) { return false }
        return !lists.contains { $0 < 0 || Int($0) >= count }
            && byGiven.isValid(keyLimit: UInt64(strings.count), valueLimit: UInt64(count))
            && bySurname.isValid(keyLimit: UInt64(strings.count), valueLimit: UInt64(lists.count))
    }

    /// A key as the UTF-8 text it is stored as.
    static func keyBytes(_ key: [UInt32]) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: key.compactMap(Unicode.Scalar.init))
        return String(text)
    }
}

extension NameIndexBuilder {
    /// Words folded into match keys per call while the people's list is built.
    static let peopleFoldSlice = 20_000

    /// The sections of the public people's list; none for an empty list.
    ///
    /// Cost: one ICU fold of every distinct word, and a sort of the names. Memory: a few
    /// numbers per name beside the names themselves; the words are folded a slice at a time
    /// and the people are grouped by surname with a counting pass, not a list per surname.
    func peopleSections() -> [(NameIndex.SectionKind, UInt32, [UInt8])] {
        guard !people.isEmpty else { return [] }
        // Each person's first and last word, as numbers of the distinct words; -1 for a name
        // without a word.
        var given = [Int32](repeating: -1, count: people.count), surname = [Int32](repeating: -1, count: people.count)
        var words: [String] = []
        do {
            var wordNumbers: [Substring: Int32] = [:]
            func number(_ word: Substring) -> Int32 {
                if let known = wordNumbers[word] { return known }
                wordNumbers[word] = Int32(words.count)
                words.append(String(word))
                return Int32(words.count - 1)
            }
            for (person, name) in people.enumerated() {
                let parts = name.split(separator: " ")
                guard let first = parts.first, let last = parts.last else { continue }
                given[person] = number(first)
                surname[person] = number(last)
            }
        }
        var keys: [String] = []
        keys.reserveCapacity(words.count)
        let maker = MatchKeyMaker()
        for start in stride(from: 0, to: words.count, by: Self.peopleFoldSlice) {
            keys += maker.keys(Array(words[start..<min(start + Self.peopleFoldSlice, words.count)])).map(PublicPeople.keyBytes)
        }
        words = []
        let order = people.indices.filter { given[$0] >= 0 }
            .sorted { (keys[Int(given[$0])], people[$0]) < (keys[Int(given[$1])], people[$1]) }

        var strings: [UInt8] = []
        var records: [UInt32] = []
        records.reserveCapacity(2 * order.count)
        var givenRuns: [(key: String, start: Int, count: Int)] = []
        // Surname keys in the order they first come, and each person's (by number) rank among them.
        var surnameRanks: [String: Int32] = [:]
        var surnameOrder: [String] = []
        var rankOfNumber: [Int32] = []
        rankOfNumber.reserveCapacity(order.count)
        for (number, person) in order.enumerated() {
            let name = people[person]
            records.append(UInt32(strings.count))
            records.append(UInt32(name.utf8.count))
            strings += name.utf8
            let givenKey = keys[Int(given[person])], surnameKey = keys[Int(surname[person])]
            if givenRuns.last?.key == givenKey { givenRuns[givenRuns.count - 1].count += 1 } else { givenRuns.append((givenKey, number, 1)) }
            if let rank = surnameRanks[surnameKey] {
                rankOfNumber.append(rank)
            } else {
                surnameRanks[surnameKey] = Int32(surnameOrder.count)
                rankOfNumber.append(Int32(surnameOrder.count))
                surnameOrder.append(surnameKey)
            }
        }
        surnameRanks = [:]
        // The people of each surname, in number order, one surname after another.
        var listStarts = [Int](repeating: 0, count: surnameOrder.count + 1)
        for rank in rankOfNumber { listStarts[Int(rank) + 1] += 1 }
        for rank in surnameOrder.indices { listStarts[rank + 1] += listStarts[rank] }
        var lists = [Int32](repeating: 0, count: rankOfNumber.count)
        var next = listStarts
        for (number, rank) in rankOfNumber.enumerated() {
            lists[next[Int(rank)]] = Int32(number)
            next[Int(rank)] += 1
        }
        var keyPlaces: [String: (offset: UInt32, length: UInt32)] = [:]
        func stored(_ key: String) -> (offset: UInt32, length: UInt32) {
            if let place = keyPlaces[key] { return place }
            let place = (UInt32(strings.count), UInt32(key.utf8.count))
            strings += key.utf8
            keyPlaces[key] = place
            return place
        }
        var givenRecords: [HashTableBuilder.Record] = []
        for run in givenRuns {
            let place = stored(run.key)
            givenRecords.append(.init(hash: IndexWriter.hashOfString(run.key), keyOffset: place.offset, keyLength: place.length,
                                      valueStart: UInt32(run.start), valueCount: UInt32(run.count)))
        }
        var surnameRecords: [HashTableBuilder.Record] = []
        for (rank, key) in surnameOrder.enumerated() {
            let place = stored(key)
            surnameRecords.append(.init(hash: IndexWriter.hashOfString(key), keyOffset: place.offset, keyLength: place.length,
                                        valueStart: UInt32(listStarts[rank]), valueCount: UInt32(listStarts[rank + 1] - listStarts[rank])))
        }
        let sections: [(NameIndex.SectionKind, UInt32, [UInt8])] = [
            (.peopleStrings, .max, strings),
            (.peopleRecords, .max, IndexWriter.bytes(of: records)),
            (.peopleLists, .max, lists.withUnsafeBytes { Array($0) }),
            (.peopleByGiven, .max, HashTableBuilder.bytes(givenRecords)),
            (.peopleBySurname, .max, HashTableBuilder.bytes(surnameRecords)),
        ]
        var checksums: [UInt8] = []
        for (_, _, bytes) in sections {
            bytes.withUnsafeBytes { raw in
                for start in stride(from: 0, to: raw.count, by: PeopleBlocks.blockSize) {
                    var checksum = IndexChecksum()
                    checksum.add(UnsafeRawBufferPointer(rebasing: raw[start..<min(start + PeopleBlocks.blockSize, raw.count)]))
                    IndexWriter.append(checksum.value, to: &checksums)
                }
            }
        }
        return sections + [(.peopleBlocks, .max, checksums)]
    }
}

extension NameIndex {
    /// The public people's list, its sections' checksums checked on first use; nil when the
    /// index has none, or when a section is damaged (then ``damage`` says so).
    var publicPeople: PublicPeople? {
        peopleState.withLock { state -> PublicPeople? in
            switch state {
            case let .ready(people): return people
            case .absent, .damaged: return nil
            case .unread:
                guard let people = openPublicPeople() else {
                    state = peopleSections.isEmpty ? .absent : .damaged
                    return nil
                }
                state = .ready(people)
                return people
            }
        }
    }

    private func openPublicPeople() -> PublicPeople? {
        var raw: [SectionKind: UnsafeRawBufferPointer] = [:]
        for kind in PublicPeople.kinds + [.peopleBlocks] {
            guard let section = peopleSections.first(where: { $0.kind == kind }) else { return nil }
            raw[kind] = UnsafeRawBufferPointer(rebasing: bytes.buffer[section.range])
        }
        guard let blocks = PeopleBlocks(parts: PublicPeople.kinds.map { raw[$0]! }, checksums: Self.typed(raw[.peopleBlocks]!, as: UInt64.self)),
            blocks.intact(raw[.peopleByGiven]!, 0..<8), blocks.intact(raw[.peopleBySurname]!, 0..<8),
            let byGiven = try? HashTable(raw[.peopleByGiven]!), let bySurname = try? HashTable(raw[.peopleBySurname]!)
        else { return nil }
        return PublicPeople(strings: raw[.peopleStrings]!, records: Self.typed(raw[.peopleRecords]!, as: UInt32.self),
                            lists: Self.typed(raw[.peopleLists]!, as: Int32.self), byGiven: byGiven, bySurname: bySurname, blocks: blocks)
    }

    /// Whether the index holds a list of public people (without opening it).
    var hasPublicPeople: Bool { !peopleSections.isEmpty }

    /// Whether a block of the public people's list was found damaged.
    var peopleDamaged: Bool {
        peopleState.withLock { state in
            switch state {
            case .damaged: true
            case let .ready(people): people.blocks.anyDamaged
            default: false
            }
        }
    }

    enum PeopleState {
        case unread, absent, damaged
        case ready(PublicPeople)
    }
}

/// Checksums of the public people's sections, block by block, each block checked the first
/// time it is read; a block that fails stays refused.
final class PeopleBlocks: @unchecked Sendable {
    static let blockSize = 4 << 10
    private struct Part {
        let base: UnsafeRawPointer?
        let count: Int
        let firstBlock: Int
    }
    private let parts: [Part]
    private let checksums: UnsafeBufferPointer<UInt64>
    /// Per block: 0 not yet read, 1 intact, 2 damaged.
    private let states: Mutex<[UInt8]>

    /// Nil when the checksums do not cover the parts block for block.
    init?(parts raw: [UnsafeRawBufferPointer], checksums: UnsafeBufferPointer<UInt64>) {
        var parts: [Part] = []
        var blocks = 0
        for part in raw {
            parts.append(Part(base: part.baseAddress, count: part.count, firstBlock: blocks))
            blocks += (part.count + Self.blockSize - 1) / Self.blockSize
        }
        guard blocks == checksums.count else { return nil }
        self.parts = parts
        self.checksums = checksums
        self.states = Mutex([UInt8](repeating: 0, count: blocks))
    }

    /// Whether the elements `range` of `buffer` (inside one of the parts) lie in intact blocks.
    func intact<T>(_ buffer: UnsafeBufferPointer<T>, _ range: Range<Int>) -> Bool {
        guard let base = buffer.baseAddress, range.lowerBound >= 0, range.upperBound <= buffer.count else { return false }
        let stride = MemoryLayout<T>.stride
        return intact(UnsafeRawPointer(base) + range.lowerBound * stride, count: range.count * stride)
    }

    func intact(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard let base = buffer.baseAddress, range.lowerBound >= 0, range.upperBound <= buffer.count else { return false }
        return intact(base + range.lowerBound, count: range.count)
    }

    private func intact(_ start: UnsafeRawPointer, count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let part = parts.first(where: { part in part.base.map { start >= $0 && start + count <= $0 + part.count } ?? false }),
            let base = part.base
        else { return false }
        let from = (start - base) / Self.blockSize, to = (start - base + count - 1) / Self.blockSize
        return states.withLock { states in
            for block in from...to {
                let number = part.firstBlock + block
                if states[number] == 0 {
                    let lower = block * Self.blockSize, upper = min(lower + Self.blockSize, part.count)
                    var checksum = IndexChecksum()
                    checksum.add(UnsafeRawBufferPointer(start: base + lower, count: upper - lower))
                    states[number] = checksum.value == checksums[number] ? 1 : 2
                }
                if states[number] == 2 { return false }
            }
            return true
        }
    }

    /// Checks every block; false when one fails.
    func intactAll() -> Bool {
        parts.allSatisfy { part in part.base.map { intact($0, count: part.count) } ?? true }
    }

    var anyDamaged: Bool { states.withLock { $0.contains(2) } }
}
