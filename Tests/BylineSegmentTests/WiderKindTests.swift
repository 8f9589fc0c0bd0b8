import BylineSegment
import BylineText
import Testing

/// Kinds that the wider test sets showed missing: glued sentences in scripts without capitals,
/// clock times and eras, degrees, questions inside a sentence, abbreviations written with a
/// space, short words in capitals, and quotation marks set off by spaces.
@Suite("Kinds from the wider test sets")
struct WiderKindTests {
    @Test("A terminator glued to the next word ends the sentence in scripts without capitals", arguments: [
        ("am", "ሰላም ነው፧ደህና ነኝ።አመሰግናለሁ።", ["ሰላም ነው፧", "ደህና ነኝ።", "አመሰግናለሁ።"]),
        ("fa", "حال شما چطور است؟من خوبم.ممنون!", ["حال شما چطور است؟", "من خوبم.", "ممنون!"]),
        ("ur", "یہ ایک جملہ ہے۔یہ دوسرا جملہ ہے؟ہاں!", ["یہ ایک جملہ ہے۔", "یہ دوسرا جملہ ہے؟", "ہاں!"]),
        ("ar", "هل انتهى الاجتماع؟انتهى قبل ساعة.", ["هل انتهى الاجتماع؟", "انتهى قبل ساعة."]),
        ("my", "ဒါဟာ စာကြောင်း ဖြစ်တယ်။ဒါဟာ နောက်တစ်ကြောင်း ဖြစ်တယ်။", ["ဒါဟာ စာကြောင်း ဖြစ်တယ်။", "ဒါဟာ နောက်တစ်ကြောင်း ဖြစ်တယ်။"]),
    ] as [(LanguageTag, String, [String])])
    func gluedCaselessSentences(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A lone letter or a syllable glued to a name by a period is an abbreviation, not a sentence end", arguments: [
        ("ar", "قال د.أحمد إن الوضع مستقر. ثم غادر.", ["قال د.أحمد إن الوضع مستقر.", "ثم غادر."]),
        ("ml", "ഇത് പ്രൊ. കെ.പി. മോഹനൻ", ["ഇത് പ്രൊ.", "കെ.പി. മോഹനൻ"]),
    ] as [(LanguageTag, String, [String])])
    func gluedCaselessAbbreviations(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A clock time or an era ends the sentence before a capitalised word or a number, unless it opened the sentence or a time zone follows", arguments: [
        ("en", "At 5 a.m. Mr. Smith went to the bank. He left at 6 P.M. Mr. Smith then went home.",
         ["At 5 a.m. Mr. Smith went to the bank.", "He left at 6 P.M.", "Mr. Smith then went home."]),
        ("en", "The plane landed at 6 p.m. 40 passengers were on board.", ["The plane landed at 6 p.m.", "40 passengers were on board."]),
        ("en", "At 6 a.m. The birds sing.", ["At 6 a.m.", "The birds sing."]),
        ("en", "Shots were fired at 11:58 p.m. PDT on Sunday. Police responded.", ["Shots were fired at 11:58 p.m. PDT on Sunday.", "Police responded."]),
        ("en", "Rome was founded in 753 B.C. Augustus came much later.", ["Rome was founded in 753 B.C.", "Augustus came much later."]),
        ("en", "He noted: In 44 B.C. Caesar died.", ["He noted: In 44 B.C. Caesar died."]),
        ("en", "The temple dates to 200 B.C. and was rebuilt in 50 A.D. Pilgrims still visit.", ["The temple dates to 200 B.C. and was rebuilt in 50 A.D.", "Pilgrims still visit."]),
        ("ru", "Город основан в 753 г. до н. э. Он стал столицей.", ["Город основан в 753 г. до н. э.", "Он стал столицей."]),
        ("de", "Caesar starb 44 v. Chr. Danach brach Krieg aus.", ["Caesar starb 44 v. Chr.", "Danach brach Krieg aus."]),
    ] as [(LanguageTag, String, [String])])
    func clockTimesAndEras(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A unit or a degree ends the sentence before a capitalised word; a lower-case word goes on", arguments: [
        ("en", "The shelf is 3 ft. Tom measured it twice.", ["The shelf is 3 ft.", "Tom measured it twice."]),
        ("en", "Give me 6 fl. oz. of milk.", ["Give me 6 fl. oz. of milk."]),
        ("en", "She earned a Ph.D. Her thesis was on ice.", ["She earned a Ph.D.", "Her thesis was on ice."]),
        ("en", "She holds a Ph.D. in chemistry. She works in Boston.", ["She holds a Ph.D. in chemistry.", "She works in Boston."]),
        ("ru", "Вес груза составил 5 т. Его доставили утром.", ["Вес груза составил 5 т.", "Его доставили утром."]),
    ] as [(LanguageTag, String, [String])])
    func unitsAndDegrees(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A question inside a sentence goes on before a lower-case word", arguments: [
        ("de", "Er fragte, ob das stimmt? und ging nach Hause.", ["Er fragte, ob das stimmt? und ging nach Hause."]),
        ("de", "Jetzt regt sich Geist: wann wird er sich regen? wann wird die Menschheit erwachen?", ["Jetzt regt sich Geist: wann wird er sich regen? wann wird die Menschheit erwachen?"]),
        ("tr", "Toplantıya gelecek misin? diye sordu. Sonra gitti.", ["Toplantıya gelecek misin? diye sordu.", "Sonra gitti."]),
        ("az", "Sən gələcəksən? deyə soruşdu.", ["Sən gələcəksən? deyə soruşdu."]),
        ("kk", "Сен келесің бе? деп сұрады.", ["Сен келесің бе? деп сұрады."]),
        ("ru", "Он спросил: когда? и замолчал.", ["Он спросил: когда? и замолчал."]),
    ] as [(LanguageTag, String, [String])])
    func questionInsideSentence(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A question ends the sentence before a lower-case word in text written without capitals, or when a space sets it off", arguments: [
        ("en", "any format url? thanks for the help", ["any format url?", "thanks for the help"]),
        ("en", "Do you know the link for Red FM delhi ? any format url ?", ["Do you know the link for Red FM delhi ?", "any format url ?"]),
        ("tr", "nereye gidiyorsun? bekle beni", ["nereye gidiyorsun?", "bekle beni"]),
    ] as [(LanguageTag, String, [String])])
    func questionInTextWithoutCapitals(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("The second half of an abbreviation written with a space does not end a sentence", arguments: [
        ("uk", "Приклад наведено у т. зв. «правилі». Далі інше.", ["Приклад наведено у т. зв. «правилі».", "Далі інше."]),
        ("uk", "Це т. зв. перехідний період.", ["Це т. зв. перехідний період."]),
        ("de", "Das gilt, d. h. die Regel bleibt. Danach nicht.", ["Das gilt, d. h. die Regel bleibt.", "Danach nicht."]),
    ] as [(LanguageTag, String, [String])])
    func spacedAbbreviations(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A short capitalised word before a lower-case word is an abbreviation or a numeral, unless the sentence began in lower case", arguments: [
        ("en", "The storm moved NE. towards the coast. Residents left.", ["The storm moved NE. towards the coast.", "Residents left."]),
        ("de", "Darunter war Eduard IV. und Richard III., beide Könige.", ["Darunter war Eduard IV. und Richard III., beide Könige."]),
        ("en", "We met Dr. Ng. after lunch. It went well.", ["We met Dr. Ng. after lunch.", "It went well."]),
        ("en", "will i have to pay customs in NZ. its a gift", ["will i have to pay customs in NZ.", "its a gift"]),
    ] as [(LanguageTag, String, [String])])
    func shortCapitalWords(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }

    @Test("A quotation mark set off by spaces closes an open quotation, and the sentence ends after it", arguments: [
        ("tr", "\" Hiçbir şey beklemiyorum . \" Bakan böyle konuştu .", ["\" Hiçbir şey beklemiyorum . \"", "Bakan böyle konuştu ."]),
        ("en", "He said \" we will win . \" The crowd cheered .", ["He said \" we will win . \"", "The crowd cheered ."]),
        ("en", "\" We agree . \" \" We do not . \" Talks went on .", ["\" We agree . \"", "\" We do not . \"", "Talks went on ."]),
    ] as [(LanguageTag, String, [String])])
    func detachedQuotationMarks(language: LanguageTag, text: String, expected: [String]) throws {
        #expect(try sentences(text, language) == expected)
    }
}
