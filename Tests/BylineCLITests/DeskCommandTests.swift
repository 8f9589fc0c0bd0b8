import BylineTestSupport
import Foundation
import Testing

@Suite("byline desk")
struct DeskCommandTests {
    /// The environment with a fresh data folder, so the default memory is made anew.
    static func environment(dataHome: URL, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = dataHome.path
        environment.removeValue(forKey: "BYLINE_TM")
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("The seed report: one name change, a three-sentence summary led by the lede, no furniture, suggestions from the demonstration memory")
    func seedEndToEnd() throws {
        let home = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try CommandRunner.run(
            ["desk", Fixtures.seedReport.path, "--format", "json"], environment: Self.environment(dataHome: home))
        #expect(result.status == 0, "\(result.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let seed = try String(contentsOf: Fixtures.seedReport, encoding: .utf8)
        let scalars = Array(seed.unicodeScalars)
        func slice(_ object: [String: Any]) throws -> String {
            let start = try #require(object["start"] as? Int), end = try #require(object["end"] as? Int)
            return String(String.UnicodeScalarView(scalars[start..<end]))
        }

        #expect(report["language"] as? String == "en")
        #expect((report["detected"] as? [String: Any])?["language"] as? String == "en")
        let names = try #require(report["names"] as? [[String: Any]])
        #expect(names.count == 1)
        #expect(names.first?["from"] as? String == "Seol")
        #expect(names.first?["to"] as? String == "Seoul")
        #expect(try slice(names[0]) == "Seol")
        #expect((report["corrected"] as? String)?.contains("Both Washington and Seoul have") == true)

        let summary = try #require(report["summary"] as? [[String: Any]])
        #expect(summary.count == 3)
        #expect(try slice(summary[0]).hasPrefix("The United States said on Thursday"))
        let starts = summary.compactMap { $0["start"] as? Int }
        #expect(starts == starts.sorted())
        let furniture = try #require(report["furniture"] as? [[String: Any]])
        let furnitureTexts = try furniture.map(slice)
        #expect(furnitureTexts.contains("Photo TURAN") && furnitureTexts.contains("News Line"))
        for pick in summary {
            let text = try slice(pick)
            #expect(!furnitureTexts.contains(text))
        }

        let suggestions = summary.compactMap { $0["suggestions"] as? [String: [[String: Any]]] }
        let ledeRussian = try #require(suggestions.first?["ru"]?.first)
        #expect((ledeRussian["score"] as? Double ?? 0) >= 75)
        // The stored 3,000 becomes the report's 8,000, written as Russian writes it.
        #expect((ledeRussian["target"] as? String)?.contains("8000 северокорейских") == true)
        #expect(result.standardError.contains("created the translation memory"))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("byline/tm.sqlite").path))

        // The second run uses the memory the first made, and says nothing about creating it.
        let again = try CommandRunner.run(["desk", Fixtures.seedReport.path], environment: Self.environment(dataHome: home))
        #expect(again.status == 0)
        #expect(!again.standardError.contains("created"))
        #expect(again.standardOutput.contains("Seol → Seoul"))
        #expect(again.standardOutput.contains("ru   83 %") || again.standardOutput.contains(" ru "))
        #expect(!again.standardOutput.contains("\u{1B}["), "no colour in a pipe")
    }

    @Test("The html page is self-contained: no external reference, names marked with their reason")
    func htmlPage() throws {
        let home = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try CommandRunner.run(
            ["desk", Fixtures.seedReport.path, "--format", "html"], environment: Self.environment(dataHome: home))
        #expect(result.status == 0)
        let page = result.standardOutput
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("http:") && !page.contains("https:"))
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))
        #expect(page.contains("<mark class=\"name\" title=\"Seol → Seoul"))
        #expect(page.contains("8000 северокорейских"))
    }

    @Test("Batch: one line out per line in, errors per line, the rest goes on")
    func batch() throws {
        let home = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let input = """
            {"id": [1, "a"], "text": "Both Washington and Seol have issued a warning to Pyongyang. The talks go on.", "n": 1, "to": "ru"}
            {"id": 2, "lang": "ru", "text": "И Вашингтон, и Сеол предупредили Пхеньян."}
            {"id": 3}
            {"id": 4, "text": "12 345"}
            not json

            """
        let result = try CommandRunner.run(
            ["desk", "--batch"], input: Data(input.utf8), environment: Self.environment(dataHome: home))
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects[0]["id"] as? [Any] != nil)
        #expect(objects[0]["language"] as? String == "en")
        #expect((objects[0]["summary"] as? [Any])?.count == 1)
        #expect(objects[0]["targets"] as? [String] == ["ru"])
        #expect(((objects[1]["names"] as? [[String: Any]])?.first?["to"] as? String) == "Сеул")
        #expect((objects[2]["error"] as? String)?.contains("line 3") == true)
        #expect((objects[3]["error"] as? String)?.contains("cannot tell the language") == true)
        #expect((objects[4]["error"] as? String)?.contains("line 5") == true)
    }

    @Test("Bad input: an empty report, a language the detector is unsure of, invalid UTF-8, a missing memory")
    func badInput() throws {
        let home = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = Self.environment(dataHome: home)
        let empty = try CommandRunner.run(["desk", "-"], input: Data("  \n".utf8), environment: environment)
        #expect(empty.status == 0)
        #expect(empty.standardError.contains("nothing to do"))

        let unsure = try CommandRunner.run(["desk", "-", "--no-memory"], input: Data("Привет".utf8), environment: environment)
        #expect(unsure.status == 64)
        #expect(unsure.standardError.contains("give --lang"))

        let invalid = try CommandRunner.run(["desk", "-"], input: Data([0x41, 0x0A, 0x42, 0xFF, 0x43]), environment: environment)
        #expect(invalid.status == 1)
        #expect(invalid.standardError.contains("-:2:2"))

        let missing = home.appendingPathComponent("no-such.sqlite").path
        let noMemory = try CommandRunner.run(
            ["desk", Fixtures.seedReport.path, "--db", missing], environment: environment)
        #expect(noMemory.status == 0)
        #expect(noMemory.standardError.contains("suggestions are off"))
        #expect(noMemory.standardOutput.contains("Seol → Seoul"))
        #expect(!FileManager.default.fileExists(atPath: missing))

        // A language without resources: segmented and summarised with the root rules, names skipped.
        let swahili = try CommandRunner.run(
            ["desk", "-", "--lang", "sw", "--no-memory"],
            input: Data("Serikali ilisema hali bado ni ngumu. Waziri atazungumza kesho mjini Roma.".utf8),
            environment: environment)
        #expect(swahili.status == 0)
        #expect(swahili.standardError.contains("names were not checked"))
        #expect(swahili.standardOutput.contains("Summary  2 of 2 sentences"))
    }
}

@Suite("--lang left out")
struct LanguageOptionTests {
    @Test("Each command detects the language, says so on standard error, and refuses a text it is unsure of", arguments: [
        ["segment"], ["names"], ["summarize"], ["normalize", "--op", "lower"],
    ])
    func detection(arguments: [String]) throws {
        let german = "Der Minister sagte am Dienstag, dass die Gespräche nächste Woche weitergehen würden. Das ist z. B. ein Fall."
        let sure = try CommandRunner.run(arguments, input: Data(german.utf8))
        #expect(sure.status == 0, "\(sure.standardError)")
        #expect(sure.standardError.contains("language de (detected"))
        let unsure = try CommandRunner.run(arguments, input: Data("OK.".utf8))
        #expect(unsure.status == 64)
        #expect(unsure.standardError.contains("give --lang"))
        // A given language is used as given, and nothing is said about it.
        let given = try CommandRunner.run(arguments + ["--lang", "de"], input: Data(german.utf8))
        #expect(given.status == 0)
        #expect(!given.standardError.contains("detected"))
    }

    @Test("German abbreviations hold once German is detected")
    func germanAbbreviations() throws {
        let result = try CommandRunner.run(["segment", "--format", "jsonl"], input: Data("Das ist z. B. ein Fall, den wir kennen. Er kam gestern.".utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").count == 2)
    }

    @Test("Operations that do not depend on the language need none")
    func languageFree() throws {
        let result = try CommandRunner.run(["normalize", "--op", "nfc"], input: Data("OK.".utf8))
        #expect(result.status == 0)
        #expect(!result.standardError.contains("detected"))
    }
}
