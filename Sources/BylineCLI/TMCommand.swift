import ArgumentParser
import BylineTM
import BylineText
import Foundation

struct TMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Keep a translation memory: import, look up, search, count, check and export it.",
        discussion: """
            import      add TMX files (the only command that creates or changes a memory)
            lookup      exact, fuzzy and context (101 %) matches for a segment
            analyze     a document's segments and words by match band
            concordance stored segments containing words, with their translations
            stats       units, variants, languages and origins
            check       the file's integrity and what it holds
            export      everything, or a selection, as TMX 1.4
            """,
        subcommands: [
            TMImportCommand.self, TMExportCommand.self, TMLookupCommand.self, TMAnalyzeCommand.self,
            TMConcordanceCommand.self, TMStatsCommand.self, TMCheckCommand.self,
        ])
}

/// The `--db` option every `tm` command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The translation memory: an SQLite file (only `tm import` creates it).",
            discussion: "Defaults to $BYLINE_TM, else $XDG_DATA_HOME/byline/tm.sqlite (~/.local/share/byline/tm.sqlite).",
            valueName: "path"))
    var database: String?

    /// The database path to use; with `creatingFolder`, the default folder is made.
    func resolvedPath(creatingFolder: Bool = false) throws -> String {
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
        if creatingFolder { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        return folder + "/tm.sqlite"
    }

    /// Opens the store for reading: never creates it, never writes it. A missing, damaged
    /// or busy store is an error (exit 1); an empty one is said to be empty.
    func openStore() throws -> SQLiteStore {
        let path = try resolvedPath()
        do {
            let store = try SQLiteStore(path: path, access: .readOnly)
            if try store.isEmpty() {
                Diagnostics.warning("\(path): the translation memory is empty; add units with `byline tm import FILE.tmx --db \(path)`")
            }
            return store
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
    }

    /// Opens the store for an import, creating it if missing.
    func openStoreForWriting() throws -> SQLiteStore {
        let path = try resolvedPath(creatingFolder: true)
        do {
            return try SQLiteStore(path: path, access: .readWrite)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
    }
}
