import BylineTestSupport
import Foundation
import Testing

@Suite("byline normalize")
struct NormalizeCommandTests {
    @Test("The normalized text goes to standard output, nothing else")
    func plainOutput() throws {
        let result = try CommandRunner.run(["normalize", "-", "--op", "lower", "--lang", "tr"], input: Data("İSTANBUL".utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput == "istanbul")
        #expect(result.standardError.isEmpty)
    }

    @Test("--changes reports each change with scalar offsets into the input")
    func changes() throws {
        let input = "Ä°stanbul, Ä°zmir"
        let result = try CommandRunner.run(["normalize", "-", "--op", "fix", "--lang", "tr", "--changes"], input: Data(input.utf8))
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "İstanbul, İzmir")
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 2)
        let scalars = Array(input.unicodeScalars)
        let start = try #require(changes.first?["start"] as? Int)
        let end = try #require(changes.first?["end"] as? Int)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "Ä°")
        #expect(changes.first?["to"] as? String == "İ")
        #expect(changes.first?["kind"] as? String == "mojibake")
    }

    @Test("Batch mode answers every line in order; a line's op and lang override the flags")
    func batch() throws {
        let input = """
            {"id": "x", "lang": "tr", "op": "lower", "text": "İSTANBUL"}
            {"id": 2, "text": "Straße"}
            {"id": "bad", "op": "shout", "text": "hi"}
            {"id": "lang", "lang": "xx", "text": "hi"}
            not json
            {"id": "c", "lang": "ru", "op": "fix", "text": "РґРѕСЂРѕРіРµ"}

            """
        let result = try CommandRunner.run(["normalize", "--batch", "--op", "upper", "--lang", "de"], input: Data(input.utf8))
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0] == #"{"id": "x", "text": "istanbul"}"#)
        #expect(lines[1] == #"{"id": 2, "text": "STRASSE"}"#)
        #expect(lines[2].hasPrefix(#"{"id": "bad", "error": "line 3: unknown op \"shout\" (expected one of nfc, nfd, nfkc"#))
        #expect(lines[3].hasPrefix(#"{"id": "lang", "error": "line 4: unknown language \"xx\""#))
        #expect(lines[4].hasPrefix(#"{"id": null, "error": "line 5: "#))
        #expect(lines[5] == #"{"id": "c", "text": "дороге"}"#)
    }

    @Test("Batch --changes adds the changes array")
    func batchChanges() throws {
        let input = #"{"id": "f", "lang": "en", "op": "fix", "text": "a\u200bb"}"# + "\n"
        let result = try CommandRunner.run(["normalize", "--batch", "--changes"], input: Data(input.utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput == #"{"id": "f", "text": "ab", "changes": [{"start": 1, "end": 2, "from": "\#u{200B}", "to": "", "kind": "invisible"}]}"# + "\n")
    }

    @Test("Invalid UTF-8 names the file, line and column, and prints nothing on standard output")
    func invalidUTF8() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("byline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.txt")
        try Data(Array("Bakı\nQəbələ ".utf8) + [0xFF] + Array("x".utf8)).write(to: file)
        let result = try CommandRunner.run(["normalize", file.path, "--op", "fix", "--lang", "az"])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("\(file.path):2:8: invalid UTF-8"))
    }

    @Test("An unknown op or language on the command line is a usage error", arguments: [
        ["normalize", "-", "--op", "shout"],
        ["normalize", "-", "--op", "lower", "--lang", "xx"],
        ["normalize", "-"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments, input: Data("text".utf8))
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("is invalid for '--op") || result.standardError.contains("unknown") || result.standardError.contains("missing --op"))
    }
}
