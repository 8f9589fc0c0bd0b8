import GRDB
import GRDBSQLite

/// Binds and steps a GRDB-prepared statement through SQLite's C API.
///
/// Imports run millions of inserts; building `StatementArguments` (an array of boxed
/// values) for each one costs more than the insert. The statement is still prepared and
/// cached by GRDB, and every failure still becomes a `DatabaseError` with its SQL.
///
/// Text and blob values are copied into one buffer the statement keeps from use to use,
/// and handed to SQLite from there as static values for the duration of the step: bound
/// as transient, each value would be copied into memory SQLite allocates, and freed at the
/// next binding. Keep a statement that is used often, so that its buffer is reused too.
struct RawStatement {
    let statement: Statement
    private var index: Int32 = 0
    private var bytes: [UInt8] = []
    /// The text and blob parameters, as ranges of `bytes`.
    private var values: [(parameter: Int32, start: Int, count: Int, isText: Bool)] = []

    init(_ statement: Statement) {
        self.statement = statement
        // Never without storage, so that an empty value has an address and binds as an
        // empty value, not as null.
        bytes.reserveCapacity(256)
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    private static let isStatic = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    /// Starts a new set of parameters; those not bound are null.
    mutating func reset() {
        index = 0
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard let value else { return }
        let start = bytes.count
        bytes.append(contentsOf: value.utf8)
        values.append((index, start, bytes.count - start, true))
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        guard let value else { return }
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    mutating func bind(blob: [UInt8]) {
        index += 1
        let start = bytes.count
        bytes.append(contentsOf: blob)
        values.append((index, start, blob.count, false))
    }

    /// Runs `body` (which steps the statement) with the text and blob values bound, then
    /// resets the statement and sets every parameter back to null, so that SQLite keeps no
    /// pointer into `bytes` past this call.
    private func run<Result>(_ body: (OpaquePointer) throws -> Result) rethrows -> Result {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            // Never nil: `bytes` keeps the storage reserved in `init`.
            let base = UnsafeRawPointer(buffer.baseAddress!)
            for value in values {
                if value.isText {
                    sqlite3_bind_text(
                        handle, value.parameter, (base + value.start).assumingMemoryBound(to: CChar.self),
                        Int32(value.count), Self.isStatic)
                } else {
                    sqlite3_bind_blob(handle, value.parameter, base + value.start, Int32(value.count), Self.isStatic)
                }
            }
            return try body(handle)
        }
    }

    /// Runs a statement that returns no rows.
    func execute() throws {
        try run { handle in
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw failure(code) }
        }
    }

    /// Runs a query and returns the first column of the first row as an integer.
    func firstInteger() throws -> Int64? {
        try run { handle in
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
            case SQLITE_DONE: return nil
            default: throw failure(code)
            }
        }
    }

    /// Runs a query and hands the first column of every row, a blob, to `body`.
    func forEachBlob(_ body: (UnsafeRawBufferPointer) -> Void) throws {
        try run { handle in
            while true {
                let code = sqlite3_step(handle)
                switch code {
                case SQLITE_ROW:
                    let count = Int(sqlite3_column_bytes(handle, 0))
                    if count > 0, let pointer = sqlite3_column_blob(handle, 0) {
                        body(UnsafeRawBufferPointer(start: pointer, count: count))
                    }
                case SQLITE_DONE: return
                default: throw failure(code)
                }
            }
        }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let database = sqlite3_db_handle(statement.sqliteStatement)
        let message = database.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
