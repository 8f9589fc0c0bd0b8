import BylineTestSupport
import Foundation
import Testing

@Suite("byline bench")
struct BenchCommandTests {
    @Test("Every bench over texts takes a plain text file and reports JSON with the same options", arguments: [
        ["bench", "segment"], ["bench", "normalize", "--op", "fold"], ["bench", "names"], ["bench", "summarize"],
    ])
    func plainText(arguments: [String]) throws {
        let result = try CommandRunner.run(
            arguments + ["seeds/000_e10f10481b35292a.txt", "--lang", "en", "--repeats", "1", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect((object["bytes"] as? Int ?? 0) > 2_000)
    }

    @Test("An unknown --op or --format value is a usage error that lists the values there are", arguments: [
        (["bench", "normalize", "seeds/000_e10f10481b35292a.txt", "--op", "shout"], "strip_accents"),
        (["bench", "summarize", "seeds/000_e10f10481b35292a.txt", "--format", "jsonl"], "json"),
        (["segment", "seeds/000_e10f10481b35292a.txt", "--format", "xml"], "jsonl"),
        (["summarize", "seeds/000_e10f10481b35292a.txt", "--format", "jsonl"], "json"),
        (["tm", "stats", "--format", "csv"], "json"),
    ])
    func enumeratedValues(arguments: [String], listed: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains("is invalid for '--"), "\(result.standardError)")
        #expect(result.standardError.contains("'\(listed)'") || result.standardError.contains("- \(listed)"),
                "\(result.standardError)")
    }

    @Test("Help lists the values of --op and --format", arguments: [
        (["normalize", "--help"], "(values: nfc, nfd, nfkc, nfkd, nfkc_casefold, fix, fold, lower, upper, title, casefold, latin, strip_accents, confusables)"),
        (["segment", "--help"], "(values: text, json, jsonl;"),
        (["bench", "summarize", "--help"], "(values: text, json;"),
    ])
    func helpListsValues(arguments: [String], expected: String) throws {
        let result = try CommandRunner.run(arguments, environment: ["COLUMNS": "400"])
        #expect(result.status == 0)
        let flattened = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flattened.contains(expected), "\(result.standardOutput)")
    }

    @Test("The tm overview names every subcommand")
    func tmOverview() throws {
        let result = try CommandRunner.run(["tm", "--help"])
        #expect(result.status == 0)
        let overview = try #require(result.standardOutput.components(separatedBy: "SUBCOMMANDS:").first)
        let flattened = overview.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for name in ["import", "export", "lookup", "analyze", "concordance", "stats"] {
            #expect(flattened.contains("\(name) "), "\(name) missing from: \(flattened)")
        }
    }
}
