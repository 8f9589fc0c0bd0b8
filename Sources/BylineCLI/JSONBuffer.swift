import BylineText
import Foundation

/// A byte buffer that JSON output is written into by hand: keys in a fixed order and
/// no intermediate objects, so batch output costs little beyond the bytes themselves.
struct JSONBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// A number with at most `digits` decimals, no exponent, no trailing zeros.
    mutating func number(_ value: Double, digits: Int = 4) {
        guard value.isFinite else { return raw("null") }
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        raw(text)
    }

    /// A JSON string literal, escaping what RFC 8259 requires (and nothing else, so
    /// non-ASCII text stays readable).
    mutating func string<S: StringProtocol>(_ text: S) {
        bytes.append(0x22)
        let appended = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if appended == nil { appendEscaped(Array(text.utf8).withUnsafeBufferPointer { Array($0) }) }
        bytes.append(0x22)
    }

    private mutating func appendEscaped(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { appendEscaped($0) }
    }

    /// Copies runs of bytes that need no escape in one step each.
    private mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for (index, byte) in source.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
    }

    /// `"start": S, "end": E, "<textKey>": "…"` for a range of `text`: scalar offsets from
    /// `cursor` (which must see ranges in document order) and the slice itself.
    mutating func span<S: StringProtocol>(
        _ range: Range<String.Index>, of text: S, cursor: inout ScalarOffsetCursor, textKey: String = "text"
    ) where S.Index == String.Index {
        raw("\"start\": ")
        int(cursor.offset(of: range.lowerBound))
        raw(", \"end\": ")
        int(cursor.offset(of: range.upperBound))
        raw(", \"\(textKey)\": ")
        string(text[range])
    }

    /// Echoes a value read from a batch line (the `id`).
    mutating func value(_ value: JSONValue?) {
        switch value {
        case .string(let text)?: string(text)
        case .integer(let number)?: int(number)
        case .double(let number)?: raw(String(number))
        case .bool(let flag)?: raw(flag ? "true" : "false")
        case .null?, nil: raw("null")
        }
    }
}

/// A scalar JSON value as a batch line may give it for `id`.
enum JSONValue: Decodable, Hashable {
    case string(String), integer(Int), double(Double), bool(Bool), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}

/// Standard output, written in large blocks.
struct StandardOutput {
    private(set) var buffer = JSONBuffer()

    /// Appends through `body` and flushes when the buffer is large.
    mutating func write(_ body: (inout JSONBuffer) -> Void) {
        body(&buffer)
        if buffer.bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.bytes.isEmpty else { return }
        buffer.bytes.withUnsafeBufferPointer { pointer in
            var written = 0
            while written < pointer.count {
                let result = Foundation.write(STDOUT_FILENO, pointer.baseAddress! + written, pointer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe: the reader has gone, nothing more to say
                }
                written += result
            }
        }
        buffer.bytes.removeAll(keepingCapacity: true)
    }
}
