import BylineNames
import BylineResources
import BylineSegment
import BylineSummarize
import BylineText

/// Segmenters and rankers per language, made on first use and kept for the run.
public final class SummarizationContext {
    public let weights: SummaryWeights
    public let segmentation: SegmentationContext
    /// Entities from the names module: gazetteer forms and names found in the text.
    public let mentionFinder: NameMentionFinder
    private var rankers: [LanguageTag: SummaryRanker] = [:]

    /// - Parameter names: the run's names context, whose mapped index the summaries share;
    ///   nil to map it here.
    public init(
        weights: SummaryWeights = SummaryWeights(), segmentation: SegmentationContext? = nil, names: NamesContext? = nil,
        note: (String) -> Void = { _ in }
    ) throws {
        self.weights = weights
        let segmentation = try segmentation ?? SegmentationContext()
        self.segmentation = segmentation
        let resources = segmentation.resources
        let gazetteer = try names?.gazetteer ?? Gazetteer(index: NameIndexStore(resources: resources).load(note: note))
        mentionFinder = NameMentionFinder(gazetteer: gazetteer, wordLists: try resources.wordLists())
    }

    public func ranker(for language: LanguageTag) throws -> SummaryRanker {
        if let ranker = rankers[language] { return ranker }
        let ranker = SummaryRanker(
            rules: try segmentation.resources.summarizationRules(for: language), weights: weights,
            mentionFinder: mentionFinder)
        rankers[language] = ranker
        return ranker
    }

    /// Segments `text` into sentences and words and summarises it; words are found a block
    /// of sentences at a time (``WordBlocks``), so memory stays near the size of the text.
    public func summarize(_ text: String, language: LanguageTag, length: SummaryLength) throws -> Summary {
        let sentences = try segmentation.sentenceSegmenter(for: language).sentences(in: text)
        let segmenter = try segmentation.wordSegmenter(for: language)
        return try ranker(for: language).summarize(text, sentences: sentences, length: length) {
            var blocks = WordBlocks(text: text, sentences: sentences, segmenter: segmenter)
            return { blocks.words(in: $0) }
        }
    }
}
