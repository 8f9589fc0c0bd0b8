import BylineDesk
import BylineTM
import BylineText
import Foundation

/// The memory as the service uses it: imports and token changes go to one store opened
/// for writing; lookups, searches and exports are spread over readers.
///
/// An SQLite store serves one read at a time, so the service opens the file several times
/// for reading (WAL lets them read while an import writes); a PostgreSQL store pools its
/// own connections and is its own reader.
final class ServedMemory: AccessControlStore, @unchecked Sendable {
    let writer: any AccessControlStore
    private let readers: [any AccessControlStore]
    private let lock = NSLock()
    private var busy: [Int]

    init(writer: any AccessControlStore, readers: [any AccessControlStore]) {
        self.writer = writer
        self.readers = readers.isEmpty ? [writer] : readers
        busy = Array(repeating: 0, count: max(1, readers.count))
    }

    var location: String { writer.location }

    /// Runs `body` on the least busy reader.
    private func reading<Value>(_ body: (any AccessControlStore) async throws -> Value) async throws -> Value {
        let index = lock.withLock { () -> Int in
            let index = busy.indices.min { busy[$0] < busy[$1] } ?? 0
            busy[index] += 1
            return index
        }
        defer { lock.withLock { busy[index] -= 1 } }
        return try await body(readers[index])
    }

    func importUnits<Source: UnitSource>(from source: inout Source, options: ImportOptions) async throws -> ImportReport {
        try await writer.importUnits(from: &source, options: options)
    }

    func exportUnits(matching filter: ExportFilter, _ body: (TranslationUnit) throws -> Void) async throws -> Int {
        try await reading { try await $0.exportUnits(matching: filter, body) }
    }

    func statistics() async throws -> Statistics { try await reading { try await $0.statistics() } }
    func isEmpty() async throws -> Bool { try await reading { try await $0.isEmpty() } }

    func matches(
        for query: String, from source: LanguageTag, to target: LanguageTag, options: LookupOptions, context: MatchContext
    ) async throws -> [Match] {
        try await reading { try await $0.matches(for: query, from: source, to: target, options: options, context: context) }
    }

    func concordance(_ words: String, language: LanguageTag?, limit: Int) async throws -> [ConcordanceHit] {
        try await reading { try await $0.concordance(words, language: language, limit: limit) }
    }

    func addToken(name: String, role: AccessRole, hash: String) async throws {
        try await writer.addToken(name: name, role: role, hash: hash)
    }

    func tokens() async throws -> [AccessToken] { try await writer.tokens() }
    func revokeToken(named name: String) async throws -> Bool { try await writer.revokeToken(named: name) }
    func token(withHash hash: String) async throws -> AccessToken? { try await reading { try await $0.token(withHash: hash) } }
    func importLog(limit: Int) async throws -> [ImportRecord] { try await writer.importLog(limit: limit) }
}

/// Desks lent to requests one at a time (a desk keeps caches and is not thread-safe),
/// made on demand up to a limit; a request finding none free waits for one.
actor DeskPool {
    final class Lease: @unchecked Sendable {
        let desk: Desk
        init(_ desk: Desk) { self.desk = desk }
    }

    private let memory: any TranslationMemoryStore
    private let limit: Int
    private var idle: [Lease] = []
    private var made = 0
    private var waiting: [CheckedContinuation<Lease, Never>] = []

    init(memory: any TranslationMemoryStore, limit: Int) {
        self.memory = memory
        self.limit = max(1, limit)
    }

    /// Makes the first desk now, so that a missing resource stops the service at its start.
    func warmUp() throws {
        guard made == 0 else { return }
        let lease = Lease(try Desk(memory: memory))
        _ = try lease.desk.languageDetector()
        made = 1
        idle.append(lease)
    }

    func take() async throws -> Lease {
        if let lease = idle.popLast() { return lease }
        if made < limit {
            made += 1
            do {
                return Lease(try Desk(memory: memory))
            } catch {
                made -= 1
                throw error
            }
        }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func give(_ lease: Lease) {
        if !waiting.isEmpty {
            waiting.removeFirst().resume(returning: lease)
        } else {
            idle.append(lease)
        }
    }

    /// Runs `body` with a desk of its own.
    nonisolated func withDesk<Value: Sendable>(_ body: @Sendable (Desk) async throws -> Value) async throws -> Value {
        let lease = try await take()
        do {
            let value = try await body(lease.desk)
            await give(lease)
            return value
        } catch {
            await give(lease)
            throw error
        }
    }
}

/// Counts imports running at once, refusing one past the limit (429) rather than queueing
/// uploads that would hold their connections open for as long as the others take.
final class ImportSlots: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var running = 0

    init(limit: Int) { self.limit = max(1, limit) }

    func enter() -> Bool {
        lock.withLock {
            guard running < limit else { return false }
            running += 1
            return true
        }
    }

    func leave() { lock.withLock { running -= 1 } }
}
