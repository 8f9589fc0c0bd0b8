import BylineNames
import BylineResources
import BylineText
import Foundation
import Testing

@testable import BylineNames

@Suite("Name index")
struct NameIndexTests {
    static let entries = [
        GazetteerEntry(id: "geonames:1835848", kind: .place, weight: 100,
                       forms: ["en": ["Seoul"], "az": ["Seul"], "tr": ["Seul"], "ru": ["Сеул"]], related: ["region:KR"]),
        GazetteerEntry(id: "region:KR", kind: .country, weight: 100, forms: ["en": ["South Korea"], "ru": ["Южная Корея"]]),
        GazetteerEntry(id: "curated:blinken", kind: .person, weight: 50, forms: ["en": ["Antony Blinken", "Blinken"]]),
        GazetteerEntry(id: "empty", kind: .other, weight: 3, forms: ["en": ["-"]]),
    ]
    static let lexicon: [LanguageTag: [String]] = ["en": ["Cygwin", "LinkedIn"], "ru": ["Москва"]]
    static let frequencies: [LanguageTag: [String: Double]] = ["en": ["seoul": 4.2, "cygwin": 2.1], "ru": ["сеул": 3.9]]

    static func fixtureBytes(digest: UInt64 = 7) -> [UInt8] {
        NameIndexBuilder(entries: entries, lexicon: lexicon, frequencies: frequencies).bytes(sourceDigest: digest)
    }

    /// Where the first section of `kind` (of `language`'s number, if given) starts.
    static func sectionOffset<C: RandomAccessCollection>(in bytes: C, kind: NameIndex.SectionKind, language: UInt32? = nil) -> Int?
    where C.Element == UInt8, C.Index == Int {
        func integer(_ at: Int, _ size: Int) -> UInt64 {
            (0..<size).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[bytes.startIndex + at + $1]) }
        }
        for number in 0..<Int(integer(24, 4)) {
            let at = NameIndex.headerSize + number * NameIndex.sectionEntrySize
            if integer(at, 4) == UInt64(kind.rawValue) && (language == nil || integer(at + 4, 4) == UInt64(language!)) {
                return Int(integer(at + 8, 8))
            }
        }
        return nil
    }

    @Test("Every entity, form, dictionary name and frequency reads back as it was given")
    func roundTrip() throws {
        let gazetteer = Gazetteer(index: try NameIndex(bytes: IndexBytes(copying: Self.fixtureBytes()), checkingRecords: true))
        let read = gazetteer.entries.filter { !$0.id.hasPrefix("lexicon:") }
        #expect(read == Self.entries)
        #expect(gazetteer.entries(named: "Сеул", language: "ru").map(\.id) == ["geonames:1835848"])
        #expect(gazetteer.entry(id: "curated:blinken")?.forms["en"] == ["Antony Blinken", "Blinken"])
        // Forms whose key is empty ("-") are not indexed; the dictionaries' names are.
        #expect(gazetteer.formsByText["-"] == nil)
        let cygwin = try #require(gazetteer.formsByText["Cygwin"]?.first)
        #expect(gazetteer.forms[Int(cygwin)].isLexical)
        #expect(gazetteer.entityID(of: gazetteer.forms[Int(cygwin)]) == "lexicon:en:Cygwin")
        #expect(gazetteer.preferredForm(of: 0, language: "az") == "Seul")
        for (tag, table) in Self.frequencies {
            #expect(gazetteer.index.frequencyTable(tag.language) == table)
            for (word, value) in table { #expect(gazetteer.index.frequency(word, language: tag.language) == value) }
        }
        #expect(gazetteer.index.frequency("london", language: "en") == nil)
    }

    @Test("The fuzzy index finds every name within two edits of a misspelling")
    func fuzzyCandidates() throws {
        let gazetteer = Gazetteer(entries: Self.entries, lexicon: Self.lexicon)
        let index = try #require(gazetteer.index.deleteIndex(language: "en"))
        let keys = MatchKeyMaker()
        let found = index.candidates(for: keys.key("Seol")).map { gazetteer.forms[Int($0)].text }
        #expect(found.contains("Seoul"))
        #expect(!found.contains("Cygwin"))
        #expect(index.candidates(for: keys.key("Cygwni")).map { gazetteer.forms[Int($0)].text } == ["Cygwin"])
    }

    @Test("A damaged, truncated, stale or foreign file is refused, never read")
    func refusals() throws {
        let good = Self.fixtureBytes()
        #expect(throws: NameIndexError.notAnIndex) { try NameIndex(bytes: IndexBytes(copying: Array("BYLINEBLOOM1\n".utf8) + good)) }
        #expect(throws: NameIndexError.stale) { try NameIndex(bytes: IndexBytes(copying: good), expectedDigest: 8) }
        var version = good
        version[8] = 99
        #expect(throws: NameIndexError.otherVersion(found: 99, expected: NameIndex.formatVersion)) {
            try NameIndex(bytes: IndexBytes(copying: version))
        }
        #expect(throws: NameIndexError.self) { try NameIndex(bytes: IndexBytes(copying: Array(good.dropLast(100)))) }
        // One byte changed anywhere in the header, the section table or a section.
        let sectionCount = Int(good[24])
        let tableEnd = NameIndex.headerSize + sectionCount * NameIndex.sectionEntrySize
        for position in [20, NameIndex.headerSize + 9, tableEnd + 3, good.count / 2] {
            var damaged = good
            damaged[position] ^= 0x40
            #expect(throws: NameIndexError.self, "byte \(position)") { try NameIndex(bytes: IndexBytes(copying: damaged)) }
        }
    }

    @Test("A damaged fuzzy index is noticed when its language is first used")
    func damagedLanguageSection() throws {
        var bytes = Self.fixtureBytes()
        let probe = try NameIndex(bytes: IndexBytes(copying: bytes))
        let english = try #require(probe.languageNumbers["en"])
        let damagedAt = Self.sectionOffset(in: bytes, kind: .deleteIndex, language: english).map { $0 + 12 }
        bytes[try #require(damagedAt)] ^= 0x01
        let index = try NameIndex(bytes: IndexBytes(copying: bytes))
        #expect(index.damage == nil)
        #expect(index.deleteIndex(language: "ru") != nil)
        #expect(index.deleteIndex(language: "en") == nil)
        #expect(index.damage?.contains("en") == true)
    }

    @Test("The cache builds the shipped index once, maps it after, and rebuilds a damaged file")
    func cacheRebuildsDamage() throws {
        let resources = try ResourceBundle.locate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Start from the test run's own built index, so that only the damaged copy is rebuilt.
        _ = try #require(Shipped.gazetteer)
        let store = NameIndexStore(resources: resources, environment: ["BYLINE_CACHE_DIR": folder.path])
        let shipped = NameIndexStore(resources: resources, environment: ["BYLINE_CACHE_DIR": Shipped.cacheDirectory.path])
        let digest = try store.sourceDigest()
        let url = try #require(store.indexURL(digest: digest))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try #require(shipped.indexURL(digest: digest)), to: url)

        var notes: [String] = []
        let mapped = try store.load(note: { notes.append($0) })
        #expect(notes.isEmpty)
        #expect(mapped.sourceDigest == digest)

        var bytes = try Data(contentsOf: url)
        let forms = try #require(Self.sectionOffset(in: Array(bytes.prefix(1 << 16)), kind: .forms))
        bytes[forms + 1000] ^= 0xFF
        try bytes.write(to: url)
        let rebuilt = try store.load(note: { notes.append($0) })
        #expect(notes.contains { $0.contains("damaged") })
        #expect(Gazetteer(index: rebuilt).entries(named: "Seoul", language: "en").map(\.id).contains("geonames:1835848"))
        #expect(try Data(contentsOf: url) != bytes)
    }

    static let people = ["Warren Buffett", "Léa Seydoux", "Lea Seydoux Martin", "Jean-Pierre Léaud", "Warren G. Harding", "Emily Brontë"]

    @Test("Every public person reads back, by given name, and as written")
    func peopleRoundTrip() throws {
        let bytes = NameIndexBuilder(entries: Self.entries, people: Self.people).bytes(sourceDigest: 3)
        let index = try NameIndex(bytes: IndexBytes(copying: bytes), checkingRecords: true)
        let list = try #require(index.publicPeople)
        #expect(list.all.sorted() == Self.people.sorted())
        let keys = MatchKeyMaker()
        #expect(list.people(givenKey: keys.key("Warren")).sorted() == ["Warren Buffett", "Warren G. Harding"])
        // Given names are found by their key, accents and case aside.
        #expect(list.people(givenKey: keys.key("LEA")).sorted() == ["Lea Seydoux Martin", "Léa Seydoux"])
        #expect(list.people(givenKey: keys.key("Jean Pierre")) == ["Jean-Pierre Léaud"])
        #expect(list.contains("Emily Brontë", givenKey: keys.key("Emily")))
        #expect(!list.contains("Emily Bronte", givenKey: keys.key("Emily")))
        #expect(list.people(givenKey: keys.key("Oscar")).isEmpty)
        // An index without a list has none.
        #expect(try NameIndex(bytes: IndexBytes(copying: Self.fixtureBytes())).publicPeople == nil)
    }

    @Test("A damaged block of the public people's list is refused when read, and the index says so")
    func peopleDamage() throws {
        var bytes = NameIndexBuilder(entries: Self.entries, people: Self.people).bytes(sourceDigest: 3)
        let strings = try #require(Self.sectionOffset(in: bytes, kind: .peopleStrings))
        bytes[strings + 2] ^= 0x20  // a letter of the first name (`Emily Brontë`) and so its block
        let index = try NameIndex(bytes: IndexBytes(copying: bytes))
        #expect(index.damage == nil)
        let list = try #require(index.publicPeople)
        #expect(list.people(givenKey: MatchKeyMaker().key("Lea")).isEmpty)
        #expect(index.damage?.contains("public people") == true)
        #expect(throws: NameIndexError.self) { try NameIndex(bytes: IndexBytes(copying: bytes), checkingRecords: true) }
        // The checksums of the blocks are checked when the index opens.
        var blocks = NameIndexBuilder(entries: Self.entries, people: Self.people).bytes(sourceDigest: 3)
        blocks[try #require(Self.sectionOffset(in: blocks, kind: .peopleBlocks))] ^= 0x01
        #expect(throws: NameIndexError.self) { try NameIndex(bytes: IndexBytes(copying: blocks)) }
    }

    @Test("A major place a catalogue leaves unnamed takes the name the language's dictionary writes, once")
    func dictionaryForms() {
        let berlin = GazetteerEntry(id: "berlin", kind: .place, weight: 71, forms: ["en": ["Berlin"], "tr": ["Berlin"]])
        let state = GazetteerEntry(id: "berlin-state", kind: .region, weight: 70, forms: ["en": ["Berlin"]])
        let town = GazetteerEntry(id: "small", kind: .place, weight: 20, forms: ["en": ["Oslo"]])
        let named = GazetteerEntry(id: "named", kind: .place, weight: 90, forms: ["en": ["Bern"], "az": ["Bern"]])
        let other = GazetteerEntry(id: "other", kind: .place, weight: 90, forms: ["en": ["Bern"]])
        let pekin = GazetteerEntry(id: "beijing", kind: .place, weight: 92, forms: ["en": ["Beijing"], "tr": ["Pekin"], "lv": ["Pekina"]])
        let lexicon: [LanguageTag: [String]] = ["az": ["Berlin", "Oslo", "Bern", "Pekin", "Pekina"]]
        let filled = ResourceBundle.withDictionaryForms([berlin, state, pekin, town, named, other], lexicon: lexicon)
        let forms = Dictionary(uniqueKeysWithValues: filled.map { ($0.id, $0.forms["az"]) })
        #expect(forms["berlin"] == ["Berlin"])  // the city, not the state named after it
        #expect(forms["berlin-state"] == .some(nil))
        #expect(forms["beijing"] == ["Pekin"])  // the nearest language's name, not any language's
        #expect(forms["small"] == .some(nil))  // too small a place
        #expect(forms["other"] == .some(nil))  // another entity has the name already
    }

    @Test("The shipped index reads back the entries, dictionary names and frequencies of the data files")
    func shippedRoundTrip() throws {
        let resources = try ResourceBundle.locate()
        let gazetteer = try #require(Shipped.gazetteer)
        let expected = ResourceBundle.withDictionaryForms(try resources.gazetteerEntries(), lexicon: try resources.lexicon())
        let read = gazetteer.entries.filter { !$0.id.hasPrefix("lexicon:") }
        #expect(read.count == expected.count)
        #expect(read == expected)
        var lexicon: [String: [String]] = [:]
        for number in 0..<gazetteer.formCount where gazetteer.forms[number].isLexical {
            lexicon[gazetteer.forms[number].language, default: []].append(gazetteer.forms[number].text)
        }
        for (tag, names) in try resources.lexicon() {
            #expect(lexicon[tag.language] == names.filter { !MatchKeyMaker().key($0).isEmpty }, "\(tag)")
        }
        for (tag, table) in try resources.nameFrequencies() {
            #expect(gazetteer.index.frequencyTable(tag.language) == table, "\(tag)")
        }
        let people = try resources.publicPeople()
        #expect(people.count > 1_000_000)
        #expect(gazetteer.index.publicPeople?.all.sorted() == people.sorted())
    }
}
