import BylineResources
import BylineSegment
import BylineSummarize
import BylineText
import Testing

@Suite("Run-on sentences")
struct RunOnSentenceTests {
    /// The candidates of a one-sentence summary of `text`, as strings.
    func candidates(_ text: String, rules: SummarizationRules? = nil) throws -> [String] {
        let resources = try ResourceBundle.locate()
        let segmenter = try SentenceSegmenter(rules: try resources.segmentationRules(for: "en"))
        let ranker = SummaryRanker(rules: try rules ?? resources.summarizationRules(for: "en"))
        let summary = ranker.summarize(text, sentences: segmenter.sentences(in: text), words: try WordSegmenter(language: "en").words(in: text),
                                       length: .sentences(1))
        return summary.candidates.map { String(text[$0.range]) }
    }

    @Test("Captions pasted into the text without full stops become candidates of their own")
    func captionsAreCut() throws {
        let text = """
            The former Arsenal man had criticised the winger in a column last month . \
            Townsend scores England 's equaliser in their friendly draw with Italy on Tuesday night The former Arsenal man was proven wrong when the winger scored . \
            The speed camera is pointing at this house in Birmingham ( pictured ) The camera has not worked for two years .
            """
        #expect(try candidates(text) == [
            "The former Arsenal man had criticised the winger in a column last month .",
            "Townsend scores England 's equaliser in their friendly draw with Italy on Tuesday night",
            "The former Arsenal man was proven wrong when the winger scored .",
            "The speed camera is pointing at this house in Birmingham ( pictured )",
            "The camera has not worked for two years .",
        ])
    }

    @Test("Names and titles that begin with an opener stay inside their sentence", arguments: [
        "The winger scored twice , the striker told The Sun after the match on Sunday .",
        "The film was adapted from Philip Pullman's His Dark Materials for the stage last year .",
        "The scientist He Jiankui was released from prison in China , the reports said .",
        "The team reached the final of The X Factor in the autumn of that year .",
        "The festival opens with the French film The Last Summer by a young director .",
    ])
    func namesStay(sentence: String) throws {
        let text = sentence + " The organisers said the festival would go on next year as planned ."
        #expect(try candidates(text).first == sentence)
    }

    @Test("A pair of words the text writes twice is a name, and an opener the text never writes in lower case is no evidence")
    func evidenceFromTheText() throws {
        // `Volume These` twice: the pair is a name of the text.
        let twice = "They listened to the album Volume These songs changed everything for these fans . Critics rated Volume These songs highly in their reviews ."
        #expect(try candidates(twice).count == 2)
        // `These` never in lower case: no cut.
        let never = "Critics rated Volume These songs highly in their reviews , said one editor ."
        #expect(try candidates(never).count == 1)
    }

    @Test("Furniture run into a sentence is excluded alone, and the sentence after it stays a candidate")
    func furnitureRunIntoASentence() throws {
        let text = "The passport office made a profit of £42 million last year . " +
            "Scroll down for video The boxes of applications piled up in the office in Liverpool last summer ."
        let resources = try ResourceBundle.locate()
        let segmenter = try SentenceSegmenter(rules: try resources.segmentationRules(for: "en"))
        let summary = SummaryRanker(rules: try resources.summarizationRules(for: "en"))
            .summarize(text, sentences: segmenter.sentences(in: text), words: try WordSegmenter(language: "en").words(in: text),
                       length: .sentences(2))
        #expect(summary.excluded.map { String(text[$0.range]) } == ["Scroll down for video"])
        #expect(summary.picks.map { String(text[$0.range]) }.last == "The boxes of applications piled up in the office in Liverpool last summer .")
    }

    @Test("Both pieces keep at least four words, and a language without openers is left whole")
    func shortPiecesAndOtherLanguages() throws {
        let short = "He came home The rest of the story is for the courts to judge , the judge said ."
        #expect(try candidates(short).count == 1)
        let text = "The results came on Tuesday night The former minister was proven wrong by the figures ."
        var rules = try ResourceBundle.locate().summarizationRules(for: "en")
        #expect(try candidates(text, rules: rules).count == 2)
        rules.runOnOpeners = []
        #expect(try candidates(text, rules: rules).count == 1)
    }
}
