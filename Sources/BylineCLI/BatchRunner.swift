import Foundation

/// The JSON Lines batch protocol: one request per input line, exactly one reply line
/// per request, in order, echoing `id`.
///
/// A line that is not JSON or lacks a field gets `{"id": …, "error": "line N: …"}` and the
/// run goes on; ``run(_:)`` then reports failure so the command exits with status 1.
struct BatchRunner<Request: Decodable & BatchRequest> {
    /// Handles one decoded request, appending the reply's fields after `"id": …,`.
    let handle: (Request, _ line: Int, inout JSONBuffer) throws -> Void

    /// Reads standard input to its end; returns true when every line succeeded.
    func run() -> Bool {
        var output = StandardOutput()
        var allSucceeded = true
        var lineNumber = 0
        let decoder = JSONDecoder()
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let data = Data(line.utf8)
            var reply = JSONBuffer(capacity: 256)
            var id: JSONValue?
            do {
                let request: Request
                do {
                    request = try decoder.decode(Request.self, from: data)
                } catch let error as DecodingError {
                    id = (try? decoder.decode(IDOnly.self, from: data))?.id
                    throw BatchLineError(message: Self.describe(error))
                }
                id = request.id
                reply.raw("{\"id\": ")
                reply.value(id)
                try handle(request, lineNumber, &reply)
                reply.raw("}\n")
            } catch {
                allSucceeded = false
                reply = JSONBuffer(capacity: 128)
                reply.raw("{\"id\": ")
                reply.value(id)
                reply.raw(", \"error\": ")
                reply.string("line \(lineNumber): \(error)")
                reply.raw("}\n")
            }
            output.write { $0.bytes.append(contentsOf: reply.bytes) }
            // Flush each reply so a caller streaming requests gets answers as it goes.
            output.flush()
        }
        output.flush()
        return allSucceeded
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

/// A per-line failure reported in the reply's `error` field.
struct BatchLineError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
