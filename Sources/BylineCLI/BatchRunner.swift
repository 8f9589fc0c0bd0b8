import Foundation

/// The JSON Lines batch protocol: one request per input line, exactly one reply line
/// per request, in order, echoing `id`.
///
/// A line that is not JSON or lacks a field gets `{"id": …, "error": "line N: …"}` and the
/// run goes on; ``run(_:)`` then reports failure so the command exits with status 1.
struct BatchRunner<Request: BatchRequest> {
    /// Handles one decoded request, appending the reply's fields after `"id": …,`.
    let handle: (Request, _ line: Int, inout JSONBuffer) throws -> Void

    /// Reads standard input to its end; returns true when every line succeeded.
    func run() -> Bool {
        var output = StandardOutput()
        var input = LineReader(fileDescriptor: 0)
        var allSucceeded = true
        var lineNumber = 0
        let decoder = JSONDecoder()
        while let line = input.nextLine() {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            var reply = JSONBuffer(capacity: 256)
            var id = "null"
            do {
                let request: Request
                if let fast = Request.self as? any FastBatchRequest.Type {
                    let parsed = try BatchLine(line)
                    id = parsed.raw("id") ?? "null"
                    guard let decoded = try fast.init(line: parsed) as? Request else { return false }
                    request = decoded
                } else if let decodable = Request.self as? any Decodable.Type {
                    let data = Data(line)
                    do {
                        guard let decoded = try decoder.decode(decodable, from: data) as? Request else { return false }
                        request = decoded
                    } catch let error as DecodingError {
                        id = Self.echo((try? decoder.decode(IDOnly.self, from: data))?.id)
                        throw BatchLineError(message: Self.describe(error))
                    }
                    id = Self.echo(request.id)
                } else {
                    preconditionFailure("\(Request.self) must be Decodable or a FastBatchRequest")
                }
                reply.raw("{\"id\": ")
                reply.raw(id)
                try handle(request, lineNumber, &reply)
                reply.raw("}\n")
            } catch {
                allSucceeded = false
                reply = JSONBuffer(capacity: 128)
                reply.raw("{\"id\": ")
                reply.raw(id)
                reply.raw(", \"error\": ")
                reply.string("line \(lineNumber): \(error)")
                reply.raw("}\n")
            }
            output.write { $0.bytes.append(contentsOf: reply.bytes) }
            // Answer each line before reading the next when input arrives line by line,
            // so a caller that streams requests is never kept waiting.
            if !input.hasBufferedLine { output.flush() }
        }
        output.flush()
        return allSucceeded
    }

    private static func echo(_ value: JSONValue?) -> String {
        var buffer = JSONBuffer(capacity: 16)
        buffer.value(value)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private struct IDOnly: Decodable { var id: JSONValue? }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "field \"\(field)\": \(context.debugDescription)"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not a JSON object: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)" }
            return context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

/// A batch request: anything with an optional `id` to echo.
protocol BatchRequest { var id: JSONValue? { get } }

/// A batch request read straight from a ``BatchLine``, without a JSON decoder: the fast
/// path for commands that see many lines. Its `id` is echoed verbatim from the line.
protocol FastBatchRequest: BatchRequest {
    init(line: BatchLine) throws(BatchLineError)
}

/// Reads lines from a file descriptor in large blocks.
struct LineReader {
    private let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    /// True when a whole line is already buffered, so reading it will not block.
    var hasBufferedLine: Bool { buffer[start...].contains(0x0A) }

    /// The next line without its line feed, or nil at the end of input.
    mutating func nextLine() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeSubrange(0..<start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count <= 0 {
                if count < 0, errno == EINTR { continue }
                finished = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }
}

/// A per-line failure reported in the reply's `error` field.
struct BatchLineError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
