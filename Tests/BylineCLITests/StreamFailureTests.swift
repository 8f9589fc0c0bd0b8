import BylineTestSupport
import Foundation
import Testing

/// Runs `byline arguments…` through `/bin/sh` with `redirections` applied (`<&-`, `< /tmp`,
/// `> /dev/full`), which `Process` alone cannot set up.
private struct RedirectedResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

private func runRedirected(_ arguments: [String], _ redirections: String, input: String? = nil) throws -> RedirectedResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    let quoted = ([CommandRunner.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
    let feed = input.map { "printf '%s' '\($0.replacingOccurrences(of: "'", with: #"'\''"#))' | " } ?? ""
    process.arguments = ["-c", feed + quoted.joined(separator: " ") + " " + redirections]
    process.currentDirectoryURL = Fixtures.repositoryRoot
    let errorPipe = Pipe()
    let outputPipe = Pipe()
    process.standardError = errorPipe
    if !redirections.contains(">") { process.standardOutput = outputPipe } else { process.standardOutput = FileHandle.nullDevice }
    try process.run()
    let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
    let outputData = redirections.contains(">") ? Data() : outputPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RedirectedResult(
        status: process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus,
        standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorData, as: UTF8.self))
}

private let textCommands: [[String]] = [
    ["segment", "--lang", "en"], ["normalize", "--op", "nfc"], ["names", "--lang", "en"], ["summarize", "--lang", "en"],
    ["segment", "--batch"], ["normalize", "--batch", "--op", "nfc"], ["names", "--batch"], ["summarize", "--batch"],
]

@Suite("Standard streams")
struct StreamFailureTests {
    @Test("A closed standard input is a message and exit 1, never a crash", arguments: textCommands)
    func closedInput(arguments: [String]) throws {
        let result = try runRedirected(arguments, "<&-")
        #expect(result.status == 1)
        #expect(result.standardError.contains("-: cannot read standard input: it is closed"), "\(result.standardError)")
    }

    @Test("Standard input that is a directory is a message and exit 1", arguments: textCommands)
    func directoryInput(arguments: [String]) throws {
        let result = try runRedirected(arguments, "< /tmp")
        #expect(result.status == 1)
        #expect(result.standardError.contains("-: cannot read standard input: is a directory"), "\(result.standardError)")
    }

    @Test("Output that cannot be written is a message and exit 1", arguments: [
        ["segment", "seeds/000_e10f10481b35292a.txt", "--lang", "en"],
        ["segment", "seeds/000_e10f10481b35292a.txt", "--lang", "en", "--format", "json", "--words"],
        ["normalize", "seeds/000_e10f10481b35292a.txt", "--op", "fold", "--changes"],
        ["names", "seeds/000_e10f10481b35292a.txt", "--lang", "en"],
        ["summarize", "seeds/000_e10f10481b35292a.txt", "--lang", "en"],
        ["segment", "--batch"],
    ])
    func fullDevice(arguments: [String]) throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"))
        let result = try runRedirected(arguments, "> /dev/full", input: #"{"id": 1, "text": "One. Two."}"# + "\n")
        #expect(result.status == 1)
        #expect(result.standardError.contains("-: cannot write standard output: No space left on device"), "\(result.standardError)")
    }

    @Test("tm stats and tm lookup report output that cannot be written")
    func fullDeviceTM() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmx = folder.appendingPathComponent("a.tmx")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
            <body><tu><tuv xml:lang="en"><seg>The meat stays good.</seg></tuv><tuv xml:lang="ru"><seg>Мясо не портится.</seg></tuv></tu></body></tmx>
            """.utf8).write(to: tmx)
        let database = folder.appendingPathComponent("tm.sqlite").path
        let imported = try CommandRunner.run(["tm", "import", tmx.path, "--db", database])
        #expect(imported.status == 0, "\(imported.standardError)")
        for arguments in [
            ["tm", "stats", "--db", database],
            ["tm", "lookup", "The meat stays good.", "--from", "en", "--to", "ru", "--db", database],
        ] {
            let result = try runRedirected(arguments, "> /dev/full")
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains("cannot write standard output"), "\(result.standardError)")
        }
    }

    @Test("--lossy names every bad byte at its own line and column in scalars")
    func lossyColumns() throws {
        let bytes: [UInt8] = Array("Bakı ".utf8) + [0xFF] + Array(" ə ".utf8) + [0xC3] + Array(" x\nСеул".utf8) + [0x80] + Array(".\n".utf8)
        let result = try CommandRunner.run(["segment", "-", "--lang", "az", "--lossy"], input: Data(bytes))
        #expect(result.status == 0)
        let warnings = result.standardError.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(warnings == ["warning: -:1:6:", "warning: -:1:10:", "warning: -:2:5:"])
    }
}
