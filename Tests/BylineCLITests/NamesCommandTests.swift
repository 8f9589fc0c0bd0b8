import BylineTestSupport
import Foundation
import Testing

@Suite("byline names")
struct NamesCommandTests {
    @Test("Batch mode answers each line with the corrected text and changes at scalar offsets of the input")
    func batchOffsets() throws {
        let input = """
            {"id": "a", "lang": "en", "text": "Ünïcode first: Both Washington and Seol have issued a warning to Pyongyang."}
            {"id": 2, "lang": "ru", "text": "И Вашингтон, и Сеол предупредили Пхеньян."}
            {"id": "bad", "lang": "en"}

            """
        let result = try CommandRunner.run(["names", "--batch"], input: Data(input.utf8))
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect((first["text"] as? String)?.contains("Washington and Seoul have") == true)
        // "Ünïcode" is written with letters English does not use, and becomes "Unicode".
        let changes = try #require(first["changes"] as? [[String: Any]])
        #expect(changes.first?["to"] as? String == "Unicode")
        let change = try #require(changes.first { $0["from"] as? String == "Seol" })
        let scalars = Array("Ünïcode first: Both Washington and Seol have issued a warning to Pyongyang.".unicodeScalars)
        let start = try #require(change["start"] as? Int)
        let end = try #require(change["end"] as? Int)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "Seol")
        #expect(change["from"] as? String == "Seol")
        #expect(change["to"] as? String == "Seoul")
        #expect(change["kind"] as? String == "misspelling")
        #expect(lines[1].contains(#""to": "Сеул""#))
        #expect(lines[2].hasPrefix(#"{"id": "bad", "error": "line 3: missing field \"text\""#))
    }

    @Test("--flag-only reports without replacing")
    func flagOnly() throws {
        let input = #"{"id": "x", "lang": "en", "text": "Both Washington and Seol met."}"# + "\n"
        let result = try CommandRunner.run(["names", "--batch", "--flag-only"], input: Data(input.utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(#""text": "Both Washington and Seol met.""#))
        #expect(result.standardOutput.contains(#""to": "Seoul""#))
    }

    @Test("A malformed desk gazetteer stops the run with file:line:column and exit 1")
    func malformedGazetteer() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("byline-desk-\(UUID().uuidString).tsv")
        try Data("desk:one\tperson\t50\tAnna Example=en\ndesk:two\tperson\tmany\tBob=en\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CommandRunner.run(["names", "-", "--lang", "en", "--gazetteer", file.path], input: Data("Seol".utf8))
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("\(file.path):2:17: the weight must be a whole number"))
    }

    @Test("An unknown language is matched with English forms and warned about")
    func unknownLanguage() throws {
        let result = try CommandRunner.run(["names", "-", "--lang", "xx"], input: Data("Both Washington and Seol met.".utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("Both Washington and Seoul met."))
        #expect(result.standardError.contains("warning: no names for language \"xx\""))
    }
}

@Suite("byline names output")
struct NamesOutputTests {
    @Test("The corrected text alone goes to standard output, so it pipes; the changes go to standard error")
    func pipeSafe() throws {
        let seed = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("seeds/000_e10f10481b35292a.txt"), encoding: .utf8)
        let result = try CommandRunner.run(["names", "seeds/000_e10f10481b35292a.txt", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.standardOutput == seed.replacingOccurrences(of: "Seol", with: "Seoul"))
        #expect(result.standardError.contains("seeds/000_e10f10481b35292a.txt:17:21: Seol → Seoul (misspelling"))
    }

    @Test("--changes writes the list of changes on standard output instead of the text")
    func changesOnly() throws {
        let result = try CommandRunner.run(["names", "-", "--lang", "en", "--changes"], input: Data("Both Washington and Seol met.".utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("-:1:21: Seol → Seoul (misspelling"))
        #expect(!result.standardOutput.contains("Both Washington"))
    }

    @Test("--explain says which rule kept a word that might have been a name, and a change below --min-confidence")
    func keptWords() throws {
        let text = "Both Washington and Seol met. Later Aristote spoke."
        let result = try CommandRunner.run(["names", "-", "--lang", "en", "--changes", "--explain", "--min-confidence", "0.95"], input: Data(text.utf8))
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("-:1:21: Seol kept (minimum-confidence): → Seoul at confidence 0.") && $0.contains("below 0.95") })
        #expect(lines.contains("-:1:37: Aristote kept (name-elsewhere): a name of the gazetteer as written"))
        // Ordinary words and known names are not listed as kept.
        #expect(!lines.contains { $0.contains("Later kept") || $0.contains("Washington kept") })
        // Without --explain nothing is said of them.
        let plain = try CommandRunner.run(["names", "-", "--lang", "en", "--changes", "--min-confidence", "0.95"], input: Data(text.utf8))
        #expect(!plain.standardOutput.contains("kept"))
        // In JSON, a "kept" list with offsets in scalars.
        let json = try CommandRunner.run(["names", "-", "--lang", "en", "--explain", "--format", "json"], input: Data(text.utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let kept = try #require(object["kept"] as? [[String: Any]])
        let aristote = try #require(kept.first { $0["text"] as? String == "Aristote" })
        #expect(aristote["start"] as? Int == 36)
        #expect(aristote["rule"] as? String == "name-elsewhere")
    }
}
