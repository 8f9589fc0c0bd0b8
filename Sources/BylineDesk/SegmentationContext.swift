import BylineResources
import BylineSegment
import BylineText

/// Segmenters per language, made on first use and kept for the run.
///
/// Batch lines may switch languages line by line; rules load once per language and an
/// unknown tag is reported once, through `notice`.
public final class SegmentationContext {
    public let resources: ResourceBundle
    private let options: SentenceSegmenter.Options
    private let notice: (String) -> Void
    private var sentenceSegmenters: [LanguageTag: SentenceSegmenter] = [:]
    private var wordSegmenters: [LanguageTag: WordSegmenter] = [:]

    /// - Parameter notice: called once per language ICU does not know, with a warning to show.
    public init(
        resources: ResourceBundle? = nil, options: SentenceSegmenter.Options = SentenceSegmenter.Options(),
        notice: @escaping (String) -> Void = { _ in }
    ) throws {
        self.resources = try resources ?? ResourceBundle.locate()
        self.options = options
        self.notice = notice
    }

    public func sentenceSegmenter(for language: LanguageTag) throws -> SentenceSegmenter {
        if let segmenter = sentenceSegmenters[language] { return segmenter }
        let segmenter = try SentenceSegmenter(rules: try resources.segmentationRules(for: language), options: options)
        if !segmenter.locale.isKnown {
            notice("language \"\(language)\" is not known to ICU; using the root locale's rules")
        }
        sentenceSegmenters[language] = segmenter
        return segmenter
    }

    public func wordSegmenter(for language: LanguageTag) throws -> WordSegmenter {
        if let segmenter = wordSegmenters[language] { return segmenter }
        let segmenter = try WordSegmenter(language: language)
        wordSegmenters[language] = segmenter
        return segmenter
    }
}
