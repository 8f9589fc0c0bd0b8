import ArgumentParser
import BylineTM
import Foundation

/// Times TMX imports into new memories, one store after another in the same run, so that
/// an SQLite file and a PostgreSQL database are measured on the same machine state.
struct BenchImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import speed (units/s) of TMX files into each of several empty memories, in one run.",
        discussion: """
            Each --into names an SQLite file or a PostgreSQL URL holding no unit (an SQLite \
            file is created). The files are imported into each in turn, one transaction each, \
            as `tm import` does; the report gives seconds, units read and units/s per memory. \
            Build with -c release first.
            """)

    @Argument(help: "TMX files.")
    var files: [String]

    @Option(name: .customLong("into"), help: "An empty memory to import into: SQLite file or postgres:// URL (repeat).")
    var stores: [String]

    @OptionGroup var report: ReportFormatOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one TMX file") }
        guard !stores.isEmpty else { throw ValidationError("give at least one --into memory") }
    }

    func run() throws {
        var results: [(store: String, seconds: Double, units: Int)] = []
        for name in stores {
            let store = try DatabaseOptions.open(name, access: .readWrite)
            let empty = try awaitResult { try await store.isEmpty() }
            guard empty else {
                Diagnostics.error("\(store.location): holds units already; the benchmark imports into empty memories")
                throw ExitCode(1)
            }
            let source = Lent(TMXFileSequence(paths: files, showsProgress: false))
            let start = DispatchTime.now().uptimeNanoseconds
            let imported = try awaitOrExit {
                try await store.importUnits(from: &source.value, options: ImportOptions(origin: .imported(file: "")))
            }
            results.append((store.location, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, imported.read))
        }
        var output = StandardOutput()
        try output.write { buffer in
            if report.format != .text {
                buffer.raw("{\"files\": \(files.count), \"stores\": [")
                for (index, result) in results.enumerated() {
                    if index > 0 { buffer.raw(", ") }
                    buffer.raw("{\"store\": ")
                    buffer.string(result.store)
                    buffer.raw(", \"units\": \(result.units), \"seconds\": ")
                    buffer.number(result.seconds, digits: 3)
                    buffer.raw(", \"units_per_second\": ")
                    buffer.number(Double(result.units) / max(result.seconds, 1e-9), digits: 0)
                    buffer.raw("}")
                }
                buffer.raw("]}\n")
                return
            }
            buffer.raw("store                                      units    seconds    units/s\n")
            for result in results {
                let name = result.store.count > 40 ? "…" + result.store.suffix(39) : result.store
                buffer.raw(name.padding(toLength: 40, withPad: " ", startingAt: 0))
                buffer.raw(
                    String(
                        format: " %8d %9.2f %10.0f\n", result.units, result.seconds,
                        Double(result.units) / max(result.seconds, 1e-9)))
            }
        }
        try output.finish()
    }
}
