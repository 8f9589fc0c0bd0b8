import BylineTestSupport
import Foundation
import Testing

/// A scratch folder for one test.
private final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("byline-cli-align-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
}

private let english = """
    The ministry sent 8,000 soldiers to the border region last week.
    Talks between the two delegations resumed in the capital today.
    Inflation reached 12.5 percent in March, the bank said.

    """
private let russian = """
    На прошлой неделе министерство направило 8 000 военных в приграничный район.
    Переговоры между двумя делегациями возобновились сегодня в столице.
    По данным банка, инфляция в марте достигла 12,5 процента.

    """

/// A long pair of reports, one sentence a line, every sentence its own (so that every bead
/// becomes a unit of its own in the memory).
private func largePair(sentences: Int) -> (english: String, russian: String) {
    var english = "", russian = ""
    for index in 0..<sentences {
        english += "Report \(index): the council of district \(index % 97) approved \(index * 3 + 7) new homes near the river.\n"
        russian += "Сообщение \(index): совет района \(index % 97) одобрил \(index * 3 + 7) новых домов у реки.\n"
    }
    return (english, russian)
}

/// Units in a memory, by `byline tm stats` (which, opening it, rolls back what a killed
/// process left in a rollback journal), then checked by `byline tm check` (every page).
private func unitCount(_ database: String) throws -> Int? {
    let stats = try CommandRunner.run(["tm", "stats", "--db", database, "--format", "json"])
    #expect(stats.status == 0, "\(database): \(stats.standardError)")
    let check = try CommandRunner.run(["tm", "check", "--db", database, "--format", "json"])
    #expect(check.status == 0, "\(database): \(check.standardOutput) \(check.standardError)")
    let json = try JSONSerialization.jsonObject(with: Data(check.standardOutput.utf8)) as? [String: Any]
    #expect(json?["sound"] as? Bool == true, "\(check.standardOutput)")
    return json?["units"] as? Int
}

private func fileSize(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}

/// How a killed `--into-tm` run is stopped: after a delay from its start, or once the file
/// its writes go to has grown past a size.
private enum KillMoment: CustomStringConvertible {
    case after(TimeInterval)
    /// `suffix` names the file beside the memory (`-wal`), or the memory itself when empty.
    case once(String, exceeds: Int)

    var description: String {
        switch self {
        case .after(let seconds): "after \(Int(seconds * 1000)) ms"
        case .once(let suffix, let bytes): "once the memory's file\(suffix.isEmpty ? "" : " " + suffix) exceeds \(bytes) bytes"
        }
    }
}

@Suite("byline align")
struct AlignCommandTests {
    @Test("--lines --format beads prints one bead a line in the scorers' notation")
    func beads() throws {
        let folder = try Scratch()
        let source = try folder.write("a.en", english), target = try folder.write("a.ru", russian)
        let result = try CommandRunner.run(["align", source, target, "--from", "en", "--to", "ru", "--lines", "--format", "beads"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "[0]:[0]\n[1]:[1]\n[2]:[2]\n")
    }

    @Test("The bundled word list tells which of two sentences of like length the other text dropped")
    func droppedSentenceByWords() throws {
        let folder = try Scratch()
        // No number, no name: only common words of the en-tr list (harvest, wheat, bread,
        // valley, shop) link the kept sentence to its translation.
        let source = try folder.write(
            "a.en",
            """
            The harvest of wheat was poor, so bread cost more in the shops of the valley.
            The budget for the clinic was cut after the vote in the assembly last night.

            """)
        let target = try folder.write("a.tr", "Buğday hasadı zayıftı, bu yüzden vadinin dükkânlarında ekmek pahalandı.\n")
        let result = try CommandRunner.run(["align", source, target, "--from", "en", "--to", "tr", "--lines"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "[0]:[0]\n[1]:[]\n", "\(result.standardOutput)")
    }

    @Test("An empty side gives unmatched beads and exit status 0")
    func emptySide() throws {
        let folder = try Scratch()
        let source = try folder.write("empty.en", ""), target = try folder.write("a.ru", russian)
        let result = try CommandRunner.run(["align", source, target, "--from", "en", "--to", "ru", "--lines"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "[]:[0]\n[]:[1]\n[]:[2]\n")
    }

    @Test("Invalid UTF-8 is reported at its line and column, counted in scalars, and nothing is printed")
    func invalidUTF8() throws {
        let folder = try Scratch()
        let bad = try folder.write("bad.en", Array("First line.\nÇay \u{0259}".utf8) + [0xFF] + Array(" end.\n".utf8))
        let target = try folder.write("a.ru", russian)
        let result = try CommandRunner.run(["align", bad, target, "--from", "en", "--to", "ru", "--lines"])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("\(bad):2:6: invalid UTF-8"), "\(result.standardError)")
    }

    @Test("A target in another language is aligned but said to look unrelated")
    func wrongLanguage() throws {
        let folder = try Scratch()
        let source = try folder.write("a.en", String(repeating: english, count: 3))
        let other = (0..<9).map { "Die Mannschaft gewann das Spiel Nummer \($0 + 40) am Abend vor vielen Zuschauern." }
        let target = try folder.write("b.de", other.joined(separator: "\n") + "\n")
        let result = try CommandRunner.run(["align", source, target, "--from", "en", "--to", "ru", "--lines"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("low confidence"), "\(result.standardError)")
    }

    @Test("--into-tm stores linked beads as aligned units with story, confidence and context")
    func intoMemory() throws {
        let folder = try Scratch()
        let source = try folder.write("a.en", english), target = try folder.write("a.ru", russian)
        let database = folder.path("tm.sqlite")
        let stored = try CommandRunner.run([
            "align", source, target, "--from", "en", "--to", "ru", "--lines", "--into-tm", "--db", database, "--story", "S-1",
        ])
        #expect(stored.status == 0, "\(stored.standardError)")
        let export = try CommandRunner.run(["tm", "export", "--db", database, "-o", folder.path("out.tmx")])
        #expect(export.status == 0, "\(export.standardError)")
        let tmx = try String(contentsOfFile: folder.path("out.tmx"), encoding: .utf8)
        #expect(tmx.components(separatedBy: "</tu>").count - 1 == 3)
        #expect(tmx.contains("<prop type=\"x-byline-origin\">aligned</prop>"))
        #expect(tmx.contains("<prop type=\"x-byline-story\">S-1</prop>"))
        #expect(tmx.contains("x-align-confidence"))
        #expect(tmx.contains("<prop type=\"x-context-pre\">The ministry sent 8,000 soldiers"))
    }

    @Test("--db without --into-tm learns from the memory, stores nothing and succeeds")
    func learnOnly() throws {
        let folder = try Scratch()
        let source = try folder.write("a.en", english), target = try folder.write("a.ru", russian)
        let database = folder.path("tm.sqlite")
        let filled = try CommandRunner.run(["align", source, target, "--from", "en", "--to", "ru", "--lines", "--into-tm", "--db", database])
        #expect(filled.status == 0, "\(filled.standardError)")
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let learned = try CommandRunner.run(["align", source, target, "--from", "en", "--to", "ru", "--lines", "--db", database])
        #expect(learned.status == 0, "\(learned.standardError)")
        #expect(learned.standardOutput == "[0]:[0]\n[1]:[1]\n[2]:[2]\n")
        #expect(!learned.standardError.contains("stored"), "\(learned.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test("--into-tm into a memory it cannot write stores nothing and fails")
    func failedStore() throws {
        let folder = try Scratch()
        let source = try folder.write("a.en", english), target = try folder.write("a.ru", russian)
        let database = try folder.write("not-a-database.sqlite", "this is not SQLite\n")
        let result = try CommandRunner.run(["align", source, target, "--from", "en", "--to", "ru", "--lines", "--into-tm", "--db", database])
        #expect(result.status == 1)
        #expect(try String(contentsOfFile: database, encoding: .utf8) == "this is not SQLite\n")
    }

    @Test("--into-tm killed at any moment of a large alignment leaves the memory with all of its beads or none")
    func killedIntoMemory() throws {
        let folder = try Scratch()
        let (largeEnglish, largeRussian) = largePair(sentences: 1_500)
        let source = try folder.write("large.en", largeEnglish), target = try folder.write("large.ru", largeRussian)
        let smallSource = try folder.write("a.en", english), smallTarget = try folder.write("a.ru", russian)
        func arguments(_ database: String) -> [String] {
            ["align", source, target, "--from", "en", "--to", "ru", "--lines", "--no-dictionary", "--into-tm", "--db", database]
        }
        /// A memory that already holds the three units of the small pair (in WAL mode), or
        /// none at all (the first import fills the file in place).
        func memory(_ name: String, seeded: Bool) throws -> String {
            let database = folder.path(name)
            if seeded {
                let seed = try CommandRunner.run([
                    "align", smallSource, smallTarget, "--from", "en", "--to", "ru", "--lines", "--no-dictionary", "--into-tm",
                    "--db", database,
                ])
                #expect(seed.status == 0, "\(seed.standardError)")
            }
            return database
        }

        // One run to the end: how many units it stores, how long it takes, how far its
        // writes grow the files they go to.
        let complete = try memory("complete.sqlite", seeded: true)
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments(complete)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = Date()
        try process.run()
        var largestLog = 0
        while process.isRunning {
            largestLog = max(largestLog, fileSize(complete + "-wal"))
            Thread.sleep(forTimeInterval: 0.002)
        }
        let duration = Date().timeIntervalSince(started)
        #expect(process.terminationStatus == 0)
        let stored = try #require(try unitCount(complete)) - 3
        #expect(stored > 1_000, "\(stored) units stored")
        let first = try memory("first.sqlite", seeded: false)
        #expect(try CommandRunner.run(arguments(first)).status == 0)
        let firstSize = fileSize(first)
        #expect(try unitCount(first) == stored)

        // Kills at random moments: over the whole run, and while the beads are being written
        // (the write-ahead log of a memory that has units, the file itself of a new one).
        var generator = SystemRandomNumberGenerator()
        var moments: [(seeded: Bool, moment: KillMoment)] = []
        for round in 0..<4 {
            moments.append((round % 2 == 0, .after(Double.random(in: 0...duration, using: &generator))))
        }
        for _ in 0..<3 where largestLog > 0 {
            moments.append((true, .once("-wal", exceeds: Int.random(in: 0...largestLog * 9 / 10, using: &generator))))
        }
        for _ in 0..<3 {
            moments.append((false, .once("", exceeds: Int.random(in: firstSize / 10...firstSize * 9 / 10, using: &generator))))
        }
        var killedWhileWriting = 0
        for (round, (seeded, moment)) in moments.enumerated() {
            let database = try memory("round-\(round).sqlite", seeded: seeded)
            let before = seeded ? 3 : 0
            let victim = Process()
            victim.executableURL = CommandRunner.executable
            victim.arguments = arguments(database)
            victim.standardOutput = FileHandle.nullDevice
            victim.standardError = FileHandle.nullDevice
            let start = Date()
            try victim.run()
            switch moment {
            case .after(let seconds):
                while victim.isRunning, Date().timeIntervalSince(start) < seconds { Thread.sleep(forTimeInterval: 0.001) }
            case .once(let suffix, let bytes):
                while victim.isRunning, fileSize(database + suffix) <= bytes { Thread.sleep(forTimeInterval: 0.001) }
            }
            let wasRunning = victim.isRunning
            kill(victim.processIdentifier, SIGKILL)
            victim.waitUntilExit()
            if case .once = moment, wasRunning, victim.terminationReason == .uncaughtSignal { killedWhileWriting += 1 }
            // A memory created by the killed run itself may hold no schema yet: nothing to count.
            if !seeded, fileSize(database) == 0 { continue }
            let units = try unitCount(database)
            #expect(units == before || units == before + stored, "round \(round), killed \(moment): \(units ?? -1) units")
        }
        #expect(killedWhileWriting > 0, "no run was killed while writing; make the pair larger")
    }
}
