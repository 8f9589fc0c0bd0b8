import BylineTM
import BylineText
import Testing

/// What a fuzzy match writes when the query's numbers differ from the stored source's.
@Suite("Numbers in the target language's own form")
struct NumberPlaceablesTests {
    /// Query numbers as an English desk writes them, in the order of `expected` below.
    static let englishQueries = ["1,500", "2,300,000", "14.5", "2024", "12"]

    /// The same numbers as each language writes them (CLDR: NO-BREAK SPACE groups in ru, kk
    /// and uk, NARROW NO-BREAK SPACE in fr; Spanish leaves four digits ungrouped), a year
    /// never grouped.
    static let languages: [(language: String, sentence: String, numbers: [String])] = [
        ("ru", "Около NUMBER военных прибыли.", ["1\u{A0}500", "2\u{A0}300\u{A0}000", "14,5", "2024", "12"]),
        ("de", "Etwa NUMBER Soldaten kamen an.", ["1.500", "2.300.000", "14,5", "2024", "12"]),
        ("tr", "Yaklaşık NUMBER asker geldi.", ["1.500", "2.300.000", "14,5", "2024", "12"]),
        ("az", "Təxminən NUMBER hərbçi gəldi.", ["1.500", "2.300.000", "14,5", "2024", "12"]),
        ("fr", "Environ NUMBER soldats sont arrivés.", ["1\u{202F}500", "2\u{202F}300\u{202F}000", "14,5", "2024", "12"]),
        ("es", "Llegaron unos NUMBER soldados.", ["1500", "2.300.000", "14,5", "2024", "12"]),
        ("kk", "Шамамен NUMBER әскер келді.", ["1\u{A0}500", "2\u{A0}300\u{A0}000", "14,5", "2024", "12"]),
        ("uk", "Близько NUMBER військових прибули.", ["1\u{A0}500", "2\u{A0}300\u{A0}000", "14,5", "2024", "12"]),
    ]

    static let english = "About NUMBER troops arrived."

    private func sentence(_ template: String, _ number: String) -> String {
        template.replacingOccurrences(of: "NUMBER", with: number)
    }

    @Test("Integers, thousands, millions, decimals and years go into the target language's form", arguments: languages)
    func intoLanguage(language: String, template: String, numbers: [String]) async throws {
        let scratch = try Scratch()
        // The stored target's `800` shows no grouping or decimal style of its own.
        let store = try await memory(pair(sentence(Self.english, "800"), sentence(template, "800"), language: language), in: scratch, kind: .sqlite)
        for (query, expected) in zip(Self.englishQueries, numbers) {
            let top = try #require(
                try await store.matches(
                    for: sentence(Self.english, query), from: "en", to: LanguageTag(language), options: LookupOptions()
                ).first, "\(language) \(query)")
            #expect(top.repaired, "\(language) \(query)")
            #expect(top.target == sentence(template, expected), "\(language) \(query)")
        }
    }

    @Test("Numbers written the language's way come back into English written the English way", arguments: languages)
    func backIntoEnglish(language: String, template: String, numbers: [String]) async throws {
        let scratch = try Scratch()
        let unit = "<tu><tuv xml:lang=\"\(language)\"><seg>\(sentence(template, "800"))</seg></tuv>"
            + "<tuv xml:lang=\"en\"><seg>\(sentence(Self.english, "800"))</seg></tuv></tu>"
        let store = try await memory(unit, in: scratch, kind: .sqlite)
        for (query, expected) in zip(numbers, Self.englishQueries) {
            let top = try #require(
                try await store.matches(
                    for: sentence(template, query), from: LanguageTag(language), to: "en", options: LookupOptions()
                ).first, "\(language) \(query)")
            #expect(top.target == sentence(Self.english, expected), "\(language) \(query)")
        }
    }

    @Test("The stored target's own style wins when it shows one", arguments: [
        // Grouped with a plain space, the target's habit, not CLDR's no-break space.
        ("ru", "About 8,000 troops.", "Около 8 000 военных.", "About 12,500 troops.", "Около 12 500 военных."),
        // An English-style comma in German copy stays a comma.
        ("de", "About 8,000 troops.", "Etwa 8,000 Soldaten.", "About 9,500 troops.", "Etwa 9,500 Soldaten."),
        // A four-digit number left ungrouped: four digits stay ungrouped, five are grouped.
        ("az", "About 8,000 troops.", "Təxminən 8000 hərbçi.", "About 9,500 troops.", "Təxminən 9500 hərbçi."),
        ("az", "About 8,000 troops.", "Təxminən 8000 hərbçi.", "About 95,000 troops.", "Təxminən 95.000 hərbçi."),
        // A five-digit number left ungrouped: the target does not group at all.
        ("tr", "About 18,000 troops.", "Yaklaşık 18000 asker.", "About 19,500 troops.", "Yaklaşık 19500 asker."),
    ])
    func storedStyle(language: String, storedSource: String, storedTarget: String, query: String, expected: String) async throws {
        let scratch = try Scratch()
        let store = try await memory(pair(storedSource, storedTarget, language: language), in: scratch, kind: .sqlite)
        let top = try #require(
            try await store.matches(for: query, from: "en", to: LanguageTag(language), options: LookupOptions()).first)
        #expect(top.target == expected)
    }

    @Test("The source's number of decimals is kept", arguments: [
        ("14.50", "ru", "14,50"), ("3.125", "de", "3,125"), ("0.5", "fr", "0,5"), ("1,234.05", "tr", "1.234,05"),
    ])
    func decimals(query: String, language: String, expected: String) {
        let result = Placeables.substitute(
            [(query: query, source: "7.25")], in: "… 7,25 …", sourceLanguage: "en", targetLanguage: LanguageTag(language))
        #expect(result == "… \(expected) …")
    }

    @Test("A year is never grouped, a quantity of four digits is, in the language's way")
    func years() {
        let target = "В 2019 году прибыли 800 военных."
        let year = Placeables.substitute(
            [(query: "2024", source: "2019"), (query: "1,500", source: "800")], in: target, sourceLanguage: "en",
            targetLanguage: "ru")
        #expect(year == "В 2024 году прибыли 1\u{A0}500 военных.")
        // In Spanish four digits are not grouped, so a 1500 written there is a quantity:
        // English groups it; 2024 reads as a year.
        let spanish = Placeables.substitute(
            [(query: "1500", source: "800"), (query: "2024", source: "2019")], in: "800 soldiers in 2019.",
            sourceLanguage: "es", targetLanguage: "en")
        #expect(spanish == "1,500 soldiers in 2024.")
    }

    @Test("A number inside a longer one or in a word is not replaced")
    func boundaries() {
        #expect(
            Placeables.substitute([(query: "9", source: "8")], in: "A320 flew route 18 and route 8.", sourceLanguage: "en", targetLanguage: "ru")
                == "A320 flew route 18 and route 9.")
        #expect(Placeables.substitute([(query: "9", source: "8")], in: "Route 18 only.", sourceLanguage: "en", targetLanguage: "ru") == nil)
    }

    @Test("ICU's conventions per language: separators and minimum grouping digits")
    func conventions() {
        #expect(NumberConventions.of("ru").groupingSeparator == "\u{A0}")
        #expect(NumberConventions.of("fr").groupingSeparator == "\u{202F}")
        #expect(NumberConventions.of("de").decimalSeparator == ",")
        #expect(NumberConventions.of("en").decimalSeparator == ".")
        #expect(!NumberConventions.of("es").groupsFourDigits)
        #expect(NumberConventions.of("tr").groupsFourDigits)
    }
}
