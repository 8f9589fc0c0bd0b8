@testable import BylineAlign
import BylineText
import Testing

@Suite("Compounds taken apart")
struct CompoundTests {
    private let splitter = CompoundSplitter(
        words: ["biwak", "platz", "expedition", "leiter", "leben", "versicherung", "neu", "schnee", "decke", "amerika", "nische"])

    @Test("A compound of listed words gives its head first, then its first part, with endings and linking letters")
    func parts() {
        #expect(splitter.parts(of: "biwakplatz") == ["platz", "biwak"])
        #expect(splitter.parts(of: "expeditionsleiters") == ["leiter", "expedition"])
        #expect(splitter.parts(of: "lebensversicherung") == ["versicherung", "leben"])
        #expect(splitter.parts(of: "neuschneedecke") == ["decke", "schnee", "neu"])
    }

    @Test("A listed word, a short word and a word of unlisted pieces stay whole")
    func wholeWords() {
        #expect(splitter.parts(of: "versicherung").isEmpty)
        #expect(splitter.parts(of: "platzbiw").isEmpty, "the head must be listed")
        #expect(splitter.parts(of: "kangchendzonga").isEmpty)
    }

    @Test("Only German nouns are taken apart: a small adjective's ending is no word of its own")
    func germanNounsOnly() {
        #expect(CompoundSplitter.mayBeCompound(capitalised: true, language: "de"))
        #expect(!CompoundSplitter.mayBeCompound(capitalised: false, language: "de"))
        #expect(CompoundSplitter.mayBeCompound(capitalised: false, language: "nl"))
        #expect(!CompoundSplitter.splits("fr") && !CompoundSplitter.splits("en"))
    }

    @Test("A compound the dictionary lacks links through its parts, on either side of the pair")
    func linksThroughParts() throws {
        let lexicon = try BilingualLexicon(tsv: "biwak\tbivouac\nplatz\tplace\n", source: "de", target: "fr")
        let german = ["Sie suchten einen Biwakplatz."], french = ["Ils cherchaient une place de bivouac."]
        for (source, target, from, to, oriented) in [
            (german, french, LanguageTag("de"), LanguageTag("fr"), lexicon), (french, german, "fr", "de", lexicon.reversed()),
        ] {
            func coverage(splitting: Bool) throws -> Float {
                let extractor = FeatureExtractor(parameters: AlignmentParameters(), names: nil, stopWords: [:])
                func splitter(_ language: LanguageTag) -> CompoundSplitter? {
                    splitting && CompoundSplitter.splits(language) ? CompoundSplitter(words: oriented.words(of: language)) : nil
                }
                let sourceFeatures = try extractor.features(of: source, language: from, lexicon: oriented, compounds: splitter(from))
                let targetFeatures = try extractor.features(of: target, language: to, lexicon: nil, compounds: splitter(to))
                let scorer = BeadScorer(
                    source: sourceFeatures, target: targetFeatures, keyCount: extractor.keys.count, parameters: AlignmentParameters())
                return scorer.coverage(0..<1, 0..<1).share
            }
            #expect(try coverage(splitting: true) > coverage(splitting: false), "\(from) to \(to)")
        }
    }
}
