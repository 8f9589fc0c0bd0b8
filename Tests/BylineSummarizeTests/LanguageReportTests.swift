import BylineResources
import BylineSummarize
import BylineText
import Testing

@Suite("Reports in Russian and Azerbaijani")
struct LanguageReportTests {
    static let russian = """
        Фото: ТАСС

        МОСКВА, 12 марта. Центральный банк России повысил ключевую ставку до 16% годовых, сообщила пресс-служба регулятора.
        Решение принято на фоне ускорения инфляции, которая в феврале достигла 7,7%.
        По словам председателя банка Эльвиры Набиуллиной, рост цен затронул продукты питания и услуги.
        Аналитики ожидали повышения ставки на 100 базисных пунктов.
        Следующее заседание совета директоров состоится 26 апреля.

        Экономика

        Подписывайтесь на наш канал в Telegram
        """

    static let azerbaijani = """
        Foto: APA

        Bakı, 5 mart. Azərbaycan Mərkəzi Bankı uçot dərəcəsini 8,25 faizdə saxlayıb.
        Bankın məlumatına görə, fevral ayında illik inflyasiya 4,5 faiz təşkil edib.
        Ərzaq məhsullarının qiyməti 6,1 faiz, xidmətlər isə 3,2 faiz bahalaşıb.
        Mərkəzi Bankın sədri Taleh Kazımov bildirib ki, növbəti qərar aprel ayında veriləcək.
        Ekspertlər dərəcənin dəyişməyəcəyini gözləyirdilər.

        Siyasət

        Bizi sosial şəbəkələrdə izləyin
        """

    @Test("A Russian report keeps its dateline, picks body sentences and lists the furniture")
    func russianReport() throws {
        let text = Self.russian
        let summary = try summarize(text, language: "ru", length: .sentences(3))
        let picked = pickedTexts(summary, in: text)
        #expect(picked.count == 3)
        #expect(picked.first?.hasPrefix("МОСКВА, 12 марта. Центральный банк России") == true)
        #expect(excludedTexts(summary, in: text) == ["Фото: ТАСС", "Экономика", "Подписывайтесь на наш канал в Telegram"])
        #expect(summary.usesCapitalisation)
    }

    @Test("An Azerbaijani report keeps its dateline, picks body sentences and lists the furniture")
    func azerbaijaniReport() throws {
        let text = Self.azerbaijani
        let summary = try summarize(text, language: "az", length: .sentences(3))
        let picked = pickedTexts(summary, in: text)
        #expect(picked.count == 3)
        #expect(picked.first?.hasPrefix("Bakı, 5 mart. Azərbaycan Mərkəzi Bankı") == true)
        #expect(excludedTexts(summary, in: text) == ["Foto: APA", "Siyasət", "Bizi sosial şəbəkələrdə izləyin"])
        let kinds = summary.excluded.map(\.kind)
        #expect(kinds == ["photo-credit", "section-label", "call-to-action"])
    }

    @Test("Suffix stripping brings inflected forms together", arguments: [
        ("en", "troops", "troop"),
        ("ru", "войсками", "войск"),
        ("az", "qoşunların", "qoşun"),
        ("tr", "askerlerin", "asker"),
    ])
    func suffixStripping(language: LanguageTag, word: String, stem: String) throws {
        #expect(try ResourceBundle.locate().summarizationRules(for: language).stemmer.stem(word) == stem)
    }
}
