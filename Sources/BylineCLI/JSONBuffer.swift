import ArgumentParser
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
        let appended: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if appended == nil { appendEscaped(Array(text.utf8).withUnsafeBufferPointer { Array($0) }) }
        bytes.append(0x22)
    }

    private mutating func appendEscaped(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { appendEscaped($0) }
    }

    /// Copies runs of bytes that need no escape in one step each.
    mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
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
}

/// Standard output, written in large blocks.
///
/// A write that fails (a full disk, a closed descriptor) is an error: it is reported once
/// on standard error as `-: cannot write standard output: …` and thrown as exit status 1,
/// so a script never mistakes lost output for success. A pipe whose reader has gone away
/// ends the process quietly by SIGPIPE instead, as `cat` and `grep` do.
/// ``finish()`` is every command's last step: it flushes and checks that the descriptor
/// closes cleanly (a file system that reports a failed write only then, as NFS may).
struct StandardOutput {
    private(set) var buffer = JSONBuffer()
    private let fileDescriptor: Int32

    init(fileDescriptor: Int32 = STDOUT_FILENO) { self.fileDescriptor = fileDescriptor }

    /// Appends through `body` and flushes when the buffer is large.
    /// - Throws: `ExitCode(1)` after reporting a failed write.
    mutating func write(_ body: (inout JSONBuffer) -> Void) throws {
        body(&buffer)
        if buffer.bytes.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered.
    /// - Throws: `ExitCode(1)` after reporting a failed write.
    mutating func flush() throws {
        guard !buffer.bytes.isEmpty else { return }
        let failure: Int32? = buffer.bytes.withUnsafeBufferPointer { pointer in
            var written = 0
            while written < pointer.count {
                let result = Foundation.write(fileDescriptor, pointer.baseAddress! + written, pointer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += result
            }
            return nil
        }
        buffer.bytes.removeAll(keepingCapacity: true)
        if let failure { throw Self.failed(failure) }
    }

    /// Writes `text` as it is, a block at a time.
    mutating func writeRaw(_ text: String) throws {
        try writeBlocks(of: text) { buffer, block in buffer.bytes.append(contentsOf: block) }
    }

    /// Writes `text` as one JSON string literal, escaped a block at a time.
    mutating func writeJSONString(_ text: String) throws {
        buffer.bytes.append(0x22)
        try writeBlocks(of: text) { buffer, block in buffer.appendEscaped(block) }
        buffer.bytes.append(0x22)
    }

    /// Hands `text`'s UTF-8 to `body` in blocks of 64 KiB, flushing after each. JSON escapes
    /// only ASCII bytes, so a block may end inside a multi-byte sequence.
    private mutating func writeBlocks(of text: String, _ body: (inout JSONBuffer, UnsafeBufferPointer<UInt8>) -> Void) throws {
        var copy = text
        var failure: (any Error)?
        copy.withUTF8 { bytes in
            var start = 0
            while start < bytes.count, failure == nil {
                let end = min(bytes.count, start + (1 << 16))
                body(&buffer, UnsafeBufferPointer(rebasing: bytes[start..<end]))
                do { try flush() } catch { failure = error }
                start = end
            }
        }
        if let failure { throw failure }
    }

    /// Flushes and closes a duplicate of the descriptor, which reports a write the
    /// system could not complete; the descriptor itself stays open for the process.
    /// - Throws: `ExitCode(1)` after reporting a failed write.
    mutating func finish() throws {
        try flush()
        let duplicate = dup(fileDescriptor)
        guard duplicate >= 0 else { throw Self.failed(errno) }
        if close(duplicate) != 0, errno != EINTR { throw Self.failed(errno) }
    }

    private static func failed(_ code: Int32) -> ExitCode {
        if code == EPIPE { endQuietlyAfterClosedPipe() }
        Diagnostics.error("-: cannot write standard output: \(String(cString: strerror(code)))")
        return ExitCode(1)
    }

    /// Ends the process the conventional way when the reader of standard output has gone
    /// away (`byline segment big.txt | head`): no message, since nobody is left to want the
    /// rest, and death by SIGPIPE, so the shell stays quiet and `set -o pipefail` sees 141.
    static func endQuietlyAfterClosedPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        // Not reached: the default action of SIGPIPE ends the process.
        exit(128 + SIGPIPE)
    }
}
