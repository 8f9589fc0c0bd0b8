import BylineTM
import BylineTMPostgres
import BylineTMX
import BylineTestSupport
import BylineText
import Foundation
import Testing

/// Units `first..<first + count` as TMX pairs, each long enough that a few thousand of them
/// fill the importer's send buffer.
func numberedUnits(_ range: Range<Int>) -> String {
    range.map { index in
        pair(
            "Report \(index): the regional council met on Tuesday to discuss the harbour, the railway and the new school in district \(index).",
            "Сообщение \(index): региональный совет собрался во вторник, чтобы обсудить порт, железную дорогу и новую школу в районе \(index).")
    }.joined(separator: "\n")
}

/// A source that stops after `gateAfter` units until the gate opens.
final class GatedUnits: UnitSource, @unchecked Sendable {
    private var reader: TMXReader
    private let gateAfter: Int
    private var given = 0
    let reachedGate = DispatchSemaphore(value: 0)
    let gate = DispatchSemaphore(value: 0)

    init(path: String, gateAfter: Int) throws {
        reader = try TMXReader(path: path)
        self.gateAfter = gateAfter
    }

    func nextUnit() throws -> TranslationUnit? {
        if given == gateAfter {
            reachedGate.signal()
            gate.wait()
        }
        given += 1
        return try reader.nextUnit()
    }
}

@Suite("PostgreSQL store: faults, concurrency, replicas")
struct PostgresStoreTests {
    @Test("A wrong password, a missing database, a database without the schema and a newer schema are refused with what to do")
    func refusals() async throws {
        let server = try StoreKind.postgresServer()
        let url = try server.createDatabase()
        func failure(_ url: String, access: StoreAccess = .readWrite) async -> TMStoreError? {
            do {
                _ = try await PostgresStore(url: url, access: access)
                return nil
            } catch {
                return error
            }
        }
        let wrong = await failure(url.replacingOccurrences(of: ":\(server.password)@", with: ":not-the-password@"))
        #expect(wrong?.kind == .refused)
        #expect(wrong?.description.contains("not-the-password") == false)
        #expect(wrong?.description.contains("***") == true)

        let missing = await failure(server.url(database: "no_such_memory"))
        #expect(missing?.kind == .missing)
        #expect(missing?.message.contains("does not exist") == true)

        let unmade = await failure(url, access: .readOnly)
        #expect(unmade?.kind == .missing)
        #expect(unmade?.message.contains("byline tm import") == true)

        _ = try await PostgresStore(url: url)
        let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        try server.psql("INSERT INTO schema_migrations (version, name) VALUES (99, 'v99 from the future')", database: database)
        for access in [StoreAccess.readWrite, .readOnly] {
            let newer = await failure(url, access: access)
            #expect(newer?.kind == .newerSchema)
            #expect(newer?.message.contains("version 99") == true)
        }
    }

    @Test("Two imports of the same file at once store it once")
    func concurrentImports() async throws {
        let server = try StoreKind.postgresServer()
        let url = try server.createDatabase()
        let first = try await PostgresStore(url: url)
        let second = try await PostgresStore(url: url)
        async let one = importFile(fixture, into: first)
        async let two = importFile(fixture, into: second)
        let reports = try await [one, two]
        #expect(reports.map(\.created).sorted() == [0, 4])
        #expect(reports.map(\.duplicates).sorted() == [0, 4])
        #expect(try await first.statistics().units == 4)
    }

    @Test("Lookups go on during an import and see the memory as it was until it commits", arguments: [false, true])
    func isolation(startEmpty: Bool) async throws {
        let scratch = try Scratch()
        let server = try StoreKind.postgresServer()
        let url = try server.createDatabase()
        let store = try await PostgresStore(url: url)
        let before = startEmpty ? 0 : 4
        if !startEmpty { _ = try await importFile(fixture, into: store) }
        let count = 6000
        let source = try GatedUnits(path: try scratch.file("many.tmx", tmx(numberedUnits(0..<count))), gateAfter: count - 500)
        let lent = Lent(source)
        let importing = Task { try await store.importUnits(from: &lent.value, options: ImportOptions(origin: .manual)) }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                source.reachedGate.wait()
                continuation.resume()
            }
        }
        // Thousands of rows have gone to the server inside the import's transaction by now.
        let reader = try await PostgresStore(url: url, access: .readOnly)
        #expect(try await reader.statistics().units == before)
        let query = "Report 7: the regional council met on Tuesday to discuss the harbour, the railway and the new school in district 7."
        #expect(try await reader.matches(for: query, from: "en", to: "ru", options: LookupOptions()).isEmpty)
        source.gate.signal()
        let report = try await importing.value
        #expect(report.created == count)
        #expect(try await reader.statistics().units == count + before)
        #expect(try await reader.matches(for: query, from: "en", to: "ru", options: LookupOptions()).first?.score == 100)
    }

    @Test("After PostgreSQL restarts, the next lookup succeeds without reopening the store")
    func reconnection() async throws {
        _ = try StoreKind.postgresServer()
        let server = try PostgresTestServer()
        let store = try await PostgresStore(url: try server.createDatabase())
        _ = try await importFile(fixture, into: store)
        let query = "Both Washington and Seoul have issued a warning."
        #expect(try await store.matches(for: query, from: "en", to: "ru", options: LookupOptions()).first?.score == 100)
        try server.stop(mode: "immediate")
        do {
            _ = try await store.statistics()
            Issue.record("a read succeeded with the server stopped")
        } catch let error as TMStoreError {
            #expect(error.kind == .unreachable, "\(error)")
        }
        try server.start()
        #expect(try await store.matches(for: query, from: "en", to: "ru", options: LookupOptions()).first?.score == 100)
        #expect(try await importFile(fixture, into: store).duplicates == 4)
    }

    @Test("A hot-standby replica answers lookups, sees an import once replayed and never half of one")
    func replica() async throws {
        _ = try StoreKind.postgresServer()
        let scratch = try Scratch()
        let primary = try PostgresTestServer()
        let primaryURL = try primary.createDatabase()
        let replica = try PostgresTestServer(replicaOf: primary)
        let database = String(primaryURL.split(separator: "/").last!.split(separator: "?").first!)
        let replicaURL = replica.url(database: database)
        // The schema is made on the primary and replayed before the replica can be opened.
        let writer = try await PostgresStore(url: primaryURL)
        var opened: PostgresStore?
        for _ in 0..<100 where opened == nil {
            opened = try? await PostgresStore(url: primaryURL, readURL: replicaURL, access: .readOnly)
            if opened == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let store = try #require(opened)
        #expect(store.readsReplica)
        let count = 3000
        let file = try scratch.file("many.tmx", tmx(numberedUnits(0..<count)))
        let importing = Task { try await importFile(file, into: writer) }
        var seen: Set<Int> = []
        var statistics = try await store.statistics()
        for _ in 0..<600 {
            statistics = try await store.statistics()
            seen.insert(statistics.units)
            #expect(statistics.variants == 2 * statistics.units, "a half import: \(statistics.units) units, \(statistics.variants) variants")
            if statistics.units == count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        _ = try await importing.value
        #expect(statistics.units == count)
        #expect(seen.isSubset(of: [0, count]), "\(seen)")
        let query = "Report 12: the regional council met on Tuesday to discuss the harbour, the railway and the new school in district 12."
        #expect(try await store.matches(for: query, from: "en", to: "ru", options: LookupOptions()).first?.score == 100)
        do {
            _ = try await PostgresStore(url: replicaURL)
            Issue.record("a replica was opened for writing")
        } catch {
            #expect(error.kind == .readOnly, "\(error)")
        }
    }
}
