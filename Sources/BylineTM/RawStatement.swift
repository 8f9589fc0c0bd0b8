import GRDB
import GRDBSQLite

/// Parameter values collected for a statement, bound through SQLite's C API when it runs.
///
/// Text and blob values are copied into one buffer kept from use to use, and handed to
/// SQLite from there as static values for the duration of the run: bound as transient,
/// each value would be copied into memory SQLite allocates, and freed at the next binding.
struct StatementParameters {
    private enum Value {
        case integer(Int64)
        case text(start: Int, count: Int)
        case blob(start: Int, count: Int)
    }

    private var bytes: [UInt8] = []
    /// The values that are not null, with their parameter numbers.
    private var values: [(parameter: Int32, value: Value)] = []
    /// How many parameters have been given, nulls included.
    private(set) var count: Int32 = 0

    init() {
        // Never without storage, so that an empty value has an address and binds as an
        // empty value, not as null.
        bytes.reserveCapacity(256)
    }

    /// Forgets every value, keeping the storage.
    mutating func removeAll() {
        count = 0
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    mutating func bind(_ value: String?) {
        count += 1
        guard let value else { return }
        let start = bytes.count
        bytes.append(contentsOf: value.utf8)
        values.append((count, .text(start: start, count: bytes.count - start)))
    }

    mutating func bind(_ value: Int64?) {
        count += 1
        guard let value else { return }
        values.append((count, .integer(value)))
    }

    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    mutating func bind(blob: [UInt8]) {
        count += 1
        let start = bytes.count
        bytes.append(contentsOf: blob)
        values.append((count, .blob(start: start, count: blob.count)))
    }

    /// Runs `body` (which steps `statement`) with the values bound, every other parameter
    /// null; then resets the statement and sets its parameters back to null, so that SQLite
    /// keeps no pointer into `bytes` past this call.
    func run<Result>(_ statement: Statement, _ body: (OpaquePointer) throws -> Result) rethrows -> Result {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            // Never nil: `bytes` keeps the storage reserved in `init`.
            let base = UnsafeRawPointer(buffer.baseAddress!)
            for (parameter, value) in values {
                switch value {
                case .integer(let integer):
                    sqlite3_bind_int64(handle, parameter, integer)
                case .text(let start, let count):
                    sqlite3_bind_text(
                        handle, parameter, (base + start).assumingMemoryBound(to: CChar.self), Int32(count), Self.isStatic)
                case .blob(let start, let count):
                    sqlite3_bind_blob(handle, parameter, base + start, Int32(count), Self.isStatic)
                }
            }
            return try body(handle)
        }
    }

    private static let isStatic = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    /// Runs `statement`, which returns no rows, with the values bound.
    func execute(_ statement: Statement) throws {
        try run(statement) { handle in
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw Self.failure(code, statement) }
        }
    }

    static func failure(_ code: Int32, _ statement: Statement) -> DatabaseError {
        let database = sqlite3_db_handle(statement.sqliteStatement)
        let message = database.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}

/// Binds and steps a GRDB-prepared statement through SQLite's C API.
///
/// Imports run millions of inserts; building `StatementArguments` (an array of boxed
/// values) for each one costs more than the insert. The statement is still prepared and
/// cached by GRDB, and every failure still becomes a `DatabaseError` with its SQL. Keep a
/// statement that is used often, so that its parameter buffer is reused too.
struct RawStatement {
    let statement: Statement
    private var parameters = StatementParameters()

    init(_ statement: Statement) { self.statement = statement }

    /// Starts a new set of parameters; those not bound are null.
    mutating func reset() { parameters.removeAll() }

    mutating func bind(_ value: String?) { parameters.bind(value) }
    mutating func bind(_ value: Int64?) { parameters.bind(value) }
    mutating func bind(_ value: Int?) { parameters.bind(value) }
    mutating func bind(blob: [UInt8]) { parameters.bind(blob: blob) }

    /// Runs a statement that returns no rows.
    func execute() throws { try parameters.execute(statement) }

    /// Runs a query and returns the first column of the first row as an integer.
    func firstInteger() throws -> Int64? {
        try parameters.run(statement) { handle in
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
            case SQLITE_DONE: return nil
            default: throw StatementParameters.failure(code, statement)
            }
        }
    }

    /// Runs a query and hands the first column of every row, a blob, to `body`.
    func forEachBlob(_ body: (UnsafeRawBufferPointer) -> Void) throws {
        try parameters.run(statement) { handle in
            while true {
                let code = sqlite3_step(handle)
                switch code {
                case SQLITE_ROW:
                    let count = Int(sqlite3_column_bytes(handle, 0))
                    if count > 0, let pointer = sqlite3_column_blob(handle, 0) {
                        body(UnsafeRawBufferPointer(start: pointer, count: count))
                    }
                case SQLITE_DONE: return
                default: throw StatementParameters.failure(code, statement)
                }
            }
        }
    }
}

/// Rows for one table, collected and written many to an `INSERT … VALUES (…), (…), …`.
///
/// A small row costs SQLite less to insert than the statement run around it (opening
/// the table's cursor, the program's start and halt): one run for a few dozen rows takes
/// well under half the time of a run per row. Bind each row's values in column order and
/// call ``endRow()``; ``flush()`` writes what is held, and must come before anything reads
/// the table.
struct RowInserter {
    private let db: Database
    private let table: String
    private let columns: [String]
    /// Statements by number of rows.
    private var statements: [Int: Statement] = [:]
    private var parameters = StatementParameters()
    /// Rows bound and not yet written.
    private(set) var pending = 0
    /// The most rows one statement may carry: SQLite limits the parameters of a statement
    /// (32,766 by default, 250,000 in some builds), and a statement of more than a few
    /// hundred rows saves nothing more.
    let maximumRows: Int

    init(db: Database, table: String, columns: [String]) {
        self.db = db
        self.table = table
        self.columns = columns
        let parameters = Int(sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, -1))
        maximumRows = max(1, min(512, parameters / columns.count))
    }

    mutating func bind(_ value: String?) { parameters.bind(value) }
    mutating func bind(_ value: Int64?) { parameters.bind(value) }
    mutating func bind(_ value: Int?) { parameters.bind(value) }
    mutating func bind(blob: [UInt8]) { parameters.bind(blob: blob) }

    mutating func endRow() {
        pending += 1
        assert(Int(parameters.count) == pending * columns.count, "a row of \(table) has the wrong number of values")
    }

    /// Writes the rows bound so far.
    mutating func flush() throws {
        guard pending > 0 else { return }
        try parameters.execute(try statement(rows: pending))
        parameters.removeAll()
        pending = 0
    }

    private mutating func statement(rows: Int) throws -> Statement {
        if let statement = statements[rows] { return statement }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let statement = try db.makeStatement(
            sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: row, count: rows).joined(separator: ", "))
        statements[rows] = statement
        return statement
    }
}
