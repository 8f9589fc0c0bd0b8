import ArgumentParser
import BylineSummarize
import BylineText
import Foundation

/// Times the whole summarizer (segmentation, words, furniture, features, selection and
/// the offsets the batch interface prints) on the reports of a JSON Lines file.
struct BenchSummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Summarizer throughput (reports/s, MB/s) on one core.",
        discussion: """
            FILE is JSON Lines with "article" (or "text"), "lang" and optionally "n" per line, \
            as the evaluation sets are. Each pass summarises every report and converts every \
            pick to Unicode-scalar offsets; reading and parsing the file is not timed. Build \
            with -c release first.
            """)

    @Argument(help: "A .jsonl file of reports.")
    var file: String

    @Option(help: "Sentences per summary when a line has no \"n\".")
    var sentences: Int = 3

    @Option(help: "Timed passes over the whole input; the median is reported.")
    var repeats: Int = 5

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        guard sentences >= 1 else { throw ValidationError("--sentences must be at least 1") }
    }

    private struct Line: Decodable {
        var lang: String?
        var article: String?
        var text: String?
        var n: Int?
    }

    func run() throws {
        let bytes: [UInt8]
        do { bytes = try InputReader.readAll(file) } catch let error as CLIError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
        var reports: [(LanguageTag, String, Int)] = []
        let decoder = JSONDecoder()
        for (index, line) in bytes.split(separator: 0x0A).enumerated() where !line.isEmpty {
            guard let decoded = try? decoder.decode(Line.self, from: Data(line)), let body = decoded.article ?? decoded.text
            else {
                Diagnostics.error("\(file):\(index + 1):1: expected a JSON object with \"article\" or \"text\"")
                throw ExitCode(1)
            }
            reports.append((LanguageTag(decoded.lang ?? "und"), body, decoded.n ?? sentences))
        }
        let context = try SummarizationContext(weights: SummaryWeights())
        let totalBytes = reports.reduce(0) { $0 + $1.1.utf8.count }
        var seconds: [Double] = []
        var picks = 0
        var checksum = 0
        for _ in 0..<repeats {
            picks = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for (language, text, count) in reports {
                let summary = try context.summarize(text, language: language, length: .sentences(count))
                var cursor = ScalarOffsetCursor(text)
                for pick in summary.picks {
                    checksum &+= cursor.offset(of: pick.range.lowerBound) &+ cursor.offset(of: pick.range.upperBound)
                }
                picks += summary.picks.count
            }
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        blackHole(checksum)
        let median = seconds.sorted()[seconds.count / 2]
        let megabytes = Double(totalBytes) / 1_000_000
        var output = StandardOutput()
        output.write { buffer in
            switch format {
            case .json, .jsonl:
                buffer.raw("{\"documents\": \(reports.count), \"bytes\": \(totalBytes), \"picks\": \(picks)")
                buffer.raw(", \"repeats\": \(repeats), \"seconds\": ")
                buffer.number(median, digits: 6)
                buffer.raw(", \"documents_per_s\": ")
                buffer.number(Double(reports.count) / median, digits: 0)
                buffer.raw(", \"mb_per_s\": ")
                buffer.number(megabytes / median, digits: 2)
                buffer.raw("}\n")
            case .text:
                buffer.raw(String(format: "input     %d reports, %.2f MB, %d sentences picked\n", reports.count, megabytes, picks))
                buffer.raw(String(format: "summarize %8.0f reports/s  %6.2f MB/s  (median of %d, one core, offsets in scalars)\n",
                                  Double(reports.count) / median, megabytes / median, repeats))
            }
        }
        output.flush()
    }
}
