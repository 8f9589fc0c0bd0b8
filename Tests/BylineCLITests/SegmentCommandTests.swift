import BylineTestSupport
import Foundation
import Testing

@Suite("byline segment")
struct SegmentCommandTests {
    @Test("The seed report splits into its furniture lines and body sentences, one per row")
    func seedReport() throws {
        let result = try CommandRunner.run(["segment", "seeds/000_e10f10481b35292a.txt", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let rows = result.standardOutput.split(separator: "\n")
        #expect(rows.count == 16)
        #expect(rows.first?.hasSuffix("Photo TURAN") == true)
        // A quotation of two sentences stays whole with its attribution.
        #expect(rows.contains { $0.contains("“Putin has been throwing") && $0.hasSuffix("Blinken said.") })
        #expect(rows.contains { $0.contains("The U.S. has assessed the Russian military is suffering 1,200 casualties per day") })
        #expect(rows.last?.hasSuffix("News Line") == true)
    }

    @Test("--separate-datelines splits a dateline that ends in a dash from its lede")
    func separateDashDateline() throws {
        let text = "BAKU, Nov 1 (TURAN) — The talks resumed on Friday. Both sides spoke."
        func texts(_ arguments: [String]) throws -> [String] {
            let result = try CommandRunner.run(["segment", "-", "--lang", "en", "--format", "json"] + arguments, input: Data(text.utf8))
            #expect(result.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            let sentences = try #require(object["sentences"] as? [[String: Any]])
            return sentences.compactMap { $0["text"] as? String }
        }
        #expect(try texts(["--separate-datelines"]) == ["BAKU, Nov 1 (TURAN) —", "The talks resumed on Friday.", "Both sides spoke."])
        #expect(try texts([]) == ["BAKU, Nov 1 (TURAN) — The talks resumed on Friday.", "Both sides spoke."])
    }

    @Test("JSON output carries scalar offsets that slice the input")
    func jsonOffsets() throws {
        let text = "Bakı, 5 mart. Prezident fərman imzalayıb. Sənəd qüvvəyə minir."
        let result = try CommandRunner.run(["segment", "-", "--lang", "az", "--format", "json", "--words"], input: Data(text.utf8))
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        let scalars = Array(text.unicodeScalars)
        #expect(sentences.count == 2)
        for sentence in sentences {
            let start = try #require(sentence["start"] as? Int)
            let end = try #require(sentence["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == sentence["text"] as? String)
            let words = try #require(sentence["words"] as? [[String: Any]])
            for word in words {
                let wordStart = try #require(word["start"] as? Int)
                let wordEnd = try #require(word["end"] as? Int)
                #expect(String(String.UnicodeScalarView(scalars[wordStart..<wordEnd])) == word["text"] as? String)
            }
        }
    }

    @Test("Batch mode answers every line in order, reporting bad lines and exiting 1")
    func batch() throws {
        let input = """
            {"id": "a", "lang": "en", "text": "Hello World. My name is Jonas."}
            this is not json
            {"id": 7, "lang": "ru"}
            {"id": "b", "text": "Один. Два."}

            """
        let result = try CommandRunner.run(["segment", "--batch", "--lang", "ru"], input: Data(input.utf8))
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == #"{"id": "a", "sentences": [{"text": "Hello World.", "start": 0, "end": 12}, {"text": "My name is Jonas.", "start": 13, "end": 30}]}"#)
        #expect(lines[1].hasPrefix(#"{"id": null, "error": "line 2: "#))
        #expect(lines[2] == #"{"id": 7, "error": "line 3: missing field \"text\""}"#)
        #expect(lines[3].contains(#""text": "Два.", "start": 6, "end": 10"#))
    }

    @Test("Malformed batch lines get an error naming the line and column; ids of any JSON type are echoed", arguments: [
        (#"{"id": 1, "text": "unterminated}"#, #"{"id": null, "error": "line 1: not valid JSON at column 33: unterminated string"}"#),
        (#"{"id": 2, "text": "ok"} trailing"#, #"{"id": null, "error": "line 1: not valid JSON at column 25: unexpected text after the JSON object"}"#),
        (#"[1, 2]"#, #"{"id": null, "error": "line 1: not valid JSON at column 1: not a JSON object"}"#),
        (#"{"id": {"doc": [1, 2]}, "text": 5}"#, #"{"id": {"doc": [1, 2]}, "error": "line 1: field \"text\" must be a string"}"#),
    ])
    func malformedBatchLines(line: String, expected: String) throws {
        let result = try CommandRunner.run(["segment", "--batch", "--lang", "en"], input: Data((line + "\n").utf8))
        #expect(result.status == 1)
        #expect(result.standardOutput == expected + "\n")
    }

    @Test("JSON escapes, including surrogate pairs, decode to the scalars that offsets count")
    func escapes() throws {
        let line = #"{"id": "e", "lang": "en", "text": "Tab\there \ud83c\udde6\ud83c\uddff flag. \"Quoted\" next."}"#
        let result = try CommandRunner.run(["segment", "--batch"], input: Data((line + "\n").utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(#"{"text": "Tab\there 🇦🇿 flag.", "start": 0, "end": 17}"#))
        #expect(result.standardOutput.contains(#"{"text": "\"Quoted\" next.", "start": 18, "end": 32}"#))
    }

    @Test("Invalid UTF-8 names the file, line, column and byte offset, and prints nothing else")
    func invalidUTF8() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("byline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.txt")
        try Data(Array("Первая строка.\nВторая ".utf8) + [0xC0, 0x20] + Array("ok.".utf8)).write(to: file)
        let result = try CommandRunner.run(["segment", file.path, "--lang", "ru"])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("\(file.path):2:8: invalid UTF-8 at byte offset 40"))

        let lossy = try CommandRunner.run(["segment", file.path, "--lang", "ru", "--lossy"])
        #expect(lossy.status == 0)
        #expect(lossy.standardError.contains("\(file.path):2:8: invalid UTF-8 at byte offset 40 replaced"))
        #expect(lossy.standardOutput.contains("Вторая \u{FFFD} ok."))
    }

    @Test("A missing file is an error naming it")
    func missingFile() throws {
        let result = try CommandRunner.run(["segment", "no/such/report.txt", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.standardError == "no/such/report.txt: cannot read: no such file\n")
    }

    @Test("An empty file has no sentences and succeeds")
    func emptyInput() throws {
        let result = try CommandRunner.run(["segment", "-", "--lang", "en", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "{\"language\": \"en\", \"sentences\": []}\n")
    }

    @Test("An unknown language tag warns and falls back to root rules")
    func unknownLanguage() throws {
        let result = try CommandRunner.run(["segment", "-", "--lang", "xx"], input: Data("One. Two.".utf8))
        #expect(result.status == 0)
        #expect(result.standardError.contains("warning: language \"xx\" is not known to ICU"))
        #expect(result.standardOutput.split(separator: "\n").count == 2)
    }

    @Test("A usage error exits with status 64")
    func usageError() throws {
        let result = try CommandRunner.run(["segment", "--format", "yaml"])
        #expect(result.status == 64)
    }
}
