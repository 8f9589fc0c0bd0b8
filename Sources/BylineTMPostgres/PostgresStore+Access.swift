import BylineTM
import PostgresNIO

extension PostgresStore: AccessControlStore {
    public func addToken(name: String, role: AccessRole, hash: String) async throws {
        try writable("a token is stored")
        let (location, logger) = (location, logger)
        do {
            try await writing { connection in
                let rows = try await connection.query(
                    """
                    INSERT INTO access_tokens (name, role, token_hash, created_at)
                    VALUES (\(name), \(role.rawValue), \(hash), \(SQLiteStore.timestamp()))
                    ON CONFLICT (name) DO NOTHING RETURNING name
                    """, logger: logger)
                var inserted = false
                for try await _ in rows.decode(String.self) { inserted = true }
                guard inserted else {
                    throw TMStoreError(
                        .refused, path: location,
                        message: "a token called \"\(name)\" exists already (names are not reused, even once revoked); choose another name")
                }
            }
        } catch let error as TMStoreError {
            throw error
        } catch {
            throw TMStoreError(postgres: error, location: location)
        }
    }

    public func tokens() async throws -> [AccessToken] {
        let logger = logger
        return try await reading { connection in
            let rows = try await connection.query(
                "SELECT name, role, created_at, revoked_at FROM access_tokens ORDER BY created_at, name", logger: logger)
            var tokens: [AccessToken] = []
            for try await (name, role, created, revoked) in rows.decode((String, String, String, String?).self) {
                tokens.append(AccessToken(name: name, role: AccessRole(rawValue: role) ?? .reader, createdAt: created, revokedAt: revoked))
            }
            return tokens
        }
    }

    public func revokeToken(named name: String) async throws -> Bool {
        try writable("a token is revoked")
        let (location, logger) = (location, logger)
        do {
            return try await writing { connection in
                let rows = try await connection.query(
                    """
                    UPDATE access_tokens SET revoked_at = \(SQLiteStore.timestamp())
                    WHERE name = \(name) AND revoked_at IS NULL RETURNING name
                    """, logger: logger)
                var revoked = false
                for try await _ in rows.decode(String.self) { revoked = true }
                return revoked
            }
        } catch {
            throw TMStoreError(postgres: error, location: location)
        }
    }

    public func token(withHash hash: String) async throws -> AccessToken? {
        let logger = logger
        return try await reading { connection in
            let rows = try await connection.query(
                "SELECT name, role, created_at FROM access_tokens WHERE token_hash = \(hash) AND revoked_at IS NULL",
                logger: logger)
            for try await (name, role, created) in rows.decode((String, String, String).self) {
                guard let role = AccessRole(rawValue: role) else { return nil }
                return AccessToken(name: name, role: role, createdAt: created)
            }
            return nil
        }
    }

    public func importLog(limit: Int) async throws -> [ImportRecord] {
        let logger = logger
        return try await reading { connection in
            let rows = try await connection.query(
                """
                SELECT id, user_name, origin, origin_file, stored_at, read, created, updated, duplicates, skipped
                FROM imports ORDER BY id DESC LIMIT \(Int64(limit))
                """, logger: logger)
            var records: [ImportRecord] = []
            for try await row in rows {
                let (id, user, origin, file, storedAt, read, created, updated, duplicates, skipped) = try row.decode(
                    (Int64, String?, String, String?, String, Int64, Int64, Int64, Int64, Int64).self)
                records.append(
                    ImportRecord(
                        id: id, user: user, origin: origin, file: file, storedAt: storedAt, read: Int(read),
                        created: Int(created), updated: Int(updated), duplicates: Int(duplicates), skipped: Int(skipped)))
            }
            return records
        }
    }

    /// Records an import in the log, inside its transaction.
    func logImport(_ report: ImportReport, options: ImportOptions, storedAt: String, on connection: PostgresConnection)
        async throws
    {
        try await connection.query(
            """
            INSERT INTO imports (user_name, origin, origin_file, stored_at, read, created, updated, duplicates, skipped)
            VALUES (\(options.user), \(options.origin.kind), \(options.origin.file), \(storedAt),
                    \(Int64(report.read)), \(Int64(report.created)), \(Int64(report.updated)),
                    \(Int64(report.duplicates)), \(Int64(report.skipped)))
            """, logger: logger)
    }

    private func writable(_ what: String) throws {
        guard access == .readWrite else {
            throw TMStoreError(.readOnly, path: location, message: "opened for reading only; \(what) only in a store opened for writing")
        }
    }
}
