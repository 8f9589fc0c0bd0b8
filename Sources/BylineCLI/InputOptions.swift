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
            let (text, replaced) = SourceText.decodingLossy(bytes, language: language, origin: origin)
            for offset in replaced {
                let location = SourceLocation.of(utf8Offset: offset, in: bytes, file: origin)
                Diagnostics.warning("\(location): invalid UTF-8 at byte offset \(offset) replaced with U+FFFD")
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

/// Reads whole inputs.
enum InputReader {
    static func readAll(_ file: String) throws -> [UInt8] {
        if file == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "permission denied"
            throw CLIError.input("\(file): cannot read: \(reason)")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw CLIError.input("\(file): cannot read: \(error.localizedDescription)")
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

/// Messages for standard error.
enum Diagnostics {
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
