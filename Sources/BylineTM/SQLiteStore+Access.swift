import Foundation
import GRDB

extension SQLiteStore: AccessControlStore {
    public func addToken(name: String, role: AccessRole, hash: String) async throws {
        try writable("a token is stored")
        do {
            try await queue.write { db in
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM access_tokens WHERE name = ?)", arguments: [name]) == true {
                    throw TMStoreError(
                        .refused, path: self.path,
                        message: "a token called \"\(name)\" exists already (names are not reused, even once revoked); choose another name")
                }
                try db.execute(
                    sql: "INSERT INTO access_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [name, role.rawValue, hash, Self.timestamp()])
            }
        } catch let error as TMStoreError {
            throw error
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    public func tokens() async throws -> [AccessToken] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT name, role, created_at, revoked_at FROM access_tokens ORDER BY created_at, name")
                .map { row in
                    AccessToken(
                        name: row[0], role: AccessRole(rawValue: row[1]) ?? .reader, createdAt: row[2], revokedAt: row[3])
                }
        }
    }

    public func revokeToken(named name: String) async throws -> Bool {
        try writable("a token is revoked")
        do {
            return try await queue.write { db in
                try db.execute(
                    sql: "UPDATE access_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                    arguments: [Self.timestamp(), name])
                return db.changesCount > 0
            }
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    public func token(withHash hash: String) async throws -> AccessToken? {
        try await reading { db in
            try Row.fetchOne(
                db, sql: "SELECT name, role, created_at FROM access_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                arguments: [hash]
            ).flatMap { row in
                AccessRole(rawValue: row[1]).map { AccessToken(name: row[0], role: $0, createdAt: row[2]) }
            }
        }
    }

    public func importLog(limit: Int) async throws -> [ImportRecord] {
        try await reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, user_name, origin, origin_file, stored_at, read, created, updated, duplicates, skipped
                    FROM imports ORDER BY id DESC LIMIT ?
                    """, arguments: [limit]
            ).map { row in
                ImportRecord(
                    id: row[0], user: row[1], origin: row[2], file: row[3], storedAt: row[4], read: row[5], created: row[6],
                    updated: row[7], duplicates: row[8], skipped: row[9])
            }
        }
    }

    /// Records an import in the log, inside its transaction.
    static func logImport(_ db: Database, report: ImportReport, options: ImportOptions, storedAt: String) throws {
        try db.execute(
            sql: """
                INSERT INTO imports (user_name, origin, origin_file, stored_at, read, created, updated, duplicates, skipped)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                options.user, options.origin.kind, options.origin.file, storedAt, report.read, report.created, report.updated,
                report.duplicates, report.skipped,
            ])
    }

    private func writable(_ what: String) throws {
        guard access == .readWrite else {
            throw TMStoreError(.readOnly, path: path, message: "opened for reading only; \(what) only in a store opened for writing")
        }
    }

    /// Reads in one snapshot; a store made before the access tables has none of them,
    /// which reads as empty.
    private func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> [T]) async throws -> [T] {
        do {
            return try await queue.read { db in
                guard try db.tableExists("access_tokens") else { return [] }
                return try body(db)
            }
        } catch {
            throw TMStoreError(error, path: path)
        }
    }

    private func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T?) async throws -> T? {
        do {
            return try await queue.read { db in
                guard try db.tableExists("access_tokens") else { return nil }
                return try body(db)
            }
        } catch {
            throw TMStoreError(error, path: path)
        }
    }
}
