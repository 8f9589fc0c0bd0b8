import ArgumentParser
import BylineTM
import BylineText
import BylineTMPostgres
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
            "The translation memory: an SQLite file (only `tm import` creates it) or a PostgreSQL URL.",
            discussion: """
                Defaults to $BYLINE_TM, else $XDG_DATA_HOME/byline/tm.sqlite (~/.local/share/byline/tm.sqlite). \
                A shared memory: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the password may come from \
                $PGPASSWORD; ?sslmode=disable|prefer|require|verify-full; ?host=/socket/folder).
                """,
            valueName: "path-or-url"))
    var database: String?

    @Option(
        name: .customLong("read-db"),
        help: ArgumentHelp(
            "With a PostgreSQL memory, read (look up, search, count, export) from this server, a streaming replica.",
            discussion: "Imports always go to --db. A replica lags the primary by its replay delay; leave --read-db out to read the latest import.",
            valueName: "url"))
    var readDatabase: String?

    /// The memory named by `--db` or `$BYLINE_TM`, without the default file path.
    private var given: String? {
        if let database { return database }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BYLINE_TM"], !path.isEmpty { return path }
        return nil
    }

    /// True when the memory is a PostgreSQL database.
    var isPostgres: Bool { given.map(Self.isPostgresURL) ?? false }

    static func isPostgresURL(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    /// The SQLite file to use; with `creatingFolder`, the default folder is made.
    func resolvedPath(creatingFolder: Bool = false) throws -> String {
        if let given {
            if Self.isPostgresURL(given) {
                throw ValidationError("--db \(given): this command works on SQLite files; give a file path")
            }
            return given
        }
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/share")
        let folder = base + "/byline"
        if creatingFolder { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        return folder + "/tm.sqlite"
    }

    func validate() throws {
        if let readDatabase, !Self.isPostgresURL(readDatabase) {
            throw ValidationError("--read-db \(readDatabase): give a postgres:// URL (a replica of the --db server)")
        }
        if readDatabase != nil, !isPostgres {
            throw ValidationError("--read-db needs a PostgreSQL memory in --db (or $BYLINE_TM)")
        }
    }

    /// Opens the store for reading: never creates it, never writes it. A missing, damaged
    /// or busy store is an error (exit 1); an empty one is said to be empty.
    func openStore() throws -> any TranslationMemoryStore {
        let store = try open(access: .readOnly, creatingFolder: false)
        let empty = try awaitOrExit { try await store.isEmpty() }
        if empty {
            Diagnostics.warning(
                "\(store.location): the translation memory is empty; add units with `byline tm import FILE.tmx --db \(store.location)`")
        }
        return store
    }

    /// Opens the store for an import, creating it (or its schema) if missing.
    func openStoreForWriting() throws -> any TranslationMemoryStore {
        try open(access: .readWrite, creatingFolder: true)
    }

    private func open(access: StoreAccess, creatingFolder: Bool) throws -> any TranslationMemoryStore {
        if let url = given, Self.isPostgresURL(url) { return try Self.open(url, readURL: readDatabase, access: access) }
        return try Self.open(try resolvedPath(creatingFolder: creatingFolder), access: access)
    }

    /// Opens the memory at `pathOrURL`, an SQLite file or a PostgreSQL URL; a failure is
    /// reported and exits with status 1.
    static func open(_ pathOrURL: String, readURL: String? = nil, access: StoreAccess) throws -> any TranslationMemoryStore {
        do {
            if isPostgresURL(pathOrURL) {
                return try awaitResult { try await PostgresStore(url: pathOrURL, readURL: readURL, access: access) }
            }
            return try SQLiteStore(path: pathOrURL, access: access)
        } catch let error as TMStoreError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
    }
}

/// Runs `body` from a synchronous command and waits for it: the command's thread waits
/// while the work runs on Swift's concurrency pool (the stores' methods are `async`).
func awaitResult<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
    let result = Lent<Result<Value, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            result.value = .success(try await body())
        } catch {
            result.value = .failure(error)
        }
        done.signal()
    }
    done.wait()
    return try result.value!.get()
}

/// ``awaitResult(_:)`` for a command: an error is reported on standard error and ends the
/// command with status 1.
func awaitOrExit<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
    do {
        return try awaitResult(body)
    } catch {
        Diagnostics.error("\(error)")
        throw ExitCode(1)
    }
}
