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
}
