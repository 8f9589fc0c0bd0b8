import ArgumentParser
import BylineDesk
import BylineTM
import BylineText
import Foundation

/// Times the whole desk on the user's own reports on one core: reports per second without
/// translation suggestions and, with a memory, with suggestions into the languages asked.
struct BenchDeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "The desk's throughput (reports/s) on one core, without and with translation suggestions.",
        discussion: """
            FILE is JSON Lines with "lang" and "text" (or "article") per line, or plain text in \
            --lang. Each report goes through Unicode repair, segmentation, names and a summary of \
            --sentences sentences; with --db, each summary sentence is also looked up in the \
            memory in every language of --to. The language is given (detection is timed apart). \
            The load average is printed beside the figures, since other work on the machine slows \
            them. Build with -c release first.
            """)

    @OptionGroup var input: BenchInputOptions

    @OptionGroup var report: ReportFormatOptions

    @Option(help: "Sentences per summary.")
    var sentences: Int = 3

    @Option(name: .customLong("db"), help: ArgumentHelp("A translation memory to time suggestions from.", valueName: "path"))
    var database: String?

    @Option(name: .customLong("to"), help: ArgumentHelp("Languages to suggest into, comma-separated (with --db).", valueName: "ru,az"))
    var targets: String = "ru,az"

    @Option(name: .customLong("min"), help: "Lowest match percentage suggested, as in byline desk.")
    var minimumMatch: Double = DeskOptions().minimumMatch

    /// CPU time this process has used, user and system.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    func run() throws {
        let documents = try input.documents()
        let loadStart = DispatchTime.now().uptimeNanoseconds
        let plain = try Desk()
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
        let withMemory: Desk?
        if let database {
            do {
                withMemory = try Desk(resources: plain.resources, memory: try SQLiteStore(path: database, access: .readOnly))
            } catch let error as TMStoreError {
                Diagnostics.error(error.description)
                throw ExitCode(1)
            }
        } else {
            withMemory = nil
        }
        let targetLanguages = DeskCommand.languages(targets)

        /// Wall-clock and CPU seconds of the median pass (CPU time is what the run cost this
        /// process, whatever else the machine was doing).
        func time(_ desk: Desk, options: DeskOptions) throws -> (seconds: Double, cpu: Double, matches: Int) {
            var seconds: [Double] = []
            var cpuSeconds: [Double] = []
            var matches = 0
            for pass in 0...input.repeats {
                var found = 0
                let cpuStart = Self.cpuSeconds()
                let start = DispatchTime.now().uptimeNanoseconds
                let lent = Lent(desk)
                for (language, text) in documents {
                    let report = try awaitResult { try await lent.value.run(text, language: language, options: options) }
                    for pick in report.summary { for group in pick.suggestions { found += group.matches.count } }
                }
                // The first pass warms ICU, the name index's pages and SQLite's cache; it is not counted.
                if pass > 0 {
                    seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    cpuSeconds.append(Self.cpuSeconds() - cpuStart)
                }
                matches = found
            }
            return (seconds.sorted()[seconds.count / 2], cpuSeconds.sorted()[cpuSeconds.count / 2], matches)
        }

        let detectionStart = DispatchTime.now().uptimeNanoseconds
        let detector = try plain.languageDetector()
        var detectedRight = 0
        for (language, text) in documents where detector.detect(text)?.language.language == language.language {
            detectedRight += 1
        }
        let detectionSeconds = Double(DispatchTime.now().uptimeNanoseconds - detectionStart) / 1e9

        let bare = try time(plain, options: DeskOptions(sentences: sentences, targets: []))
        let suggested = try withMemory.map {
            try time($0, options: DeskOptions(sentences: sentences, targets: targetLanguages, minimumMatch: minimumMatch))
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        let count = Double(documents.count)
        var output = StandardOutput()
        try output.write { buffer in
            switch report.format {
            case .json:
                buffer.raw("{\"reports\": \(documents.count), \"repeats\": \(input.repeats), \"load_seconds\": ")
                buffer.number(loadSeconds, digits: 3)
                buffer.raw(", \"reports_per_s\": ")
                buffer.number(count / bare.seconds, digits: 1)
                buffer.raw(", \"reports_per_cpu_s\": ")
                buffer.number(count / bare.cpu, digits: 1)
                buffer.raw(", \"reports_per_cpu_s_with_suggestions\": ")
                if let suggested { buffer.number(count / suggested.cpu, digits: 1) } else { buffer.raw("null") }
                buffer.raw(", \"reports_per_s_with_suggestions\": ")
                if let suggested { buffer.number(count / suggested.seconds, digits: 1) } else { buffer.raw("null") }
                buffer.raw(", \"suggestions\": ")
                if let suggested { buffer.int(suggested.matches) } else { buffer.raw("null") }
                buffer.raw(", \"detection_reports_per_s\": ")
                buffer.number(count / max(detectionSeconds, 1e-9), digits: 1)
                buffer.raw(", \"detected_as_given\": \(detectedRight), \"peak_resident_mb\": ")
                buffer.number(peakResidentMegabytes(), digits: 1)
                buffer.raw(", \"load_average\": ")
                buffer.string(load)
                buffer.raw("}\n")
            case .text:
                var rows = [
                    ("input", String(format: "%d reports, %d sentences each summary", documents.count, sentences)),
                    ("load", String(format: "%.3f s (name index mapped, rules read)", loadSeconds)),
                    ("desk", String(format: "%8.1f reports/s without suggestions (%.1f per CPU second; median of %d, one core)", count / bare.seconds, count / bare.cpu, input.repeats)),
                ]
                if let suggested {
                    rows.append((
                        "with TM",
                        String(format: "%8.1f reports/s with suggestions into %@ (%.1f per CPU second; %d matches a pass)",
                               count / suggested.seconds, targets, count / suggested.cpu, suggested.matches)))
                }
                rows.append(("detect", String(format: "%8.1f reports/s; %d of %d detected as given", count / max(detectionSeconds, 1e-9), detectedRight, documents.count)))
                rows.append(("memory", String(format: "%8.1f MB peak resident", peakResidentMegabytes())))
                rows.append(("machine", "load average \(load) (1, 5, 15 min)"))
                for (label, value) in rows {
                    buffer.raw(label.padding(toLength: 9, withPad: " ", startingAt: 0) + value + "\n")
                }
            }
        }
        try output.finish()
    }
}
