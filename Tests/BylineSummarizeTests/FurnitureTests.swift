import BylineSummarize
import BylineText
import Testing

@Suite("Page furniture")
struct FurnitureTests {
    @Test("Furniture lines are excluded and never picked, in every desk language", arguments: [
        ("en", "Photo TURAN", "Follow us on social networks"),
        ("en", "SCROLL DOWN FOR VIDEO", "Read more about the talks"),
        ("en", "Politics", "Share this article"),
        ("ru", "Фото: ТАСС", "Подписывайтесь на наш канал в Telegram"),
        ("az", "Foto: APA", "Bizi sosial şəbəkələrdə izləyin"),
        ("tr", "Fotoğraf: AA", "Bizi takip edin"),
    ])
    func furnitureExcluded(language: LanguageTag, credit: String, callToAction: String) throws {
        let body = [
            "The first body sentence names the minister and the 3,000 workers who will lose their jobs.",
            "A second sentence adds that the plant in the north of the country closes in March.",
            "A third sentence quotes the union, which says it will strike on Monday.",
        ]
        let text = ([credit, ""] + body + ["", callToAction, "", "Leave a review", ""]).joined(separator: "\n")
        let summary = try summarize(text, language: language, length: .sentences(10))
        let picked = pickedTexts(summary, in: text)
        let excluded = excludedTexts(summary, in: text)
        #expect(picked == body)
        #expect(excluded.contains(credit))
        #expect(excluded.contains(callToAction))
        #expect(excluded.contains("Leave a review"))
    }

    @Test("A short line without final punctuation is furniture; a short sentence is not")
    func shortLines() throws {
        let text = "Kursk region\n\nTroops arrived.\n\nThe ministry confirmed that 8,000 soldiers had crossed the border on Tuesday.\n"
        let summary = try summarize(text, language: "en", length: .sentences(5))
        #expect(excludedTexts(summary, in: text) == ["Kursk region"])
        #expect(pickedTexts(summary, in: text).contains("Troops arrived."))
    }

    @Test("A repeated line is listed once as repeated and picked at most once")
    func repeatedLines() throws {
        let line = "The talks resumed in Geneva on Monday after a break of six weeks, officials said."
        let text = "\(line)\n\nDelegations from both sides attended the first session of the new round.\n\n\(line)\n"
        let summary = try summarize(text, language: "en", length: .sentences(3))
        #expect(summary.picks.count == 2)
        #expect(summary.excluded.map(\.reason) == [.repeatedLine])
    }

    @Test("Patterns built as values match by words, whole lines and length limits")
    func patternsAsValues() {
        let rules = FurnitureRules(patterns: [
            FurniturePattern(kind: "photo-credit", match: .prefix, phrase: ["photo"], maximumWords: 5),
            FurniturePattern(kind: "section-label", match: .line, phrase: ["politics"]),
        ])
        #expect(rules.match(words: ["photo", "turan"])?.kind == "photo-credit")
        #expect(rules.match(words: ["photos", "of", "the", "flood"]) == nil)
        #expect(rules.match(words: ["photo", "of", "the", "flood", "in", "baku", "shows"]) == nil)
        #expect(rules.match(words: ["politics"])?.kind == "section-label")
        #expect(rules.match(words: ["politics", "matters"]) == nil)
    }
}
