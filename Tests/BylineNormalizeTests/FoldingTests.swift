import BylineNormalize
import BylineText
import Testing

@Suite("fold, strip_accents, latin and confusables")
struct FoldingTests {
    let normalizer = TextNormalizer()

    func run(_ operation: NormalizationOperation, _ text: String, _ language: String) throws -> String {
        try normalizer.normalize(text, operation: operation, language: LanguageTag(language)).text
    }

    @Test("Search keys fold case, accents, width, letter forms, dashes and digits", arguments: [
        ("el", "ΜΆΪΟΣ", "μαιοσ"),
        ("el", "Μάϊος", "μαιοσ"),
        ("fr", "résumé", "resume"),
        ("fr", "re\u{301}sume\u{301}", "resume"),
        ("en", "đis is cræzy", "dis is craezy"),
        ("tr", "eli\u{307}f", "elif"),
        ("tr", "ELİF", "elif"),
        ("de", "Ruß", "russ"),
        ("en", "𐐖", "𐐾"),
        ("ar", "ﴳﴺﰧ", "طمطمطم"),
        ("bn", "৭০৬", "706"),
        ("en", "Ｔｏｋｙｏ – 2020’s", "tokyo - 2020's"),
        ("tr", "IŞIK İstanbul", "ısık istanbul"),
        ("az", "Əliyev İLHAM", "əliyev ilham"),
        ("ru", "Ёлка Й", "елка и"),
        ("fa", "خانه‌ها ۱۲۳", "خانهها 123"),
    ])
    func fold(language: String, input: String, expected: String) throws {
        #expect(Array(try run(.fold, input, language).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("A match key and a display form are kept apart")
    func matchKeyAndDisplayForm() throws {
        let key = try normalizer.matchKey(for: "ΜΆΪΟΣ", language: "el")
        #expect(key == (try normalizer.matchKey(for: "Μάϊος", language: "el")))
        let display = try normalizer.displayForm(of: "Ma\u{301}i\u{308}os")
        #expect(display.text == "Máïos")
    }

    @Test("Accents come off; letters that are not accented letters stay", arguments: [
        ("az", "Əliyev Gəncədə çıxış edib", "Əliyev Gəncədə cıxıs edib"),
        ("da", "Ørsted på Ærø", "Ørsted pa Ærø"),
        ("hr", "Đurđevac č ć", "Đurđevac c c"),
        ("fr", "Élève à l’école", "Eleve a l’ecole"),
        ("tr", "İstanbul", "Istanbul"),
    ])
    func stripAccents(language: String, input: String, expected: String) throws {
        #expect(Array(try run(.stripAccents, input, language).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("Transliteration follows the BGN/PCGN table of the text's language", arguments: [
        ("az", "Әлијев Бакы", "Əliyev Bakı"),
        ("ru", "Москва", "Moskva"),
        ("uk", "Київ", "Kyyiv"),
        ("ru", "Hello, Москва!", "Hello, Moskva!"),
    ])
    func latin(language: String, input: String, expected: String) throws {
        #expect(Array(try run(.latin, input, language).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("Look-alike letters of another script are replaced inside a word", arguments: [
        ("en", "SENSЕ - Oleg Tsedryk", "SENSE - Oleg Tsedryk"),
        ("en", "Ukr\u{430}ine", "Ukraine"),
        ("ru", "Москвa", "Москва"),
        ("en", "iPhone 15 and Москва and B52", "iPhone 15 and Москва and B52"),
        ("ja", "東京タワー", "東京タワー"),
    ])
    func confusables(language: String, input: String, expected: String) throws {
        #expect(Array(try run(.confusables, input, language).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("An unknown operation or language is an error that names it")
    func errors() throws {
        #expect(throws: NormalizationError.unknownOperation("shout")) { try NormalizationOperation(name: "shout") }
        #expect(throws: NormalizationError.unknownLanguage("xx")) {
            try normalizer.normalize("text", operation: .lower, language: "xx")
        }
        #expect("\(NormalizationError.unknownOperation("x"))".hasPrefix("unknown op \"x\" (expected one of nfc, nfd,"))
    }
}
