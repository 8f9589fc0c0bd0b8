import BylineTM
import BylineText
import Foundation
import PostgresNIO

/// The shared translation memory: one PostgreSQL database that many correspondents and
/// desks read and fill at once, through the same ``TranslationMemoryStore`` protocol as
/// the embedded ``SQLiteStore``, with the same duplicate rules, matches and scores.
///
/// - Imports run in one transaction each, under a transaction-scoped advisory lock, so two
///   imports (of the same file or not) take turns instead of interleaving, and lookups see
///   the memory as it was until the import commits. A client killed mid-import, or a server
///   gone away, leaves nothing of it.
/// - Reads (concordance, counts, export) each run in one read-only, repeatable-read
///   transaction, on the primary or on a streaming replica (`readURL`); a lookup's
///   statements agree without one (see ``matches(for:from:to:options:context:)``).
/// - Connections are pooled (postgres-nio's `PostgresClient`), opened with a timeout, and
///   a read that meets a connection closed by a server restart is retried on a new one.
///
/// ```swift
/// let store = try await PostgresStore(url: "postgres://desk:secret@db.example/tm")
/// var reader = try TMXReader(path: "agency.tmx")
/// let report = try await store.importUnits(from: &reader, options: ImportOptions(origin: .imported(file: "agency.tmx")))
/// let best = try await store.matches(for: "Talks resumed.", from: "en", to: "ru", options: LookupOptions()).first
/// ```
public final class PostgresStore: TranslationMemoryStore, @unchecked Sendable {
    /// The primary's URL without its password, for messages.
    public let location: String
    /// Whether the store was opened to be written or only read.
    public let access: StoreAccess
    /// True when reads go to another server than imports (a replica).
    public let readsReplica: Bool
    let primary: Pool
    let reader: Pool
    let logger: Logger
    /// Units per target language, for lookups; extended as the memory grows.
    let targetUnits = PostgresTargetUnits()
    /// Candidate scratch arrays, one per lookup running, reused: each is as long as the
    /// memory has units, and clearing only what a lookup touched is far cheaper than a new one.
    let scratches = ScratchPool()

    /// The key of the advisory lock that imports and migrations hold for their transaction.
    static let writeLockKey: Int64 = 0x4279_6c69_6e65_544d  // "BylineTM"

    /// Connects to the database at `url` (and `readURL` for reads, when given).
    ///
    /// With `.readWrite` the schema is created or brought up to date (named, append-only
    /// migrations recorded in `schema_migrations`); with `.readOnly` nothing is written and a
    /// database without the schema, or with an older one, is an error that says how to make
    /// it. A schema newer than this build is refused either way.
    ///
    /// URLs: `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable|prefer|require|verify-full`;
    /// `?host=/run/postgresql` for a Unix socket; the password may come from `$PGPASSWORD`.
    /// - Throws: ``TMStoreError`` (`.unreachable`, `.refused`, `.missing`, `.newerSchema`, …).
    public init(url: String, readURL: String? = nil, access: StoreAccess = .readWrite) async throws(TMStoreError) {
        let primaryURL = try PostgresURL(url)
        let readerURL = try readURL.map { url throws(TMStoreError) in try PostgresURL(url) }
        location = primaryURL.redacted
        self.access = access
        readsReplica = readerURL != nil
        var logger = Logger(label: "byline.tm.postgres")
        logger.logLevel = .critical
        self.logger = logger
        primary = Pool(primaryURL.configuration(readOnly: false), logger: logger)
        reader = Pool((readerURL ?? primaryURL).configuration(readOnly: true), logger: logger)
        do {
            try await Self.withConnection(to: primaryURL, logger: logger) { connection in
                switch access {
                case .readWrite: try await migrate(connection)
                case .readOnly: try await checkSchema(connection, at: primaryURL.redacted)
                }
            }
            if let readerURL {
                try await Self.withConnection(to: readerURL, logger: logger) { connection in
                    try await checkSchema(connection, at: readerURL.redacted)
                }
            }
        } catch {
            primary.close()
            reader.close()
            throw TMStoreError(postgres: error, location: location)
        }
    }

    deinit {
        primary.close()
        reader.close()
    }

    /// Runs `body` on a connection of its own, outside the pools, and closes it.
    static func withConnection(
        to url: PostgresURL, logger: Logger, _ body: (PostgresConnection) async throws -> Void
    ) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try url.connectionConfiguration(), id: 0, logger: logger)
        } catch {
            throw TMStoreError(postgres: error, location: url.redacted)
        }
        do {
            try await body(connection)
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Closes every connection; the store is unusable afterwards.
    public func close() {
        primary.close()
        reader.close()
    }

    // MARK: Reading

    /// Runs `body` in one read-only, repeatable-read transaction on the reading server, once
    /// more on a new connection when the first one was closed under it (a server restart).
    /// Reads answer within the pool's `statement_timeout` (30 s) unless `untimed` (an export
    /// of the whole memory). Without `transaction`, `body`'s statements run each in its own
    /// (a lookup, whose statements agree without one, saves two round trips).
    func reading<Value: Sendable>(
        untimed: Bool = false, transaction: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> Value
    ) async throws(TMStoreError) -> Value {
        var attempt = 0
        let deadline = ContinuousClock.now + Self.connectionWait
        let retryUntil = ContinuousClock.now + Self.reconnectionWindow
        while true {
            attempt += 1
            let client = reader.client
            let logger = logger
            do {
                return try await Self.waiting(untimed ? nil : deadline) {
                  try await client.withConnection { connection in
                    guard transaction else { return try await body(connection) }
                    try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                    do {
                        if untimed { try await connection.query("SET LOCAL statement_timeout = 0", logger: logger) }
                        let value = try await body(connection)
                        try await connection.query("COMMIT", logger: logger)
                        return value
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                  }
                }
            } catch {
                if ContinuousClock.now < retryUntil, Self.isConnectionLoss(error) {
                    // The pool may hold connections the server closed, or wait out a backoff
                    // after failed attempts while the server was down: a new pool connects now.
                    reader.renew(replacing: client)
                    try? await Task.sleep(for: .milliseconds(100 * attempt))
                    continue
                }
                throw TMStoreError(postgres: error, location: location)
            }
        }
    }

    /// How often a write is tried when connections are lost: a restarted server takes a
    /// moment to accept connections again.
    static let readAttempts = 5
    /// How long a read waits for a connection and its answer, retries included, before it
    /// says the server cannot be reached (a read's statements have 30 s of their own).
    static let connectionWait = Duration.seconds(35)
    /// How long a read goes on trying new connections when they are refused or lost: long
    /// enough for a restarted server to take connections again, short enough that a server
    /// that is down is reported soon.
    static let reconnectionWindow = Duration.seconds(3)

    struct TimedOut: Error, CustomStringConvertible {
        var description: String { "no connection and answer within \(PostgresStore.connectionWait)" }
    }

    /// Runs `body`, giving up at `deadline` (when there is one). The answer is whichever comes
    /// first, and the caller never waits for the other: a connection request that ignores
    /// cancellation (the pool waiting on a server that went away) is cancelled and left to
    /// end on its own, where a task group would wait for it.
    static func waiting<Value: Sendable>(
        _ deadline: ContinuousClock.Instant?, _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        guard let deadline else { return try await body() }
        let race = FirstAnswer<Value>()
        let work = Task {
            do { race.answer(.success(try await body())) } catch { race.answer(.failure(error)) }
        }
        let timer = Task {
            try await Task.sleep(until: deadline, clock: .continuous)
            race.answer(.failure(TimedOut()))
        }
        // Whichever answered, the other is no longer wanted: the request is cancelled (and
        // left to end on its own) and the timer stops sleeping.
        defer {
            work.cancel()
            timer.cancel()
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { race.wait($0) }
        } onCancel: {
            race.answer(.failure(CancellationError()))
        }
    }

    /// The first of several answers, handed to one waiting continuation whether it comes
    /// before or after the wait begins; later ones are dropped.
    final class FirstAnswer<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Value, any Error>?
        private var first: Result<Value, any Error>?

        func wait(_ continuation: CheckedContinuation<Value, any Error>) {
            let ready: Result<Value, any Error>? = lock.withLock {
                if first == nil { self.continuation = continuation }
                return first
            }
            if let ready { continuation.resume(with: ready) }
        }

        func answer(_ result: Result<Value, any Error>) {
            let waiting: CheckedContinuation<Value, any Error>? = lock.withLock {
                guard first == nil else { return nil }
                first = result
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume(with: result)
        }
    }

    /// True for errors that say the connection, not the request, failed.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        // The pool's own error (connections could not be made) has no public type to match.
        if String(describing: type(of: error)).contains("ConnectionPoolError") || error is TimedOut { return true }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .connectionError, .uncleanShutdown: return true
        // A pool renewed by another request (after the server restarted) closes the
        // connections it lent: a statement on one of them is tried again on the new pool.
        case .clientClosedConnection, .poolClosed: return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions.
            return state.hasPrefix("57P") || state.hasPrefix("08")
        default: return false
        }
    }

    public func isEmpty() async throws -> Bool {
        try await reading { [self] connection in
            let rows = try await connection.query("SELECT NOT EXISTS (SELECT 1 FROM units)", logger: logger)
            for try await empty in rows.decode(Bool.self) { return empty }
            return true
        }
    }

    public func statistics() async throws -> Statistics {
        try await reading { [self] connection in
            func count(_ sql: String) async throws -> Int {
                let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                for try await value in rows.decode(Int64.self) { return Int(value) }
                return 0
            }
            let units = try await count("SELECT count(*) FROM units")
            let variants = try await count("SELECT count(*) FROM variants")
            let alternatives = try await count("SELECT count(*) FROM units WHERE alternative_of IS NOT NULL")
            let monolingual = try await count(
                "SELECT count(*) FROM (SELECT unit_id FROM variants GROUP BY unit_id HAVING count(*) = 1) AS single")
            var languages: [(LanguageTag, Int)] = []
            let languageRows = try await connection.query(
                #"SELECT lang, count(*) AS n FROM variants GROUP BY lang ORDER BY n DESC, lang COLLATE "C""#, logger: logger)
            for try await (language, n) in languageRows.decode((String, Int64).self) { languages.append((LanguageTag(language), Int(n))) }
            var origins: [(String, Int)] = []
            let originRows = try await connection.query(
                #"SELECT origin, count(*) AS n FROM units GROUP BY origin ORDER BY n DESC, origin COLLATE "C""#, logger: logger)
            for try await (origin, n) in originRows.decode((String, Int64).self) { origins.append((origin, Int(n))) }
            return Statistics(
                units: units, variants: variants, languages: languages, origins: origins, alternatives: alternatives,
                monolingual: monolingual)
        }
    }
}

/// A connection pool (postgres-nio's `PostgresClient`) with the task that runs it, replaced
/// by a new one when its connections were lost.
final class Pool: @unchecked Sendable {
    private let configuration: PostgresClient.Configuration
    private let logger: Logger
    private var current: (client: PostgresClient, running: Task<Void, Never>)
    private let lock = NSLock()

    init(_ configuration: PostgresClient.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        current = Self.start(configuration, logger: logger)
    }

    private static func start(_ configuration: PostgresClient.Configuration, logger: Logger)
        -> (client: PostgresClient, running: Task<Void, Never>)
    {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return (client, Task { await client.run() })
    }

    var client: PostgresClient { lock.withLock { current.client } }

    /// Closes the pool's connections and starts a new pool, unless `failed`, the pool a
    /// request lost its connection in, was already replaced by another request (requests
    /// failing together then renew it once, not each the other's new pool).
    func renew(replacing failed: PostgresClient) {
        let old: (client: PostgresClient, running: Task<Void, Never>)? = lock.withLock {
            guard current.client === failed else { return nil }
            let old = current
            current = Self.start(configuration, logger: logger)
            return old
        }
        old?.running.cancel()
    }

    func close() { lock.withLock { current.running.cancel() } }
}

/// Reusable ``CandidateScratch``es for lookups running at once.
final class ScratchPool: @unchecked Sendable {
    private var idle: [CandidateScratch] = []
    private let lock = NSLock()

    func take() -> CandidateScratch { lock.withLock { idle.popLast() } ?? CandidateScratch() }

    func give(_ scratch: CandidateScratch) { lock.withLock { if idle.count < 16 { idle.append(scratch) } } }
}

/// The units that have a variant in a language, per language, read once and then extended
/// with the units added since: ids only grow, so the units above the largest id read so far
/// are all that can be new.
final class PostgresTargetUnits: @unchecked Sendable {
    private var sets: [String: (units: UnitSet, through: Int64)] = [:]
    private let lock = NSLock()

    func units(in language: String, largestUnitID: Int64, connection: PostgresConnection, logger: Logger) async throws
        -> UnitSet
    {
        let cached = lock.withLock { sets[language] }
        if let cached, cached.through >= largestUnitID { return cached.units }
        let through = cached?.through ?? 0
        var ids: [Int64] = []
        let rows = try await connection.query(
            "SELECT unit_id FROM variants WHERE lang_base = \(language) AND unit_id > \(through) AND unit_id <= \(largestUnitID)",
            logger: logger)
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        var units = cached?.units ?? UnitSet([])
        units.insert(ids)
        lock.withLock {
            if (sets[language]?.through ?? -1) < largestUnitID { sets[language] = (units, largestUnitID) }
        }
        return units
    }
}
