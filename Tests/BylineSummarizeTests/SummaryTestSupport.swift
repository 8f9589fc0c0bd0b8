import BylineResources
import BylineSegment
import BylineSummarize
import BylineText

/// Summarises with the bundled data, as the CLI does.
func summarize(_ text: String, language: LanguageTag, length: SummaryLength,
               weights: SummaryWeights = SummaryWeights()) throws -> Summary {
    let resources = try ResourceBundle.locate()
    let segmenter = try SentenceSegmenter(rules: try resources.segmentationRules(for: language))
    let words = try WordSegmenter(language: language).words(in: text)
    let ranker = SummaryRanker(rules: try resources.summarizationRules(for: language), weights: weights)
    return ranker.summarize(text, sentences: segmenter.sentences(in: text), words: words, length: length)
}

/// The picked sentences as strings, in order.
func pickedTexts(_ summary: Summary, in text: String) -> [String] {
    summary.picks.map { String(text[$0.range]) }
}

/// The excluded pieces as strings, in order.
func excludedTexts(_ summary: Summary, in text: String) -> [String] {
    summary.excluded.map { String(text[$0.range]) }
}
