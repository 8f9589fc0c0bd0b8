import BylineTM
import BylineTMX
import BylineText
import Foundation
import Testing

func pair(_ english: String, _ other: String, language: String = "ru", attributes: String = "") -> String {
    "<tu\(attributes)><tuv xml:lang=\"en\"><seg>\(english)</seg></tuv><tuv xml:lang=\"\(language)\"><seg>\(other)</seg></tuv></tu>"
}

@Suite("TM lookup")
struct LookupTests {
    static let units = [
        pair("About 8,000 North Korean troops are in Kursk.", "Около 8\u{A0}000 северокорейских военных находятся в Курске."),
        pair("The talks resumed on Friday.", "Переговоры возобновились в пятницу."),
        pair("The meat stays good in cold weather.", "Мясо не портится в холодную погоду."),
        pair("Both Washington and Seoul have issued a warning.", "Вашингтон и Сеул выступили с предупреждением."),
    ].joined(separator: "\n")

    @Test("An exact match scores 100, white space aside, without fuzzy work", arguments: StoreKind.allCases)
    func exact(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await memory(Self.units, in: scratch, kind: kind)
        let matches = try await store.matches(for: "  The talks   resumed on Friday. ", from: "en", to: "ru", options: LookupOptions())
        #expect(matches.count == 1)
        #expect(matches.first?.score == 100)
        #expect(matches.first?.kind == .exact)
        #expect(matches.first?.target == "Переговоры возобновились в пятницу.")
    }

    @Test("A near duplicate is found with a percentage below 100", arguments: [
        ("This meat stays good in cold weather.", "The meat stays good in cold weather.", 85.0...99.9),
        ("The talks resumed on Saturday.", "The talks resumed on Friday.", 75.0...95.0),
        ("the talks resumed on friday.", "The talks resumed on Friday.", 98.0...99.9),
        ("The talks resumed on Friday", "The talks resumed on Friday.", 90.0...99.9),
    ] as [(String, String, ClosedRange<Double>)])
    func fuzzy(query: String, expected: String, range: ClosedRange<Double>) async throws {
        for kind in try StoreKind.available() { try await fuzzy(kind: kind, query: query, expected: expected, range: range) }
    }

    private func fuzzy(kind: StoreKind, query: String, expected: String, range: ClosedRange<Double>) async throws {
        let scratch = try Scratch()
        let store = try await memory(Self.units, in: scratch, kind: kind)
        let top = try #require(try await store.matches(for: query, from: "en", to: "ru", options: LookupOptions()).first)
        #expect(top.source == expected)
        #expect(top.kind == .fuzzy)
        #expect(range.contains(top.score), "\(top.score)")
    }

    @Test("A differing number costs little and is replaced in the target, written the target's way", arguments: [
        ("ru", "Около 8\u{A0}000 военных.", "Около 9\u{A0}500 военных."),
        ("tr", "Yaklaşık 8.000 asker.", "Yaklaşık 9.500 asker."),
        ("az", "Təxminən 8000 hərbçi.", "Təxminən 9500 hərbçi."),
    ])
    func placeables(language: String, stored: String, repaired: String) async throws {
        for kind in try StoreKind.available() {
            try await placeables(kind: kind, language: language, stored: stored, repaired: repaired)
        }
    }

    private func placeables(kind: StoreKind, language: String, stored: String, repaired: String) async throws {
        let scratch = try Scratch()
        let store = try await memory(pair("About 8,000 troops.", stored, language: language), in: scratch, kind: kind)
        let top = try #require(
            try await store.matches(for: "About 9,500 troops.", from: "en", to: LanguageTag(language), options: LookupOptions()).first)
        #expect(top.repaired)
        #expect(top.target == repaired)
        #expect(top.score >= 95)
    }

    @Test("A number that also appears inside another is not replaced there", arguments: StoreKind.allCases)
    func placeableBoundaries(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await memory(pair("Route 8 reopened.", "Трасса 18 и трасса 8 открыты."), in: scratch, kind: kind)
        let top = try #require(try await store.matches(for: "Route 9 reopened.", from: "en", to: "ru", options: LookupOptions()).first)
        #expect(top.target == "Трасса 18 и трасса 9 открыты.")
    }

    @Test("Penalties: aligned units, alternatives and language-variant fallback cost fixed points", arguments: StoreKind.allCases)
    func penalties(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let aligned = try await memory(pair("The talks resumed on Friday.", "Переговоры возобновились в пятницу."), in: scratch, kind: kind, origin: .aligned)
        let top = try #require(try await aligned.matches(for: "The talks resumed on Friday.", from: "en", to: "ru", options: LookupOptions()).first)
        #expect(top.score == 98)
        #expect(top.penalties.map(\.reason).contains { $0.contains("aligned") })

        let both = try await memory(
            pair("Good morning.", "Доброе утро.") + pair("Good morning.", "С добрым утром."), in: scratch, kind: kind)
        let greetings = try await both.matches(for: "Good morning.", from: "en", to: "ru", options: LookupOptions())
        #expect(greetings.map(\.score) == [100, 99])

        let portuguese = try await memory(pair("Good morning.", "Bom dia.", language: "pt-PT"), in: scratch, kind: kind)
        let fallback = try #require(try await portuguese.matches(for: "Good morning.", from: "en", to: "pt-BR", options: LookupOptions()).first)
        #expect(fallback.score == 99)
        #expect(fallback.targetLanguage == "pt-PT")
    }

    @Test("Inline codes in the stored source cost a point each; such an exact match says its tags differ", arguments: StoreKind.allCases)
    func codes(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await memory(
            #"<tu><tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>.</seg></tuv><tuv xml:lang="ru"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>ОК<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>"#,
            in: scratch, kind: kind)
        let top = try #require(try await store.matches(for: "Press OK.", from: "en", to: "ru", options: LookupOptions()).first)
        #expect(top.score == 98)
        #expect(top.targetMarkup.contains("<bpt i=\"1\">"))
        #expect(top.label == "exact text, tags differ")
    }

    @Test("Empty, one-word, unrelated and over-long queries behave", arguments: StoreKind.allCases)
    func edgeQueries(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await memory(Self.units, in: scratch, kind: kind)
        #expect(try await store.matches(for: "   ", from: "en", to: "ru", options: LookupOptions()).isEmpty)
        #expect(try await store.matches(for: "Friday", from: "en", to: "ru", options: LookupOptions(minimumScore: 75)).isEmpty)
        #expect(try await store.matches(for: "Completely unrelated words about gardening tools.", from: "en", to: "ru", options: LookupOptions(minimumScore: 75)).isEmpty)
        let long = String(repeating: "The talks resumed on Friday and went on for hours. ", count: 40)
        #expect(try await store.matches(for: long, from: "en", to: "ru", options: LookupOptions(minimumScore: 75)).isEmpty)
    }

    @Test("Equal scores are ordered by the older unit first", arguments: StoreKind.allCases)
    func ties(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await memory(pair("Talks resumed.", "Переговоры возобновились.") + pair("Talks resumed!", "Переговоры возобновились!"), in: scratch, kind: kind)
        let matches = try await store.matches(for: "Talks resumed?", from: "en", to: "ru", options: LookupOptions(minimumScore: 50))
        #expect(matches.count == 2)
        #expect(matches[0].score == matches[1].score)
        #expect(matches[0].unitID < matches[1].unitID)
    }
}

@Suite("TM lookup context and explanations")
struct LookupContextTests {
    static let unit = """
        <tu><prop type="x-context-pre">Talks began in Baku.</prop><prop type="x-context-post">Both sides spoke.</prop>\
        <tuv xml:lang="en"><seg>The talks resumed on Friday.</seg></tuv><tuv xml:lang="ru"><seg>Переговоры возобновились в пятницу.</seg></tuv></tu>
        """

    @Test("An exact match whose neighbours match scores 101; other neighbours leave it at 100", arguments: StoreKind.allCases)
    func context(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await memory(Self.unit, in: scratch, kind: kind)
        let query = "The talks resumed on Friday."
        let inContext = try await store.matches(
            for: query, from: "en", to: "ru", options: LookupOptions(), context: MatchContext(previous: "Talks  began in Baku."))
        #expect(inContext.first?.score == 101)
        #expect(inContext.first?.kind == .context)
        let both = try await store.matches(
            for: query, from: "en", to: "ru", options: LookupOptions(),
            context: MatchContext(previous: "Talks began in Baku.", next: "Both sides spoke."))
        #expect(both.first?.score == 101)
        let elsewhere = try await store.matches(
            for: query, from: "en", to: "ru", options: LookupOptions(), context: MatchContext(previous: "Rain fell in Kyiv."))
        #expect(elsewhere.first?.score == 100)
        #expect(try await store.matches(for: query, from: "en", to: "ru", options: LookupOptions()).first?.score == 100)
    }

    @Test("One lookup into several languages gives each language exactly what a lookup into it alone gives", arguments: StoreKind.allCases)
    func severalTargets(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let units = [
            pair("The talks resumed on Friday.", "Переговоры возобновились в пятницу."),
            pair("The talks resumed on Friday.", "Görüşmeler cuma günü yeniden başladı.", language: "tr"),
            pair("About 8,000 troops arrived in Kursk.", "Около 8\u{A0}000 военных прибыли в Курск."),
            pair("About 8,000 troops arrived in Kursk.", "Kursk'a yaklaşık 8.000 asker geldi.", language: "tr"),
            pair("The meat stays good in cold weather.", "Мясо не портится в холодную погоду."),
            pair("This meat stays good in cold weather.", "Bu et soğuk havada bozulmaz.", language: "tr"),
        ].joined(separator: "\n")
        let store = try await memory(units, in: scratch, kind: kind)
        let options = LookupOptions(minimumScore: 50, maximum: 3, explain: true)
        let targets: [LanguageTag] = ["ru", "tr", "az"]
        func summary(_ matches: [Match]) -> [String] {
            matches.map { "\($0.score) \($0.kind) \($0.unitID) \($0.source) → \($0.target) \($0.repaired) \($0.diff)" }
        }
        var found = 0
        for query in [
            "The talks resumed on Friday.",  // exact in both
            "The talks resumed on Saturday.",  // fuzzy in both
            "About 9,500 troops arrived in Kursk.",  // numbers put into both targets
            "The meat stays good in cold weather.",  // exact into Russian, fuzzy into Turkish
        ] {
            let together = try await store.matches(for: query, from: "en", to: targets, options: options, context: MatchContext())
            #expect(together.count == targets.count)
            for (target, matches) in zip(targets, together) {
                let alone = try await store.matches(for: query, from: "en", to: target, options: options)
                #expect(summary(matches) == summary(alone), "\(query) into \(target)")
                found += matches.count
            }
            #expect(together.last?.isEmpty == true, "the memory holds no Azerbaijani")
        }
        #expect(found >= 8)
        let meat = try await store.matches(
            for: "The meat stays good in cold weather.", from: "en", to: targets, options: options, context: MatchContext())
        #expect(meat[0].first?.kind == .exact)
        #expect(meat[1].first?.kind == .fuzzy)
    }

    @Test("A number grouped with a plain space, as Russian copy types it, is one number and is put into the target")
    func plainSpaceGroupedQuery() async throws {
        for kind in try StoreKind.available() {
            let scratch = try Scratch()
            let store = try await memory(
                pair("About 12,000 troops arrived.", "Около 12\u{A0}000 военных прибыли."), in: scratch, kind: kind)
            let top = try #require(
                try await store.matches(for: "Около 15 000 военных прибыли.", from: "ru", to: "en", options: LookupOptions()).first)
            #expect(top.repaired)
            #expect(top.target == "About 15,000 troops arrived.")
            #expect(top.score >= 95)
        }
    }

    @Test("The diff shows what a translator changes")
    func diff() async throws {
        let scorer = MatchScorer()
        let steps = scorer.diff(
            query: MatchTokenizer.tokens("The meat stays good in cold weather."),
            source: MatchTokenizer.tokens("This meat stays good in weather."))
        #expect(steps.first == .replaced(source: "This", query: "The"))
        #expect(steps.contains(.added("cold")))
        #expect(steps.filter { if case .same = $0 { true } else { false } }.count == 6)
    }
}
