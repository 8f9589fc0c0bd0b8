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
    @Test("A large import leaves every unit findable by the concordance, the first, the last and those between")
    func concordanceAfterLargeImport() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        let imported = try CommandRunner.run(["tm", "import", try folder.write("a.tmx", tmxDocument(units: 5_000)), "--db", database])
        #expect(imported.status == 0, "\(imported.standardError)")
        for unit in [0, 2_047, 2_048, 3_333, 4_999] {
            let found = try CommandRunner.run(["tm", "concordance", "\(unit)", "--lang", "en", "--db", database])
            #expect(found.status == 0, "\(found.standardError)")
            #expect(found.standardOutput.contains("Unit [\(unit)] of the Kursk report"), "unit \(unit): \(found.standardOutput)")
        }
        let check = try CommandRunner.run(["tm", "check", "--db", database, "--format", "json"])
        #expect(check.standardOutput.contains(#""unindexed_variants": 0"#), "\(check.standardOutput)")
    }

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
        _ = try CommandRunner.run(["tm", "import", try folder.write("none.tmx", tmxDocument(units: 0)), "--db", database])
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

    @Test("A dry run reports what would be imported and keeps nothing, creating no memory")
    func dryRun() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        let file = try folder.write("a.tmx", tmxDocument(units: 4))
        let result = try CommandRunner.run(["tm", "import", file, "--db", database, "--dry-run"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("dry run: nothing was kept"))
        let json = try CommandRunner.run(["tm", "import", file, "--db", database, "--dry-run", "--format", "json"])
        #expect(json.standardOutput.contains(#""created": 4"#))
        #expect(!FileManager.default.fileExists(atPath: database))
        _ = try CommandRunner.run(["tm", "import", file, "--db", database])
        let again = try CommandRunner.run(["tm", "import", file, "--db", database, "--dry-run", "--format", "json"])
        #expect(again.standardOutput.contains(#""duplicates": 4"#))
        #expect(try stats(database)["units"] as? Int == 4)
    }

    @Test("A missing file, an unreachable PostgreSQL server and a malformed URL are clear errors")
    func errors() throws {
        let folder = try Folder()
        let missing = try CommandRunner.run(["tm", "import", folder.path("none.tmx"), "--db", folder.path("tm.sqlite")])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("\(folder.path("none.tmx")):1:1: cannot read"))
        let port = try PostgresTestServer.freePort()
        let unreachable = try CommandRunner.run(["tm", "stats", "--db", "postgres://desk:secret@127.0.0.1:\(port)/tm"])
        #expect(unreachable.status == 1)
        #expect(unreachable.standardError.hasPrefix("postgres://desk:***@127.0.0.1:\(port)/tm: cannot reach the PostgreSQL server"))
        #expect(!unreachable.standardError.contains("secret"))
        let malformed = try CommandRunner.run(["tm", "stats", "--db", "postgres://desk@localhost"])
        #expect(malformed.status == 1)
        #expect(malformed.standardError.contains("names no database"))
        let check = try CommandRunner.run(["tm", "check", "--db", "postgres://desk@localhost/tm"])
        #expect(check.status == 64)
    }
}

/// Runs `byline arguments…` as the unprivileged user `nobody` when the tests run as root,
/// so that file permissions apply; as the current user otherwise.
private func runUnprivileged(_ arguments: [String]) throws -> (status: Int32, standardOutput: String, standardError: String) {
    guard getuid() == 0 else {
        let result = try CommandRunner.run(arguments)
        return (result.status, result.standardOutput, result.standardError)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.executable.path] + arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
}

@Suite("byline tm: nothing created, nothing lost")
struct TMStoreSafetyTests {
    @Test("Read-only commands never create a memory: a missing one is an error naming the path and the remedy", arguments: [
        ["tm", "lookup", "The talks resumed.", "--from", "en", "--to", "ru"], ["tm", "concordance", "talks"], ["tm", "stats"],
        ["tm", "export", "-o", "OUT"], ["tm", "check"], ["tm", "analyze", "TEXT", "--from", "en", "--to", "ru"],
    ])
    func missingMemory(arguments: [String]) throws {
        let folder = try Folder()
        let database = folder.path("typo.sqlite")
        let text = try folder.write("story.txt", "The talks resumed on Friday.\n")
        let command = arguments.map { $0 == "OUT" ? folder.path("out.tmx") : $0 == "TEXT" ? text : $0 } + ["--db", database]
        let result = try CommandRunner.run(command)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("\(database): no translation memory here; create one with `byline tm import"))
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(!FileManager.default.fileExists(atPath: folder.path("out.tmx")))
    }

    @Test("An empty memory says it is empty")
    func emptyMemory() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        _ = try CommandRunner.run(["tm", "import", try folder.write("none.tmx", tmxDocument(units: 0)), "--db", database])
        let result = try CommandRunner.run(["tm", "lookup", "The talks resumed.", "--from", "en", "--to", "ru", "--db", database])
        #expect(result.status == 0)
        #expect(result.standardError.contains("\(database): the translation memory is empty"))
    }

    @Test("A memory nobody may write is read by every read-only command and nothing is left beside it")
    func readOnlyFile() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        _ = try CommandRunner.run(["tm", "import", try folder.write("a.tmx", tmxDocument(units: 5)), "--db", database])
        #expect(chmod(database, 0o444) == 0)
        let commands: [[String]] = [
            ["tm", "lookup", "Unit 3 of the Kursk report.", "--from", "en", "--to", "ru"], ["tm", "stats"],
            ["tm", "concordance", "Kursk"], ["tm", "export", "-o", "-"], ["tm", "check"],
        ]
        for command in commands {
            let result = try runUnprivileged(command + ["--db", database])
            #expect(result.status == 0, "\(command): \(result.standardError)")
            #expect(!result.standardError.contains("readonly"), "\(command): \(result.standardError)")
        }
        #expect(try runUnprivileged(["tm", "lookup", "Unit 3 of the Kursk report.", "--from", "en", "--to", "ru", "--db", database])
            .standardOutput.contains("Unit 3 доклада о Курске."))
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: database + "-shm"))
    }

    @Test("Two processes creating the same new memory take turns; both succeed")
    func concurrentCreation() throws {
        let folder = try Folder()
        let file = try folder.write("a.tmx", tmxDocument(units: 20))
        for round in 0..<30 {
            let database = folder.path("tm-\(round).sqlite")
            let processes = try (0..<2).map { _ in
                let process = Process()
                process.executableURL = CommandRunner.executable
                process.arguments = ["tm", "import", file, "--db", database]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "round \(round)")
            #expect(try stats(database)["units"] as? Int == 20)
        }
    }

    @Test("A lookup during the first import into an empty memory answers at once that it is being created")
    func lookupDuringFirstImport() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        _ = try CommandRunner.run(["tm", "import", try folder.write("none.tmx", tmxDocument(units: 0)), "--db", database])
        let big = try folder.write("big.tmx", tmxDocument(units: 400_000))
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["tm", "import", big, "--db", database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, process.isRunning,
            ((try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0) < 4_000_000
        {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(process.isRunning, "the import finished before the lookup; make the file larger")
        let lookup = try CommandRunner.run(["tm", "lookup", "Unit 3 of the Kursk report.", "--from", "en", "--to", "ru", "--db", database])
        #expect(lookup.status == 1)
        #expect(lookup.standardError.contains("is being created by an import"), "\(lookup.standardError)")
    }

    @Test("tm check reports a sound memory with its counts and a cut-short one as damaged")
    func check() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        _ = try CommandRunner.run(["tm", "import", try folder.write("a.tmx", tmxDocument(units: 3000)), "--db", database])
        let sound = try CommandRunner.run(["tm", "check", "--db", database, "--format", "json"])
        #expect(sound.status == 0)
        #expect(sound.standardOutput.contains(#""sound": true"#))
        #expect(sound.standardOutput.contains(#""units": 3000"#))
        let data = try Data(contentsOf: URL(fileURLWithPath: database))
        let cut = folder.path("cut.sqlite")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        let damaged = try CommandRunner.run(["tm", "check", "--db", cut])
        #expect(damaged.status == 1)
        #expect(damaged.standardOutput.hasPrefix("\(cut): DAMAGED"))
        let stats = try CommandRunner.run(["tm", "stats", "--db", cut])
        #expect(stats.status == 1)
        #expect(stats.standardError.contains("damaged"))
    }
}

@Suite("byline tm export: where the file goes")
struct TMExportDestinationTests {
    private func memory(in folder: Folder) throws -> String {
        let database = folder.path("tm.sqlite")
        _ = try CommandRunner.run(["tm", "import", try folder.write("a.tmx", tmxDocument(units: 3)), "--db", database])
        return database
    }

    @Test("A regular file is replaced whole and keeps its mode")
    func keepsMode() throws {
        let folder = try Folder()
        let database = try memory(in: folder)
        let output = try folder.write("out.tmx", "old")
        #expect(chmod(output, 0o640) == 0)
        let result = try CommandRunner.run(["tm", "export", "--db", database, "-o", output])
        #expect(result.status == 0)
        var status = stat()
        #expect(stat(output, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o640)
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("Unit 2 доклада о Курске."))
    }

    @Test("A symbolic link keeps pointing at its target, which gets the export")
    func symbolicLink() throws {
        let folder = try Folder()
        let database = try memory(in: folder)
        let target = try folder.write("target.tmx", "old")
        let link = folder.path("link.tmx")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try CommandRunner.run(["tm", "export", "--db", database, "-o", link]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("<tmx version=\"1.4\">"))
        let dangling = folder.path("dangling.tmx")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder.path("nowhere/x.tmx"))
        let refused = try CommandRunner.run(["tm", "export", "--db", database, "-o", dangling])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("symbolic link to a file that does not exist"))
    }

    @Test("A FIFO and a device are written through, standard output with -o -, a directory is refused")
    func writeThrough() throws {
        let folder = try Folder()
        let database = try memory(in: folder)
        let fifo = folder.path("pipe.tmx")
        #expect(mkfifo(fifo, 0o600) == 0)
        final class Received: @unchecked Sendable { var data = Data() }
        let received = Received()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received.data = handle.readDataToEndOfFile() }
        }
        reader.start()
        #expect(try CommandRunner.run(["tm", "export", "--db", database, "-o", fifo]).status == 0)
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(String(decoding: received.data, as: UTF8.self).contains("Unit 1 доклада о Курске."))
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)

        #expect(try CommandRunner.run(["tm", "export", "--db", database, "-o", "/dev/null"]).status == 0)
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)

        let standard = try CommandRunner.run(["tm", "export", "--db", database, "-o", "-"])
        #expect(standard.standardOutput.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))

        let directory = try CommandRunner.run(["tm", "export", "--db", database, "-o", folder.url.path])
        #expect(directory.status == 1)
        #expect(directory.standardError.contains("it is a directory"))
    }

    @Test("A temporary file left by a killed export is removed by the next export to the same file")
    func stalePartial() throws {
        let folder = try Folder()
        let database = try memory(in: folder)
        // A process id that runs no process: the largest the system hands out.
        let maximum = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 99_999
        let stale = try folder.write(".out.tmx.\(maximum).partial", "<?xml")
        let unrelated = try folder.write(".other.tmx.\(maximum).partial", "<?xml")
        #expect(try CommandRunner.run(["tm", "export", "--db", database, "-o", folder.path("out.tmx")]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }
}

@Suite("byline tm analyze")
struct TMAnalyzeTests {
    @Test("A dateline is a segment apart from the lede; --segments lists bands and translations with numbers in the target's form")
    func datelineAndSegments() throws {
        let folder = try Folder()
        let database = folder.path("tm.sqlite")
        let units = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
            <body>
            <tu><tuv xml:lang="en"><seg>The talks resumed on Friday.</seg></tuv><tuv xml:lang="ru"><seg>Переговоры возобновились в пятницу.</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>About 800 troops arrived.</seg></tuv><tuv xml:lang="ru"><seg>Около 800 военных прибыли.</seg></tuv></tu>
            </body></tmx>
            """
        #expect(try CommandRunner.run(["tm", "import", try folder.write("u.tmx", units), "--db", database]).status == 0)
        let story = try folder.write("story.txt", "BAKU, Nov 1 (TURAN) — The talks resumed on Friday. About 9,500 troops arrived.\n")
        let result = try CommandRunner.run(
            ["tm", "analyze", story, "--from", "en", "--to", "ru", "--db", database, "--segments", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let list = try #require(json["list"] as? [[String: Any]])
        #expect(list.map { $0["text"] as? String } == ["BAKU, Nov 1 (TURAN) —", "The talks resumed on Friday.", "About 9,500 troops arrived."])
        #expect(list.map { $0["band"] as? String } == ["no match", "100%", "95-99%"])
        #expect(list[2]["target"] as? String == "Около 9\u{A0}500 военных прибыли.")
        let text = try CommandRunner.run(["tm", "analyze", story, "--from", "en", "--to", "ru", "--db", database, "--segments"])
        #expect(text.standardOutput.contains("100%        100.0  The talks resumed on Friday."))
    }
}
