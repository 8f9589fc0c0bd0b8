import BylineResources
import BylineSegment
import BylineSummarize
import BylineText

/// Segmenters and rankers per language, made on first use and kept for the run.
public final class SummarizationContext {
    public let weights: SummaryWeights
    public let segmentation: SegmentationContext
    private var rankers: [LanguageTag: SummaryRanker] = [:]

    public init(weights: SummaryWeights = SummaryWeights(), segmentation: SegmentationContext? = nil) throws {
        self.weights = weights
        self.segmentation = try segmentation ?? SegmentationContext()
    }

    public func ranker(for language: LanguageTag) throws -> SummaryRanker {
        if let ranker = rankers[language] { return ranker }
        let ranker = SummaryRanker(
            rules: try segmentation.resources.summarizationRules(for: language), weights: weights)
        rankers[language] = ranker
        return ranker
    }

    /// Segments `text` into sentences and words and summarises it; words are found a block
    /// of sentences at a time (``WordBlocks``), so memory stays near the size of the text.
    public func summarize(_ text: String, language: LanguageTag, length: SummaryLength) throws -> Summary {
        let sentences = try segmentation.sentenceSegmenter(for: language).sentences(in: text)
        var blocks = WordBlocks(text: text, sentences: sentences, segmenter: try segmentation.wordSegmenter(for: language))
        return try ranker(for: language).summarize(text, sentences: sentences, length: length) { blocks.words(in: $0) }
    }
}
