import ArgumentParser
import BylineDesk
import BylineSegment
import BylineText
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time Byline's stages on your own files.",
        subcommands: [
            BenchSegmentCommand.self, BenchNormalizeCommand.self, BenchNamesCommand.self, BenchSummarizeCommand.self,
            BenchLookupCommand.self, BenchImportCommand.self, BenchAlignCommand.self, BenchDeskCommand.self,
            BenchServeCommand.self,
        ])
}

/// Times sentence segmentation with offsets against ICU's bare sentence iterator on the
/// same text in the same run, so the ratio holds however loaded the machine is.
struct BenchSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Sentence segmentation throughput (MB/s, sentences/s) on one core.",
        discussion: """
            FILE is plain text (segmented with --lang) or JSON Lines with "lang" and "text" \
            (or "article") per line, each segmented in its own language. Each pass converts \
            every boundary to a Unicode-scalar offset, as the batch interface does. Build with \
            -c release first.
            """)

    @OptionGroup var input: BenchInputOptions

    @OptionGroup var report: ReportFormatOptions


    func run() throws {
        let documents = try input.documents()
        let context = try SegmentationContext(options: SentenceSegmenter.Options(), notice: { Diagnostics.warning($0) })
        let totalBytes = documents.reduce(0) { $0 + $1.1.utf8.count }
        var segmenters: [SentenceSegmenter] = []
        var breakers: [ICUBreaker] = []
        var breakerByLanguage: [LanguageTag: ICUBreaker] = [:]
        for (language, _) in documents {
            let segmenter = try context.sentenceSegmenter(for: language)
            segmenters.append(segmenter)
            if breakerByLanguage[language] == nil {
                breakerByLanguage[language] = try ICUBreaker(kind: .sentence, icuLocale: segmenter.locale.identifier)
            }
            breakers.append(breakerByLanguage[language]!)
        }
        var bylineSeconds: [Double] = []
        var icuSeconds: [Double] = []
        var sentenceCount = 0
        var icuCount = 0
        for _ in 0..<input.repeats {
            var count = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for (index, (_, text)) in documents.enumerated() {
                var cursor = ScalarOffsetCursor(text)
                for sentence in segmenters[index].sentences(in: text) {
                    count &+= cursor.offset(of: sentence.range.lowerBound)
                    count &+= cursor.offset(of: sentence.range.upperBound)
                    sentenceCount += 1
                }
            }
            bylineSeconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            let icuStart = DispatchTime.now().uptimeNanoseconds
            for (index, (_, text)) in documents.enumerated() {
                var copy = text
                copy.withUTF8 { bytes in
                    breakers[index].forEachBoundary(in: bytes) { offset, _ in icuCount &+= offset }
                }
            }
            icuSeconds.append(Double(DispatchTime.now().uptimeNanoseconds - icuStart) / 1e9)
            blackHole(count)
        }
        let sentencesPerPass = sentenceCount / input.repeats
        let byline = median(bylineSeconds)
        let icu = median(icuSeconds)
        let megabytes = Double(totalBytes) / 1_000_000
        var output = StandardOutput()
        try output.write { buffer in
            switch report.format {
            case .json:
                buffer.raw("{\"documents\": \(documents.count), \"bytes\": \(totalBytes), \"sentences\": \(sentencesPerPass)")
                buffer.raw(", \"repeats\": \(input.repeats), \"byline_seconds\": ")
                buffer.number(byline, digits: 6)
                buffer.raw(", \"byline_mb_per_s\": ")
                buffer.number(megabytes / byline, digits: 2)
                buffer.raw(", \"byline_sentences_per_s\": ")
                buffer.number(Double(sentencesPerPass) / byline, digits: 0)
                buffer.raw(", \"icu_seconds\": ")
                buffer.number(icu, digits: 6)
                buffer.raw(", \"icu_mb_per_s\": ")
                buffer.number(megabytes / icu, digits: 2)
                buffer.raw(", \"ratio_byline_to_icu\": ")
                buffer.number(icu / byline, digits: 3)
                buffer.raw(", \"peak_resident_mb\": ")
                buffer.number(peakResidentMegabytes(), digits: 1)
                buffer.raw(", \"icu_version\": ")
                buffer.string(ICULocale.icuVersion)
                buffer.raw("}\n")
            case .text:
                let rows = [
                    ("input", String(format: "%d documents, %.2f MB, %d sentences", documents.count, megabytes, sentencesPerPass)),
                    ("byline", String(format: "%8.1f MB/s  %10.0f sentences/s  (median of %d, offsets in scalars)", megabytes / byline, Double(sentencesPerPass) / byline, input.repeats)),
                    ("ICU alone", String(format: "%8.1f MB/s  (sentence iterator, UTF-8 offsets only, ICU %@)", megabytes / icu, ICULocale.icuVersion)),
                    ("ratio", String(format: "%8.2f × ICU's bare iterator speed", icu / byline)),
                    ("memory", String(format: "%8.1f MB peak resident", peakResidentMegabytes())),
                ]
                for (label, value) in rows {
                    buffer.raw(label.padding(toLength: 10, withPad: " ", startingAt: 0) + value + "\n")
                }
            }
        }
        try output.finish()
        blackHole(icuCount)
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}

/// Keeps a computed value alive so the optimiser cannot drop the work that made it.
@inline(never) func blackHole(_ value: Int) {
    if value == 0x5EED_5EED { print("") }
}
