import ArgumentParser
import BylineTM
import BylineText
import Foundation

/// Times translation-memory lookups in one process: every query once as a warm-up, then
/// each query timed alone, reported as median, p95 and maximum per kind.
struct BenchLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Lookup latency on one core (exact and fuzzy), on your own memory and queries.",
        discussion: """
            QUERIES is a text file with one query per line, or a TSV whose first column names \
            the kind of query (exact, near90, none, …) and whose second is the query; latencies \
            are reported per kind.
            """)

    @Argument(help: "Queries: one per line, or kind<TAB>query lines.")
    var queries: String

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("from"), help: "Language of the queries.")
    var sourceLanguage: String

    @Option(name: .customLong("to"), help: "Language of the translations.")
    var targetLanguage: String

    @Option(name: .customLong("min"), help: "Lowest match percentage returned.")
    var minimum: Double = 50

    @OptionGroup var report: ReportFormatOptions

    func run() throws {
        let store = try database.openStore()
        let text = try String(decoding: InputReader.readAll(queries), as: UTF8.self)
        var items: [(kind: String, query: String)] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count >= 2 {
                if fields[0] == "kind" { continue }
                items.append((String(fields[0]), String(fields[1])))
            } else {
                items.append(("all", String(line)))
            }
        }
        let options = LookupOptions(minimumScore: minimum, maximum: 5)
        let source = LanguageTag(sourceLanguage)
        let target = LanguageTag(targetLanguage)
        let queries = items
        var timings = try awaitResult {
            for item in queries { _ = try await store.matches(for: item.query, from: source, to: target, options: options) }
            var timings: [String: [Double]] = [:]
            for item in queries {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await store.matches(for: item.query, from: source, to: target, options: options)
                timings[item.kind, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            return timings
        }
        timings["all"] = timings.values.flatMap { $0 }
        let kinds = timings.keys.sorted { ($0 == "all" ? 1 : 0, $0) < ($1 == "all" ? 1 : 0, $1) }
        func percentile(_ values: [Double], _ fraction: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
        }
        var output = StandardOutput()
        try output.write { buffer in
            if report.format != .text {
                buffer.raw("{")
                for (index, kind) in kinds.enumerated() {
                    let values = timings[kind] ?? []
                    if index > 0 { buffer.raw(", ") }
                    buffer.string(kind)
                    buffer.raw(": {\"queries\": \(values.count), \"median_ms\": ")
                    buffer.number(percentile(values, 0.5), digits: 3)
                    buffer.raw(", \"p95_ms\": ")
                    buffer.number(percentile(values, 0.95), digits: 3)
                    buffer.raw(", \"max_ms\": ")
                    buffer.number(values.max() ?? 0, digits: 3)
                    buffer.raw("}")
                }
                buffer.raw("}\n")
                return
            }
            buffer.raw("kind       queries   median      p95      max\n")
            for kind in kinds {
                let values = timings[kind] ?? []
                buffer.raw(kind.padding(toLength: 10, withPad: " ", startingAt: 0))
                buffer.raw(String(format: "%8d %7.2f ms %6.2f ms %6.2f ms\n", values.count, percentile(values, 0.5), percentile(values, 0.95), values.max() ?? 0))
            }
        }
        try output.finish()
    }
}
