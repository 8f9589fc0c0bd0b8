import BylineNormalize
import BylineText
import Testing

@Suite("fix: repairing copy as a desk receives it")
struct RepairTests {
    let normalizer = TextNormalizer()

    func fixed(_ text: String, _ language: LanguageTag) throws -> NormalizedText {
        try normalizer.normalize(text, operation: .fix, language: language)
    }

    @Test("UTF-8 read with a legacy code page is decoded again", arguments: [
        ("ru", "РґРѕСЂРѕРіРµ Р\u{98}Р·-РїРѕРґ #С„СѓС‚Р±РѕР»", "дороге Из-под #футбол"),
        ("ru", "#╨┐╤Ç╨░╨▓╨╕╨╗╤î╨╜╨╛╨╡╨┐╨╕╤é╨░╨╜╨╕╨╡", "#правильноепитание"),
        ("tr", "Ä°stanbul", "İstanbul"),
        ("tr", "Beta Haber: HÄ±rsÄ±zÄ± BÃ¼yÃ¼ Korkuttu", "Beta Haber: Hırsızı Büyü Korkuttu"),
        ("fr", "ART TRIP Ã\u{A0} l'office de tourisme", "ART TRIP à l'office de tourisme"),
        ("fr", "Le barÃ¨me forfaitaire permet l’Ã©valuation des frais", "Le barème forfaitaire permet l’évaluation des frais"),
        ("de", "weiÃŸ und grÃ¼n", "weiß und grün"),
        ("en", "Blog Traffic Tip 2 вЂ“ Broadcast", "Blog Traffic Tip 2 – Broadcast"),
        ("en", "The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows.", "The Mona Lisa doesn’t have eyebrows."),
        ("en", "Ningboï¼ŒChina", "Ningbo，China"),
        ("en", "Hi guys í\u{A0}½í¸\u{8D}", "Hi guys 😍"),
    ])
    func mojibake(language: String, input: String, expected: String) throws {
        let result = try fixed(input, LanguageTag(language))
        #expect(Array(result.text.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(result.changes.allSatisfy { $0.kind == .mojibake })
    }

    @Test("Correct text comes out byte for byte as it went in", arguments: [
        ("fr", "L’épisode 8 est trop fou ouahh"),
        ("uk", "ВІКІ is Ukrainian for WIKI"),
        ("uk", "Він сказав: «Рік минув». Ї, є, ґ."),
        ("ru", "Рёв мотора; СЁМГА — «ТАСС»…"),
        ("en", "SENSЕ - Oleg Tsedryk"),
        ("fr", "Le prix : 8\u{202F}000 € et 10\u{A0}000 habitants « à Paris » !"),
        ("fa", "خانه‌ها می‌روند"),
        ("en", "family 👨‍👩‍👧 and flag 🏳️‍🌈"),
        ("az", "Əliyev Bakıda çıxış edib; Gəncə, Şəki, İsmayıllı."),
        ("de", "„Straße“ – Größe 10–12 °C, Ärger über Öl"),
        ("es", "¿Qué? ¡Año nuevo! DOS AÑOS"),
        ("en", "Bremer/Mccoy – DrÃ¥ber"),
        ("en", "Offering 5×£35 pin ups"),
        ("en", "higher values (“+” and “×” curves)"),
        ("ro", "NICIODATĂ™ și ȘTIINȚĂ"),
        ("cs", "Vedoucí pozice v\u{A0}jaderném vývoji a z\u{A0}jejich ekonomik"),
        ("en", "The writer said,\u{2009}“Free Fallin.”\u{200A}\""),
        ("en", "C O N C L U S Ã O"),
        ("en", "├┤a┼┐a┼┐a"),
        ("el", "(-1/2)! = √π, Μάιος"),
    ])
    func cleanTextUnchanged(language: String, text: String) throws {
        let result = try fixed(text, LanguageTag(language))
        #expect(result.isUnchanged, "changed: \(result.changes.map { "\(text[$0.range]) → \($0.replacement)" })")
        #expect(result.text.utf8.elementsEqual(text.utf8))
    }

    @Test("Entities, controls, invisible characters and odd spaces are cleaned", arguments: [
        ("en", "AT&amp;T said it&#39;s &eacute;t&#xE9; &#150; ok", "AT&T said it's été – ok", NormalizationChange.Kind.entity),
        ("de", "Ge\u{AD}samt\u{AD}kon\u{AD}zept", "Gesamtkonzept", .invisible),
        ("en", "\u{FEFF}Zero\u{200B}width and\u{2060}joiner", "Zerowidth andjoiner", .invisible),
        ("en", "bell\u{07} and\u{0B}tab", "bell and\ntab", .control),
        ("en", "em\u{2003}space\u{A0}and\u{A0}nbsp", "em space and nbsp", .space),
        ("ru", "слово\u{200D}слово", "слово\u{200D}слово".replacingOccurrences(of: "\u{200D}", with: ""), .invisible),
        ("en", "don\u{92}t", "don’t", .mojibake),
    ])
    func cleanup(language: String, input: String, expected: String, kind: NormalizationChange.Kind) throws {
        let result = try fixed(input, LanguageTag(language))
        #expect(Array(result.text.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(result.changes.contains { $0.kind == kind })
    }

    @Test("Markup keeps its entities")
    func markupKeepsEntities() throws {
        let text = "<p>AT&amp;T</p>"
        #expect(try fixed(text, "en").isUnchanged)
    }

    @Test("Each change points at the garbled characters in the input")
    func changeRanges() throws {
        let input = "Ã‡ok gÃ¼zel"
        let result = try fixed(input, "tr")
        #expect(result.text == "Çok güzel")
        #expect(result.changes.map { String(input[$0.range]) } == ["Ã‡", "Ã¼"])
        #expect(result.changes.map(\.replacement) == ["Ç", "ü"])
    }
}
