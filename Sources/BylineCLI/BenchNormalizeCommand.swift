import ArgumentParser
import BylineNormalize
import BylineText
import Foundation

/// Times one normalization operation over the user's own files on one core.
struct BenchNormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalization throughput (MB/s, texts/s) of one operation on one core.",
        discussion: """
            FILE is plain text (in --lang) or JSON Lines with "lang" and "text" (or "article") per \
            line, each normalized in its own language. Every pass builds the output and its edit \
            map, as the batch interface does. Build with -c release first.
            """)

    @OptionGroup var input: BenchInputOptions

    @Option(name: .customLong("op"), help: "The operation.")
    var operation: NormalizationOperation

    @OptionGroup var report: ReportFormatOptions

    func run() throws {
        var documents = try input.documents()
        // Languages ICU does not know are measured with the root locale's rules.
        documents = documents.map { document in
            (try? TextNormalizer.checkLanguage(document.0)) == nil ? (.undetermined, document.1) : document
        }
        let normalizer = TextNormalizer()
        let totalBytes = documents.reduce(0) { $0 + $1.1.utf8.count }
        var seconds: [Double] = []
        var changedTexts = 0
        var changes = 0
        for pass in 0...input.repeats {
            var changed = 0
            var edits = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for (language, text) in documents {
                let result = try normalizer.normalize(text, operation: operation, language: language)
                if !result.isUnchanged { changed += 1 }
                edits &+= result.editMap.edits.count
            }
            // The first pass warms the per-scalar tables and ICU's data; it is not counted.
            if pass > 0 { seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
            changedTexts = changed
            changes = edits
        }
        let median = seconds.sorted()[seconds.count / 2]
        let megabytes = Double(totalBytes) / 1_000_000
        var output = StandardOutput()
        try output.write { buffer in
            switch report.format {
            case .json:
                buffer.raw("{\"op\": ")
                buffer.string(operation.rawValue)
                buffer.raw(", \"texts\": \(documents.count), \"bytes\": \(totalBytes), \"changed_texts\": \(changedTexts)")
                buffer.raw(", \"changes\": \(changes), \"repeats\": \(input.repeats), \"seconds\": ")
                buffer.number(median, digits: 6)
                buffer.raw(", \"mb_per_s\": ")
                buffer.number(megabytes / median, digits: 2)
                buffer.raw(", \"texts_per_s\": ")
                buffer.number(Double(documents.count) / median, digits: 0)
                buffer.raw(", \"peak_resident_mb\": ")
                buffer.number(peakResidentMegabytes(), digits: 1)
                buffer.raw("}\n")
            case .text:
                let rows = [
                    ("input", String(format: "%d texts, %.2f MB", documents.count, megabytes)),
                    ("op", "\(operation.rawValue): \(changedTexts) texts changed, \(changes) changed regions"),
                    ("speed", String(format: "%8.1f MB/s  %10.0f texts/s  (median of %d)", megabytes / median, Double(documents.count) / median, input.repeats)),
                    ("memory", String(format: "%8.1f MB peak resident", peakResidentMegabytes())),
                ]
                for (label, value) in rows {
                    buffer.raw(label.padding(toLength: 8, withPad: " ", startingAt: 0) + value + "\n")
                }
            }
        }
        try output.finish()
    }
}
