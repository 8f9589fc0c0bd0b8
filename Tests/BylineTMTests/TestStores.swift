import BylineTM
import BylineTMPostgres
import BylineTMX
import BylineTestSupport
import BylineText
import Foundation
import Testing

/// The stores the shared store tests run against: each test taking a `StoreKind` runs
/// once on a new SQLite file and once on a new PostgreSQL database.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A new, empty store of this kind, open for writing.
    ///
    /// PostgreSQL needs its binaries: without them the test is skipped with a message,
    /// unless `CI` is set, where their absence is a failure.
    func makeStore(in scratch: Scratch) async throws -> any TranslationMemoryStore {
        switch self {
        case .sqlite:
            return try SQLiteStore(path: scratch.path("tm-\(UUID().uuidString).sqlite"))
        case .postgres:
            let server = try Self.postgresServer()
            return try await PostgresStore(url: try server.createDatabase())
        }
    }

    /// SQLite, and PostgreSQL when it is installed here (or `CI` is set, where its absence
    /// is a failure), for tests whose arguments are cases of their own.
    static func available() throws -> [StoreKind] {
        if case .failure(PostgresTestServer.Failure.noBinaries) = PostgresTestServer.shared,
            (ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
        {
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }

    /// The shared test cluster, or a skip when PostgreSQL is not installed here.
    static func postgresServer() throws -> PostgresTestServer {
        switch PostgresTestServer.shared {
        case .success(let server): return server
        case .failure(PostgresTestServer.Failure.noBinaries) where (ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty:
            try Test.cancel("PostgreSQL store tests skipped: \(PostgresTestServer.Failure.noBinaries)")
        case .failure(let error): throw error
        }
    }
}

/// A memory of `kind` built from TMX units written inline.
func memory(_ units: String, in scratch: Scratch, kind: StoreKind, origin: Origin = .manual) async throws
    -> any TranslationMemoryStore
{
    let store = try await kind.makeStore(in: scratch)
    var reader = try TMXReader(path: try scratch.file("units-\(UUID().uuidString).tmx", tmx(units)))
    _ = try await store.importUnits(from: &reader, options: ImportOptions(origin: origin))
    return store
}

func importFile(_ path: String, into store: any TranslationMemoryStore, dryRun: Bool = false) async throws -> ImportReport {
    var reader = try TMXReader(path: path)
    return try await store.importUnits(from: &reader, options: ImportOptions(origin: .imported(file: path), dryRun: dryRun))
}

func allUnits(_ store: any TranslationMemoryStore, filter: ExportFilter = ExportFilter()) async throws -> [TranslationUnit] {
    let units = Lent<[TranslationUnit]>([])
    _ = try await store.exportUnits(matching: filter) { units.value.append($0) }
    return units.value
}
