import ArgumentParser
import BylineTM
import BylineTMX
import BylineText
import Foundation

struct TMExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the translation memory as TMX 1.4 (valid against tmx14.dtd).",
        discussion: """
            A regular file OUT is written under a temporary name beside it and renamed into \
            place when complete, so OUT is never left half-written; a file that was there keeps \
            its mode. A symbolic link has the file it points to replaced and stays a link. A \
            FIFO, a device or `-` (standard output) is written through. A directory, or a link \
            to nothing, is refused. A temporary file left by a killed export is removed by the \
            next export to the same file. Reads only: a missing memory is an error, not an \
            empty export.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .shortAndLong, help: "The TMX file to write; - for standard output.")
    var output: String

    @Option(name: .customLong("lang"), help: "Only these languages, comma-separated (en,ru); units need two of them.")
    var languages: String?

    @Option(help: "Only units of this origin: import, aligned or manual.")
    var origin: String?

    @Option(help: "Only units changed on or after this date (YYYY-MM-DD or TMX 20240131T000000Z).")
    var since: String?

    @Option(help: "Only units of this story id.")
    var story: String?

    @Option(help: "The header's srclang (default *all*).")
    var sourceLanguage: String?

    func validate() throws {
        if let origin, !["import", "aligned", "manual"].contains(origin) {
            throw ValidationError("--origin must be import, aligned or manual, not \"\(origin)\"")
        }
        if let since, Self.tmxDate(since) == nil {
            throw ValidationError("--since \(since): expected YYYY-MM-DD or YYYYMMDDThhmmssZ")
        }
    }

    /// A TMX date from `YYYY-MM-DD` or a TMX date itself.
    static func tmxDate(_ text: String) -> String? {
        let digits = text.filter(\.isNumber)
        if text.count == 10, digits.count == 8 { return digits + "T000000Z" }
        if text.count == 16, text.hasSuffix("Z"), text.contains("T") { return text }
        return nil
    }

    func run() throws {
        let store = try database.openStore()
        let filter = ExportFilter(
            languages: (languages ?? "").split(separator: ",").map { LanguageTag(String($0)) }, originKind: origin,
            changedSince: since.flatMap(Self.tmxDate), storyID: story)
        let writer: TMXWriter
        do {
            writer = try TMXWriter(
                path: output, sourceLanguage: sourceLanguage.map { LanguageTag($0) }, creationToolVersion: BylineCommand.version)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(1)
        }
        do {
            let lent = Lent(writer)
            _ = try awaitResult { try await store.exportUnits(matching: filter) { unit in try lent.value.write(unit) } }
            try writer.finish()
        } catch TMXError.unwritable(_, let reason, let brokenPipe) {
            // `-o -` into a pipe that was closed ends like any standard output that was.
            if brokenPipe, output == "-" { StandardOutput.endQuietlyAfterClosedPipe() }
            Diagnostics.error("\(output): export failed: cannot write: \(reason)")
            throw ExitCode(1)
        } catch {
            Diagnostics.error("\(output): export failed: \(error)")
            throw ExitCode(1)
        }
        if writer.replacedCharacters > 0 {
            Diagnostics.warning("\(output): \(writer.replacedCharacters) characters XML cannot hold were written as U+FFFD")
        }
        if Terminal.showsProgress, output != "-" {
            Diagnostics.error("\(output): \(writer.unitCount) units")
        }
    }
}

struct TMStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the units, variants, languages and origins in the translation memory.",
        discussion: """
            "one language only" counts units with a single language (a source awaiting its \
            translation): they are kept and exported, and never offered by a lookup.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format: text (aligned, for a person) or json (one object).")
    var format: ReportFormat = .text

    func run() throws {
        let store = try database.openStore()
        let statistics: Statistics
        do {
            statistics = try awaitResult { try await store.statistics() }
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(1)
        }
        var output = StandardOutput()
        try output.write { buffer in
            switch format {
            case .json:
                Self.writeJSON(statistics, to: &buffer)
                buffer.raw("\n")
            case .text:
                var rows: [(String, Int)] = [
                    ("units", statistics.units), ("variants", statistics.variants), ("alternatives", statistics.alternatives),
                    ("one language only", statistics.monolingual),
                ]
                rows += statistics.origins.map { ("origin \($0.0)", $0.1) }
                rows += statistics.languages.map { ("language \($0.0)", $0.1) }
                let labelWidth = rows.map(\.0.count).max() ?? 1
                let numberWidth = rows.map { String($0.1).count }.max() ?? 1
                for (label, value) in rows {
                    let number = String(value)
                    buffer.raw(label.padding(toLength: labelWidth + 2, withPad: " ", startingAt: 0))
                    buffer.raw(String(repeating: " ", count: numberWidth - number.count) + number + "\n")
                }
            }
        }
        try output.finish()
    }

    /// The counts as one JSON object.
    static func writeJSON(_ statistics: Statistics, to buffer: inout JSONBuffer) {
        buffer.raw("{\"units\": \(statistics.units), \"variants\": \(statistics.variants)")
        buffer.raw(", \"alternatives\": \(statistics.alternatives), \"monolingual\": \(statistics.monolingual)")
        buffer.raw(", \"languages\": {")
        for (index, (language, count)) in statistics.languages.enumerated() {
            buffer.raw(index == 0 ? "" : ", ")
            buffer.string(language.description)
            buffer.raw(": \(count)")
        }
        buffer.raw("}, \"origins\": {")
        for (index, (origin, count)) in statistics.origins.enumerated() {
            buffer.raw(index == 0 ? "" : ", ")
            buffer.string(origin)
            buffer.raw(": \(count)")
        }
        buffer.raw("}}")
    }
}
