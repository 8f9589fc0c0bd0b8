import BylineTM
import BylineTMX
import Foundation
import GRDB
import Testing

@Suite("A store made by an earlier version")
struct StoreUpgradeTests {
    @Test("Without the access tables a store is still read as it is (lookups answer, tokens and the import log read as empty); opening it for writing adds them")
    func withoutAccessTables() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tm.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try await importFile(fixture, into: store)
        }
        // Back to the schema before the service's tables.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(
                sql: """
                    DROP TABLE access_tokens; DROP TABLE imports;
                    DELETE FROM grdb_migrations WHERE identifier = 'v4 access tokens and import log'
                    """)
        }
        try queue.close()

        let reader = try SQLiteStore(path: path, access: .readOnly)
        let query = "Both Washington and Seoul have issued a warning."
        #expect(try await reader.matches(for: query, from: "en", to: "ru", options: LookupOptions()).first?.score == 100)
        #expect(try await reader.tokens().isEmpty)
        #expect(try await reader.token(withHash: "0") == nil)
        #expect(try await reader.importLog(limit: 5).isEmpty)

        let writer = try SQLiteStore(path: path)
        try await writer.addToken(name: "desk", role: .editor, hash: "abc")
        #expect(try await writer.token(withHash: "abc")?.role == .editor)
        _ = try await importFile(fixture, into: writer)
        #expect(try await writer.importLog(limit: 5).count == 1)
    }
}
