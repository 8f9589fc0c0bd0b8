import ArgumentParser
import BylineDesk
import BylineNames
import BylineResources
import BylineText
import Foundation

/// Times name normalization on the user's own articles on one core: gazetteer load,
/// the language's index, and tokens per second through the whole check.
struct BenchNamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "Name normalization throughput (tokens/s), gazetteer load time and memory on one core.",
        discussion: """
            FILE is JSON Lines with "lang" and "text" (or "article") per line, or plain text in \
            --lang. Loading counts reading the data files and asking ICU for its names; the \
            index of each language is built before timing starts. Tokens are ICU word tokens \
            with letters. Build with -c release first.
            """)

    @OptionGroup var input: BenchInputOptions

    @OptionGroup var report: ReportFormatOptions


    func run() throws {
        let documents = try input.documents()
        let memoryBefore = Self.residentMegabytes()
        let loadStart = DispatchTime.now().uptimeNanoseconds
        let context: NamesContext
        do {
            context = try NamesContext(extraFiles: [])
        } catch let error as ResourceError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
        let indexStart = DispatchTime.now().uptimeNanoseconds
        for language in Set(documents.map(\.0)) { context.normalizer.prepare(language: language) }
        let indexSeconds = Double(DispatchTime.now().uptimeNanoseconds - indexStart) / 1e9
        let memoryAfter = Self.residentMegabytes()

        var tokens = 0
        for (language, text) in documents { tokens += context.normalizer.tokenCount(in: text, language: language) }
        var seconds: [Double] = []
        var changes = 0
        for pass in 0...input.repeats {
            var count = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for (language, text) in documents { count += context.normalizer.changes(in: text, language: language).count }
            // The first pass warms ICU's break iterators and caches; it is not counted.
            if pass > 0 { seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
            changes = count
        }
        let median = seconds.sorted()[seconds.count / 2]
        let bytes = documents.reduce(0) { $0 + $1.1.utf8.count }
        var output = StandardOutput()
        try output.write { buffer in
            switch report.format {
            case .json:
                buffer.raw("{\"texts\": \(documents.count), \"bytes\": \(bytes), \"tokens\": \(tokens), \"changes\": \(changes)")
                buffer.raw(", \"gazetteer_forms\": \(context.gazetteer.formCount), \"load_seconds\": ")
                buffer.number(loadSeconds, digits: 3)
                buffer.raw(", \"index_seconds\": ")
                buffer.number(indexSeconds, digits: 3)
                buffer.raw(", \"resident_mb\": ")
                buffer.number(memoryAfter, digits: 1)
                buffer.raw(", \"resident_mb_added_by_load\": ")
                buffer.number(memoryAfter - memoryBefore, digits: 1)
                buffer.raw(", \"seconds\": ")
                buffer.number(median, digits: 6)
                buffer.raw(", \"tokens_per_s\": ")
                buffer.number(Double(tokens) / median, digits: 0)
                buffer.raw("}\n")
            case .text:
                let rows = [
                    ("input", String(format: "%d texts, %.2f MB, %d tokens; %d changes proposed", documents.count, Double(bytes) / 1e6, tokens, changes)),
                    ("load", String(format: "%.3f s gazetteer (%d forms) and word lists, %.3f s language index", loadSeconds, context.gazetteer.formCount, indexSeconds)),
                    ("memory", String(format: "%.1f MB resident after loading (%.1f MB added by the load)", memoryAfter, memoryAfter - memoryBefore)),
                    ("speed", String(format: "%10.0f tokens/s  %8.1f MB/s  (median of %d, one core)", Double(tokens) / median, Double(bytes) / 1e6 / median, input.repeats)),
                ]
                for (label, value) in rows {
                    buffer.raw(label.padding(toLength: 8, withPad: " ", startingAt: 0) + value + "\n")
                }
            }
        }
        try output.finish()
    }

    /// Resident memory of this process, from /proc/self/statm (0 where there is none).
    static func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
