import GRDB
import GRDBSQLite

/// Binds and steps a GRDB-prepared statement through SQLite's C API.
///
/// Imports run millions of inserts; building `StatementArguments` (an array of boxed
/// values) for each one costs more than the insert. The statement is still prepared and
/// cached by GRDB, and every failure still becomes a `DatabaseError` with its SQL.
struct RawStatement {
    let statement: Statement
    private var index: Int32 = 0

    init(_ statement: Statement) { self.statement = statement }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Starts a new set of parameters.
    mutating func reset() {
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
        index = 0
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard let value else { return }
        var copy = value
        copy.withUTF8 { bytes in
            _ = sqlite3_bind_text(
                statement.sqliteStatement, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                Int32(bytes.count), Self.transient)
        }
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        guard let value else { return }
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    mutating func bind(blob: [UInt8]) {
        index += 1
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statement.sqliteStatement, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    /// Runs a statement that returns no rows.
    func execute() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Runs a query and returns the first column of the first row as an integer.
    func firstInteger() throws -> Int64? {
        let code = sqlite3_step(statement.sqliteStatement)
        switch code {
        case SQLITE_ROW: return sqlite3_column_int64(statement.sqliteStatement, 0)
        case SQLITE_DONE: return nil
        default: throw failure(code)
        }
    }

    /// Runs a query and hands the first column of every row, a blob, to `body`.
    func forEachBlob(_ body: (UnsafeRawBufferPointer) -> Void) throws {
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            switch code {
            case SQLITE_ROW:
                let count = Int(sqlite3_column_bytes(statement.sqliteStatement, 0))
                if count > 0, let pointer = sqlite3_column_blob(statement.sqliteStatement, 0) {
                    body(UnsafeRawBufferPointer(start: pointer, count: count))
                }
            case SQLITE_DONE: return
            default: throw failure(code)
            }
        }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let database = sqlite3_db_handle(statement.sqliteStatement)
        let message = database.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
