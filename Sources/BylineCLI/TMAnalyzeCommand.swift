import ArgumentParser
import BylineResources
import BylineSegment
import BylineTM
import BylineText
import Foundation

/// Match statistics for a document, in the bands translation vendors bill by.
struct TMAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Count a document's segments and words by match band against the memory.",
        discussion: """
            Splits the document into sentences and looks each one up. Bands: repetitions (a \
            segment seen earlier in the same document), 100 %, 95–99, 85–94, 75–84, 50–74 and \
            no match, with segments and words in each, as vendors bill them.
            """)

    @OptionGroup var input: InputOptions

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("from"), help: "Language of the document.")
    var sourceLanguage: String

    @Option(name: .customLong("to"), help: "Language it will be translated into.")
    var targetLanguage: String

    @Option(help: "Output format: text (aligned, for a person) or json (one object).")
    var format: ReportFormat = .text

    /// A band's name and its lower bound (nil for no match and repetitions).
    static let bands: [(name: String, lower: Double?)] = [
        ("repetitions", nil), ("100%", 100), ("95-99%", 95), ("85-94%", 85), ("75-84%", 75), ("50-74%", 50), ("no match", nil),
    ]

    func run() throws {
        let store = try database.openStore()
        let source = try input.readOrExit(language: LanguageTag(sourceLanguage))
        let context = try SegmentationContext(options: SentenceSegmenter.Options())
        let sentences = try context.sentenceSegmenter(for: source.language).sentences(in: source.string)
        var segments = [Int](repeating: 0, count: Self.bands.count)
        var words = [Int](repeating: 0, count: Self.bands.count)
        var seen = Set<String>()
        let options = LookupOptions(minimumScore: 50, maximum: 1)
        for sentence in sentences {
            let text = String(source.string[sentence.range])
            let wordCount = MatchTokenizer.indexTerms(text, language: source.language.language).wordCount
            let band: Int
            if !seen.insert(MatchKey.normalized(text)).inserted {
                band = 0
            } else {
                let best = try store.matches(for: text, from: source.language, to: LanguageTag(targetLanguage), options: options).first
                if let score = best?.score {
                    band = Self.bands.firstIndex(where: { $0.lower.map { score >= $0 } ?? false }) ?? Self.bands.count - 1
                } else {
                    band = Self.bands.count - 1
                }
            }
            segments[band] += 1
            words[band] += wordCount
        }
        var output = StandardOutput()
        try output.write { buffer in
            if format != .text {
                buffer.raw("{\"segments\": \(sentences.count), \"words\": \(words.reduce(0, +)), \"bands\": [")
                for (index, band) in Self.bands.enumerated() {
                    if index > 0 { buffer.raw(", ") }
                    buffer.raw("{\"band\": ")
                    buffer.string(band.name)
                    buffer.raw(", \"segments\": \(segments[index]), \"words\": \(words[index])}")
                }
                buffer.raw("]}\n")
                return
            }
            let totalWords = max(1, words.reduce(0, +))
            buffer.raw("band          segments    words  share of words\n")
            for (index, band) in Self.bands.enumerated() {
                let share = String(format: "%5.1f %%", 100 * Double(words[index]) / Double(totalWords))
                buffer.raw(band.name.padding(toLength: 12, withPad: " ", startingAt: 0))
                buffer.raw(String(format: "%10d %8d  ", segments[index], words[index]) + share + "\n")
            }
            buffer.raw("total".padding(toLength: 12, withPad: " ", startingAt: 0))
            buffer.raw(String(format: "%10d %8d\n", sentences.count, words.reduce(0, +)))
        }
        try output.finish()
    }
}
