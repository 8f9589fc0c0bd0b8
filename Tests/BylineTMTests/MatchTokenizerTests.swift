import BylineTM
import BylineText
import Testing

@Suite("TM index terms")
struct MatchTokenizerTests {
    @Test("Every scalar the tokenizer keeps facts for is a letter, a digit or neither as Unicode says, and folds as Unicode lower-cases it")
    func scalarFacts() {
        var checked = 0
        for value in UInt32(0x80)..<0x3100 {
            guard let scalar = Unicode.Scalar(value), scalar != "’" else { continue }
            let properties = scalar.properties
            let (terms, words) = MatchTokenizer.indexTerms(String(scalar), language: "xx")
            let kept = properties.isAlphabetic || properties.numericType == .decimal
            #expect(words == (kept ? 1 : 0), "U+\(String(value, radix: 16, uppercase: true))")
            #expect(terms.count == words)
            // An upper-case letter indexes as its lower-case form does.
            let lower = Array(properties.lowercaseMapping.unicodeScalars)
            if properties.isAlphabetic, properties.changesWhenLowercased, lower.count == 1,
                lower[0].properties.isAlphabetic, !lower[0].properties.changesWhenLowercased
            {
                #expect(terms == MatchTokenizer.indexTerms(String(lower[0]), language: "xx").terms,
                    "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test("Case and the typographic apostrophe do not change a word's term")
    func folding() {
        let (upper, _) = MatchTokenizer.indexTerms("ÉTÉ Über ПЕРЕГОВОРЫ DON’T", language: "xx")
        let (lower, _) = MatchTokenizer.indexTerms("été über переговоры don't", language: "xx")
        #expect(upper == lower)
    }

    @Test("A plain space groups digits where the language groups them with a space (CLDR), and only there", arguments: [
        ("ru", "Около 15 000 военных", ["15 000"]),
        ("ru", "Бюджет 2 300 000 рублей", ["2 300 000"]),
        ("uk", "Близько 15 000 військових", ["15 000"]),
        ("kk", "Шамамен 15 000 әскер", ["15 000"]),
        ("fr", "Environ 15 000 soldats", ["15 000"]),
        // A first group of four digits is a year or another number, never grouped.
        ("ru", "в 2019 100 человек", ["2019", "100"]),
        // Two digits after the space are not a group.
        ("ru", "вагоны 15 00", ["15", "00"]),
        // Languages grouping with a point or a comma keep a plain space between numbers.
        ("en", "in 15 000 cases", ["15", "000"]),
        ("tr", "Yaklaşık 15 000 asker", ["15", "000"]),
        ("az", "Təxminən 15 000 hərbçi", ["15", "000"]),
        ("de", "Etwa 15 000 Soldaten", ["15", "000"]),
    ] as [(String, String, [String])])
    func plainSpaceGrouping(language: String, text: String, numbers: [String]) {
        let tokens = MatchTokenizer.tokens(text, language: LanguageTag(language))
        #expect(tokens.filter { $0.kind == .number }.map(\.text) == numbers)
        // The no-break space groups in every language.
        let noBreak = MatchTokenizer.tokens("Около 15\u{A0}000 военных", language: LanguageTag(language))
        #expect(noBreak.filter { $0.kind == .number }.map(\.text) == ["15\u{A0}000"])
    }

    @Test("Without a language a plain space separates numbers")
    func plainSpaceWithoutLanguage() {
        #expect(MatchTokenizer.tokens("Около 15 000 военных").filter { $0.kind == .number }.map(\.text) == ["15", "000"])
    }
}
