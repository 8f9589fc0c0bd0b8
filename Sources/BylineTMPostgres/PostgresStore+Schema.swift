import BylineTM
import PostgresNIO

extension PostgresStore {
    /// The schema's named, append-only migrations, in order: plain SQL, never today's
    /// application code, so that a migration written now means the same in every later
    /// version. Each is recorded in `schema_migrations` by name.
    ///
    /// The tables mirror SQLite's: `units` and `variants` with the exact-match key; the
    /// fuzzy index as rows of postings per (chunk, term) with a btree on (term, chunk), the
    /// same rows SQLite keeps, so both stores read the same lists; and a `tsvector` of each
    /// variant's folded words (written by Byline, see `ConcordanceText`) under a GIN index
    /// for the concordance. Ids are given by the importer, which holds the write lock.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1 units, variants, fuzzy postings, concordance", [
            """
            CREATE TABLE units (
                id bigint PRIMARY KEY,
                source_lang text,
                origin text NOT NULL,
                origin_file text,
                story_id text,
                alternative_of bigint,
                content_hash bigint NOT NULL,
                creation_date text, creation_id text, change_date text, change_id text,
                usage_count bigint, last_usage_date text,
                attributes text, properties text, notes text,
                stored_at text NOT NULL
            )
            """,
            "CREATE INDEX units_content_hash ON units (content_hash)",
            "CREATE INDEX units_story ON units (story_id) WHERE story_id IS NOT NULL",
            """
            CREATE TABLE variants (
                id bigint PRIMARY KEY,
                unit_id bigint NOT NULL,
                position integer NOT NULL,
                lang text NOT NULL,
                lang_base text NOT NULL,
                text text NOT NULL,
                markup text,
                match_key bigint NOT NULL,
                creation_date text, creation_id text, change_date text, change_id text,
                usage_count bigint, last_usage_date text,
                attributes text, properties text, notes text,
                word_count integer NOT NULL,
                search tsvector NOT NULL
            )
            """,
            "CREATE INDEX variants_unit ON variants (unit_id, position)",
            "CREATE INDEX variants_match_key ON variants (match_key)",
            "CREATE INDEX variants_language ON variants (lang_base, unit_id)",
            "CREATE INDEX variants_search ON variants USING gin (search)",
            """
            CREATE TABLE fuzzy_postings (
                chunk bigint NOT NULL,
                term bigint NOT NULL,
                postings bytea NOT NULL,
                PRIMARY KEY (chunk, term)
            )
            """,
            "CREATE INDEX fuzzy_terms ON fuzzy_postings (term, chunk)",
        ]),
        ("v2 access tokens and import log", [
            """
            CREATE TABLE access_tokens (
                name text PRIMARY KEY,
                role text NOT NULL,
                token_hash text NOT NULL UNIQUE,
                created_at text NOT NULL,
                revoked_at text
            )
            """,
            """
            CREATE TABLE imports (
                id bigserial PRIMARY KEY,
                user_name text,
                origin text NOT NULL,
                origin_file text,
                stored_at text NOT NULL,
                read bigint NOT NULL,
                created bigint NOT NULL,
                updated bigint NOT NULL,
                duplicates bigint NOT NULL,
                skipped bigint NOT NULL
            )
            """,
        ]),
    ]

    /// Migrations that add only what reading the memory never needs (the service's tokens,
    /// the import log): a database made before them is still read as it is.
    static let migrationsNotNeededForReading: Set<String> = ["v2 access tokens and import log"]

    /// The schema version this build reads and writes: the number of migrations it knows.
    public static var schemaVersion: Int { migrations.count }

    /// Creates or updates the schema in one transaction under the write lock, so two
    /// processes opening a new database at once take turns and the second finds it made.
    func migrate(_ connection: PostgresConnection) async throws {
        do {
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))", logger: logger)
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version integer PRIMARY KEY, name text NOT NULL UNIQUE, applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                let applied = try await appliedMigrations(connection)
                try refuseNewer(applied)
                for (index, migration) in Self.migrations.enumerated() where applied[index + 1] == nil {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, name) VALUES (\(index + 1), \(migration.name))", logger: logger)
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Checks, writing nothing, that the database on `client` holds this build's schema.
    func checkSchema(_ connection: PostgresConnection, at where: String) async throws {
        do {
            let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            var found = false
            for try await value in exists.decode(Bool.self) { found = value }
            guard found else {
                throw TMStoreError(
                    .missing, path: `where`,
                    message: "the database holds no translation memory; create it with `byline tm import FILE.tmx --db \(location)`")
            }
            let applied = try await appliedMigrations(connection)
            try refuseNewer(applied)
            let missing = Self.migrations.indices.filter { applied[$0 + 1] == nil }
                .filter { !Self.migrationsNotNeededForReading.contains(Self.migrations[$0].name) }
            if !missing.isEmpty {
                throw TMStoreError(
                    .outdated, path: `where`,
                    message: "the translation memory's schema is at version \(applied.count), this byline needs version \(Self.migrations.count); any import (`byline tm import FILE.tmx --db \(location)`) brings it up to date")
            }
        }
    }

    private func appliedMigrations(_ connection: PostgresConnection) async throws -> [Int: String] {
        var applied: [Int: String] = [:]
        let rows = try await connection.query("SELECT version, name FROM schema_migrations", logger: logger)
        for try await (version, name) in rows.decode((Int32, String).self) { applied[Int(version)] = name }
        return applied
    }

    /// A schema with migrations this build does not know was made by a newer Byline: refuse
    /// it rather than write what that version would read wrongly.
    private func refuseNewer(_ applied: [Int: String]) throws {
        let known = Self.migrations.count
        guard let newest = applied.keys.max(), newest > known else { return }
        throw TMStoreError(
            .newerSchema, path: location,
            message: "the translation memory's schema is at version \(newest) (\"\(applied[newest] ?? "")\"), made by a newer byline; this one knows versions up to \(known): use a byline whose PostgresStore.schemaVersion is \(newest) or more")
    }
}
