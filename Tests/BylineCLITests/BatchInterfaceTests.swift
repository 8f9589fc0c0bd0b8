import BylineTestSupport
import Foundation
import Testing

/// The batch commands that need nothing but the built binary and its data.
private let batchCommands: [[String]] = [
    ["segment", "--batch", "--lang", "en"],
    ["normalize", "--batch", "--op", "nfc"],
    ["names", "--batch", "--lang", "en"],
    ["summarize", "--batch", "--lang", "en"],
]

private func replies(_ arguments: [String], _ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws
    -> (status: Int32, lines: [String])
{
    let result = try CommandRunner.run(arguments, input: Data(input))
    #expect(result.standardError.isEmpty || result.standardError.hasPrefix("warning:"), "\(result.standardError)",
            sourceLocation: sourceLocation)
    return (result.status, result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init))
}

@Suite("Batch interface")
struct BatchInterfaceTests {
    @Test("Every batch command echoes an id of any JSON type unchanged", arguments: batchCommands)
    func idsOfAnyType(arguments: [String]) throws {
        let ids = [#"[1, 2]"#, #"{"doc": "a", "part": [3, null]}"#, "3.50", "-7", "true", "null", #""r-1""#]
        let input = ids.map { #"{"id": \#($0), "text": "Both Washington and Seol have issued a warning."}"# }
            .joined(separator: "\n") + "\n"
        let (status, lines) = try replies(arguments, Array(input.utf8))
        #expect(status == 0)
        #expect(lines.count == ids.count)
        for (line, id) in zip(lines, ids) {
            #expect(line.hasPrefix(#"{"id": \#(id), "#), "\(line)")
            #expect(!line.contains(#""error""#), "\(line)")
        }
    }

    @Test("summarize takes the report under text, and under article as the evaluation sets name it")
    func summarizeText() throws {
        let report = "Troops crossed the river on Monday. Officials said 1,200 people fled. Talks resume on Friday."
        for key in ["text", "article"] {
            let line = #"{"id": 1, "lang": "en", "n": 1, "\#(key)": "\#(report)"}"# + "\n"
            let (status, lines) = try replies(["summarize", "--batch"], Array(line.utf8))
            #expect(status == 0)
            #expect(lines.count == 1)
            #expect(lines.first?.contains(#""summary": "#) == true, "\(lines)")
        }
        let (status, lines) = try replies(["summarize", "--batch"], Array(#"{"id": 2, "lang": "en"}"#.utf8) + [0x0A])
        #expect(status == 1)
        #expect(lines == [#"{"id": 2, "error": "line 1: missing field \"text\""}"#])
    }

    @Test("A blank line gets an error reply naming its line, and the lines after it are answered", arguments: batchCommands)
    func blankLine(arguments: [String]) throws {
        let input = "{\"id\": 1, \"text\": \"One. Two.\"}\n\n  \r\n{\"id\": 4, \"text\": \"Three.\"}\n"
        let (status, lines) = try replies(arguments, Array(input.utf8))
        #expect(status == 1)
        #expect(lines.count == 4)
        #expect(lines[1] == #"{"id": null, "error": "line 2: blank line; expected a JSON object"}"#)
        #expect(lines[2] == #"{"id": null, "error": "line 3: blank line; expected a JSON object"}"#)
        #expect(lines[3].hasPrefix(#"{"id": 4, "#) && !lines[3].contains("error"))
    }

    @Test("Invalid UTF-8 inside a line is an error for that line, at its column in scalars", arguments: batchCommands)
    func invalidUTF8(arguments: [String]) throws {
        // The bad byte follows 26 scalars of a line that has Cyrillic before it.
        let prefix = Array(#"{"id": "u", "text": "Сеул "#.utf8)
        let line = prefix + [0xFF] + Array(#"x"}"#.utf8) + [0x0A] + Array(#"{"id": "v", "text": "Fine."}"#.utf8) + [0x0A]
        let (status, lines) = try replies(arguments, line)
        #expect(status == 1)
        #expect(lines.count == 2)
        #expect(lines.first == #"{"id": "u", "error": "line 1: invalid UTF-8 at column 27 (byte 31 of the line)"}"#)
        #expect(lines.last?.hasPrefix(#"{"id": "v", "#) == true && lines.last?.contains("error") == false)
    }

    @Test("A malformed line's column counts Unicode scalars, not bytes", arguments: batchCommands)
    func jsonErrorColumn(arguments: [String]) throws {
        let line = #"{"id": "c", "text": "Сеул — Пхеньян" x}"# + "\n"
        let (status, lines) = try replies(arguments, Array(line.utf8))
        #expect(status == 1)
        #expect(lines == [#"{"id": null, "error": "line 1: not valid JSON at column 38: expected ',' or '}'"}"#])
    }

    @Test("A number outside JSON's grammar is an error, so an echoed id is always JSON", arguments: [
        (#"{"id": +1, "text": "x"}"#, "column 8: expected a value"),
        (#"{"id": 01, "text": "x"}"#, "column 9: expected ',' or '}'"),
        (#"{"id": 1., "text": "x"}"#, "column 10: expected a digit after the decimal point"),
        (#"{"id": -2e, "text": "x"}"#, "column 11: expected a digit in the exponent"),
    ])
    func strictNumbers(line: String, expected: String) throws {
        let (status, lines) = try replies(
            ["segment", "--batch", "--lang", "en"], Array((line + "\n" + #"{"id": -0.5e+3, "text": "x"}"#).utf8))
        #expect(status == 1)
        #expect(lines.first == #"{"id": null, "error": "line 1: not valid JSON at \#(expected)"}"#)
        #expect(lines.last?.hasPrefix(#"{"id": -0.5e+3, "sentences""#) == true)
    }

    @Test("A line longer than --max-line-bytes gets an error reply and the run goes on", arguments: batchCommands)
    func lineTooLong(arguments: [String]) throws {
        let long = #"{"id": 1, "text": ""# + String(repeating: "Word. ", count: 50) + #""}"#
        let input = long + "\n" + #"{"id": 2, "text": "Short."}"# + "\n" + long
        let (status, lines) = try replies(arguments + ["--max-line-bytes", "200"], Array(input.utf8))
        #expect(status == 1)
        #expect(lines.count == 3)
        let expected = #"{"id": null, "error": "line 1: the line has \#(long.utf8.count) bytes, more than --max-line-bytes allows (200); skipped"}"#
        #expect(lines[0] == expected)
        #expect(lines[1].hasPrefix(#"{"id": 2, "#) && !lines[1].contains("error"))
        #expect(lines[2] == expected.replacingOccurrences(of: "line 1", with: "line 3"))
    }

    @Test("A line of several megabytes arriving in many reads is answered whole")
    func longLine() throws {
        let sentence = "Сеул объявил о новых мерах. "
        let count = 120_000
        let text = String(repeating: sentence, count: count)
        let input = #"{"id": "big", "lang": "ru", "text": "\#(text)"}"# + "\n" + #"{"id": "next", "lang": "en", "text": "A."}"#
        let result = try CommandRunner.run(["segment", "--batch"], input: Data(input.utf8))
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        #expect(sentences.count == count)
        #expect(sentences.last?["end"] as? Int == text.unicodeScalars.count - 1)
        #expect(lines[1].hasPrefix(#"{"id": "next", "#))
    }
}
