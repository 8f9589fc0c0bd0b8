import BylineSegment
import BylineText
import Testing

/// Kinds of tokenized text (every mark set off by spaces, as treebanks and machine
/// translation pipelines write it) and of the marks around a sentence end: spaced colons
/// after headings, quotation marks written with apostrophes and grave accents, detached
/// brackets, a full stop after an ellipsis, an abbreviation before a dash, an aside in
/// brackets, stacked units and abbreviations written with a space.
@Suite("Tokenized text and the marks around a sentence end")
struct TokenizedKindTests {
    @Test("In tokenized text a spaced colon ends a heading or an introduction before a capital, a number or an amount", arguments: [
        ("tr", "ANA FAİZ ORANI : % 10 1/2 . İSKONTO ORANI : % 7 .", ["ANA FAİZ ORANI :", "% 10 1/2 .", "İSKONTO ORANI :", "% 7 ."]),
        ("tr", "Borsa 190 puan düştü . Bunu değerlendirin : Bu olmadı .", ["Borsa 190 puan düştü .", "Bunu değerlendirin :", "Bu olmadı ."]),
        ("en", "Among the provisions : The plan freezes fees , for a year .", ["Among the provisions :", "The plan freezes fees , for a year ."]),
        ("de", "Die Vorschläge der Kommission : Die Steuer sinkt , sagt sie .", ["Die Vorschläge der Kommission :", "Die Steuer sinkt , sagt sie ."]),
        ("en", "FEDERAL FUNDS : 8 3/4 % high , 8 5/8 % low .", ["FEDERAL FUNDS :", "8 3/4 % high , 8 5/8 % low ."]),
    ] as [(LanguageTag, String, [String])])
    func spacedColonInTokenizedText(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A spaced colon goes on before a lower-case word, after a one-word label, and outside tokenized text", arguments: [
        ("tr", "Kaynak : Telerate Systems Inc . Piyasa kapandı .", ["Kaynak : Telerate Systems Inc .", "Piyasa kapandı ."]),
        ("en", "Source : Reuters , Bloomberg .", ["Source : Reuters , Bloomberg ."]),
        ("tr", "İnsan başka türlü düşünmez : aklına danışır , duygularını dinler .", ["İnsan başka türlü düşünmez : aklına danışır , duygularını dinler ."]),
        ("fr", "Le ministre a déclaré : Nous allons signer. Il est parti.", ["Le ministre a déclaré : Nous allons signer.", "Il est parti."]),
        ("fr", "Deux pays ont voté contre : La France et l'Italie.", ["Deux pays ont voté contre : La France et l'Italie."]),
    ] as [(LanguageTag, String, [String])])
    func spacedColonThatGoesOn(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Two apostrophes set off by spaces close a quotation; the sentence ends after them", arguments: [
        ("en", "Mr. Grasso said , `` our systems performed well . '' But the exchange will review them .",
         ["Mr. Grasso said , `` our systems performed well . ''", "But the exchange will review them ."]),
        ("tr", "`` Ajansı değiştirmiyoruz . '' Yöneticiler yorumu reddetti .", ["`` Ajansı değiştirmiyoruz . ''", "Yöneticiler yorumu reddetti ."]),
        ("de", "`` Wir bleiben . '' sagte er , und ging .", ["`` Wir bleiben . '' sagte er , und ging ."]),
    ] as [(LanguageTag, String, [String])])
    func detachedClosingApostrophes(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("In tokenized text a single straight quotation mark set off by spaces ends the sentence it closes; a clitic, a possessive or an apostrophe does not", arguments: [
        ("en", "He wrote that 'if he can get in then it opens it up to anybody . ' Merson had another dig .",
         ["He wrote that 'if he can get in then it opens it up to anybody . '", "Merson had another dig ."]),
        ("en", "He said : ' I have not decided yet . It is an honour . ' Muto scored 13 times .",
         ["He said : ' I have not decided yet .", "It is an honour . '", "Muto scored 13 times ."]),
        ("en", "Wales ' crunch qualifier is a sell-out . The sides meet . ' We are ready . ' Bale said .",
         ["Wales ' crunch qualifier is a sell-out .", "The sides meet .", "' We are ready . '", "Bale said ."]),
        ("en", "It 's over . ' I think he slipped . ' The soldier left .", ["It 's over .", "' I think he slipped . '", "The soldier left ."]),
        ("en", "We 're here . Music of the '90s . I 'm fine . Rock 'n' roll .",
         ["We 're here .", "Music of the '90s .", "I 'm fine .", "Rock 'n' roll ."]),
        ("en", "He said 'hello.' Then he left.", ["He said 'hello.'", "Then he left."]),
    ] as [(LanguageTag, String, [String])])
    func straightSingleQuotes(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("In tokenized text without capitals a spaced terminator or closing quotation ends the sentence before a lower-case word, unless an attribution follows", arguments: [
        ("the tigers tackle saracens on saturday . and bath are also in the chase .",
         ["the tigers tackle saracens on saturday .", "and bath are also in the chase ."]),
        ("cockerill said : ' mike will be a good addition to our group . ' he has played in very good company .",
         ["cockerill said : ' mike will be a good addition to our group . '", "he has played in very good company ."]),
        ("' we will win on saturday . ' he said , and left .", ["' we will win on saturday . ' he said , and left ."]),
        ("' we will win on saturday . ' mr morton told reporters .", ["' we will win on saturday . ' mr morton told reporters ."]),
        ("why did he go ? nobody knows . it was late ... and dark .", ["why did he go ?", "nobody knows .", "it was late ... and dark ."]),
        // One capital anywhere and the old rule holds: a spaced full stop before a lower-case word goes on.
        ("The tigers tackle saracens on saturday . and bath are also in the chase .",
         ["The tigers tackle saracens on saturday . and bath are also in the chase ."]),
    ] as [(String, [String])])
    func caselessTokenizedText(text: String, expected: [String]) throws {
        #expect(try sentences(text, "en") == expected)
    }

    @Test("A curly closing quotation mark set off by a space after a terminator ends the sentence it closes", arguments: [
        ("en", "Mr Vaz said : ‘ I am astonished so few people have been paid. ’ The problems began a year ago .",
         ["Mr Vaz said : ‘ I am astonished so few people have been paid. ’", "The problems began a year ago ."]),
        ("en", "She said : “ We will not give up . ” The talks resume on Monday .",
         ["She said : “ We will not give up . ”", "The talks resume on Monday ."]),
        // Before a lower-case word the quotation goes on as part of the sentence.
        ("en", "“ We will not give up . ” she said on Monday .", ["“ We will not give up . ” she said on Monday ."]),
        // Glued to the word, the mark is read as before.
        ("en", "She said: “We will not give up.” The talks resume.", ["She said: “We will not give up.”", "The talks resume."]),
    ] as [(LanguageTag, String, [String])])
    func detachedCurlyClosingQuotes(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("Grave accents written for quotation marks close a quotation after a terminator", arguments: [
        ("en", "He said ``stop the car.`` Nobody moved.", ["He said ``stop the car.``", "Nobody moved."]),
        ("en", "She wrote `see you soon.` Then she left.", ["She wrote `see you soon.`", "Then she left."]),
        ("de", "Er rief ``Halt!`` Niemand rührte sich.", ["Er rief ``Halt!``", "Niemand rührte sich."]),
    ] as [(LanguageTag, String, [String])])
    func graveAccentQuotes(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A bracket set off by spaces after a terminator ends the sentence after it, unless the full stop is an abbreviation's", arguments: [
        ("tr", "( Elbette , aynı şeyi hedefleyen bir yargı da var . ) Böyle bir şey olmadı .",
         ["( Elbette , aynı şeyi hedefleyen bir yargı da var . )", "Böyle bir şey olmadı ."]),
        ("en", "( The company declined to comment . ) Shares fell 5 % .", ["( The company declined to comment . )", "Shares fell 5 % ."]),
        ("en", "Source : Fulton Prebon ( U.S.A . ) Inc .", ["Source : Fulton Prebon ( U.S.A . ) Inc ."]),
    ] as [(LanguageTag, String, [String])])
    func detachedClosingBrackets(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A full stop set off by spaces after an ellipsis closes the same sentence", arguments: [
        ("tr", "Payı %12'den %16'ya yükseldi ... . Kişi başına gelir arttı .", ["Payı %12'den %16'ya yükseldi ... .", "Kişi başına gelir arttı ."]),
        ("en", "The share rose to 16 % ... . Income grew as well .", ["The share rose to 16 % ... .", "Income grew as well ."]),
        ("ru", "Доля выросла … . Доходы тоже выросли .", ["Доля выросла … .", "Доходы тоже выросли ."]),
        ("hi", "यह सच है।. . वह घर गया।", ["यह सच है।. .", "वह घर गया।"]),
    ] as [(LanguageTag, String, [String])])
    func fullStopAfterEllipsis(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("The period of an abbreviation goes on into a dash; one that closes a list ends there", arguments: [
        ("en", "Exabyte Corp. -- Goldman Sachs sold 2.8 million shares.", ["Exabyte Corp. -- Goldman Sachs sold 2.8 million shares."]),
        ("en", "The talks were held in Washington, D.C. — The minister left early.", ["The talks were held in Washington, D.C. — The minister left early."]),
        ("de", "Die Firma Müller & Co. — Hauptsitz in Köln — meldete Gewinne.", ["Die Firma Müller & Co. — Hauptsitz in Köln — meldete Gewinne."]),
        ("en", "They sold eggs, milk, bread etc. — Then the shop closed.", ["They sold eggs, milk, bread etc.", "— Then the shop closed."]),
        ("ru", "Он пришёл домой. — Где ты был?", ["Он пришёл домой.", "— Где ты был?"]),
    ] as [(LanguageTag, String, [String])])
    func abbreviationBeforeDash(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A bracket glued to a lower-case word after a full stop or an ellipsis is an aside on the sentence before", arguments: [
        ("ru", "Что будет с экономикой страны после санкций. (перевод в титрах)", ["Что будет с экономикой страны после санкций. (перевод в титрах)"]),
        ("uk", "Така поведінка... (вичислити факти терору), але відносини наладнуються.", ["Така поведінка... (вичислити факти терору), але відносини наладнуються."]),
        ("en", "Prices rose again. (see the table below) Then they fell.", ["Prices rose again. (see the table below)", "Then they fell."]),
        ("ru", "Могут привести санкции. (перевод в титрах) Подземное отделение больницы.", ["Могут привести санкции. (перевод в титрах)", "Подземное отделение больницы."]),
        ("en", "It works with carbon nanotubes. (laughs) \"Well, I don't know yet.\"", ["It works with carbon nanotubes. (laughs)", "\"Well, I don't know yet.\""]),
        ("en", "She stayed single. (in 2003 the basket cost more.) Prices rose.", ["She stayed single.", "(in 2003 the basket cost more.)", "Prices rose."]),
        ("en", "Is it a full operating system? [via Microsoft Watch]", ["Is it a full operating system?", "[via Microsoft Watch]"]),
        ("ru", "Опять выборы. (( даже смешно!", ["Опять выборы.", "(( даже смешно!"]),
    ] as [(LanguageTag, String, [String])])
    func bracketedAside(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A unit after a number is found through a unit written without its period", arguments: [
        ("uk", "Внутрішні запозичення становили 246,4 млрд грн. Сума боргу зросла.", ["Внутрішні запозичення становили 246,4 млрд грн.", "Сума боргу зросла."]),
        ("ru", "Экспорт составил около 12 млрд руб. Импорт снизился.", ["Экспорт составил около 12 млрд руб.", "Импорт снизился."]),
        ("uk", "Оренда коштує 10 тис грн. на рік.", ["Оренда коштує 10 тис грн. на рік."]),
    ] as [(LanguageTag, String, [String])])
    func stackedUnits(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("An abbreviation written with a space that closes a list ends the sentence before a capital", arguments: [
        ("uk", "Шіллер чи нові чоботи, Венера чи куль соломи і т. п. Правда, все це не так гостро.",
         ["Шіллер чи нові чоботи, Венера чи куль соломи і т. п.", "Правда, все це не так гостро."]),
        ("ru", "В эскизе художник решает ритм, освещение, гамму и т. д. Разрабатывает он и жесты.",
         ["В эскизе художник решает ритм, освещение, гамму и т. д.", "Разрабатывает он и жесты."]),
        ("uk", "Згідно з п. 5 договору і т. п. умовами оплата щомісячна.", ["Згідно з п. 5 договору і т. п. умовами оплата щомісячна."]),
    ] as [(LanguageTag, String, [String])])
    func spacedListClosingAbbreviation(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("An English honorific written with a capital holds before a name in other languages; the lower-case word still ends a sentence", arguments: [
        ("tr", "Sen. Dole her senatörün fedakârlık yapması gerektiğini söyledi .", ["Sen. Dole her senatörün fedakârlık yapması gerektiğini söyledi ."]),
        ("cs", "Má v sobě špetku Mr. Beana a kus Clouseaua.", ["Má v sobě špetku Mr. Beana a kus Clouseaua."]),
        ("cy", "Ydych chi'n adnabod Mr. Bingley? Nac ydw.", ["Ydych chi'n adnabod Mr. Bingley?", "Nac ydw."]),
        ("tr", "Bunu yapan sen. Ali sadece güldü.", ["Bunu yapan sen.", "Ali sadece güldü."]),
        ("tr", "Kim kazandı? Sen. Bu iş bitti.", ["Kim kazandı?", "Sen.", "Bu iş bitti."]),
    ] as [(LanguageTag, String, [String])])
    func capitalisedHonorifics(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A curated abbreviation holds before a lower-case word", arguments: [
        ("uk", "До його складу входили кол. три західні повіти губернії. Матеріали ці цінні.",
         ["До його складу входили кол. три західні повіти губернії.", "Матеріали ці цінні."]),
    ] as [(LanguageTag, String, [String])])
    func curatedAbbreviation(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }
}
