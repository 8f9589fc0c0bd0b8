import BylineAlign
import BylineNames
import BylineResources
import BylineSegment
import BylineTM
import BylineText
import Foundation

/// The demonstration memory: earlier reports on the seed report's story, written for the
/// demonstration in English, Russian, Azerbaijani and Turkish (`data/demo/`, described in
/// `seeds/README.md`), aligned into a translation memory so that a fresh installation
/// shows suggestions.
///
/// Each story is aligned from English to every other language; sentences linked to the
/// same English sentences become one unit with every language, so that a Russian report
/// finds its Azerbaijani and Turkish translations as well as the English ones. The units
/// are of origin `aligned`, filed under the story `demo-<name>`.
public enum DemoMemory {
    /// The language the other languages are aligned with.
    public static let pivot: LanguageTag = "en"

    /// One story of the demonstration, its text per language.
    public struct Story: Sendable {
        public var name: String
        public var texts: [LanguageTag: String]
    }

    /// The stories in `data/demo/` (`NN-name.LANG.txt`), in file-name order.
    public static func stories(in resources: ResourceBundle) throws -> [Story] {
        let folder = resources.dataDirectory.appendingPathComponent("demo")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        var stories: [String: Story] = [:]
        var order: [String] = []
        for file in names {
            let parts = file.dropLast(4).split(separator: ".")
            guard parts.count == 2 else { continue }
            let name = String(parts[0])
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if stories[name] == nil {
                stories[name] = Story(name: name, texts: [:])
                order.append(name)
            }
            stories[name]!.texts[LanguageTag(String(parts[1]))] = text
        }
        return order.compactMap { stories[$0] }
    }

    /// The units of every story: one per group of English sentences linked to at least
    /// one other language.
    public static func units(
        of stories: [Story], resources: ResourceBundle, segmentation: SegmentationContext, names: (any EntityNames)?
    ) throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        for story in stories {
            guard let pivotText = story.texts[pivot] else { continue }
            let pivotSentences = try sentences(of: pivotText, language: pivot, segmentation: segmentation)
            // English sentence range → the linked text of each other language.
            var linked: [Range<Int>: [LanguageTag: String]] = [:]
            for (language, text) in story.texts.sorted(by: { $0.key.description < $1.key.description }) where language != pivot {
                let sentences = try sentences(of: text, language: language, segmentation: segmentation)
                let aligner = try aligner(from: pivot, to: language, resources: resources, names: names)
                let alignment = try aligner.align(source: pivotSentences, from: pivot, target: sentences, to: language)
                for bead in alignment.beads where bead.isLink {
                    linked[bead.source, default: [:]][language] = sentences[bead.target].joined(separator: " ")
                }
            }
            for range in linked.keys.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                var variants = [Variant(language: pivot, segment: Segment(text: pivotSentences[range].joined(separator: " ")))]
                for (language, text) in linked[range]!.sorted(by: { $0.key.description < $1.key.description }) {
                    variants.append(Variant(language: language, segment: Segment(text: text)))
                }
                var properties = [Attribute("x-demonstration", "written for the demonstration memory")]
                if range.lowerBound > 0 {
                    properties.append(Attribute("x-context-pre", pivotSentences[range.lowerBound - 1]))
                }
                if range.upperBound < pivotSentences.count {
                    properties.append(Attribute("x-context-post", pivotSentences[range.upperBound]))
                }
                units.append(
                    TranslationUnit(
                        variants: variants, sourceLanguage: pivot, metadata: Metadata(properties: properties),
                        origin: .aligned, storyID: "demo-" + story.name))
            }
        }
        return units
    }

    /// Builds the demonstration memory into `store` in one transaction. Give a
    /// segmentation context that keeps datelines apart (`attachDatelines: false`), so that
    /// a lede is stored without its dateline, as a lookup asks for it.
    public static func fill(
        _ store: SQLiteStore, resources: ResourceBundle, segmentation: SegmentationContext, names: (any EntityNames)?
    ) throws -> ImportReport {
        let units = try units(of: try stories(in: resources), resources: resources, segmentation: segmentation, names: names)
        var source = UnitArraySource(units: units)
        return try store.importUnitsSynchronously(from: &source, options: ImportOptions(origin: .aligned, storyID: nil))
    }

    private static func sentences(of text: String, language: LanguageTag, segmentation: SegmentationContext) throws
        -> [String]
    {
        try segmentation.sentenceSegmenter(for: language).sentences(in: text).map { String(text[$0.range]) }
    }

    private static func aligner(
        from source: LanguageTag, to target: LanguageTag, resources: ResourceBundle, names: (any EntityNames)?
    ) throws -> Aligner {
        var lexicon: BilingualLexicon?
        if let file = try resources.lexiconFile(between: source, and: target) {
            lexicon = try BilingualLexicon(tsv: file.text, source: file.source, target: file.target)
        }
        let stopWords = [
            source: try resources.stopWords(for: source).words, target: try resources.stopWords(for: target).words,
        ]
        return Aligner(lexicon: lexicon, names: names, stopWords: stopWords)
    }
}
