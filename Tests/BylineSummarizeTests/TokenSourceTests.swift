import BylineResources
import BylineSegment
import BylineSummarize
import BylineTestSupport
import BylineText
import Testing

/// A report with the cases where white space between tokens matters: a number joined to
/// a word by a hyphen (`17-year-old`) and a hyphen between spaces (`10 - 12`), which is no join.
private let hyphens = """
    Police said a 17-year-old was arrested on Friday.
    Between 10 - 12 people were hurt, and 3 -year contracts were signed for 40 workers.
    The 25 - year - old driver was released, officials said on Saturday.
    Some 2,000 residents were moved from the area, the mayor said.
    """

@Suite("Summary token sources")
struct TokenSourceTests {
    @Test("Tokens given a sentence at a time, without white space, score and pick as the whole text's tokens do",
          arguments: ["seed", "hyphens"])
    func sentenceAtATime(name: String) throws {
        let text = name == "seed" ? try Fixtures.text("seeds/000_e10f10481b35292a.txt") : hyphens
        let language = LanguageTag("en")
        let resources = try ResourceBundle.locate()
        let sentences = try SentenceSegmenter(rules: try resources.segmentationRules(for: language)).sentences(in: text)
        let segmenter = try WordSegmenter(language: language)
        let ranker = SummaryRanker(rules: try resources.summarizationRules(for: language))
        let whole = ranker.summarize(text, sentences: sentences, words: segmenter.words(in: text), length: .sentences(3))
        let bySentence = ranker.summarize(text, sentences: sentences, length: .sentences(3)) {
            { range in segmenter.words(in: text, range: range, skippingSpaces: true) }
        }
        #expect(bySentence.candidates == whole.candidates)
        #expect(bySentence.picks.map(\.range) == whole.picks.map(\.range))
        #expect(whole.candidates.contains { $0.features.numbers > 0 })
    }
}
