import BylineTestSupport
import Foundation
import Testing

/// A scratch folder holding a memory of `units` units, removed with the folder.
private final class ExportFolder {
    let url: URL
    let database: String

    init(units: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("byline-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var body = ""
        for index in 0..<units {
            body += "<tu><tuv xml:lang=\"en\"><seg>Unit \(index) of the Kursk report.</seg></tuv>"
            body += "<tuv xml:lang=\"ru\"><seg>Часть \(index) доклада о Курске.</seg></tuv></tu>\n"
        }
        let tmx = url.appendingPathComponent("units.tmx")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
            <body>
            \(body)</body></tmx>
            """.utf8).write(to: tmx)
        database = url.appendingPathComponent("tm.sqlite").path
        let imported = try CommandRunner.run(["tm", "import", tmx.path, "--db", database])
        #expect(imported.status == 0, "\(imported.standardError)")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Runs `script` with bash, `$BYLINE` naming the built binary, and returns the status
/// bash prints for the first command of its pipeline with standard error.
private func pipeline(_ script: String) throws -> (status: Int32, standardError: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.environment = ProcessInfo.processInfo.environment.merging(["BYLINE": CommandRunner.executable.path]) { $1 }
    process.currentDirectoryURL = Fixtures.repositoryRoot
    let errorPipe = Pipe()
    let statusPipe = Pipe()
    process.standardError = errorPipe
    process.standardOutput = statusPipe
    // bash writes the status to descriptor 3, which is its standard output here.
    process.arguments = ["-c", "exec 3>&1; " + script + "; echo \"status ${PIPESTATUS[0]}\" >&3"]
    try process.run()
    let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
    let statusData = statusPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: statusData, as: UTF8.self)
    let status = text.split(separator: "\n").last { $0.hasPrefix("status ") }.flatMap { Int32($0.dropFirst(7)) } ?? -1
    return (status, String(decoding: errorData, as: UTF8.self))
}

@Suite("Broken pipes")
struct BrokenPipeTests {
    @Test("An export into a FIFO whose reader has gone away says so and exits 1")
    func fifoReaderGone() throws {
        let folder = try ExportFolder(units: 6_000)
        let fifo = folder.path("out.tmx")
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reader takes a few bytes and leaves while the export still has most to write.
        let reader = Thread {
            let descriptor = open(fifo, O_RDONLY)
            guard descriptor >= 0 else { return }
            var bytes = [UInt8](repeating: 0, count: 64)
            _ = read(descriptor, &bytes, bytes.count)
            close(descriptor)
        }
        reader.start()
        let result = try CommandRunner.run(["tm", "export", "--db", folder.database, "-o", fifo])
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(result.status == 1, "status \(result.status), \(result.standardError)")
        #expect(result.standardError == "\(fifo): export failed: cannot write: the pipe's reader has gone away before the end of the export\n")
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO stays a FIFO")
    }

    @Test("Standard output into a pipe that closes ends quietly by SIGPIPE, as cat does", arguments: [
        "\"$BYLINE\" segment {long} --lang en",
        "\"$BYLINE\" normalize {long} --op fold --changes --lang en",
        "\"$BYLINE\" tm export --db {memory} -o -",
    ])
    func closedStandardOutput(command: String) throws {
        let folder = try ExportFolder(units: 6_000)
        let seed = try Data(contentsOf: Fixtures.seedReport)
        let long = folder.url.appendingPathComponent("long.txt")
        try Data(repeatElement(seed, count: 400).joined()).write(to: long)
        let script = command.replacingOccurrences(of: "{long}", with: long.path).replacingOccurrences(of: "{memory}", with: folder.database)
            + " | head -c 100 > /dev/null"
        let result = try pipeline(script)
        #expect(result.status == 128 + SIGPIPE, "\(result.standardError)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }
}
