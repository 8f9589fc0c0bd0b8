import BylineTM
import BylineTMX
import Foundation
import HTTPTypes
import Hummingbird

/// An error the service answers with: a 4xx or 5xx status and a JSON body
/// `{"error": "…", "where": {"line": …, "column": …}}`, `where` naming a place in the
/// request body (or the field at fault) when one is known.
struct ServeError: Error, HTTPResponseError, CustomStringConvertible {
    var status: HTTPResponse.Status
    var message: String
    var line: Int?
    var column: Int?
    var field: String?
    /// Extra headers (`WWW-Authenticate`, `Retry-After`).
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.status = status
        self.message = message
        self.line = line
        self.column = column
        self.field = field
    }

    var description: String { message }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The JSON body.
    var body: [UInt8] {
        var buffer = JSONBuffer(capacity: 128)
        buffer.raw("{\"error\": ")
        buffer.string(message)
        if line != nil || column != nil || field != nil {
            buffer.raw(", \"where\": {")
            var parts: [String] = []
            if let line { parts.append("\"line\": \(line)") }
            if let column { parts.append("\"column\": \(column)") }
            buffer.raw(parts.joined(separator: ", "))
            if let field {
                if !parts.isEmpty { buffer.raw(", ") }
                buffer.raw("\"field\": ")
                buffer.string(field)
            }
            buffer.raw("}")
        }
        buffer.raw("}\n")
        return buffer.bytes
    }

    // MARK: Common answers

    static func unauthorized(_ message: String) -> ServeError {
        var error = ServeError(.unauthorized, message)
        error.headers[.wwwAuthenticate] = "Bearer realm=\"byline\""
        return error
    }

    static func tooLarge(limit: Int, what: String, option: String) -> ServeError {
        ServeError(.contentTooLarge, "the \(what) is larger than this service accepts (\(ByteCount(limit)); `byline serve \(option)` sets it)")
    }

    /// A request body that is not the JSON object expected, located in the body.
    static func badJSON(_ error: BatchLineError, in body: [UInt8]) -> ServeError {
        guard let offset = error.offset else { return ServeError(.badRequest, error.message, field: error.field) }
        let (line, column) = Self.position(ofByte: offset, in: body)
        // The batch parser counts columns on one line; a body may have many.
        let message = error.message.replacingOccurrences(
            of: #"at column \d+"#, with: "at line \(line), column \(column)", options: .regularExpression)
        return ServeError(.badRequest, message, line: line, column: column)
    }

    /// The 1-based line and column (in Unicode scalars) of byte `offset` of `body`.
    static func position(ofByte offset: Int, in body: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in body[..<min(offset, body.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// A store's or a reader's error as the service answers it.
    static func from(_ error: any Error) -> ServeError {
        switch error {
        case let error as ServeError:
            return error
        case let error as BatchLineError:
            return ServeError(.badRequest, error.message, field: error.field)
        case let error as TMXError:
            let location = error.location
            var answer = ServeError(
                .badRequest, "\(error.description); nothing was imported, the translation memory is unchanged",
                line: location.line, column: location.column)
            if case .unwritable = error { answer.status = .internalServerError }
            return answer
        case let error as TMStoreError:
            switch error.kind {
            case .busy, .beingCreated, .unreachable:
                var answer = ServeError(.serviceUnavailable, error.description)
                answer.headers[.retryAfter] = "2"
                return answer
            case .refused:
                return ServeError(.conflict, error.description)
            default:
                return ServeError(.internalServerError, error.description)
            }
        case is CancellationError:
            return ServeError(.serviceUnavailable, "the request was cancelled (the service is stopping)")
        default:
            return ServeError(.internalServerError, "\(error)")
        }
    }
}

extension BatchLineError {
    /// The request field at fault, read off the message (`field "n" must …`, `missing field "text"`).
    var field: String? {
        guard let range = message.range(of: #"field \"[^\"]+\""#, options: .regularExpression) else { return nil }
        return String(message[range].dropFirst(7).dropLast())
    }
}

/// A byte count for a person: `8 MiB`, `512 KiB`, `1 GiB`.
struct ByteCount: CustomStringConvertible {
    var bytes: Int
    init(_ bytes: Int) { self.bytes = bytes }

    var description: String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size) \(unit)"
        }
        return "\(bytes) bytes"
    }

    /// Parses `8M`, `512k`, `1G`, `100000`.
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int)] = [("gib", 1 << 30), ("mib", 1 << 20), ("kib", 1 << 10), ("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10), ("b", 1)]
        for (suffix, size) in units where trimmed.hasSuffix(suffix) {
            guard let value = Int(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), value > 0 else { return nil }
            return value * size
        }
        return Int(trimmed).flatMap { $0 > 0 ? $0 : nil }
    }
}
