import BylineTM
import PostgresNIO

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format, collected in one buffer:
/// columns separated by tabs, rows ended by newlines, `\N` for null, and backslash,
/// tab, newline and carriage return escaped. postgres-nio 1.33 sends COPY data in the text
/// format only; it streams as the binary one would, the server parsing each field once.
struct CopyRows: Sendable {
    var table: String
    let columns: [String]
    private(set) var buffer: ByteBuffer
    private(set) var rows = 0
    private var columnInRow = 0

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
        buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
    }

    private mutating func separate() {
        if columnInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        columnInRow += 1
    }

    mutating func add(_ value: Int64?) {
        separate()
        guard let value else { return writeNull() }
        // Digits written straight into the buffer: a String per number cost more than the rest.
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, room for 20 digits
        withUnsafeMutableBytes(of: &digits) { scratch in
            var index = scratch.count
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                index -= 1
                scratch[index] = UInt8(ascii: "-")
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: scratch[index...]))
        }
    }

    mutating func add(_ value: Int?) { add(value.map(Int64.init)) }

    mutating func add(_ value: String?) {
        separate()
        guard let value else { return writeNull() }
        var text = value
        text.withUTF8 { bytes in
            // Most values need no escape and are copied whole.
            guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// A `bytea` value in hex (`\x0102…`, its backslash escaped for COPY).
    mutating func add(bytes: [UInt8]) {
        separate()
        buffer.writeStaticString("\\\\x")
        let hex = Self.hexDigits
        bytes.withUnsafeBufferPointer { bytes in
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count * 2) { target in
                var index = 0
                for byte in bytes {
                    target[index] = hex[Int(byte >> 4)]
                    target[index + 1] = hex[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeNull() { buffer.writeStaticString("\\N") }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        columnInRow = 0
        rows += 1
    }

    /// The rows held, as a block of their own to send, leaving none held; nil when none are.
    mutating func take() -> CopyRows? {
        guard rows > 0 else { return nil }
        let block = self
        buffer = ByteBufferAllocator().buffer(capacity: max(1 << 20, block.buffer.readableBytes))
        rows = 0
        columnInRow = 0
        return block
    }

    /// Sends the rows held on `connection`.
    func send(on connection: PostgresConnection, logger: Logger) async throws {
        guard rows > 0 else { return }
        let data = buffer
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(data)
        }
    }
}

/// The fuzzy index's rows, held for the next COPY.
final class PostgresPostingSink: PostingSink {
    var rows = CopyRows(table: "fuzzy_postings", columns: ["chunk", "term", "postings"])

    func write(chunk: Int64, term: Int64, postings: [UInt8]) throws {
        rows.add(chunk)
        rows.add(term)
        rows.add(bytes: postings)
        rows.endRow()
    }

    func endOfFlush() throws {}
}
