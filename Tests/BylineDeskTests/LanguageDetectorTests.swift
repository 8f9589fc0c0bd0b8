import BylineDesk
import BylineResources
import BylineText
import Testing

@Suite("Language detection among the desk's languages")
struct LanguageDetectorTests {
    static let detector: LanguageDetector = {
        try! LanguageDetector(resources: ResourceBundle.locate())
    }()

    @Test("A sentence or two is enough for each language", arguments: [
        ("The minister said on Tuesday that the talks would go on next week.", "en"),
        ("Министр заявил во вторник, что переговоры продолжатся на следующей неделе.", "ru"),
        ("Nazir çərşənbə axşamı bildirib ki, danışıqlar gələn həftə davam edəcək.", "az"),
        ("Bakan salı günü yaptığı açıklamada görüşmelerin gelecek hafta süreceğini söyledi.", "tr"),
        ("Der Minister sagte am Dienstag, dass die Gespräche nächste Woche weitergehen würden.", "de"),
        ("Le ministre a déclaré mardi que les négociations se poursuivraient la semaine prochaine.", "fr"),
        ("El ministro dijo el martes que las conversaciones continuarían la próxima semana.", "es"),
        ("Міністр заявив у вівторок, що переговори триватимуть наступного тижня.", "uk"),
        ("Министр сейсенбі күні келіссөздер келесі аптада жалғасатынын мәлімдеді.", "kk"),
    ])
    func shortTexts(text: String, expected: String) throws {
        let guess = try #require(Self.detector.detect(text))
        #expect(guess.language == LanguageTag(expected))
        #expect(guess.isSure, "confidence \(guess.confidence), known \(guess.known)")
    }

    @Test("Letters a neighbour does not write tell close languages apart")
    func closeLanguages() throws {
        // Turkish and Azerbaijani share most words; ə is Azerbaijani's alone.
        #expect(Self.detector.detect("Bu gün hava çox gözəldir və hamı bayırdadır.")?.language == "az")
        #expect(Self.detector.detect("Bugün hava çok güzel ve herkes dışarıda.")?.language == "tr")
        // Russian and Ukrainian: ы and э against і and ї.
        #expect(Self.detector.detect("Мы были в этом городе прошлым летом.")?.language == "ru")
        #expect(Self.detector.detect("Ми були в цьому місті минулого літа.")?.language == "uk")
    }

    @Test("A report with quotes and names in other languages keeps its own language")
    func mixedText() throws {
        let text = """
            Президент Азербайджана Ильхам Алиев принял в Баку делегацию во главе с министром. \
            На встрече, по словам пресс-службы, обсуждались вопросы энергетики. «We are ready to help», \
            — сказал глава делегации John Smith. Стороны договорились продолжить переговоры.
            """
        let guess = try #require(Self.detector.detect(text))
        #expect(guess.language == "ru")
        #expect(guess.isSure)
    }

    @Test("One word, or a text without letters, is not enough to be sure")
    func unsure() {
        let one = Self.detector.detect("Привет")
        #expect(one.map { !$0.isSure } ?? true)
        #expect(Self.detector.detect("12 345 — 67,8 %") == nil)
        // A language outside the profiles is not passed off as one of them.
        let italian = Self.detector.detect("Il governo ha detto che la situazione resta difficile per tutti i cittadini.")
        #expect(italian.map { !$0.isSure } ?? true)
    }
}
