import Foundation
import GRDB

/// How ``SQLiteStore`` opens its file for each ``SQLiteStore/Access``.
enum StoreOpening {
    /// How long a connection waits for another process's lock.
    static let busySeconds: TimeInterval = 10

    /// The settings every connection shares.
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busySeconds)
        configuration.prepareDatabase { db in
            // Imports into a non-empty store touch the hash indexes at random; a larger
            // page cache (32 MiB at most, allocated as needed) keeps more of them in
            // memory. NORMAL is the safe synchronous level under WAL: a crash never
            // corrupts the file and loses at most the last transaction.
            try db.execute(sql: "PRAGMA cache_size = -\(SQLiteStore.pageCacheKiB); PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    // MARK: Writing

    /// Opens or creates the store, migrates it inside one exclusive transaction and turns
    /// on WAL journaling.
    static func openForWriting(_ path: String) throws -> DatabaseQueue {
        let facts = FileFacts(path)
        if facts.isDirectory {
            throw TMStoreError(.notAMemory, path: path, message: "is a directory, not a translation memory file")
        }
        if facts.exists, facts.size > 0 { try facts.checkHeader(path) }
        let queue = try DatabaseQueue(path: path, configuration: configuration())
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.exclusive) {
                try SQLiteStore.migrate(db)
                return .commit
            }
            try enableWAL(db)
            // A WAL grown by a large import or a killed one is cut back to this size after
            // each checkpoint instead of keeping its largest size on disk.
            try db.execute(sql: "PRAGMA journal_size_limit = \(64 << 20)")
        }
        return queue
    }

    /// Asks for WAL journaling, waiting while another process holds the store in a
    /// rollback journal (an import into an empty store). Switching needs a moment when no
    /// other connection reads, which SQLite does not wait for by itself.
    static func enableWAL(_ db: Database) throws {
        let deadline = Date().addingTimeInterval(busySeconds)
        while true {
            do {
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                return
            } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    // MARK: Reading

    /// Opens an existing store for reading only.
    static func openForReading(_ path: String) throws -> DatabaseQueue {
        let facts = FileFacts(path)
        guard facts.exists else {
            throw TMStoreError(
                .missing, path: path,
                message: "no translation memory here; create one with `byline tm import FILE.tmx --db \(path)`")
        }
        if facts.isDirectory {
            throw TMStoreError(.notAMemory, path: path, message: "is a directory, not a translation memory file")
        }
        guard facts.size > 0 else {
            throw TMStoreError(
                .notAMemory, path: path,
                message: "is an empty file, not a translation memory; create one with `byline tm import FILE.tmx --db \(path)`")
        }
        let header = try facts.checkHeader(path)
        if header.rollbackJournal, FileManager.default.fileExists(atPath: path + "-journal") {
            try settleJournal(path, writable: facts.writable)
        }
        var configuration = configuration()
        configuration.readonly = true
        // A lookup reads the fuzzy index's posting lists and candidates' rows all over the
        // file; mapping it (up to 1 GiB) reads those pages in place instead of copying each
        // through a system call into the page cache. Nothing else changes.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = \(SQLiteStore.readMapBytes)") }
        // A file nobody may write cannot change while it is read: reading it as immutable
        // takes no lock and needs no shared-memory file, so none is left beside it. A WAL
        // with content (a writer that stopped before its checkpoint) still has to be read.
        let openPath = !facts.writable && !facts.hasWALContent ? immutableURI(path) : path
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: openPath, configuration: configuration)
            try queue.read { db in try checkSchema(db, path: path) }
        } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY && header.rollbackJournal {
            throw beingCreated(path)
        }
        return queue
    }

    /// A rollback journal beside a store in rollback mode is either an import into an
    /// empty store at work (answered at once: there is nothing to read yet) or one that
    /// was killed, whose journal a connection that may write rolls back; the store is then
    /// put back into WAL mode.
    private static func settleJournal(_ path: String, writable: Bool) throws {
        guard writable else {
            throw TMStoreError(
                .readOnly, path: path,
                message: "an import was interrupted here and its journal must be rolled back by a user who may write the file")
        }
        var configuration = configuration()
        configuration.busyMode = .immediateError
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try queue.close()
        } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY {
            throw beingCreated(path)
        }
    }

    private static func beingCreated(_ path: String) -> TMStoreError {
        TMStoreError(
            .beingCreated, path: path,
            message: "the translation memory is being created by an import and holds nothing to read yet; try again when the import finishes")
    }

    /// Every migration must have run: a read-only store is never migrated.
    private static func checkSchema(_ db: Database, path: String) throws {
        guard try db.tableExists("grdb_migrations"), try db.tableExists("units") else {
            throw TMStoreError(.notAMemory, path: path, message: "an SQLite database, but not a translation memory")
        }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        // Lookups, exports and counts read nothing a later migration adds beside the memory
        // (the service's tokens, the import log): a store without them is read as it is.
        let missing = SQLiteStore.migrations.map(\.name).filter {
            !applied.contains($0) && !SQLiteStore.migrationsNotNeededForReading.contains($0)
        }
        if !missing.isEmpty {
            throw TMStoreError(
                .outdated, path: path,
                message: "written by an earlier version of Byline (it lacks: \(missing.joined(separator: ", "))); any `byline tm import … --db \(path)` brings it up to date")
        }
    }

    /// `file:` URI for `path` with `mode=ro&immutable=1`.
    private static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?mode=ro&immutable=1"
    }
}

/// What the file system says about a store's path, read before SQLite opens it.
struct FileFacts {
    var exists = false
    var isDirectory = false
    var size = 0
    var writable = false
    /// A `-wal` file with frames not yet copied into the database.
    var hasWALContent = false
    /// A rollback journal beside the file: an import into an empty store at work, or one
    /// that was killed and whose journal restores the file.
    var hasHotJournal = false

    init(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        exists = true
        isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
        size = Int(status.st_size)
        writable = Foundation.access(path, W_OK) == 0
        var walStatus = stat()
        hasWALContent = stat(path + "-wal", &walStatus) == 0 && walStatus.st_size > 0
        var journalStatus = stat()
        hasHotJournal = stat(path + "-journal", &journalStatus) == 0 && journalStatus.st_size > 0
    }

    /// The facts of an SQLite header (the first 100 bytes, described in SQLite's file format).
    struct Header {
        /// Write version 1: a rollback journal (an import into an empty store), 2: WAL.
        var rollbackJournal: Bool
    }

    /// Reads the header: not SQLite, or shorter than the header says, is an error.
    @discardableResult
    func checkHeader(_ path: String) throws -> Header {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TMStoreError(.readOnly, path: path, message: "cannot read the file (permission denied)")
        }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard bytes.count == 100, bytes.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw TMStoreError(
                .notAMemory, path: path, message: "not a translation memory: the file is not an SQLite database")
        }
        func bigEndian(_ offset: Int) -> Int {
            bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        let rawPageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        let pages = bigEndian(28)
        // The page count is valid when the version-valid-for number matches the change
        // counter; pages still in a WAL may lie beyond the file's end, and a file whose
        // import was killed half-way is made whole again by rolling back its journal (which
        // the opening does next), so neither is damage.
        if pages > 0, bigEndian(92) == bigEndian(24), !hasWALContent, !hasHotJournal, size < pages * pageSize {
            throw TMStoreError(
                .damaged, path: path,
                message: "the translation memory is damaged: the file is cut short (\(size) of \(pages * pageSize) bytes); restore it from a backup or import its TMX files into a new one")
        }
        return Header(rollbackJournal: bytes[18] == 1)
    }
}
