import BylineTestSupport
import Foundation
import Testing

@Suite("byline summarize")
struct SummarizeCommandTests {
    @Test("The seed report's three-sentence summary is body text carrying the troop and casualty numbers")
    func seedSummary() throws {
        let result = try CommandRunner.run(["summarize", "seeds/000_e10f10481b35292a.txt", "--lang", "en", "--sentences", "3"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].contains("8,000 North Korean troops"))
        #expect(lines[1].contains("10,000 North Koreans"))
        #expect(lines[2].contains("1,200 casualties per day"))
        for furniture in ["Photo TURAN", "Leave a review", "Politics", "Follow us on social networks", "News Line"] {
            #expect(!lines.contains(furniture))
        }
    }

    @Test("--explain lists every feature column and every excluded line with its reason")
    func explainText() throws {
        let result = try CommandRunner.run(["summarize", "seeds/000_e10f10481b35292a.txt", "--lang", "en", "--explain"])
        #expect(result.status == 0)
        let output = result.standardOutput
        for column in ["position", "centrality", "entities", "numbers", "brevity", "length", "total"] {
            #expect(output.contains(column))
        }
        let excluded = try #require(output.components(separatedBy: "\nexcluded:\n").last)
        let rows = excluded.split(separator: "\n").map(String.init)
        #expect(rows.count == 6)
        #expect(rows[0].contains("photo-credit") && rows[0].hasSuffix("Photo TURAN"))
        #expect(rows.contains { $0.contains("call-to-action") && $0.hasSuffix("Leave a review") })
        #expect(rows.contains { $0.contains("call-to-action") && $0.hasSuffix("Follow us on social networks") })
    }

    @Test("Batch mode answers in order with exact scalar slices; n overrides --sentences; bad lines exit 1")
    func batch() throws {
        let article = "Фото: ТАСС\n\nМОСКВА, 12 марта. Банк повысил ставку до 16%.\nИнфляция достигла 7,7% в феврале, сообщил регулятор.\nСледующее заседание пройдёт 26 апреля.\n"
        let requests: [[String: Any]] = [
            ["id": "ru", "lang": "ru", "article": article, "n": 2],
            ["id": 7, "lang": "en"],
            ["id": "all", "lang": "ru", "article": article],
        ]
        var input = ""
        for request in requests {
            input += String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self) + "\n"
        }
        let result = try CommandRunner.run(["summarize", "--batch", "--sentences", "5", "--explain"], input: Data(input.utf8))
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1] == #"{"id": 7, "error": "line 2: missing field \"text\""}"#)
        let scalars = Array(article.unicodeScalars)
        for (line, expectedCount) in [(lines[0], 2), (lines[2], 3)] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let sentences = try #require(object["sentences"] as? [[String: Any]])
            #expect(sentences.count == expectedCount)
            var slices: [String] = []
            for sentence in sentences {
                let start = try #require(sentence["start"] as? Int)
                let end = try #require(sentence["end"] as? Int)
                slices.append(String(String.UnicodeScalarView(scalars[start..<end])))
            }
            #expect(object["summary"] as? String == slices.joined(separator: "\n"))
            let explain = try #require(object["explain"] as? [String: Any])
            let excluded = try #require(explain["excluded"] as? [[String: Any]])
            #expect(excluded.first?["text"] as? String == "Фото: ТАСС")
        }
    }

    @Test("JSON output carries the explanation's features with value, weight and contribution")
    func explainJSON() throws {
        let result = try CommandRunner.run(["summarize", "seeds/000_e10f10481b35292a.txt", "--lang", "en", "--format", "json", "--explain"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let explain = try #require(object["explain"] as? [String: Any])
        let candidates = try #require(explain["candidates"] as? [[String: Any]])
        let features = try #require(candidates.first?["features"] as? [String: [String: Double]])
        #expect(Set(features.keys) == ["position", "centrality", "uptake", "repetition", "entities", "numbers", "brevity", "length", "unterminated"])
        #expect(features["position"]?["value"] == 1)
        // Cased copy is ranked without uptake and repetition, and the explanation says so.
        #expect(features["uptake"]?["weight"] == 0)
        #expect(features["repetition"]?["contribution"] == 0)
        #expect(explain["capitalisation"] as? Bool == true)
    }

    @Test("An unknown weight name is a usage error")
    func unknownWeight() throws {
        let result = try CommandRunner.run(["summarize", "-", "--weight", "charm=2"], input: Data("Text.".utf8))
        #expect(result.status == 64)
        #expect(result.standardError.contains("charm=2"))
    }
}
