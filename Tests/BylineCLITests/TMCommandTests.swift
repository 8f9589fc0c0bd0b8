import BylineTestSupport
import Foundation
import Testing

/// A scratch folder for one test.
private final class Folder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("byline-cli-tm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }
}

private func tmxDocument(units: Int, prefix: String = "Unit") -> String {
    var body = ""
    body.reserveCapacity(units * 160)
    for index in 0..<units {
        body += "<tu><tuv xml:lang=\"en\"><seg>\(prefix) \(index) of the Kursk report.</seg></tuv>"
        body += "<tuv xml:lang=\"ru\"><seg>\(prefix) \(index) доклада о Курске.</seg></tuv></tu>\n"
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
        <body>
        \(body)</body></tmx>
        """
}

private func stats(_ database: String) throws -> [String: Any] {
    let result = try CommandRunner.run(["tm", "stats", "--db", database, "--format", "json"])
    #expect(result.status == 0, "\(result.standardError)")
    return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any] ?? [:]
}

/// Starts `byline tm import FILE --db DATABASE`, waits until `watched` is larger than
/// `bytes`, and kills the import with SIGKILL.
private func killImport(of file: String, into database: String, once watched: String, exceeds bytes: Int) throws {
    let process = Process()
    process.executableURL = CommandRunner.executable
    process.arguments = ["tm", "import", file, "--db", database]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline, process.isRunning {
        let size = (try? FileManager.default.attributesOfItem(atPath: watched)[.size] as? Int) ?? 0
        if size > bytes { break }
        Thread.sleep(forTimeInterval: 0.01)
    }
    #expect(process.isRunning, "the import finished before it could be killed; make the file larger")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
}

@Suite("byline tm")
struct TMCommandTests {
    @Test("Import prints a report, a second import of the same file changes nothing, export writes TMX")
    func importExport() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        let file = try folder.write("a.tmx", tmxDocument(units: 3))
        let first = try CommandRunner.run(["tm", "import", file, "--db", database, "--format", "json"])
        #expect(first.status == 0)
        #expect(first.standardOutput.contains(#""created": 3"#))
        let second = try CommandRunner.run(["tm", "import", file, "--db", database, "--format", "json"])
        #expect(second.standardOutput.contains(#""created": 0"#))
        #expect(second.standardOutput.contains(#""duplicates": 3"#))
        #expect(try stats(database)["units"] as? Int == 3)
        let output = folder.path("out.tmx")
        let export = try CommandRunner.run(["tm", "export", "--db", database, "-o", output, "--lang", "en,ru"])
        #expect(export.status == 0)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("<seg>Unit 2 доклада о Курске.</seg>"))
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">"))
    }

    @Test("A broken file exits 1 with FILE:LINE:COLUMN and leaves the memory as it was")
    func brokenFile() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        _ = try CommandRunner.run(["tm", "import", try folder.write("seed.tmx", tmxDocument(units: 2)), "--db", database])
        let broken = try folder.write("broken.tmx", tmxDocument(units: 5).replacingOccurrences(of: "Unit 3 of", with: "Unit 3 & of"))
        let result = try CommandRunner.run(["tm", "import", broken, "--db", database])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("\(broken):7:"))
        #expect(result.standardOutput.isEmpty)
        #expect(try stats(database)["units"] as? Int == 2)
    }

    @Test("An import killed halfway leaves the memory exactly as it was")
    func killedImport() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        _ = try CommandRunner.run(["tm", "import", try folder.write("seed.tmx", tmxDocument(units: 2, prefix: "Seed")), "--db", database])
        let big = try folder.write("big.tmx", tmxDocument(units: 400_000))
        // Wait until the import has written into the database's journal, then kill it.
        try killImport(of: big, into: database, once: database + "-wal", exceeds: 1_000_000)
        let after = try stats(database)
        #expect(after["units"] as? Int == 2)
        #expect(after["variants"] as? Int == 4)
    }

    @Test("An import into an empty memory killed halfway leaves it empty, in WAL mode, and importable")
    func killedImportIntoEmptyMemory() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        _ = try stats(database)
        let big = try folder.write("big.tmx", tmxDocument(units: 400_000))
        // An empty memory is filled in place: wait until the file itself has grown.
        try killImport(of: big, into: database, once: database, exceeds: 4_000_000)
        let after = try stats(database)
        #expect(after["units"] as? Int == 0)
        #expect(after["variants"] as? Int == 0)
        #expect(!FileManager.default.fileExists(atPath: database + "-journal"))
        let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: database)).read(upToCount: 100) ?? Data()
        #expect(header.count > 19 && header[18] == 2 && header[19] == 2, "the file is back in WAL mode")
        let again = try CommandRunner.run(["tm", "import", try folder.write("small.tmx", tmxDocument(units: 3)), "--db", database])
        #expect(again.status == 0)
        #expect(try stats(database)["units"] as? Int == 3)
    }

    @Test("A dry run reports what would be imported and keeps nothing")
    func dryRun() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        let result = try CommandRunner.run(["tm", "import", try folder.write("a.tmx", tmxDocument(units: 4)), "--db", database, "--dry-run"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("dry run: nothing was kept"))
        #expect(try stats(database)["units"] as? Int == 0)
    }

    @Test("A missing file and a PostgreSQL URL are clear errors")
    func errors() throws {
        let folder = try Folder()
        let missing = try CommandRunner.run(["tm", "import", folder.path("none.tmx"), "--db", folder.path("tm.sqlite")])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("\(folder.path("none.tmx")):1:1: cannot read"))
        let url = try CommandRunner.run(["tm", "stats", "--db", "postgres://desk@localhost/tm"])
        #expect(url.status == 64)
    }
}
