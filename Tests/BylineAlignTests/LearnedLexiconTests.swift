import BylineAlign
import BylineText
import Testing

@Suite("Learned lexicon")
struct LearnedLexiconTests {
    /// What a desk's memory might hold for English and Azerbaijani after a few stories.
    static let memory: [(source: String, target: String)] = [
        ("The government raised fuel taxes.", "Hökumət yanacaq vergilərini artırdı."),
        ("The government met the farmers.", "Hökumət fermerlərlə görüşdü."),
        ("The government denied the report.", "Hökumət hesabatı təkzib etdi."),
        ("Farmers protested near the ministry.", "Fermerlər nazirlik yaxınlığında etiraz etdilər."),
        ("Farmers want lower fuel prices.", "Fermerlər daha aşağı yanacaq qiymətləri istəyirlər."),
    ]

    @Test("Words that keep occurring in the same units become translations")
    func learnsFromUnits() throws {
        let lexicon = try BilingualLexicon.learned(from: Self.memory, source: "en", target: "az")
        #expect(lexicon.translations(ofStem: "govern").contains("hokumə"))
        #expect(lexicon.translations(ofStem: "farmer").contains("fermer"))
        // Seen together once only: not enough to call it a translation.
        #expect(!lexicon.translations(ofStem: "denied").contains("təkzib"))
    }

    @Test("The learned lexicon finds which sentence an Azerbaijani version dropped")
    func improvesAzerbaijaniAlignment() throws {
        let source = [
            "The government promised new support on Friday.",
            "Farmers in the north waited for the rain all week.",
        ]
        let target = ["Fermerlər bütün həftə yağış gözlədilər."]
        // Two sentences against one say nothing about the length ratio; give it, as a memory
        // of the pair would.
        // Function words are left out of learning and of the evidence, as `byline align` does
        // with the bundled lists (otherwise `the`, in every unit, is learned as a translation
        // of `hökumət` and `fermerlər` alike).
        let stopWords: [LanguageTag: Set<String>] = ["en": ["the", "in", "on", "for", "all", "near"]]
        let before = try Aligner(stopWords: stopWords).align(source: source, from: "en", target: target, to: "az", lengthRatio: 1)
        let learned = try BilingualLexicon.learned(from: Self.memory, source: "en", target: "az", stopWords: stopWords)
        let after = try Aligner(lexicon: learned, stopWords: stopWords).align(
            source: source, from: "en", target: target, to: "az", lengthRatio: 1)
        #expect(after.beads.map(\.description) == ["[0]:[]", "[1]:[0]"])
        #expect(before.beads.map(\.description) != after.beads.map(\.description))
    }

    @Test("A lexicon read the other way round keeps its pairs")
    func reversal() throws {
        let lexicon = try BilingualLexicon(tsv: "# comment\nberg\tmontagne mont\n", source: "de", target: "fr")
        #expect(lexicon.translations(ofStem: "berg") == ["montag", "mont"])
        #expect(lexicon.reversed().translations(ofStem: "mont") == ["berg"])
        #expect(lexicon.reversed().source == "fr")
    }
}
