import BylineSegment
import BylineText
import Foundation
import Testing

/// Month and unit abbreviations, lines without punctuation and datelines, in the desk's languages.
@Suite("Newsroom kinds: dates, units, lines, datelines")
struct NewsroomKindTests {
    @Test("An abbreviated month before a year, or between a day and a lower-case word, does not end a sentence", arguments: [
        ("ru", "Указ подписан 1 янв. 2026 г. и вступает в силу немедленно.", ["Указ подписан 1 янв. 2026 г. и вступает в силу немедленно."]),
        ("ru", "Выборы назначены на 14 сент. 2025 года. Явка ожидается высокой.", ["Выборы назначены на 14 сент. 2025 года.", "Явка ожидается высокой."]),
        ("uk", "Угоду підписали 12 лист. у Києві.", ["Угоду підписали 12 лист. у Києві."]),
        ("kk", "Келісім 2025 ж. 15 қаз. күні қол қойылды.", ["Келісім 2025 ж. 15 қаз. күні қол қойылды."]),
        ("az", "Saziş 1 yan. 2026-cı il tarixində imzalanıb.", ["Saziş 1 yan. 2026-cı il tarixində imzalanıb."]),
        ("tr", "Anlaşma 15 Eki. 2025 tarihinde imzalandı.", ["Anlaşma 15 Eki. 2025 tarihinde imzalandı."]),
        ("de", "Das Abkommen wurde am 1. Jan. 2026 unterzeichnet.", ["Das Abkommen wurde am 1. Jan. 2026 unterzeichnet."]),
        ("en", "The deal closed on Jan. 5, 2026, after months of talks.", ["The deal closed on Jan. 5, 2026, after months of talks."]),
    ] as [(LanguageTag, String, [String])])
    func monthAbbreviations(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A word that is also a month abbreviation still ends a sentence when no day precedes it")
    func monthAbbreviationAsWord() throws {
        // `лист` (a letter) is also the Ukrainian abbreviation of листопад.
        #expect(try sentences("Він отримав лист. Потім поїхав додому.", "uk") == ["Він отримав лист.", "Потім поїхав додому."])
    }

    @Test("After a number and a unit, a lower-case word continues the sentence and a capitalised one starts the next", arguments: [
        ("ru", "Бюджет составил 5 млн. руб. Из них половина ушла на ремонт.", ["Бюджет составил 5 млн. руб.", "Из них половина ушла на ремонт."]),
        ("ru", "Ущерб оценили в 250 тыс. руб. Виновник скрылся.", ["Ущерб оценили в 250 тыс. руб.", "Виновник скрылся."]),
        ("ru", "Завод построили в 1985 г. на окраине города.", ["Завод построили в 1985 г. на окраине города."]),
        ("ru", "Длина реки составляет 18 км. Расположен в долине.", ["Длина реки составляет 18 км.", "Расположен в долине."]),
        ("uk", "Збитки сягнули 3 млн. грн. Поліція відкрила справу.", ["Збитки сягнули 3 млн. грн.", "Поліція відкрила справу."]),
        ("uk", "Місто отримало 200 тис. доларів на ремонт шкіл.", ["Місто отримало 200 тис. доларів на ремонт шкіл."]),
        ("az", "Yolun uzunluğu 5 km. təşkil edir. Tikinti gələn il başlayacaq.", ["Yolun uzunluğu 5 km. təşkil edir.", "Tikinti gələn il başlayacaq."]),
        ("tr", "Kuyruk 15 km. uzunluğa ulaştı. Trafik polisi önlem aldı.", ["Kuyruk 15 km. uzunluğa ulaştı.", "Trafik polisi önlem aldı."]),
        ("kk", "Өңірге 500 млн. теңге бөлінді. Құрылыс басталды.", ["Өңірге 500 млн. теңге бөлінді.", "Құрылыс басталды."]),
        ("en", "Exports rose to $4 bn. Analysts had expected less.", ["Exports rose to $4 bn.", "Analysts had expected less."]),
    ] as [(LanguageTag, String, [String])])
    func unitsAfterNumbers(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A unit before an initial, an acronym, or after a date that opened the sentence does not end it", arguments: [
        ("ru", "В 2019 г. Москва приняла новый закон.", ["В 2019 г. Москва приняла новый закон."]),
        ("ru", "Делегация посетила г. Казань и г. Уфу. Визит завершился.", ["Делегация посетила г. Казань и г. Уфу.", "Визит завершился."]),
        ("kk", "Мұнай экспортынан жыл сайын 16,3 млрд. АҚШ доллары түседі.", ["Мұнай экспортынан жыл сайын 16,3 млрд. АҚШ доллары түседі."]),
        ("uk", "Відбулася в листопаді 1943 р. І. Франко там не був.", ["Відбулася в листопаді 1943 р. І. Франко там не був."]),
    ] as [(LanguageTag, String, [String])])
    func unitsInsideSentences(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("List items and headlines on lines of their own are sentences without punctuation", arguments: [
        ("ru", "Повестка дня:\n- бюджет на следующий год\n- выборы председателя", ["Повестка дня:", "- бюджет на следующий год", "- выборы председателя"]),
        ("uk", "Що відомо:\n• удар завдано вночі\n• загиблих немає", ["Що відомо:", "• удар завдано вночі", "• загиблих немає"]),
        ("tr", "Son dakika\nİstanbul'da deprem\nKandilli depremin büyüklüğünü açıkladı.", ["Son dakika", "İstanbul'da deprem", "Kandilli depremin büyüklüğünü açıkladı."]),
        ("az", "Günün xəbərləri\nBakıda güclü külək əsir\nSürət saatda 20 metrə çatır.", ["Günün xəbərləri", "Bakıda güclü külək əsir", "Sürət saatda 20 metrə çatır."]),
        ("de", "Die Forderungen:\n- mehr Lohn\n- kürzere Arbeitszeit", ["Die Forderungen:", "- mehr Lohn", "- kürzere Arbeitszeit"]),
        ("en", "Key points:\n- inflation fell to 2.1%\n- rates were held", ["Key points:", "- inflation fell to 2.1%", "- rates were held"]),
    ] as [(LanguageTag, String, [String])])
    func linesWithoutPunctuation(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("With datelines separated, a dateline ending in a dash is a sentence of its own", arguments: [
        ("en", "BAKU, Nov 1 (TURAN) — The talks resumed on Friday. Both sides spoke.", ["BAKU, Nov 1 (TURAN) —", "The talks resumed on Friday.", "Both sides spoke."]),
        ("en", "WASHINGTON (Reuters) - The Senate voted on Friday.", ["WASHINGTON (Reuters) -", "The Senate voted on Friday."]),
        ("az", "BAKI, 1 noyabr (TURAN) — Danışıqlar bərpa olunub.", ["BAKI, 1 noyabr (TURAN) —", "Danışıqlar bərpa olunub."]),
        ("de", "BERLIN (dpa) – Die Regierung hat den Haushalt beschlossen.", ["BERLIN (dpa) –", "Die Regierung hat den Haushalt beschlossen."]),
        ("ru", "МОСКВА, 5 мар — Правительство одобрило законопроект.", ["МОСКВА, 5 мар —", "Правительство одобрило законопроект."]),
    ] as [(LanguageTag, String, [String])])
    func separatedDashDatelines(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language, options: .init(attachDatelines: false)) == expected)
        #expect(try sentences(text, language).first?.hasPrefix(expected[0] + " ") == true)
    }

    @Test("With datelines separated, a dash inside a sentence or after a long opening is no dateline", arguments: [
        ("en", "The vote - held on Friday - passed. Both sides spoke."),
        ("en", "Officials in the capital said on Friday that the talks - long stalled - would resume."),
    ] as [(LanguageTag, String)])
    func dashesThatAreNoDatelines(language: LanguageTag, text: String) throws {
        #expect(try sentences(text, language, options: .init(attachDatelines: false)) == sentences(text, language))
    }
}

/// Quotations, brackets and references around a sentence end.
@Suite("Enclosures and references")
struct EnclosureTests {
    @Test("A quotation that closes on the same line is one sentence with what frames it", arguments: [
        ("en", "\"Oh dear! Oh dear! I shall be too late!\" The Rabbit ran on.", ["\"Oh dear! Oh dear! I shall be too late!\"", "The Rabbit ran on."]),
        ("ru", "Он сказал: «Я устал. Иди домой». Все замолчали.", ["Он сказал: «Я устал. Иди домой».", "Все замолчали."]),
        ("de", "Sie fragte: „Wann kommst du? Morgen?“ Dann ging sie.", ["Sie fragte: „Wann kommst du? Morgen?“", "Dann ging sie."]),
        ("uk", "Він написав: “Ми програли. Ідіть додому.” Потім пішов.", ["Він написав: “Ми програли. Ідіть додому.”", "Потім пішов."]),
        ("en", "It reads ‘grow it in dragon’s blood. It grows on mountains’ (p. 154). Next.", ["It reads ‘grow it in dragon’s blood. It grows on mountains’ (p. 154).", "Next."]),
    ] as [(LanguageTag, String, [String])])
    func quotations(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A quotation left open on its line does not hold the sentences after it together")
    func openQuotation() throws {
        #expect(try sentences("He said \"we lost. Go home. Then he left.", "en") == ["He said \"we lost.", "Go home.", "Then he left."])
    }

    @Test("A full stop inside brackets that close on the same line does not end the sentence", arguments: [
        ("en", "This function (see. section 4.2) is important. Let's continue.", ["This function (see. section 4.2) is important.", "Let's continue."]),
        ("ja", "これは山です（これは山です！これは山です）！これは川です。", ["これは山です（これは山です！これは山です）！", "これは川です。"]),
        ("en", "He left. (Nobody saw him go.) The door stayed open.", ["He left.", "(Nobody saw him go.)", "The door stayed open."]),
    ] as [(LanguageTag, String, [String])])
    func brackets(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Footnote numbers after a full stop stay with their sentence", arguments: [
        ("en", "It widens the gap in a consultation.11 12 Take the common cold.", ["It widens the gap in a consultation.11 12", "Take the common cold."]),
        ("en", "Bias emerged across the history of our species. [10] The next study differs.", ["Bias emerged across the history of our species. [10]", "The next study differs."]),
        ("pt", "Os oficiais mantinham a disciplina.[13] Na Marinha, isso mudou.", ["Os oficiais mantinham a disciplina.[13]", "Na Marinha, isso mudou."]),
    ] as [(LanguageTag, String, [String])])
    func footnotes(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A quotation broken off with a dash before a capital ends the sentence")
    func interruptedQuotation() throws {
        #expect(try sentences("\"We're doing our best, to--\" At this moment, Five called out.", "en") == [
            "\"We're doing our best, to--\"", "At this moment, Five called out.",
        ])
    }

    @Test("Verse lines joined by a slash stay one sentence", arguments: [
        ("tr", "Kıymetli tutuyorsun , değil mi , bu sevgimi ? / Yalvarırım beni hep titreyerek sev , e mi !", ["Kıymetli tutuyorsun , değil mi , bu sevgimi ? / Yalvarırım beni hep titreyerek sev , e mi !"]),
    ] as [(LanguageTag, String, [String])])
    func verse(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("An ordinal after an article, also one that opens the sentence or has an adjective between, does not end it", arguments: [
        ("Im 8. Jahrhundert wuchs die Stadt. Dann kam der Krieg.", ["Im 8. Jahrhundert wuchs die Stadt.", "Dann kam der Krieg."]),
        ("Er wurde im späten 15. Jahrhundert geboren.", ["Er wurde im späten 15. Jahrhundert geboren."]),
    ])
    func ordinalsAfterArticles(text: String, expected: [String]) throws {
        #expect(try sentences(text, "de") == expected)
    }

    @Test("A count after a preposition ends the sentence before a capital")
    func countAfterPreposition() throws {
        #expect(try sentences("Die Zahl der Toten stieg auf 15. Die Polizei ermittelt.", "de") == [
            "Die Zahl der Toten stieg auf 15.", "Die Polizei ermittelt.",
        ])
    }
}

/// The hand-written newsroom set of `Data/newsroom/newsroom.jsonl`, case by case.
@Suite("Hand-written newsroom cases")
struct NewsroomCaseFileTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var id: String
        var lang: String
        var text: String
        var sentences: [String]
        var testDescription: String { id }
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/newsroom/newsroom.jsonl")
        guard let data = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return data.split(separator: "\n").compactMap { try? JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }()

    @Test("The case file is there and every line reads")
    func fileReads() {
        #expect(Self.cases.count == 80)
    }

    @Test("Each hand-written case segments as written", arguments: cases)
    func segmentsAsWritten(_ newsroomCase: Case) throws {
        #expect(try sentences(newsroomCase.text, LanguageTag(newsroomCase.lang)) == newsroomCase.sentences)
    }
}
