import ArgumentParser
import BylineDesk
import BylineSummarize
import BylineText
import Foundation

/// Times the whole summarizer (segmentation, words, furniture, features, selection and
/// the offsets the batch interface prints) on the user's own reports.
struct BenchSummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Summarizer throughput (reports/s, MB/s) and peak memory on one core.",
        discussion: """
            FILE is plain text (one report in --lang) or JSON Lines with "text" (or "article") \
            and "lang" per line, as the evaluation sets are. Each pass summarises every report \
            and converts every pick to Unicode-scalar offsets; reading the files is not timed. \
            When the lines carry a reference "summary", the facts it states that the summaries \
            carry (its figures, its capitalised names) are counted for Byline and for the first \
            sentences of each report (Lead-N). Build with -c release first.
            """)

    @OptionGroup var input: BenchInputOptions

    @Option(help: "Sentences per summary.")
    var sentences: Int = 3

    @OptionGroup var report: ReportFormatOptions

    func validate() throws {
        guard sentences >= 1 else { throw ValidationError("--sentences must be at least 1") }
    }

    func run() throws {
        let reports = try input.documents().map { ($0.0, $0.1, sentences) }
        let context = try SummarizationContext(weights: SummaryWeights(), note: { Diagnostics.note($0) })
        let totalBytes = reports.reduce(0) { $0 + $1.1.utf8.count }
        var seconds: [Double] = []
        var picks = 0
        var checksum = 0
        for _ in 0..<input.repeats {
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
        // Facts carried, outside the timed passes: Byline's picks and the first sentences.
        var carried = FactRecall()
        var lead = FactRecall()
        let references = try BenchReferences.load(input.files)
        for ((language, text, count), reference) in zip(reports, references) {
            guard let reference else { continue }
            let summary = try context.summarize(text, language: language, length: .sentences(count))
            carried.add(summary: summary.picks.map { String(text[$0.range]) }.joined(separator: "\n"), reference: reference, report: text)
            let first = summary.candidates.prefix(count).map { String(text[$0.range]) }
            lead.add(summary: first.joined(separator: "\n"), reference: reference, report: text)
        }
        let median = seconds.sorted()[seconds.count / 2]
        let megabytes = Double(totalBytes) / 1_000_000
        var output = StandardOutput()
        try output.write { buffer in
            switch report.format {
            case .json:
                buffer.raw("{\"documents\": \(reports.count), \"bytes\": \(totalBytes), \"picks\": \(picks)")
                buffer.raw(", \"repeats\": \(input.repeats), \"seconds\": ")
                buffer.number(median, digits: 6)
                buffer.raw(", \"documents_per_s\": ")
                buffer.number(Double(reports.count) / median, digits: 0)
                buffer.raw(", \"mb_per_s\": ")
                buffer.number(megabytes / median, digits: 2)
                buffer.raw(", \"peak_resident_mb\": ")
                buffer.number(peakResidentMegabytes(), digits: 1)
                if carried.numbers + carried.names > 0 {
                    buffer.raw(", \"facts\": {\"numbers\": ")
                    buffer.number(carried.numberShare, digits: 3)
                    buffer.raw(", \"names\": ")
                    buffer.number(carried.nameShare, digits: 3)
                    buffer.raw(", \"lead_numbers\": ")
                    buffer.number(lead.numberShare, digits: 3)
                    buffer.raw(", \"lead_names\": ")
                    buffer.number(lead.nameShare, digits: 3)
                    buffer.raw(", \"reference_numbers\": \(carried.numbers), \"reference_names\": \(carried.names)}")
                }
                buffer.raw("}\n")
            case .text:
                buffer.raw(String(format: "input     %d reports, %.2f MB, %d sentences picked\n", reports.count, megabytes, picks))
                buffer.raw(String(format: "summarize %8.0f reports/s  %6.2f MB/s  (median of %d, one core, offsets in scalars)\n",
                                  Double(reports.count) / median, megabytes / median, input.repeats))
                buffer.raw(String(format: "memory    %.1f MB peak resident\n", peakResidentMegabytes()))
                if carried.numbers + carried.names > 0 {
                    buffer.raw(String(format: "facts     of the references' %d figures %.3f carried (Lead-%d %.3f), of their %d names %.3f (Lead-%d %.3f)\n",
                                      carried.numbers, carried.numberShare, sentences, lead.numberShare,
                                      carried.names, carried.nameShare, sentences, lead.nameShare))
                }
            }
        }
        try output.finish()
    }
}

/// The reference summaries of JSON Lines bench input (`"summary"`), one per document in
/// the order ``BenchDocuments`` reads them; nil for plain files and lines without one.
enum BenchReferences {
    static func load(_ files: [String]) throws -> [String?] {
        var references: [String?] = []
        for file in files {
            guard file.hasSuffix(".jsonl") else {
                references.append(nil)
                continue
            }
            let text = try String(decoding: InputReader.readAll(file), as: UTF8.self)
            struct Line: Decodable { var summary: String? }
            let decoder = JSONDecoder()
            for line in text.split(separator: "\n") {
                references.append(try? decoder.decode(Line.self, from: Data(line.utf8)).summary)
            }
        }
        return references
    }
}
