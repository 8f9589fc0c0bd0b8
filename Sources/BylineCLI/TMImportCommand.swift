import ArgumentParser
import BylineTM
import BylineTMX
import BylineText
import Foundation

struct TMImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import TMX files into the translation memory, all in one transaction.",
        discussion: """
            Reads TMX 1.4 and 1.1 in any encoding libxml2 knows, streaming. A unit identical \
            to a stored one is a duplicate (its usage and dates are refreshed when newer), so \
            importing a file twice changes nothing; the same source with another translation \
            is stored as an alternative. Files that break the TMX DTD but are well-formed \
            import with warnings; a file that is not well-formed XML stops the import with \
            FILE:LINE:COLUMN and leaves the database exactly as it was.
            """)

    @Argument(help: "TMX files.")
    var files: [String]

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Read and check everything, report, and keep nothing.")
    var dryRun = false

    @Option(help: "File the units under this story id.")
    var story: String?

    @Option(help: "Output format of the report: text (aligned, for a person) or json (one object).")
    var format: ReportFormat = .text

    @Flag(help: "Print every warning, not just the first 20.")
    var verbose = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one TMX file") }
    }

    /// The store to import into. A dry run never creates one: with no store at the path
    /// yet, the files are checked against an empty memory held in memory.
    private func openStore() throws -> any TranslationMemoryStore {
        guard dryRun, !database.isPostgres else { return try database.openStoreForWriting() }
        let path = try database.resolvedPath()
        do {
            if FileManager.default.fileExists(atPath: path) { return try SQLiteStore(path: path, access: .readWrite) }
            return try SQLiteStore(temporaryStandingFor: path)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
    }

    func run() throws {
        let store = try openStore()
        var source = TMXFileSequence(paths: files, showsProgress: Terminal.showsProgress && format == .text)
        let report: ImportReport
        let lent = Lent(source)
        do {
            let options = ImportOptions(origin: .imported(file: ""), storyID: story, dryRun: dryRun, user: LoginName.current)
            report = try awaitResult { try await store.importUnits(from: &lent.value, options: options) }
            source = lent.value
        } catch let error as TMXError {
            source = lent.value
            source.clearProgress()
            Diagnostics.error(error.description)
            Diagnostics.error("nothing was imported; the translation memory is unchanged")
            throw ExitCode(1)
        } catch let error as TMStoreError {
            source = lent.value
            source.clearProgress()
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
        source.clearProgress()
        let warnings = source.warnings
        for warning in verbose ? warnings : Array(warnings.prefix(20)) {
            Diagnostics.error(warning.description)
        }
        if !verbose, warnings.count > 20 {
            Diagnostics.error("… and \(warnings.count - 20) more warnings (--verbose prints them all)")
        }
        var output = StandardOutput()
        try output.write { buffer in
            switch format {
            case .json:
                buffer.raw("{\"files\": \(files.count), \"read\": \(report.read), \"created\": \(report.created)")
                buffer.raw(", \"alternatives\": \(report.alternatives), \"updated\": \(report.updated)")
                buffer.raw(", \"duplicates\": \(report.duplicates), \"skipped\": \(report.skipped)")
                buffer.raw(", \"monolingual\": \(report.monolingual)")
                buffer.raw(", \"warnings\": \(warnings.count), \"dry_run\": \(dryRun)}\n")
            case .text:
                let rows: [(String, Int)] = [
                    ("units read", report.read), ("created", report.created), ("  of which alternatives", report.alternatives),
                    ("  of which one language only", report.monolingual),
                    ("updated", report.updated), ("duplicates", report.duplicates), ("skipped", report.skipped),
                    ("warnings", warnings.count),
                ]
                let width = rows.map(\.1).map { String($0).count }.max() ?? 1
                if dryRun { buffer.raw("dry run: nothing was kept\n") }
                for (label, value) in rows {
                    let number = String(value)
                    buffer.raw(label.padding(toLength: 30, withPad: " ", startingAt: 0))
                    buffer.raw(String(repeating: " ", count: width - number.count) + number + "\n")
                }
            }
        }
        try output.finish()
    }
}

/// TMX files read one after the other as one stream of units, with the file each unit
/// came from as its origin and a progress bar on a terminal.
struct TMXFileSequence: UnitSource {
    let paths: [String]
    let showsProgress: Bool
    private(set) var warnings: [TMXWarning] = []
    private var index = 0
    private var reader: TMXReader?
    private var units = 0
    private let totalBytes: Int
    private var bytesBefore = 0
    private var drewProgress = false

    init(paths: [String], showsProgress: Bool) {
        self.paths = paths
        self.showsProgress = showsProgress
        totalBytes = paths.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
    }

    mutating func nextUnit() throws -> TranslationUnit? {
        while index < paths.count {
            if reader == nil { reader = try TMXReader(path: paths[index]) }
            guard let current = reader else { return nil }
            if var unit = try current.nextUnitTyped() {
                unit.origin = .imported(file: paths[index])
                units += 1
                if showsProgress, units % 5_000 == 0 { drawProgress(current.bytesConsumed) }
                return unit
            }
            warnings += current.warnings
            bytesBefore += (try? FileManager.default.attributesOfItem(atPath: paths[index])[.size] as? Int) ?? 0
            reader = nil
            index += 1
        }
        return nil
    }

    private mutating func drawProgress(_ consumed: Int) {
        guard totalBytes > 0 else { return }
        let fraction = min(1, Double(bytesBefore + consumed) / Double(totalBytes))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %3.0f%%  %d units", bar, fraction * 100, units)
        FileHandle.standardError.write(Data(line.utf8))
        drewProgress = true
    }

    /// Erases the progress line before anything else is printed.
    mutating func clearProgress() {
        guard drewProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drewProgress = false
    }
}

/// The name of who runs the command, for the memory's import log.
enum LoginName {
    static var current: String? {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"]
    }
}
