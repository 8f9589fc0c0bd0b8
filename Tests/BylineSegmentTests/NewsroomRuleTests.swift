import BylineResources
import BylineSegment
import BylineText
import Testing

/// Segments with the bundled rules of `language` and returns the sentences as strings.
func sentences(_ text: String, _ language: LanguageTag, options: SentenceSegmenter.Options = .init()) throws -> [String] {
    let rules = try ResourceBundle.locate().segmentationRules(for: language)
    let segmenter = try SentenceSegmenter(rules: rules, options: options)
    return segmenter.sentences(in: text).map { String(text[$0.range]) }
}

@Suite("Newsroom sentence rules")
struct NewsroomRuleTests {
    @Test("Abbreviations are matched as whole tokens and do not end sentences", arguments: [
        ("en", "Dr. Watson met Gen. Smith at 10 a.m. on Friday. They talked.", ["Dr. Watson met Gen. Smith at 10 a.m. on Friday.", "They talked."]),
        ("en", "Apple Inc. reported profits. Shares rose.", ["Apple Inc. reported profits.", "Shares rose."]),
        ("en", "They sell apples, pears, etc. The shop opens at nine.", ["They sell apples, pears, etc.", "The shop opens at nine."]),
        ("de", "Er kaufte z. B. Brot und Käse. Dann ging er heim.", ["Er kaufte z. B. Brot und Käse.", "Dann ging er heim."]),
        ("de", "Der Vertrag gilt ca. zwei Jahre. Danach endet er.", ["Der Vertrag gilt ca. zwei Jahre.", "Danach endet er."]),
        ("ru", "Он купил хлеб, молоко и т. д. Потом ушёл.", ["Он купил хлеб, молоко и т. д.", "Потом ушёл."]),
        ("ru", "Встреча прошла на ул. Ленина. Гости уехали.", ["Встреча прошла на ул. Ленина.", "Гости уехали."]),
        ("tr", "Elma, armut vb. meyveler satılıyor. Dükkan dokuzda açılır.", ["Elma, armut vb. meyveler satılıyor.", "Dükkan dokuzda açılır."]),
        ("tr", "Toplantıya Prof. Dr. Ahmet Yılmaz katıldı. Oturum uzun sürdü.", ["Toplantıya Prof. Dr. Ahmet Yılmaz katıldı.", "Oturum uzun sürdü."]),
    ] as [(LanguageTag, String, [String])])
    func abbreviations(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A word that merely ends like an abbreviation still ends a sentence", arguments: [
        // ICU's @ss=standard suppressions match suffixes: "Uhr." would be taken for "r.".
        ("de", "Das Treffen beginnt um acht Uhr. Alle sind eingeladen.", ["Das Treffen beginnt um acht Uhr.", "Alle sind eingeladen."]),
        ("de", "Er wohnt in Bonn. Sie wohnt in Köln.", ["Er wohnt in Bonn.", "Sie wohnt in Köln."]),
        ("en", "The vote was held in the Senate. Results come later.", ["The vote was held in the Senate.", "Results come later."]),
    ] as [(LanguageTag, String, [String])])
    func wholeTokens(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Initials do not end sentences", arguments: [
        ("en", "My name is Jonas E. Smith. I work here.", ["My name is Jonas E. Smith.", "I work here."]),
        ("en", "The U.S. Army arrived. It was late.", ["The U.S. Army arrived.", "It was late."]),
        ("ru", "Стихи написал А. С. Пушкин. Их знают все.", ["Стихи написал А. С. Пушкин.", "Их знают все."]),
    ] as [(LanguageTag, String, [String])])
    func initials(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Ordinals written with a period do not end sentences", arguments: [
        ("de", "Am 3. Oktober feiert Deutschland. Die Ämter sind zu.", ["Am 3. Oktober feiert Deutschland.", "Die Ämter sind zu."]),
        ("de", "Eröffnet wird der 18. Wirtschaftsgipfel in Bonn.", ["Eröffnet wird der 18. Wirtschaftsgipfel in Bonn."]),
        ("tr", "Takım 2. kez şampiyon oldu. Taraftarlar sevindi.", ["Takım 2. kez şampiyon oldu.", "Taraftarlar sevindi."]),
        ("az", "Komanda 2. dəfə çempion oldu. Azarkeşlər sevindi.", ["Komanda 2. dəfə çempion oldu.", "Azarkeşlər sevindi."]),
    ] as [(LanguageTag, String, [String])])
    func ordinals(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Page and number references do not end sentences", arguments: [
        ("en", "Please turn to p. 55 of the report. It lists the dead.", ["Please turn to p. 55 of the report.", "It lists the dead."]),
        ("en", "He lives at No. 10 Downing Street. It is old.", ["He lives at No. 10 Downing Street.", "It is old."]),
        ("ru", "Об этом говорит ст. 15 Конституции. Суд согласился.", ["Об этом говорит ст. 15 Конституции.", "Суд согласился."]),
    ] as [(LanguageTag, String, [String])])
    func numberReferences(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A numbered list keeps each marker with its item", arguments: [
        ("en", "1. Buy milk. 2. Call the desk.", ["1. Buy milk.", "2. Call the desk."]),
        ("ru", "1. Купить хлеб. 2. Позвонить в редакцию.", ["1. Купить хлеб.", "2. Позвонить в редакцию."]),
    ] as [(LanguageTag, String, [String])])
    func numberedLists(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Inline list items each start a sentence; a reference to an item does not", arguments: [
        ("en", "1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
        ("en", "a) here it is b) another c) one more", ["a) here it is", "b) another", "c) one more"]),
        ("es", "• 1. Busca atención prenatal \n• 2. Aliméntate bien", ["• 1. Busca atención prenatal", "• 2. Aliméntate bien"]),
        ("en", "As payment for 1. above, no fee is due and for 2. above, none either.", ["As payment for 1. above, no fee is due and for 2. above, none either."]),
    ] as [(LanguageTag, String, [String])])
    func inlineLists(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A sentence glued to the previous one without a space is split off, an address is not", arguments: [
        ("en", "Hello world.Today is Tuesday.Mr. Smith went out.", ["Hello world.", "Today is Tuesday.", "Mr. Smith went out."]),
        ("en", "Her email is Jane.Doe@example.com. I wrote.", ["Her email is Jane.Doe@example.com.", "I wrote."]),
        ("en", "The U.S.Army and J.Aron came.", ["The U.S.Army and J.Aron came."]),
    ] as [(LanguageTag, String, [String])])
    func gluedSentences(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Spaced ellipses: three dots continue the sentence, a fourth ends it")
    func spacedEllipsis() throws {
        #expect(try sentences("the thing is . . . I didn’t mean it.", "en") == ["the thing is . . . I didn’t mean it."])
        #expect(try sentences("End with a period . . . . Next sentence.", "en") == ["End with a period . . . .", "Next sentence."])
        #expect(try sentences("into compounds. . . . The practice went on.", "en") == ["into compounds.", ". . . The practice went on."])
    }

    @Test("Abbreviations that close a list or a time end the sentence before a capital", arguments: [
        ("en", "He left at 6 P.M. Travelers who stayed at 5 P.M. left later.", ["He left at 6 P.M.", "Travelers who stayed at 5 P.M. left later."]),
        ("ru", "Купили хлеб, молоко и т.д. Потом вернулись.", ["Купили хлеб, молоко и т.д.", "Потом вернулись."]),
    ] as [(LanguageTag, String, [String])])
    func terminalAbbreviations(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Armenian text ends sentences at a colon standing for the full stop, not at its period")
    func armenian() throws {
        #expect(try sentences("Այսօր երկուշաբթի է: Ես գնում եմ աշխատանքի:", "hy") == ["Այսօր երկուշաբթի է:", "Ես գնում եմ աշխատանքի:"])
        #expect(try sentences("Պատասխանում եմ. սեր, գիտելիք:", "hy") == ["Պատասխանում եմ. սեր, գիտելիք:"])
    }

    @Test("A question before a lower-case word ends a sentence; a brand's exclamation does not", arguments: [
        ("en", "is it for guitar? i will check.", ["is it for guitar?", "i will check."]),
        ("en", "She works at Yahoo! in the accounting department.", ["She works at Yahoo! in the accounting department."]),
    ] as [(LanguageTag, String, [String])])
    func questionsBeforeLowercase(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A quotation followed by its attribution stays one sentence", arguments: [
        ("en", "\"Why?\" he asked. Nobody answered.", ["\"Why?\" he asked.", "Nobody answered."]),
        ("en", "\"Why?\" Blinken asked. Nobody answered.", ["\"Why?\" Blinken asked.", "Nobody answered."]),
        ("en", "“It is a sign of weakness,” Blinken said. Austin agreed.", ["“It is a sign of weakness,” Blinken said.", "Austin agreed."]),
        ("tr", "\"Neden?\" diye sordu. Kimse cevap vermedi.", ["\"Neden?\" diye sordu.", "Kimse cevap vermedi."]),
        ("ru", "«Почему?» — спросил он. Никто не ответил.", ["«Почему?» — спросил он.", "Никто не ответил."]),
        ("de", "„Warum?“ fragte er. Niemand antwortete.", ["„Warum?“ fragte er.", "Niemand antwortete."]),
    ] as [(LanguageTag, String, [String])])
    func quotationAttribution(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A dialogue dash after terminal punctuation starts a new sentence", arguments: [
        ("ru", "Он ушёл. — Куда? — спросила она.", ["Он ушёл.", "— Куда? — спросила она."]),
        ("kk", "Бұл стратегиялық жол. - XXI ғасырда біз жаңа міндеттерді шешеміз.", ["Бұл стратегиялық жол.", "- XXI ғасырда біз жаңа міндеттерді шешеміз."]),
        ("uk", "Він пішов. — Куди? — спитала вона.", ["Він пішов.", "— Куди? — спитала вона."]),
    ] as [(LanguageTag, String, [String])])
    func dialogueDash(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A dash inside an open quotation does not split it", arguments: [
        ("ru", "Он сказал: «Я устал. — Иди домой». Все замолчали.", ["Он сказал: «Я устал. — Иди домой».", "Все замолчали."]),
        ("en", "He wrote: “We lost. — Go home.” Then he left.", ["He wrote: “We lost. — Go home.”", "Then he left."]),
        ("de", "Er sagte: „Wir verloren. – Geh heim.“ Dann ging er.", ["Er sagte: „Wir verloren. – Geh heim.“", "Dann ging er."]),
    ] as [(LanguageTag, String, [String])])
    func dashInsideQuotation(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A dateline belongs to the lede", arguments: [
        ("en", "WASHINGTON (Reuters) - The Senate voted on Friday. The bill passed.", ["WASHINGTON (Reuters) - The Senate voted on Friday.", "The bill passed."]),
        ("en", "BAKU, Nov 1 (TURAN) —\nThe talks resumed on Friday. Both sides spoke.", ["BAKU, Nov 1 (TURAN) —\nThe talks resumed on Friday.", "Both sides spoke."]),
        ("ru", "Москва, 5 марта. Президент подписал указ. Он вступит в силу завтра.", ["Москва, 5 марта. Президент подписал указ.", "Он вступит в силу завтра."]),
        ("de", "BERLIN, 5. Juli (AP). Die ersten Gäste kamen früh. Es regnete.", ["BERLIN, 5. Juli (AP). Die ersten Gäste kamen früh.", "Es regnete."]),
    ] as [(LanguageTag, String, [String])])
    func datelines(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("With datelines separated, a period-ended dateline is a sentence of its own")
    func separateDatelines() throws {
        let text = "Москва, 5 марта. Президент подписал указ."
        #expect(try sentences(text, "ru", options: .init(attachDatelines: false)) == ["Москва, 5 марта.", "Президент подписал указ."])
    }

    @Test("A line break ends a sentence; headlines and credits stay units of their own")
    func lineBreaks() throws {
        let text = "Photo TURAN\n\nTroops massed near Kursk\nThe United States said on Thursday that troops had arrived.\nLeave a review"
        #expect(try sentences(text, "en") == [
            "Photo TURAN", "Troops massed near Kursk", "The United States said on Thursday that troops had arrived.", "Leave a review",
        ])
    }

    @Test("Unwrapping joins hard-wrapped lines and keeps offsets into the original")
    func unwrap() throws {
        let text = """
            NORTH KOREAN TROOPS IN KURSK

            The United States said on Thursday it assesses that about 8,000
            North Korean troops are stationed in Russia's Kursk border region
            and are expected to enter the war in the coming days. Moscow has
            been training some 10,000 North Koreans.
            """
        let got = try sentences(text, "en", options: .init(unwrap: true))
        #expect(got.count == 3)
        #expect(got[0] == "NORTH KOREAN TROOPS IN KURSK")
        #expect(got[1].hasPrefix("The United States said") && got[1].hasSuffix("in the coming days."))
        #expect(got[1].contains("8,000\nNorth Korean"))
        #expect(got[2] == "Moscow has\nbeen training some 10,000 North Koreans.")
        let plain = try sentences(text, "en")
        #expect(plain.count == 6)
    }

    @Test("A lower-case word after a plain word and a period starts a sentence; after an abbreviation it does not")
    func lowercaseStarts() throws {
        #expect(try sentences("i am out of town. i am in portland.", "en") == ["i am out of town.", "i am in portland."])
        #expect(try sentences("Bring fruit, e.g. apples and pears.", "en") == ["Bring fruit, e.g. apples and pears."])
    }

    @Test("Punctuation inside a URL or e-mail address does not end a sentence")
    func urls() throws {
        #expect(try sentences("See http://example.com/news.asp?ID=9 for more. Thanks.", "en") == [
            "See http://example.com/news.asp?ID=9 for more.", "Thanks.",
        ])
    }

    @Test("Chinese and Japanese full stops end sentences without spaces")
    func eastAsian() throws {
        #expect(try sentences("今天天气很好。我们去公园吧！", "zh") == ["今天天气很好。", "我们去公园吧！"])
        #expect(try sentences("これはペンです。あれは本です。", "ja") == ["これはペンです。", "あれは本です。"])
    }

    @Test("An unknown language falls back to root rules without failing")
    func unknownLanguage() throws {
        let rules = try ResourceBundle.locate().segmentationRules(for: "xx-unknown")
        let segmenter = try SentenceSegmenter(rules: rules)
        #expect(!segmenter.locale.isKnown)
        #expect(segmenter.sentences(in: "One. Two.").count == 2)
    }

    @Test("Empty and blank texts have no sentences", arguments: ["", " ", "\n\n\t "])
    func emptyText(text: String) throws {
        #expect(try sentences(text, "en").isEmpty)
    }
}
