import BylineNames
import BylineSegment
import BylineTestSupport
import BylineText
import Testing

@Suite("Mentions for ranking")
struct NameMentionFinderTests {
    static let tiny = Gazetteer(entries: [
        GazetteerEntry(id: "person:austin-lloyd", kind: .person, weight: 70, forms: ["en": ["Lloyd Austin"]]),
        GazetteerEntry(id: "geonames:austin", kind: .place, weight: 40, forms: ["en": ["Austin"]]),
        GazetteerEntry(id: "region:US", kind: .country, weight: 100, forms: ["en": ["United States"], "ru": ["США"]]),
        GazetteerEntry(id: "region:KP", kind: .country, weight: 100, forms: ["en": ["North Korea"]]),
    ])

    func mentions(_ text: String, finder: NameMentionFinder, language: LanguageTag = "en") throws -> [(String, String)] {
        let words = try WordSegmenter(language: language).words(in: text)
        return finder.nameMentions(in: text, words: words, language: language).map { (String(text[$0.range]), $0.entity) }
    }

    @Test("A full name's last word later in the report is the same person, not the city")
    func surnameIsThePerson() throws {
        let text = "Lloyd Austin met officials from North Korea. Later Austin said the United States would act."
        let found = try mentions(text, finder: NameMentionFinder(gazetteer: Self.tiny))
        #expect(found.map(\.0) == ["Lloyd Austin", "North Korea", "Austin", "United States"])
        #expect(found[0].1 == found[2].1)
        #expect(found[0].1 == "person:austin-lloyd")
    }

    @Test("The longest gazetteer form wins, and a form of another language does not count")
    func longestFormInTheTextLanguage() throws {
        let text = "Talks between the United States and North Korea resumed, the США said."
        let found = try mentions(text, finder: NameMentionFinder(gazetteer: Self.tiny))
        #expect(found.map(\.1) == ["region:US", "region:KP"])
    }

    @Test("Lower-cased copy finds multi-word forms by their key")
    func lowerCasedForms() throws {
        let text = "talks between the united states and north korea resumed on monday, officials said."
        let found = try mentions(text, finder: NameMentionFinder(gazetteer: Self.tiny))
        #expect(found.map(\.0) == ["united states", "north korea"])
    }

    @Test("Names the gazetteer lacks are found by the word list, and their surname joins them",
          .enabled(if: Shipped.wordLists["en"] != nil))
    func namesFromTheWordList() throws {
        let finder = NameMentionFinder(gazetteer: Self.tiny, wordLists: Shipped.wordLists)
        let text = "The coach said Andros Townsend played well. Townsend scored twice on Sunday."
        let found = try mentions(text, finder: finder)
        #expect(found.map(\.0).contains("Andros Townsend"))
        #expect(!found.map(\.0).contains("The"))
        let townsend = found.filter { $0.0.hasSuffix("Townsend") }.map(\.1)
        #expect(townsend.count == 2 && Set(townsend) == ["name:townsend"])
    }

    @Test("A one-word place that is also an ordinary word is no mention", .enabled(if: Shipped.wordLists["en"] != nil))
    func ordinaryWordPlace() throws {
        let gazetteer = Gazetteer(entries: [GazetteerEntry(id: "geonames:police", kind: .place, weight: 20, forms: ["en": ["Police"]])])
        let finder = NameMentionFinder(gazetteer: gazetteer, wordLists: Shipped.wordLists)
        #expect(try mentions("Police said the road was closed.", finder: finder).isEmpty)
    }

    /// A report in which names run over the places a stream of tokens may be cut: a
    /// gazetteer form of two words, a full name and its surname later, a heading line with
    /// no final stop followed by a capitalised line (their tokens join across the break
    /// when white space is left out).
    static let joins = """
        Lloyd Austin met officials from North Korea in the United States
        Townsend Andros Said Nothing
        Later Austin said the United States would act, and North Korea did not answer.
        """

    @Test("Tokens given in pieces of any size, without white space, give the mentions of all the tokens at once",
          arguments: ["seed", "joins", "seed lower-cased", "joins lower-cased"])
    func tokensInPieces(name: String) throws {
        let base = name.hasPrefix("seed") ? try Fixtures.text("seeds/000_e10f10481b35292a.txt") : Self.joins
        let text = name.hasSuffix("lower-cased") ? base.lowercased() : base
        let gazetteer = Shipped.gazetteer ?? Self.tiny
        let finder = NameMentionFinder(gazetteer: gazetteer, wordLists: Shipped.wordLists)
        let words = try WordSegmenter(language: "en").words(in: text, skippingSpaces: true)
        let whole = finder.nameMentions(in: text, words: words, language: "en")
        #expect(!whole.isEmpty)
        for size in [1, 2, 3, 5, 64] {
            var passes = 0
            let streamed = finder.nameMentions(in: text, language: "en") { body in
                passes += 1
                var start = 0
                while start < words.count {
                    body(Array(words[start..<min(words.count, start + size)]))
                    start += size
                }
            }
            #expect(streamed == whole, "pieces of \(size) tokens")
            // Lower-cased copy is read a second time, by its own rules.
            #expect(passes == (name.hasSuffix("lower-cased") ? 2 : 1))
        }
    }
}
