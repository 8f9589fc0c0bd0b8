import BylineNormalize
import BylineText
import Testing

@Suite("Edit maps")
struct EditMapTests {
    @Test("A range through a replaced region widens to the whole region")
    func widening() {
        // "Ã©t" → "ét": bytes 0..<4 became 0..<2.
        let map = EditMap(source: "Ã©t", output: "ét", edits: [.init(source: 0..<4, output: 0..<2)])
        #expect(map.sourceUTF8Range(ofOutput: 0..<1) == 0..<4)
        #expect(map.sourceUTF8Range(ofOutput: 2..<3) == 4..<5)
        #expect(map.outputUTF8Range(ofSource: 1..<2) == 0..<2)
        let output = map.output
        let first = output.startIndex..<output.index(after: output.startIndex)
        #expect(map.source[map.sourceRange(of: first)] == "Ã©")
    }

    @Test("Deletions at the ends of a range stay outside it")
    func deletions() {
        // "a\u{200B}b" → "ab": byte 1..<4 deleted.
        let map = EditMap(source: "a\u{200B}b", output: "ab", edits: [.init(source: 1..<4, output: 1..<1)])
        #expect(map.sourceUTF8Range(ofOutput: 0..<1) == 0..<1)
        #expect(map.sourceUTF8Range(ofOutput: 1..<2) == 4..<5)
        #expect(map.sourceUTF8Range(ofOutput: 0..<2) == 0..<5)
    }

    @Test("Composed maps lead from the first source to the last output")
    func composition() throws {
        let normalizer = TextNormalizer()
        let input = "doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t"
        let result = try normalizer.normalize(input, operation: .fix, language: "en")
        #expect(result.text == "doesn’t")
        let change = try #require(result.changes.first)
        #expect(result.changes.count == 1)
        #expect(input[change.range] == "ÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢")
        #expect(change.replacement == "’")
    }
}
