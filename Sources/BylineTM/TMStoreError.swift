import BylineText
import GRDB

/// A store failure in words a desk understands, keeping SQLite's message and the SQL
/// behind it.
///
/// ```swift
/// do { _ = try SQLiteStore(path: "typo.sqlite", access: .readOnly) }
/// catch { print(error) }   // typo.sqlite: no translation memory here; create one with …
/// ```
public struct TMStoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure, for callers that react to it.
    public enum Kind: Sendable, Hashable {
        /// Nothing at the path (a read-only command never creates a store).
        case missing
        /// A directory, or a file that is not a translation memory.
        case notAMemory
        /// The file is damaged: truncated, or pages that do not read back.
        case damaged
        /// Another process is writing the store.
        case busy
        /// The first import into the store is running; it has nothing to read yet.
        case beingCreated
        /// The file or its folder cannot be written.
        case readOnly
        /// Made by an earlier version; an import brings it up to date.
        case outdated
        /// The database server cannot be reached (PostgreSQL).
        case unreachable
        /// The server refused the user name or password (PostgreSQL).
        case refused
        /// Made by a newer version of Byline, whose schema this one does not know.
        case newerSchema
        /// Anything else the database reports.
        case database
    }

    public var kind: Kind
    /// The database file.
    public var path: String
    /// What went wrong, in plain words.
    public var message: String
    /// The statement that failed, if any.
    public var sql: String?
    /// The unit being written when the store failed (an import), if known.
    public var location: SourceLocation?

    public init(_ kind: Kind, path: String, message: String, sql: String? = nil, location: SourceLocation? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.sql = sql
        self.location = location
    }

    /// Wraps what GRDB or SQLite threw, saying in words what its result code means.
    init(_ error: any Error, path: String) {
        if let error = error as? TMStoreError {
            self = error
            return
        }
        self.path = path
        location = nil
        guard let error = error as? DatabaseError else {
            kind = .database
            message = "\(error)"
            sql = nil
            return
        }
        sql = error.sql
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT:
            kind = .damaged
            message = "the translation memory is damaged (SQLite: \(detail)); `byline tm check --db \(path)` tells more; restore it from a backup or import its TMX files into a new one"
        case .SQLITE_NOTADB:
            kind = .notAMemory
            message = "not a translation memory: the file is not an SQLite database (SQLite: \(detail))"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            kind = .busy
            message = "another process (an import) is writing the translation memory; try again when it finishes (SQLite: \(detail))"
        case .SQLITE_READONLY:
            kind = .readOnly
            message = "cannot write the translation memory: the file or its folder is read-only (SQLite: \(detail))"
        case .SQLITE_FULL:
            kind = .database
            message = "the disk is full; nothing was written (SQLite: \(detail))"
        case .SQLITE_CANTOPEN:
            kind = .database
            message = "cannot open the translation memory (SQLite: \(detail))"
        default:
            kind = .database
            message = "translation memory: \(detail)"
        }
    }

    /// Units written together with the one at `location`, one of which failed.
    public var unitsWrittenTogether = 1

    /// The same error located at the unit that was being written (kept when located
    /// already), `units` counting those written in the same statement.
    package func located(at location: SourceLocation?, units: Int = 1) -> TMStoreError {
        guard self.location == nil, let location else { return self }
        var copy = self
        copy.location = location
        copy.unitsWrittenTogether = max(1, units)
        return copy
    }

    public var description: String {
        var text: String
        if let location {
            let which = unitsWrittenTogether > 1 ? "this <tu> or one of the \(unitsWrittenTogether - 1) after it" : "this <tu>"
            text = "\(location): \(which) could not be stored in \(path): \(message)"
        } else {
            text = "\(path): \(message)"
        }
        if let sql, kind == .database { text += " (in: \(sql.prefix(120)))" }
        return text
    }
}
