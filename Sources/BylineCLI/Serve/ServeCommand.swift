import ArgumentParser
import BylineDesk
import BylineResources
import BylineTM
import BylineTMPostgres
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `byline serve`: the desk's HTTP service, and its tokens.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the desk's HTTP service and its web page, or manage its API tokens.",
        discussion: """
            `byline serve [--db …]` runs the service (see `byline serve run --help`); \
            `byline serve token create NAME --role reader|editor|admin` makes a token for it. \
            Every endpoint but the page and its description needs `Authorization: Bearer TOKEN`.
            """,
        subcommands: [ServeRunCommand.self, ServeTokenCommand.self],
        defaultSubcommand: ServeRunCommand.self)
}

struct ServeRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the desk's HTTP service (the default of `byline serve`).",
        discussion: """
            JSON endpoints take the batch interface's fields (text, lang, n, …) and answer with \
            the same fields; GET /openapi.json describes them all, and / is the desk page. \
            Tokens: readers look up, editors also import and align into the memory, admins \
            manage tokens; without a token 401, with too little right 403. Logs go to standard \
            error as JSON lines, one per request (method, path, status, duration_ms, user). \
            SIGTERM or SIGINT stops it gracefully: requests in flight finish, an import commits \
            or rolls back whole.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on (127.0.0.1: this machine only).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 takes a free one (said on standard error).")
    var port = 8080

    @Option(help: "The largest JSON request body (8M, 512k, …).")
    var maxBody = "8M"

    @Option(help: "The largest TMX upload.")
    var maxImport = "2G"

    @Option(help: "Seconds a JSON request may take before the service answers 503.")
    var timeout = 30.0

    @Option(help: "Imports at once; one more is refused with 429.")
    var maxImports = 1

    @Option(help: "Seconds an upload or download may go on after SIGTERM or SIGINT; then it is abandoned (an import rolls back).")
    var shutdownGrace = 30.0

    @Option(help: ArgumentHelp(
        "How imports share the processor: background (the default) lowers their threads' priority so lookups keep their speed during an import; normal imports as fast as the machine allows.",
        valueName: "background|normal"))
    var importPriority = ImportPriority.background

    @Option(help: "Requests worked on at once (each has a desk of its own); default: the number of processors.")
    var workers: Int?

    @Flag(help: "Stop (gracefully) when standard input reaches its end: a service started by a script or a test ends with it.")
    var stopAtEndOfInput = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
        guard ByteCount.parse(maxBody) != nil else { throw ValidationError("--max-body \(maxBody): give a size such as 8M or 512k") }
        guard ByteCount.parse(maxImport) != nil else { throw ValidationError("--max-import \(maxImport): give a size such as 2G or 500M") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout takes a positive number of seconds") }
        guard shutdownGrace >= 0, shutdownGrace.isFinite else { throw ValidationError("--shutdown-grace takes 0 or more seconds") }
        guard maxImports >= 1 else { throw ValidationError("--max-imports takes 1 or more") }
        if let workers, workers < 1 { throw ValidationError("--workers takes 1 or more") }
    }

    func run() throws {
        let limits = ServeLimits(
            bodyBytes: ByteCount.parse(maxBody)!, importBytes: ByteCount.parse(maxImport)!, requestSeconds: timeout,
            imports: maxImports, shutdownGrace: shutdownGrace, importPriority: importPriority)
        let workers = workers ?? ProcessInfo.processInfo.activeProcessorCount
        let memory = try Self.openMemory(database, readers: max(2, workers))
        let resources: ResourceBundle
        let page: PageFiles
        do {
            resources = try ResourceBundle.locate()
            page = try PageFiles(resources: resources)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(1)
        }
        let desks = DeskPool(memory: memory, limit: workers)
        let service = DeskService(memory: memory, desks: desks, limits: limits, page: page)
        let (host, port) = (host, port)
        let logger = Logger(label: "byline.serve") { JSONLogHandler(label: $0) }
        // Asked to stop, the service lets requests finish (uploads and downloads get the grace
        // period, every other request is bounded by --timeout); should it still be running
        // well after that, it exits, and an import that had not committed is rolled back by
        // the database.
        let deadline = shutdownGrace + timeout + 10
        var watchdogs: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline) {
                    Diagnostics.error("still stopping after \(Int(deadline)) s; exiting (an unfinished import is rolled back)")
                    Foundation.exit(1)
                }
            }
            source.resume()
            watchdogs.append(source)
        }
        defer { watchdogs.forEach { $0.cancel() } }
        if stopAtEndOfInput {
            let watcher = Thread {
                var byte: UInt8 = 0
                while true {
                    let got = read(STDIN_FILENO, &byte, 1)
                    if got == 0 || (got < 0 && errno != EINTR) { break }
                }
                kill(getpid(), SIGTERM)
            }
            watcher.start()
        }
        do {
            try awaitResult {
                try await desks.warmUp()
                if try await memory.tokens().isEmpty {
                    Diagnostics.note(
                        "no API tokens yet; make one with `byline serve token create NAME --role admin --db \(memory.location)`")
                }
                let application = Application(
                    router: service.router(),
                    configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "byline"),
                    onServerRunning: { channel in
                        let bound = channel.localAddress?.port ?? port
                        Diagnostics.note("listening on http://\(host):\(bound) (memory \(memory.location))")
                    },
                    logger: logger)
                try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
            }
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(1)
        }
        Diagnostics.note("stopped")
    }

    /// The memory opened for the service: the store for writing and, for SQLite, `readers`
    /// more connections for reading. Without --db or $BYLINE_TM, the default store (made
    /// with the demonstration memory when missing, as `byline desk` makes it).
    static func openMemory(_ database: DatabaseOptions, readers: Int) throws -> ServedMemory {
        if database.isPostgres {
            guard let store = try database.openStoreForWriting() as? AccessControlStore else { throw ExitCode(1) }
            return ServedMemory(writer: store, readers: [])
        }
        let environment = ProcessInfo.processInfo.environment
        if database.database == nil, (environment["BYLINE_TM"] ?? "").isEmpty {
            let made = DeskMemory.open(nil)
            if let warning = made.warning { Diagnostics.warning(warning) }
        }
        guard let writer = try database.openStoreForWriting() as? SQLiteStore else { throw ExitCode(1) }
        var opened: [any AccessControlStore] = []
        for _ in 0..<max(1, readers) {
            do {
                opened.append(try SQLiteStore(readingBeside: writer))
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(1)
            }
        }
        return ServedMemory(writer: writer, readers: opened)
    }
}

/// `byline serve token create|list|revoke`.
struct ServeTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke the service's API tokens (kept hashed in the memory's store).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token; it is printed once, on standard output, and only its hash is kept.")

        @Argument(help: "Who or what holds it (a person, a desk tool): shown in the logs and the import log.")
        var name: String

        @Option(help: "reader (look up), editor (also import and align into the memory) or admin (also manage tokens).")
        var role: String

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard AccessRole(rawValue: role) != nil else { throw ValidationError("--role takes reader, editor or admin") }
            do { try AccessTokens.checkName(name) } catch let error as ServeError { throw ValidationError(error.message) }
        }

        func run() throws {
            let store = try ServeTokenCommand.store(database)
            let token = AccessTokens.generate()
            let (name, role) = (name, AccessRole(rawValue: role)!)
            try awaitOrExit { try await store.addToken(name: name, role: role, hash: AccessTokens.hash(token)) }
            var output = StandardOutput()
            try output.write { $0.raw(token + "\n") }
            try output.finish()
            Diagnostics.note("token \"\(name)\" (\(role.rawValue)) made; it is shown this once — keep it somewhere safe")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens: name, role, made, revoked.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Output format: text (aligned, for a person) or json (one object).")
        var format: ReportFormat = .text

        func run() throws {
            let store = try ServeTokenCommand.store(database)
            let tokens = try awaitOrExit { try await store.tokens() }
            var output = StandardOutput()
            try output.write { buffer in
                if format != .text {
                    buffer.raw("{\"tokens\": [")
                    for (index, token) in tokens.enumerated() {
                        if index > 0 { buffer.raw(", ") }
                        AccessTokens.writeJSON(token, to: &buffer)
                    }
                    buffer.raw("]}\n")
                    return
                }
                if tokens.isEmpty {
                    buffer.raw("no tokens\n")
                    return
                }
                let width = max(4, tokens.map(\.name.count).max() ?? 0)
                buffer.raw("name".padding(toLength: width + 2, withPad: " ", startingAt: 0) + "role    made              revoked\n")
                for token in tokens {
                    buffer.raw(token.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))
                    buffer.raw(token.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))
                    buffer.raw(token.createdAt.padding(toLength: 18, withPad: " ", startingAt: 0))
                    buffer.raw((token.revokedAt ?? "-") + "\n")
                }
            }
            try output.finish()
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it stops working at once, its name stays taken.")

        @Argument(help: "The token's name.")
        var name: String

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try ServeTokenCommand.store(database)
            let name = name
            let revoked = try awaitOrExit { try await store.revokeToken(named: name) }
            guard revoked else {
                Diagnostics.error("no working token is called \"\(name)\"")
                throw ExitCode(1)
            }
            Diagnostics.note("token \"\(name)\" revoked")
        }
    }

    static func store(_ database: DatabaseOptions) throws -> any AccessControlStore {
        guard let store = try database.openStoreForWriting() as? AccessControlStore else {
            Diagnostics.error("this store keeps no tokens")
            throw ExitCode(1)
        }
        return store
    }
}

extension ImportPriority: ExpressibleByArgument {}
