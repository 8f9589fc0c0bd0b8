import ArgumentParser
import Foundation

/// The JSON Lines batch protocol: one request per input line, exactly one reply line
/// per line, in order, echoing `id` as the line gave it (any JSON type).
///
/// A line that is blank, too long, not UTF-8, not a JSON object or lacking a field gets
/// `{"id": …, "error": "line N: …"}` and the run goes on; ``run()`` then reports failure
/// so the command exits with status 1. Columns in these messages count Unicode scalars.
/// A read error on standard input or a failed write ends the run with a message.
struct BatchRunner<Request: BatchRequest> {
    /// The longest line accepted, in bytes (`--max-line-bytes`).
    var maximumLineBytes: Int
    /// Handles one decoded request, appending the reply's fields after `"id": …,`.
    let handle: (Request, _ line: Int, inout JSONBuffer) throws -> Void
    /// Called after each line is answered (a progress line).
    var afterLine: () -> Void = {}

    init(options: BatchOptions, handle: @escaping (Request, _ line: Int, inout JSONBuffer) throws -> Void) {
        maximumLineBytes = options.maximumLineBytes
        self.handle = handle
    }

    /// Reads standard input to its end; returns true when every line succeeded.
    /// - Throws: `ExitCode(1)` after reporting a read error or a failed write.
    func run() throws -> Bool {
        var output = StandardOutput()
        var input = LineReader(fileDescriptor: STDIN_FILENO, maximumLineBytes: maximumLineBytes)
        var allSucceeded = true
        var lineNumber = 0
        while true {
            let next: LineReader.Line?
            do {
                next = try input.nextLine()
            } catch let error as CLIError {
                try output.finish()
                Diagnostics.error(error.description)
                throw ExitCode(1)
            }
            guard let next else { break }
            lineNumber += 1
            var reply = JSONBuffer(capacity: 256)
            var id = "null"
            do {
                let request: Request
                switch next {
                case .tooLong(let count):
                    throw BatchLineError(
                        message: "the line has \(count) bytes, more than --max-line-bytes allows (\(maximumLineBytes)); skipped")
                case .text(let bytes):
                    let parsed = try BatchLine.parse(bytes, id: &id)
                    request = try Request(line: parsed)
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
            try output.write { $0.bytes.append(contentsOf: reply.bytes) }
            afterLine()
            // Answer each line before reading the next when input arrives line by line,
            // so a caller that streams requests is never kept waiting.
            if !input.hasBufferedLine { try output.flush() }
        }
        try output.finish()
        return allSucceeded
    }
}

/// The options every `--batch` command shares.
struct BatchOptions: ParsableArguments {
    @Flag(help: "Read JSON Lines requests on standard input and answer each with one line (README: Batch interface).")
    var batch = false

    @Option(
        name: .customLong("max-line-bytes"),
        help: ArgumentHelp(
            "With --batch, the longest request line accepted; a longer one gets an error reply and is skipped.",
            valueName: "bytes"))
    var maximumLineBytes: Int = 1 << 28

    func validate() throws {
        guard maximumLineBytes >= 1 else { throw ValidationError("--max-line-bytes must be at least 1") }
    }
}

/// A batch request read straight from a ``BatchLine``; the runner echoes the line's `id`.
protocol BatchRequest {
    init(line: BatchLine) throws(BatchLineError)
}

/// Reads lines from a file descriptor in large blocks, in time linear in the input.
///
/// Each byte is searched for a line feed once: the search resumes where the last one
/// stopped, however many reads a long line takes. A line longer than the limit is not
/// kept; its bytes are counted and dropped as they arrive, so memory stays bounded by
/// the limit whatever the input.
struct LineReader {
    /// One line without its line feed, or the length of a line that was too long.
    enum Line: Equatable {
        case text([UInt8])
        case tooLong(Int)
    }

    private let fileDescriptor: Int32
    private let maximumLineBytes: Int
    private var buffer: [UInt8] = []
    /// Where the current line starts in `buffer`.
    private var start = 0
    /// Bytes from `start` up to here hold no line feed.
    private var scanned = 0
    /// Bytes of the current line already dropped because it is too long.
    private var dropped = 0
    private var finished = false

    init(fileDescriptor: Int32, maximumLineBytes: Int = .max) {
        self.fileDescriptor = fileDescriptor
        self.maximumLineBytes = maximumLineBytes
    }

    /// True when a whole line is already buffered, so reading it will not block.
    var hasBufferedLine: Bool { newline(from: scanned) != nil }

    /// The next line, or nil at the end of input.
    /// - Throws: ``CLIError/input(_:)`` when standard input cannot be read.
    mutating func nextLine() throws -> Line? {
        while true {
            if let newline = newline(from: scanned) {
                let line: Line
                if dropped > 0 || newline - start > maximumLineBytes {
                    line = .tooLong(dropped + newline - start)
                } else {
                    line = .text(Array(buffer[start..<newline]))
                }
                dropped = 0
                start = newline + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            if buffer.count - start > maximumLineBytes {
                dropped += buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
                scanned = 0
            }
            if finished {
                defer {
                    dropped = 0
                    start = buffer.count
                    scanned = start
                }
                if dropped > 0 { return .tooLong(dropped + buffer.count - start) }
                guard start < buffer.count else { return nil }
                return .text(Array(buffer[start...]))
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            // A long line is read in blocks that grow with it, so it costs few reads.
            let block = min(max(1 << 16, buffer.count), 1 << 24)
            if try InputReader.read(fileDescriptor, appendingTo: &buffer, upTo: block, name: "-") == 0 { finished = true }
        }
    }

    private func newline(from position: Int) -> Int? {
        guard position < buffer.count else { return nil }
        return buffer.withUnsafeBytes { pointer -> Int? in
            guard let found = memchr(pointer.baseAddress! + position, 0x0A, pointer.count - position) else { return nil }
            return UnsafeRawPointer(found) - pointer.baseAddress!
        }
    }
}

/// A per-line failure reported in the reply's `error` field.
struct BatchLineError: Error, CustomStringConvertible {
    var message: String
    /// The byte of the line where it went wrong, when one can be named (the HTTP service
    /// turns it into a line and column of the request body).
    var offset: Int? = nil
    var description: String { message }
}
