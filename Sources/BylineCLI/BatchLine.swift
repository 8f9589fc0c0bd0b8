/// One JSON Lines request, parsed without Foundation: a flat JSON object whose values
/// are kept as raw byte ranges and decoded on demand.
///
/// Batch commands read millions of short lines; a general JSON decoder builds a tree and
/// boxes every value, while a request needs two or three string fields. Nested objects
/// and arrays are validated and kept raw (an `id` of any JSON type is echoed verbatim).
struct BatchLine {
    private let bytes: [UInt8]
    private var fields: [(key: String, value: Range<Int>)] = []

    /// Parses one request line: a JSON object in UTF-8.
    ///
    /// Sets `id` to the raw JSON of the line's `id` as soon as it is known (left alone when
    /// the line has none or is too broken to find it), so an error reply can still echo it.
    /// - Throws: ``BatchLineError`` for a blank line, invalid UTF-8 or malformed JSON, naming
    ///   the column in Unicode scalars.
    static func parse(_ bytes: [UInt8], id: inout String) throws(BatchLineError) -> BatchLine {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            throw BatchLineError(message: "blank line; expected a JSON object")
        }
        let parsed: Result<BatchLine, BatchLineError>
        do throws(BatchLineError) { parsed = .success(try BatchLine(bytes)) } catch { parsed = .failure(error) }
        if case .success(let line) = parsed, let range = line.fields.last(where: { $0.key == "id" })?.value,
            String(validating: bytes[range], as: UTF8.self) != nil
        {
            id = String(decoding: bytes[range], as: UTF8.self)
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = bytes.makeIterator()
            var offset = 0
            while case .valid(let encoded) = parser.parseScalar(from: &iterator) { offset += encoded.count }
            throw BatchLineError(
                message: "invalid UTF-8 at column \(Self.column(ofByte: offset, in: bytes)) (byte \(offset + 1) of the line)",
                offset: offset)
        }
        return try parsed.get()
    }

    /// The 1-based column, in Unicode scalars, of the byte at `offset` in well-formed UTF-8.
    static func column(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] where byte & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// Parses `bytes` as one JSON object.
    /// - Throws: ``BatchLineError`` saying what is wrong and at which column (1-based, in
    ///   scalars when the line is well-formed UTF-8).
    init(_ bytes: [UInt8]) throws(BatchLineError) {
        self.bytes = bytes
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        guard parser.peek == UInt8(ascii: "{") else { throw parser.error("not a JSON object") }
        parser.position += 1
        parser.skipSpace()
        if parser.peek == UInt8(ascii: "}") {
            parser.position += 1
        } else {
            while true {
                parser.skipSpace()
                guard parser.peek == UInt8(ascii: "\"") else { throw parser.error("expected a field name in quotes") }
                let key = try parser.string()
                parser.skipSpace()
                guard parser.peek == UInt8(ascii: ":") else { throw parser.error("expected ':' after \"\(key)\"") }
                parser.position += 1
                parser.skipSpace()
                let start = parser.position
                try parser.skipValue()
                fields.append((key, start..<parser.position))
                parser.skipSpace()
                if parser.peek == UInt8(ascii: ",") {
                    parser.position += 1
                    continue
                }
                guard parser.peek == UInt8(ascii: "}") else { throw parser.error("expected ',' or '}'") }
                parser.position += 1
                break
            }
        }
        parser.skipSpace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON object") }
    }

    /// The raw JSON text of a field (for echoing `id`), or nil when absent.
    func raw(_ key: String) -> String? {
        fields.last(where: { $0.key == key }).map { String(decoding: bytes[$0.value], as: UTF8.self) }
    }

    /// A string field; nil when absent or `null`.
    /// - Throws: when the field holds something other than a string.
    func string(_ key: String) throws(BatchLineError) -> String? {
        guard let field = fields.last(where: { $0.key == key }) else { return nil }
        var parser = Parser(bytes: bytes, position: field.value.lowerBound)
        if parser.peek == UInt8(ascii: "n") { return nil }
        guard parser.peek == UInt8(ascii: "\"") else {
            throw BatchLineError(message: "field \"\(key)\" must be a string")
        }
        return try parser.string()
    }

    /// A string field that must be present.
    func requiredString(_ key: String) throws(BatchLineError) -> String {
        guard let value = try string(key) else { throw BatchLineError(message: "missing field \"\(key)\"") }
        return value
    }

    /// An integer field; nil when absent or `null`.
    func integer(_ key: String) throws(BatchLineError) -> Int? {
        guard let text = raw(key), text != "null" else { return nil }
        guard let value = Int(text) else { throw BatchLineError(message: "field \"\(key)\" must be an integer") }
        return value
    }

    /// A number field; nil when absent or `null`.
    func number(_ key: String) throws(BatchLineError) -> Double? {
        guard let text = raw(key), text != "null" else { return nil }
        guard let value = Double(text) else { throw BatchLineError(message: "field \"\(key)\" must be a number") }
        return value
    }

    /// A boolean field; nil when absent or `null`.
    func bool(_ key: String) throws(BatchLineError) -> Bool? {
        switch raw(key) {
        case nil, "null": return nil
        case "true": return true
        case "false": return false
        default: throw BatchLineError(message: "field \"\(key)\" must be true or false")
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        func error(_ message: String) -> BatchLineError {
            BatchLineError(
                message: "not valid JSON at column \(BatchLine.column(ofByte: position, in: bytes)): \(message)", offset: position)
        }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { position += 1 }
        }

        mutating func string() throws(BatchLineError) -> String {
            position += 1  // the opening quote
            var output: [UInt8] = []
            var runStart = position
            while true {
                guard let byte = peek else { throw error("unterminated string") }
                if byte == UInt8(ascii: "\"") {
                    if output.isEmpty {
                        let text = String(decoding: bytes[runStart..<position], as: UTF8.self)
                        position += 1
                        return text
                    }
                    output.append(contentsOf: bytes[runStart..<position])
                    position += 1
                    return String(decoding: output, as: UTF8.self)
                }
                if byte < 0x20 { throw error("control character in a string") }
                if byte != UInt8(ascii: "\\") {
                    position += 1
                    continue
                }
                output.append(contentsOf: bytes[runStart..<position])
                position += 1
                guard let escaped = peek else { throw error("unterminated escape") }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""): output.append(0x22)
                case UInt8(ascii: "\\"): output.append(0x5C)
                case UInt8(ascii: "/"): output.append(0x2F)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var value = try hex4()
                    if (0xD800..<0xDC00).contains(value), peek == UInt8(ascii: "\\"),
                        position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u")
                    {
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    // A lone surrogate cannot be text; it becomes U+FFFD as JSON decoders do.
                    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                    output.append(contentsOf: Array(String(scalar).utf8))
                default:
                    throw error("unknown escape \\\(Character(Unicode.Scalar(escaped)))")
                }
                runStart = position
            }
        }

        mutating func hex4() throws(BatchLineError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("short \\u escape") }
            var value: UInt32 = 0
            for byte in bytes[position..<position + 4] {
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x37
                case 0x61...0x66: digit = byte - 0x57
                default: throw error("bad hex digit in \\u escape")
                }
                value = value << 4 | UInt32(digit)
            }
            position += 4
            return value
        }

        mutating func skipValue() throws(BatchLineError) {
            guard let byte = peek else { throw error("expected a value") }
            switch byte {
            case UInt8(ascii: "\""):
                _ = try string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                position += 1
                skipSpace()
                if peek == close {
                    position += 1
                    return
                }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard peek == UInt8(ascii: "\"") else { throw error("expected a field name in quotes") }
                        _ = try string()
                        skipSpace()
                        guard peek == UInt8(ascii: ":") else { throw error("expected ':'") }
                        position += 1
                        skipSpace()
                    }
                    try skipValue()
                    skipSpace()
                    if peek == UInt8(ascii: ",") {
                        position += 1
                        continue
                    }
                    guard peek == close else { throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                    position += 1
                    return
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default:
                try number()
            }
        }

        /// A number as RFC 8259 writes it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        /// Anything looser (`+1`, `.5`, `01`) would be echoed into a reply that is no longer JSON.
        mutating func number() throws(BatchLineError) {
            let start = position
            func digits() -> Int {
                let first = position
                while let next = peek, (0x30...0x39).contains(next) { position += 1 }
                return position - first
            }
            if peek == UInt8(ascii: "-") { position += 1 }
            if peek == UInt8(ascii: "0") {
                position += 1
            } else if digits() == 0 {
                position = start
                throw error("expected a value")
            }
            if peek == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw error("expected a digit after the decimal point") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                position += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw error("expected a digit in the exponent") }
            }
        }

        mutating func literal(_ word: StaticString) throws(BatchLineError) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count,
                bytes[position..<position + count].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
            else { throw error("expected a value") }
            position += count
        }
    }
}
