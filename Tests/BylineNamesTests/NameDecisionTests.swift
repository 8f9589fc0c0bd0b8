import BylineNames
import BylineText
import Testing

@testable import BylineNames

@Suite("Typo costs")
struct TypoCostTests {
    func key(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test("Common slips cost less than any other edit")
    func slips() throws {
        let vowels = Set(try #require(Shipped.tables).letters.vowels.values.joined().map(\.value))
        #expect(EditDistance.typoCost(key("guiness"), key("guinness"), vowels: vowels) == 0.4)  // a doubled letter
        #expect(EditDistance.typoCost(key("augest"), key("august"), vowels: vowels) == 0.6)  // a vowel for a vowel
        #expect(EditDistance.typoCost(key("debain"), key("debian"), vowels: vowels) == 0.7)  // swapped neighbours
        #expect(EditDistance.typoCost(key("ukranian"), key("ukrainian"), vowels: vowels) == 0.7)  // a vowel dropped
        #expect(EditDistance.typoCost(key("ukranian"), key("uranian"), vowels: vowels) == 1)  // a consonant dropped
        #expect(EditDistance.typoCost(key("amernia"), key("armenia"), vowels: vowels) == 1)  // a letter moved over two
        #expect(EditDistance.typoCost(key("gemarny"), key("germany"), vowels: vowels) == 1)  // the other way
        #expect(EditDistance.typoCost(key("amernia"), key("america"), vowels: vowels) == 2)
        #expect(EditDistance.typoCost(key("seoul"), key("seoul"), vowels: vowels) == 0)
        // Cyrillic vowels too, Ukrainian ones included.
        #expect(EditDistance.typoCost(key("москве"), key("москва"), vowels: vowels) == 0.6)
        #expect(EditDistance.typoCost(key("киеві"), key("києві"), vowels: vowels) == 0.6)
    }
}

@Suite("Spelling variants of given names")
struct SpellingVariantTests {
    func edits(_ a: String, _ b: String) throws -> Int? {
        let letters = try #require(Shipped.tables).letters
        return EditDistance.spellingVariantEdits(
            Array(a.unicodeScalars.map(\.value)), Array(b.unicodeScalars.map(\.value)), limit: 2,
            vowels: Set(letters.vowels.values.joined().map(\.value)), soundAlike: EditDistance.packedPairs(Array(letters.soundAlike.values.joined())),
            silent: Set(letters.silent.values.joined().map(\.value)))
    }

    @Test("Vowels, sound-alike letters, silent and doubled letters are a variant's edits; other letters are not")
    func variantEdits() throws {
        #expect(try edits("catherine", "katharine") == 2)
        #expect(try edits("josef", "joseph") == 2)
        #expect(try edits("emmanuel", "immanuel") == 1)
        #expect(try edits("emanuel", "immanuel") == 2)
        #expect(try edits("berthold", "bertolt") == 2)
        #expect(try edits("terrence", "terence") == 1)
        #expect(try edits("jo", "joe") == 1)
        #expect(try edits("anna", "anna") == 0)
        #expect(try edits("ivanka", "ivana") == nil)  // a consonant dropped
        #expect(try edits("rand", "ron") == nil)
        #expect(try edits("mary", "marty") == nil)
        #expect(try edits("christina", "kristine") == nil)  // three edits
    }
}

@Suite("Name decisions on the shipped data")
struct NameDecisionTests {
    func changes(_ text: String, _ language: String) throws -> [String] {
        try Shipped.normalizer().changes(in: text, language: LanguageTag(language)).map { "\(text[$0.range])→\($0.replacement)" }
    }

    @Test("Between readings as close, the likelier slip or the far commoner name wins", arguments: [
        ("Ukranian", "Ukrainian"), ("Debain", "Debian"), ("Asain", "Asian"), ("Americants", "Americans"),
        ("Sundey", "Sunday"), ("Guiness", "Guinness"),
    ])
    func ranking(written: String, expected: String) throws {
        #expect(try changes(written, "en") == ["\(written)→\(expected)"])
    }

    @Test("Months, weekdays and products are names too", arguments: [
        ("en", "The vote is on 5 Oktober.", "Oktober→October"), ("de", "Die Wahl ist am 5. October.", "October→Oktober"),
        ("en", "They moved to Kubernets last year.", "Kubernets→Kubernetes"), ("en", "Every Wednesdey", "Wednesdey→Wednesday"), ("en", "Open on Sonntag", "Sonntag→Sunday"),
    ])
    func calendarAndProducts(language: String, text: String, expected: String) throws {
        #expect(try changes(text, language) == [expected])
    }

    @Test("Another alphabet's letters, or letters this language keeps apart, take the language's form", arguments: [
        ("en", "Talks in Şri Lanka ended.", "Şri Lanka→Sri Lanka"), ("de", "Wahlen in Vénézuela", "Vénézuela→Venezuela"),
        ("az", "Sri Lanka ilə danışıqlar", "Sri Lanka→Şri-Lanka"), ("en", "Flights to İran resumed.", "İran→Iran"),
    ])
    func letters(language: String, text: String, expected: String) throws {
        #expect(try changes(text, language) == [expected])
    }

    @Test("A dictionary's foreign spelling of a major entity yields; a frequent one stands", arguments: [
        ("en", "Troops left Soudan.", ["Soudan→Sudan"]), ("az", "France ilə razılaşma", ["France→Fransa"]),
        ("en", "Shares rose in Bombay.", []), ("en", "AS Roma won.", []),
    ])
    func dictionarySpellings(language: String, text: String, expected: [String]) throws {
        #expect(try changes(text, language) == expected)
    }

    @Test("Given names and surnames take their accents beside a name of the same language, not elsewhere", arguments: [
        ("de", "Ein Buch über Rene Descartes.", ["Rene Descartes→René Descartes"]), ("de", "Der Roman von Jose Yglesias.", []),
        ("en", "Rafael Benitez said the team was tired.", []),
    ])
    func accents(language: String, text: String, expected: [String]) throws {
        #expect(try changes(text, language) == expected)
    }

    @Test("A spelling running text uses about as often as the accented one is a variant", arguments: [
        ("Rumania", [String]()), ("Bogota", ["Bogota→Bogotá"]),
    ])
    func variants(written: String, expected: [String]) throws {
        #expect(try changes(written, "es") == expected)
    }

    @Test("Running text keeps its people, firms and labels", arguments: [
        "Roy Keane spoke first. Later Keane said the club was calm.",
        "Shares of Credit Suisse fell.",
        "George W Bush met Tony Blair in Washington DC.",
        "Take the 8 line toward \"Balard\" until the station.",
        "Vladimir Putin’s spokesman spoke.",
        "Photo TURAN's correspondent reports.",
        "Our correspondent in East Anglia reports.",
    ])
    func runningText(text: String) throws {
        #expect(try changes(text, "en").isEmpty)
    }

    @Test("A famous name misspelt in lower case is fixed; an ordinary typo is not")
    func lowerCase() throws {
        #expect(try changes("I know them from iraland.", "en") == ["iraland→Ireland"])
        #expect(try changes("We recieved the goverment letter.", "en").isEmpty)
    }

    @Test("The same text always gets the same answer")
    func deterministic() throws {
        let answers = try (0..<4).map { _ in try changes("Queenland and Guiness and Americats", "en") }
        #expect(Set(answers.map { $0.joined(separator: ",") }).count == 1)
    }
}

@Suite("Names with apostrophes")
struct ApostropheTests {
    @Test("A possessive is read through its stem, never by dropping the apostrophe")
    func possessive() throws {
        let text = "Toure's goal settled it."
        #expect(try Shipped.normalizer().changes(in: text, language: "en").isEmpty)
    }
}

@Suite("Inflected names and other scripts")
struct InflectedNameTests {
    func changes(_ text: String, _ language: String) throws -> [String] {
        try Shipped.normalizer().changes(in: text, language: LanguageTag(language)).map { "\(text[$0.range])→\($0.replacement)" }
    }

    @Test("A misspelt Russian name comes back in the case it was written in", arguments: [
        ("Он живёт в Моксве.", "Моксве→Москве"),
        ("Делегация из Лонодна прибыла.", "Лонодна→Лондона"),
        ("Переговоры прошли в Санкт-Петербурне.", "Санкт-Петербурне→Санкт-Петербурге"),
        ("Переговоры в Москве с Сеолом прошли.", "Сеолом→Сеулом"),
        // An ordinary word as close (`Москва` is written far more often than any of them).
        ("Делегация была в Мсокве на прошлой неделе.", "Мсокве→Москве"),
        ("Делегация была в Приже на прошлой неделе.", "Приже→Париже"),
        // A country's name counts however often the dictionary lists the word in lower case.
        ("Делегация была во Франии на прошлой неделе.", "Франии→Франции"),
    ])
    func russianCases(text: String, expected: String) throws {
        #expect(try changes(text, "ru") == [expected])
    }

    @Test("A correctly declined Russian name stays, one word or several", arguments: [
        "Делегация из Санкт-Петербурга прибыла.", "Переговоры прошли в Санкт-Петербурге.", "Он живёт в Москве.",
        "Делегация из Лондона прибыла.",
    ])
    func russianCorrect(text: String) throws {
        #expect(try changes(text, "ru").isEmpty)
    }

    @Test("A misspelt Azerbaijani or Turkish stem keeps its suffix, in harmony with the fixed stem", arguments: [
        ("az", "Nümayəndə heyəti Londndan gəldi.", "Londndan→Londondan"),
        ("tr", "Heyet Londar'dan geldi.", "Londar'dan→Londra'dan"),
        ("tr", "Toplantı Ankraada yapıldı.", "Ankraada→Ankarada"),
        // The letters after the stem are an ending, not letters too many: the ending stays.
        ("tr", "Toplantı Londrda yapıldı.", "Londrda→Londrada"),
        ("tr", "Fransda grev var.", "Fransda→Fransada"),
        ("tr", "Heyet geçen hafta Almaynada bulundu.", "Almaynada→Almanyada"),
        ("tr", "Heyet geçen hafta Lonradan bulundu.", "Lonradan→Londradan"),
        // A name that itself ends as the ending does is read whole.
        ("tr", "Heyet Kanadda kaldı.", "Kanadda→Kanada"),
    ])
    func turkicSuffixes(language: String, text: String, expected: String) throws {
        #expect(try changes(text, language) == [expected])
    }

    @Test("Suffix vowels and a leading d or t follow the stem they are written after")
    func harmony() throws {
        let tables = try #require(Shipped.tables)
        let morphology = Morphology(endings: tables.endings, letters: tables.letters)
        #expect(morphology.harmonized("'dan", after: "Londra", language: "tr") == "'dan")
        #expect(morphology.harmonized("'dan", after: "Berlin", language: "tr") == "'den")
        #expect(morphology.harmonized("'da", after: "Paris", language: "tr") == "'te")
        #expect(morphology.harmonized("dan", after: "Berlin", language: "az") == "dən")
        #expect(morphology.harmonized("nın", after: "Köln", language: "tr") == "nün")
        #expect(morphology.harmonized("ом", after: "Сеул", language: "ru") == "ом")
        // Kept as written where the writer did not follow the letters of the misspelt stem.
        #expect(morphology.harmonized("'de", after: "Seul", writtenAfter: "Seol", language: "tr") == "'de")
        #expect(morphology.harmonized("dan", after: "Berlin", writtenAfter: "Barlan", language: "az") == "dən")
    }

    @Test("Ukrainian and Kazakh copy get names in their own forms, Ukrainian ones in their case", arguments: [
        ("uk", "Переговори у Вашингтоні та Сеолі.", "Сеолі→Сеулі"),
        ("uk", "Він живе в Моксві.", "Моксві→Москві"),
        ("kk", "Вашингтон мен Сеол Пхеньянды ескертті.", "Сеол→Сеул"),
    ])
    func ukrainianAndKazakh(language: String, text: String, expected: String) throws {
        #expect(try changes(text, language) == [expected])
    }

    @Test("A Ukrainian spelling in Russian copy is no declined Russian name")
    func ukrainianSpellingInRussian() throws {
        #expect(try changes("Чилі", "ru") == ["Чилі→Чили"])
        #expect(try changes("Зустріч у Києві відбулася.", "uk").isEmpty)
    }

    @Test("A misspelt Latin name in Cyrillic copy takes the language's own form")
    func latinInCyrillic() throws {
        #expect(try changes("И Вашингтон, и Seol предупредили Пхеньян.", "ru") == ["Seol→Сеул"])
    }

    @Test("A city that shares its name with a state is read as the city")
    func cityOverState() throws {
        #expect(try changes("Washington və Seul xəbərdarlıq edib.", "az") == ["Washington→Vaşinqton"])
    }
}
