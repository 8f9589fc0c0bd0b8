import BylineResources
import BylineSegment
import BylineText

/// Segmenters per language, made on first use and kept for the run.
///
/// Batch lines may switch languages line by line; rules load once per language and an
/// unknown tag is warned about once.
final class SegmentationContext {
    private let resources: ResourceBundle
    private let options: SentenceSegmenter.Options
    private var sentenceSegmenters: [LanguageTag: SentenceSegmenter] = [:]
    private var wordSegmenters: [LanguageTag: WordSegmenter] = [:]

    init(options: SentenceSegmenter.Options) throws {
        resources = try ResourceBundle.locate()
        self.options = options
    }

    func sentenceSegmenter(for language: LanguageTag) throws -> SentenceSegmenter {
        if let segmenter = sentenceSegmenters[language] { return segmenter }
        let segmenter = try SentenceSegmenter(rules: try resources.segmentationRules(for: language), options: options)
        if !segmenter.locale.isKnown {
            Diagnostics.warning("language \"\(language)\" is not known to ICU; using the root locale's rules")
        }
        sentenceSegmenters[language] = segmenter
        return segmenter
    }

    func wordSegmenter(for language: LanguageTag) throws -> WordSegmenter {
        if let segmenter = wordSegmenters[language] { return segmenter }
        let segmenter = try WordSegmenter(language: language)
        wordSegmenters[language] = segmenter
        return segmenter
    }
}
