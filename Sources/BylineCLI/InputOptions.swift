import ArgumentParser
import BylineText
import Foundation

/// The input every text command reads: a file or standard input.
struct InputOptions: ParsableArguments {
    @Argument(help: "A UTF-8 text file, or - for standard input.")
    var file: String = "-"

    @Flag(help: "Replace invalid UTF-8 with U+FFFD and report where, instead of failing.")
    var lossy = false

    /// The display name diagnostics use for the input.
    var origin: String { file }

    /// Reads the input, or reports why not on standard error and exits with status 1.
    func readOrExit(language: LanguageTag) throws -> SourceText {
        do {
            return try read(language: language)
        } catch let error as CLIError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
    }

    /// Reads and decodes the input.
    /// - Throws: ``CLIError`` naming the file and, for bad UTF-8, its line, column and byte offset.
    func read(language: LanguageTag) throws -> SourceText {
        let bytes = try InputReader.readAll(file)
        if lossy {
            let (text, replaced) = SourceText.decodingLossyLocated(bytes, language: language, origin: origin)
            for sequence in replaced {
                Diagnostics.warning(
                    "\(sequence.location): invalid UTF-8 at byte offset \(sequence.byteOffset) replaced with U+FFFD")
            }
            return text
        }
        do {
            return try SourceText(decoding: bytes, language: language, origin: origin)
        } catch {
            throw CLIError.input(error.description)
        }
    }
}

/// Reads whole inputs with plain `read(2)` calls, so that every failure (a closed or
/// unreadable standard input, a directory, an I/O error) becomes a message, never a trap.
enum InputReader {
    /// The bytes of `file`, or of standard input for `-`.
    /// - Throws: ``CLIError/input(_:)`` naming the file and the system's reason.
    static func readAll(_ file: String) throws -> [UInt8] {
        if file == "-" { return try readAll(fileDescriptor: STDIN_FILENO, name: "-") }
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CLIError.input("\(file): cannot read: \(reason(errno))") }
        defer { close(descriptor) }
        return try readAll(fileDescriptor: descriptor, name: file)
    }

    /// Reads `fileDescriptor` to its end; `name` is how messages call it (`-` for standard input).
    static func readAll(fileDescriptor: Int32, name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var status = stat()
        if fstat(fileDescriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 {
            bytes.reserveCapacity(Int(status.st_size) + 1)
        }
        var chunkSize = 1 << 16
        while true {
            let count = try read(fileDescriptor, appendingTo: &bytes, upTo: chunkSize, name: name)
            if count == 0 { return bytes }
            chunkSize = min(chunkSize * 2, 1 << 24)
        }
    }

    /// One `read(2)` of at most `limit` bytes appended to `bytes`; 0 at the end of input.
    /// - Throws: ``CLIError/input(_:)`` with the system's reason (retrying an interrupted read).
    static func read(_ fileDescriptor: Int32, appendingTo bytes: inout [UInt8], upTo limit: Int, name: String) throws -> Int {
        let oldCount = bytes.count
        while true {
            var result = 0
            bytes.append(contentsOf: repeatElement(0, count: limit))
            bytes.withUnsafeMutableBufferPointer { buffer in
                result = Foundation.read(fileDescriptor, buffer.baseAddress! + oldCount, limit)
            }
            let code = errno
            bytes.removeLast(limit - max(0, result))
            if result >= 0 { return result }
            if code == EINTR { continue }
            throw CLIError.input("\(name): cannot read\(name == "-" ? " standard input" : ""): \(reason(code))")
        }
    }

    /// The system's reason in plain words.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EISDIR: "is a directory"
        case EACCES: "permission denied"
        case EBADF: "it is closed"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}

/// Errors the CLI reports itself; the message already names the file and place.
enum CLIError: Error, CustomStringConvertible {
    /// An input could not be used (exit status 1).
    case input(String)

    var description: String {
        switch self {
        case let .input(message): message
        }
    }
}

/// Messages for standard error, written straight to its descriptor: a message that
/// cannot be written (standard error closed or full) is dropped rather than trapping.
enum Diagnostics {
    static func warning(_ message: String) { emit("warning: \(message)\n") }

    static func error(_ message: String) { emit("\(message)\n") }

    /// Something the user may want to know that is neither a result nor a problem.
    static func note(_ message: String) { emit("note: \(message)\n") }

    /// Text for a person that is not the command's result (a names run's list of changes).
    static func report(_ text: String) { emit(text) }

    private static func emit(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            var written = 0
            while written < buffer.count {
                let result = Foundation.write(STDERR_FILENO, buffer.baseAddress! + written, buffer.count - written)
                if result < 0, errno == EINTR { continue }
                if result <= 0 { return }
                written += result
            }
        }
    }
}
