/// What a token lets its holder do with a shared memory, each role including the one
/// before: readers look up and search; editors also import and align into the memory;
/// admins also manage tokens.
public enum AccessRole: String, Sendable, Hashable, CaseIterable, Comparable {
    case reader, editor, admin

    private var rank: Int {
        switch self {
        case .reader: 0
        case .editor: 1
        case .admin: 2
        }
    }

    public static func < (lhs: AccessRole, rhs: AccessRole) -> Bool { lhs.rank < rhs.rank }
}

/// A named API token as the store keeps it: never the token itself, only its SHA-256.
public struct AccessToken: Sendable, Hashable {
    public var name: String
    public var role: AccessRole
    /// When it was made, as a TMX date (`20261206T101500Z`).
    public var createdAt: String
    /// When it was revoked, nil while it works.
    public var revokedAt: String?

    public init(name: String, role: AccessRole, createdAt: String, revokedAt: String? = nil) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// One import as the store's log keeps it: who made it, when, from where, and its counts.
public struct ImportRecord: Sendable, Hashable {
    public var id: Int64
    /// The token name (`byline serve`) or login name (`byline tm import`) of who imported.
    public var user: String?
    /// `import`, `aligned` or `manual`, and the file for an import.
    public var origin: String
    public var file: String?
    public var storedAt: String
    public var read: Int
    public var created: Int
    public var updated: Int
    public var duplicates: Int
    public var skipped: Int

    public init(
        id: Int64, user: String?, origin: String, file: String?, storedAt: String, read: Int, created: Int, updated: Int,
        duplicates: Int, skipped: Int
    ) {
        self.id = id
        self.user = user
        self.origin = origin
        self.file = file
        self.storedAt = storedAt
        self.read = read
        self.created = created
        self.updated = updated
        self.duplicates = duplicates
        self.skipped = skipped
    }
}

/// A store that keeps a shared service's API tokens (hashed) and the log of imports.
public protocol AccessControlStore: TranslationMemoryStore {
    /// Stores a new token under `name`.
    /// - Throws: ``TMStoreError`` of kind `.refused` when a token of that name exists
    ///   (revoked or not: names are never reused, so the import log stays unambiguous).
    func addToken(name: String, role: AccessRole, hash: String) async throws
    /// Every token, oldest first.
    func tokens() async throws -> [AccessToken]
    /// Revokes the token called `name`; false when there is none, or it was revoked before.
    func revokeToken(named name: String) async throws -> Bool
    /// The working (unrevoked) token whose SHA-256 is `hash`.
    func token(withHash hash: String) async throws -> AccessToken?
    /// The latest imports, newest first.
    func importLog(limit: Int) async throws -> [ImportRecord]
}

extension Origin {
    /// The file an import came from, nil for other origins.
    public var file: String? {
        if case .imported(let file) = self, !file.isEmpty { return file }
        return nil
    }
}
