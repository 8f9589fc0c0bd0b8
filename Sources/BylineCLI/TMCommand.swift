import ArgumentParser
import BylineTM
import BylineText
import Foundation

struct TMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Keep a translation memory: import, export, look up, analyze, search and count it.",
        discussion: """
            import reads TMX files into the memory; export writes it out as TMX 1.4; lookup finds \
            exact and fuzzy matches for a segment (--batch for JSON Lines); analyze counts a \
            document's segments and words by match band; concordance finds stored segments \
            containing words; stats counts units, variants, languages and origins.
            """,
        subcommands: [TMImportCommand.self, TMExportCommand.self, TMLookupCommand.self, TMAnalyzeCommand.self, TMConcordanceCommand.self, TMStatsCommand.self])
}

/// The `--db` option every `tm` command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The translation memory: an SQLite file (created if missing).",
            discussion: "Defaults to $BYLINE_TM, else $XDG_DATA_HOME/byline/tm.sqlite (~/.local/share/byline/tm.sqlite).",
            valueName: "path"))
    var database: String?

    /// The database path to use, creating its folder when it is the default one.
    func resolvedPath() throws -> String {
        if let database {
            if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
                throw ValidationError("--db \(database): a PostgreSQL URL needs the shared desk store; give an SQLite file path")
            }
            return database
        }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BYLINE_TM"], !path.isEmpty { return path }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/share")
        let folder = base + "/byline"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/tm.sqlite"
    }

    func openStore() throws -> SQLiteStore {
        let path = try resolvedPath()
        do {
            return try SQLiteStore(path: path)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
    }
}
