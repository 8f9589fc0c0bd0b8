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

    @Option(
        name: .customLong("also-db"),
        help: "Another memory (SQLite file or postgres:// URL) holding the same units, timed in the same run (repeat).")
    var otherStores: [String] = []

    @Option(name: .customLong("from"), help: "Language of the queries.")
    var sourceLanguage: String

    @Option(name: .customLong("to"), help: "Language of the translations.")
    var targetLanguage: String

    @Option(name: .customLong("min"), help: "Lowest match percentage returned.")
    var minimum: Double = 50

    @OptionGroup var report: ReportFormatOptions

    func run() throws {
        var stores = [try database.openStore()]
        for name in otherStores { stores.append(try DatabaseOptions.open(name, access: .readOnly)) }
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
        let candidates = stores
        // Each query is timed on every store in turn, so that a busy moment of the machine
        // falls on all of them alike.
        let measured = try awaitResult {
            for store in candidates {
                for item in queries { _ = try await store.matches(for: item.query, from: source, to: target, options: options) }
            }
            var timings = [[String: [Double]]](repeating: [:], count: candidates.count)
            for item in queries {
                for (index, store) in candidates.enumerated() {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try await store.matches(for: item.query, from: source, to: target, options: options)
                    timings[index][item.kind, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
            }
            return timings
        }
        var perStore: [[String: [Double]]] = []
        for var timings in measured {
            timings["all"] = timings.values.flatMap { $0 }
            perStore.append(timings)
        }
        let kinds = (perStore.first ?? [:]).keys.sorted { ($0 == "all" ? 1 : 0, $0) < ($1 == "all" ? 1 : 0, $1) }
        func percentile(_ values: [Double], _ fraction: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
        }
        var output = StandardOutput()
        try output.write { buffer in
            if report.format != .text {
                if perStore.count == 1 {
                    Self.writeJSON(perStore[0], kinds: kinds, percentile: percentile, to: &buffer)
                    buffer.raw("\n")
                    return
                }
                buffer.raw("{\"stores\": [")
                for (index, timings) in perStore.enumerated() {
                    buffer.raw(index == 0 ? "{\"store\": " : ", {\"store\": ")
                    buffer.string(stores[index].location)
                    buffer.raw(", \"kinds\": ")
                    Self.writeJSON(timings, kinds: kinds, percentile: percentile, to: &buffer)
                    buffer.raw("}")
                }
                buffer.raw("]}\n")
                return
            }
            for (index, timings) in perStore.enumerated() {
                if perStore.count > 1 { buffer.raw("\(index > 0 ? "\n" : "")store: \(stores[index].location)\n") }
                buffer.raw("kind       queries   median      p95      max\n")
                for kind in kinds {
                    let values = timings[kind] ?? []
                    buffer.raw(kind.padding(toLength: 10, withPad: " ", startingAt: 0))
                    buffer.raw(String(format: "%8d %7.2f ms %6.2f ms %6.2f ms\n", values.count, percentile(values, 0.5), percentile(values, 0.95), values.max() ?? 0))
                }
            }
        }
        try output.finish()
    }

    /// One store's figures per kind as a JSON object.
    private static func writeJSON(
        _ timings: [String: [Double]], kinds: [String], percentile: ([Double], Double) -> Double, to buffer: inout JSONBuffer
    ) {
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
        buffer.raw("}")
    }
}
