import ArgumentParser
import BylineDesk
import BylineResources
import BylineSegment
import BylineTM
import BylineTMPostgres
import BylineText
import Foundation

struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Run a report through the desk: names fixed, a summary, and the memory's translations of it.",
        discussion: """
            One step from a correspondent's report to what an editor needs: Unicode repaired, \
            misspelt names fixed in the report's language (each with its reason), the N sentences \
            that carry its facts (never page furniture, with the scores that chose them), and for \
            each summary sentence the translation memory's best matches in the desk's other \
            languages, with a word diff against the stored source. Every range points into the \
            report as received.

            Without --lang the language is detected (en, ru, az, tr, de, fr, es, kk, uk) and \
            named on standard error; a text the detector is unsure of is refused (exit 64).

            The memory is --db, else $BYLINE_TM, else the default store \
            ($XDG_DATA_HOME/byline/tm.sqlite). When the default store does not exist yet, it is \
            created with the demonstration memory (earlier reports on the sample report's story, \
            written for the demonstration in en, ru, az and tr, aligned sentence by sentence). A \
            memory that is missing or locked turns suggestions off with a warning; the report \
            still comes out.

            --format text is for a person (coloured on a terminal; plain in a pipe or with \
            NO_COLOR), json one object (docs/desk.md describes it), html one self-contained page. \
            With --batch, reads JSON Lines {"id", "text", "lang", "n", "to"} and writes one JSON \
            object per line ("id" first), with a progress line on a terminal.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("lang"), help: "BCP 47 language of the report; detected when left out.")
    var language: String?

    @Option(help: "Sentences in the summary.")
    var sentences: Int = 3

    @Option(name: .customLong("to"), help: ArgumentHelp(
        "Languages to suggest translations into, comma-separated (default: every other language the memory holds).",
        valueName: "ru,az"))
    var targets: String?

    @Option(name: .customLong("min"), help: "Lowest match percentage suggested.")
    var minimumMatch: Double = DeskOptions().minimumMatch

    @Option(name: .customLong("suggestions"), help: "Suggestions per sentence and language.")
    var suggestions: Int = 2

    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The translation memory (an SQLite file) to suggest from.",
            discussion: "Defaults to $BYLINE_TM, else $XDG_DATA_HOME/byline/tm.sqlite.", valueName: "path"))
    var database: String?

    @Flag(help: "No translation suggestions (no memory is opened or created).")
    var noMemory = false

    @Option(help: "Output format: text (for a person), json (one object) or html (one self-contained page).")
    var format: DeskFormat = .text

    @OptionGroup var batchOptions: BatchOptions

    func validate() throws {
        guard sentences >= 0 else { throw ValidationError("--sentences must not be negative") }
        guard (0...100).contains(minimumMatch) else { throw ValidationError("--min must be between 0 and 100") }
        guard suggestions >= 1 else { throw ValidationError("--suggestions must be at least 1") }
        if batchOptions.batch, input.file != "-" { throw ValidationError("--batch reads standard input; give no file") }
    }

    private var options: DeskOptions {
        DeskOptions(
            sentences: sentences, targets: targets.map(Self.languages), minimumMatch: minimumMatch,
            suggestionsPerLanguage: suggestions)
    }

    static func languages(_ list: String) -> [LanguageTag] {
        list.split(separator: ",").map { LanguageTag(String($0).trimmingCharacters(in: .whitespaces)) }
    }

    func run() throws {
        // The report first: bad input is reported before any memory is opened or made.
        var source: SourceText?
        if !batchOptions.batch {
            let text = try input.readOrExit(language: LanguageTag(language ?? "und"))
            if text.string.allSatisfy(\.isWhitespace) {
                Diagnostics.note("\(input.origin): the report is empty; nothing to do")
                return
            }
            source = text
        }
        let memory = noMemory ? nil : DeskMemory.open(database)
        let desk: Desk
        do {
            desk = try Desk(memory: memory?.store, notice: { Diagnostics.note($0) })
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(1)
        }
        if let memory, memory.store == nil, let warning = memory.warning { Diagnostics.warning(warning) }
        guard let source else {
            try runBatch(desk, memoryPath: memory?.store?.location)
            return
        }
        let report: DeskReport
        do {
            let lent = Lent(desk)
            let (text, language, options) = (source.string, language.map { LanguageTag($0) }, options)
            report = try awaitResult { try await lent.value.run(text, language: language, options: options) }
        } catch let error as DeskError {
            Diagnostics.error("\(input.origin): \(error)")
            throw ExitCode(64)
        } catch {
            Diagnostics.error("\(input.origin): \(error)")
            throw ExitCode(1)
        }
        if let guess = report.detected {
            Diagnostics.note(
                "\(input.origin): language \(guess.language) (detected, \(String(format: "%.0f", guess.confidence * 100)) % sure)")
        }
        for warning in report.warnings { Diagnostics.warning(warning) }
        var output = StandardOutput()
        try output.write { buffer in
            switch format {
            case .json:
                DeskWriter.writeJSON(report, origin: input.origin, memory: memory?.store?.location, to: &buffer)
                buffer.raw("\n")
            case .html:
                buffer.raw(DeskHTML.page(report, origin: input.origin, memory: memory?.store?.location))
            case .text:
                var style = DeskStyle(colour: Terminal.usesColour)
                DeskWriter.writeText(report, origin: input.origin, memory: memory, style: &style, to: &buffer)
            }
        }
        try output.finish()
    }

    private func runBatch(_ desk: Desk, memoryPath: String?) throws {
        let defaultLanguage = language.map { LanguageTag($0) }
        var progress = BatchProgress(label: "desk", unit: "reports")
        var runner = BatchRunner<DeskRequest>(options: batchOptions) { request, _, reply in
            guard let text = request.text else { throw BatchLineError(message: "missing field \"text\"") }
            if let n = request.n, n < 0 { throw BatchLineError(message: "field \"n\" must not be negative") }
            var lineOptions = options
            if let n = request.n { lineOptions.sentences = n }
            if let to = request.to { lineOptions.targets = Self.languages(to) }
            let report: DeskReport
            do {
                let lent = Lent(desk)
                let language = request.lang.map { LanguageTag($0) } ?? defaultLanguage
                let options = lineOptions
                report = try awaitResult { try await lent.value.run(text, language: language, options: options) }
            } catch let error as DeskError {
                throw BatchLineError(message: error.description.replacingOccurrences(of: "give --lang", with: "give \"lang\""))
            }
            DeskWriter.writeFields(report, memory: memoryPath, to: &reply)
        }
        runner.afterLine = { progress.step() }
        let succeeded = try runner.run()
        progress.finish()
        if !succeeded { throw ExitCode(1) }
    }
}

enum DeskFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, html
}

/// A `desk --batch` request line.
struct DeskRequest: BatchRequest {
    var lang: String?
    var text: String?
    var n: Int?
    var to: String?

    init(line: BatchLine) throws(BatchLineError) {
        lang = try line.string("lang")
        if let text = try line.string("text") { self.text = text } else { text = try line.string("article") }
        n = try line.integer("n")
        to = try line.string("to")
    }
}

/// The memory a desk run suggests from, and what to say about it.
struct DeskMemory {
    var store: (any TranslationMemoryStore)?
    var warning: String?
    /// Said once, when the default store was made with the demonstration memory.
    var created: String?

    /// Opens `path` (or $BYLINE_TM), an SQLite file or a PostgreSQL URL, for reading;
    /// without either, the default store, made with the demonstration memory when it does
    /// not exist. Never fails: a memory that cannot be used turns suggestions off with a
    /// warning.
    static func open(_ path: String?) -> DeskMemory {
        var options = DatabaseOptions()
        options.database = path
        let environment = ProcessInfo.processInfo.environment
        let given = path ?? environment["BYLINE_TM"].flatMap { $0.isEmpty ? nil : $0 }
        if let given, DatabaseOptions.isPostgresURL(given) {
            do {
                return DeskMemory(store: try awaitResult { try await PostgresStore(url: given, access: .readOnly) })
            } catch {
                return DeskMemory(warning: "\(error); translation suggestions are off")
            }
        }
        let resolved: String
        do {
            resolved = try options.resolvedPath(creatingFolder: given == nil)
        } catch {
            return DeskMemory(warning: "\(error); translation suggestions are off")
        }
        if given != nil || FileManager.default.fileExists(atPath: resolved) {
            do {
                return DeskMemory(store: try SQLiteStore(path: resolved, access: .readOnly))
            } catch {
                return DeskMemory(warning: "\(error); translation suggestions are off")
            }
        }
        return createDemonstration(at: resolved)
    }

    private static func createDemonstration(at path: String) -> DeskMemory {
        do {
            let resources = try ResourceBundle.locate()
            let temporary = path + ".\(getpid()).partial"
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            let report: ImportReport
            do {
                let store = try SQLiteStore(path: temporary, access: .readWrite)
                report = try DemoMemory.fill(
                    store, resources: resources,
                    segmentation: try SegmentationContext(
                        resources: resources, options: SentenceSegmenter.Options(attachDatelines: false)),
                    names: nil)
            }
            // Another run may have made it meanwhile; theirs is as good as ours.
            if !FileManager.default.fileExists(atPath: path) {
                if rename(temporary, path) != 0 {
                    throw CLIError.input("\(path): cannot create: \(String(cString: strerror(errno)))")
                }
            }
            Diagnostics.note(
                "created the translation memory \(path) with the demonstration memory (\(report.created) units aligned from "
                    + "earlier reports on the sample story, written for the demonstration in en, ru, az and tr); "
                    + "add the desk's own with `byline tm import` or `byline align --into-tm`")
            return DeskMemory(store: try SQLiteStore(path: path, access: .readOnly), created: path)
        } catch {
            return DeskMemory(warning: "\(path): cannot create the demonstration memory: \(error); translation suggestions are off")
        }
    }
}

/// A progress line on standard error while a batch runs, when it is a terminal.
struct BatchProgress {
    let label: String
    let unit: String
    private var count = 0
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDrawn: UInt64 = 0
    private let enabled = Terminal.showsProgress

    init(label: String, unit: String) {
        self.label = label
        self.unit = unit
    }

    mutating func step() {
        count += 1
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        if now - lastDrawn < 200_000_000 { return }
        lastDrawn = now
        Diagnostics.report("\r\(label): \(count) \(unit), \(rate(now)) a second ")
    }

    func finish() {
        guard enabled, count > 0 else { return }
        Diagnostics.report("\r\(label): \(count) \(unit), \(rate(DispatchTime.now().uptimeNanoseconds)) a second\n")
    }

    private func rate(_ now: UInt64) -> String {
        let seconds = max(1e-9, Double(now - start) / 1e9)
        return String(format: "%.0f", Double(count) / seconds)
    }
}
