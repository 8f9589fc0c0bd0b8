import ArgumentParser
import BylineDesk
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
            Splits the document into sentences and looks each one up. A dateline \
            ("BAKU, Nov 1 (TURAN) —", "Москва, 5 марта.") is a segment of its own, apart from \
            the lede, as translation tools keep it. Bands: repetitions (a segment seen earlier \
            in the same document), 100 % (context matches at 101 % included), 95–99, 85–94, \
            75–84, 50–74 and no match, with segments and words in each, as vendors bill them. \
            --segments lists each segment with its band, score and the best translation, numbers \
            written in the target language's own form. Reads only.
            """)

    @OptionGroup var input: InputOptions

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("from"), help: "Language of the document.")
    var sourceLanguage: String

    @Option(name: .customLong("to"), help: "Language it will be translated into.")
    var targetLanguage: String

    @Option(help: "Output format: text (aligned, for a person) or json (one object).")
    var format: ReportFormat = .text

    @Flag(help: "List each segment with its band, score and best translation.")
    var segments = false

    /// A band's name and its lower bound (nil for no match and repetitions).
    static let bands: [(name: String, lower: Double?)] = [
        ("repetitions", nil), ("100%", 100), ("95-99%", 95), ("85-94%", 85), ("75-84%", 75), ("50-74%", 50), ("no match", nil),
    ]

    /// One segment of the document and what the memory offers for it.
    struct Row {
        var text: String
        var band: Int
        var words: Int
        var best: Match?
    }

    func run() throws {
        let store = try database.openStore()
        let source = try input.readOrExit(language: LanguageTag(sourceLanguage))
        let target = LanguageTag(targetLanguage)
        let context = try SegmentationContext(options: SentenceSegmenter.Options(attachDatelines: false), notice: { Diagnostics.warning($0) })
        let pieces = try Self.segments(of: source.string, language: source.language, context: context)
        let language = source.language
        let rows = try awaitOrExit { try await Self.lookUp(pieces, from: language, to: target, in: store) }
        try write(rows)
    }

    /// The document's segments as translation tools cut them: sentences, with a dateline
    /// apart from its lede (the segmenter of `context` keeps a period-ended one apart, and a
    /// dash-led one is split off here).
    static func segments(of text: String, language: LanguageTag, context: SegmentationContext) throws -> [String] {
        var pieces: [String] = []
        for sentence in try context.sentenceSegmenter(for: language).sentences(in: text) {
            let piece = text[sentence.range]
            if let (dateline, lede) = Self.splitDashDateline(piece) {
                pieces.append(String(dateline))
                pieces.append(String(lede))
            } else {
                pieces.append(String(piece))
            }
        }
        return pieces
    }

    /// Each segment's band and best match; a segment seen before in the document is a
    /// repetition and is not looked up again.
    static func lookUp(_ pieces: [String], from source: LanguageTag, to target: LanguageTag, in store: any TranslationMemoryStore)
        async throws -> [Row]
    {
        var rows: [Row] = []
        var seen = Set<String>()
        let options = LookupOptions(minimumScore: 50, maximum: 1)
        for text in pieces {
            let wordCount = MatchTokenizer.indexTerms(text, language: source.language).wordCount
            var best: Match?
            let band: Int
            if !seen.insert(MatchKey.normalized(text)).inserted {
                band = 0
            } else {
                best = try await store.matches(for: text, from: source, to: target, options: options).first
                if let score = best?.score {
                    band = Self.bands.firstIndex(where: { $0.lower.map { score >= $0 } ?? false }) ?? Self.bands.count - 1
                } else {
                    band = Self.bands.count - 1
                }
            }
            rows.append(Row(text: text, band: band, words: wordCount, best: best))
        }
        return rows
    }

    private func write(_ rows: [Row]) throws {
        var segmentsPerBand = [Int](repeating: 0, count: Self.bands.count)
        var words = [Int](repeating: 0, count: Self.bands.count)
        for row in rows {
            segmentsPerBand[row.band] += 1
            words[row.band] += row.words
        }
        var output = StandardOutput()
        try output.write { buffer in
            if format != .text {
                Self.writeJSON(rows, listing: segments, to: &buffer)
                buffer.raw("\n")
                return
            }
            if segments {
                for row in rows {
                    let score = row.best.map { String(format: "%5.1f", $0.score) } ?? "    –"
                    buffer.raw(Self.bands[row.band].name.padding(toLength: 12, withPad: " ", startingAt: 0))
                    buffer.raw("\(score)  \(row.text)\n")
                    if let best = row.best, row.band != 0 {
                        buffer.raw(String(repeating: " ", count: 19) + "\(best.targetLanguage)  \(best.target)\n")
                    }
                }
                buffer.raw("\n")
            }
            let totalWords = max(1, words.reduce(0, +))
            buffer.raw("band          segments    words  share of words\n")
            for (index, band) in Self.bands.enumerated() {
                let share = String(format: "%5.1f %%", 100 * Double(words[index]) / Double(totalWords))
                buffer.raw(band.name.padding(toLength: 12, withPad: " ", startingAt: 0))
                buffer.raw(String(format: "%10d %8d  ", segmentsPerBand[index], words[index]) + share + "\n")
            }
            buffer.raw("total".padding(toLength: 12, withPad: " ", startingAt: 0))
            buffer.raw(String(format: "%10d %8d\n", rows.count, words.reduce(0, +)))
        }
        try output.finish()
    }

    /// The analysis as one JSON object: totals, bands and, with `listing`, each segment.
    static func writeJSON(_ rows: [Row], listing: Bool, to buffer: inout JSONBuffer) {
        var segmentsPerBand = [Int](repeating: 0, count: Self.bands.count)
        var words = [Int](repeating: 0, count: Self.bands.count)
        for row in rows {
            segmentsPerBand[row.band] += 1
            words[row.band] += row.words
        }
        buffer.raw("{\"segments\": \(rows.count), \"words\": \(words.reduce(0, +)), \"bands\": [")
        for (index, band) in Self.bands.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{\"band\": ")
            buffer.string(band.name)
            buffer.raw(", \"segments\": \(segmentsPerBand[index]), \"words\": \(words[index])}")
        }
        buffer.raw("]")
        if listing {
            buffer.raw(", \"list\": [")
            for (index, row) in rows.enumerated() {
                if index > 0 { buffer.raw(", ") }
                buffer.raw("{\"text\": ")
                buffer.string(row.text)
                buffer.raw(", \"band\": ")
                buffer.string(Self.bands[row.band].name)
                buffer.raw(", \"words\": \(row.words)")
                if let best = row.best {
                    buffer.raw(", \"score\": ")
                    buffer.number(best.score, digits: 1)
                    buffer.raw(", \"target\": ")
                    buffer.string(best.target)
                    buffer.raw(", \"label\": ")
                    buffer.string(best.label)
                }
                buffer.raw("}")
            }
            buffer.raw("]")
        }
        buffer.raw("}")
    }

    /// A dash-led dateline and the lede after it (`BAKU, Nov 1 (TURAN) — The talks…`): at
    /// most eight words before a spaced dash, the first in capitals or the words naming an
    /// agency in parentheses, and text after it. Translation tools segment the dateline
    /// apart, so a lede matched in the memory is not hidden behind a new date.
    static func splitDashDateline(_ sentence: Substring) -> (Substring, Substring)? {
        for dash in [" — ", " – ", " - ", " -- "] {
            guard let range = sentence.range(of: dash) else { continue }
            let head = sentence[..<range.lowerBound]
            let lede = sentence[range.upperBound...].drop(while: { $0 == " " })
            let words = head.split(separator: " ")
            guard !words.isEmpty, words.count <= 8, !lede.isEmpty, let first = words.first?.first, first.isUppercase
            else { continue }
            let place = words[0].trimmingCharacters(in: .punctuationCharacters)
            let capitals = place.count >= 2 && place.allSatisfy { !$0.isLetter || $0.isUppercase }
            let agency = head.contains("(") && head.hasSuffix(")")
            guard capitals || agency else { continue }
            return (sentence[..<range.upperBound].dropLast(), lede)
        }
        return nil
    }
}
