import Foundation
import BylineNames
import BylineResources
import BylineText
import Testing

/// The shipped gazetteer and word lists, loaded once for every test here: the compiled
/// index as a command maps it, built into a folder of the tests' own (kept between runs,
/// rebuilt when the data changes, like any cache folder).
enum Shipped {
    static let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("byline-names-tests")

    static let gazetteer: Gazetteer? = {
        guard let resources = try? ResourceBundle.locate() else { return nil }
        let store = NameIndexStore(resources: resources, environment: ["BYLINE_CACHE_DIR": cacheDirectory.path])
        return (try? store.load()).map { Gazetteer(index: $0) }
    }()

    static let wordLists: [LanguageTag: WordList] = {
        guard let resources = try? ResourceBundle.locate() else { return [:] }
        return (try? resources.wordLists()) ?? [:]
    }()

    static let tables: NameLanguageTables? = {
        guard let resources = try? ResourceBundle.locate() else { return nil }
        return try? resources.nameLanguageTables()
    }()

    static func normalizer() throws -> NameNormalizer {
        NameNormalizer(gazetteer: try #require(gazetteer), wordLists: wordLists, tables: try #require(tables))
    }
}

@Suite("Name normalizer on the shipped gazetteer")
struct NameNormalizerTests {
    @Test("The seed's misspelt capital takes the form of the text's language", arguments: [
        ("en", "Both Washington and Seol have issued a warning to Pyongyang to remove their troops from Russia.", "Seol", "Seoul"),
        ("az", "Vaşinqton və Seol Pxenyana xəbərdarlıq edib.", "Seol", "Seul"),
        ("tr", "Hem Washington hem de Seol, Pyongyang'a uyarıda bulundu.", "Seol", "Seul"),
        ("ru", "И Вашингтон, и Сеол предупредили Пхеньян.", "Сеол", "Сеул"),
    ])
    func seed(language: String, text: String, written: String, expected: String) throws {
        let changes = try Shipped.normalizer().changes(in: text, language: LanguageTag(language))
        let change = try #require(changes.first)
        #expect(changes.count == 1)
        #expect(String(text[change.range]) == written)
        #expect(change.replacement == expected)
        #expect(change.kind == .misspelling)
    }

    @Test("The seed report gets one change, Seol to Seoul, and nothing else")
    func seedReport() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let text = try String(contentsOfFile: "/" + path + "/seeds/000_e10f10481b35292a.txt", encoding: .utf8)
        let changes = try Shipped.normalizer().changes(in: text, language: "en")
        #expect(changes.map { "\(text[$0.range])→\($0.replacement)" } == ["Seol→Seoul"])
    }

    @Test("Ordinary words near a name stay as they are", arguments: [
        ("en", "Seal"), ("en", "Sell"), ("en", "Soul"), ("en", "Useful"), ("ru", "Курс"), ("tr", "Okul"), ("de", "Kurs"),
    ])
    func ordinaryWords(language: String, word: String) throws {
        #expect(try Shipped.normalizer().changes(in: word, language: LanguageTag(language)).isEmpty)
        let sentence = "Officials said \(word) was mentioned."
        #expect(try Shipped.normalizer().changes(in: sentence, language: LanguageTag(language)).isEmpty)
    }

    @Test("Correct names near other names stay", arguments: [
        ("en", "Iran and Iraq signed, as did Austria and Australia."), ("ru", "Руанда и Луанда."),
        ("az", "Liviya və Boliviya."), ("de", "Kenia und Kanada."),
    ])
    func correctNames(language: String, text: String) throws {
        #expect(try Shipped.normalizer().changes(in: text, language: LanguageTag(language)).isEmpty)
    }

    @Test("Seol as a Korean surname before a given name is left alone")
    func koreanSurname() throws {
        let text = "Midfielder Seol Ki-hyeon scored twice for Ulsan."
        #expect(try Shipped.normalizer().changes(in: text, language: "en").isEmpty)
    }

    @Test("Azerbaijani and Turkish case suffixes on correct names stay", arguments: [
        ("az", "Seulda və Rusiyada görüşlər oldu."), ("tr", "Londra'ya ve Seul'de toplantılar yapıldı."),
        ("tr", "Londraya gittiler."),
    ])
    func turkicSuffixes(language: String, text: String) throws {
        #expect(try Shipped.normalizer().changes(in: text, language: LanguageTag(language)).isEmpty)
    }

    @Test("A misspelt stem keeps its suffix, with or without an apostrophe", arguments: [
        ("az", "Vaşinqton və Seolda görüş keçirildi, Pxenyan narazıdır.", "Seolda", "Seulda"),
        ("tr", "Washington ve Seol'de görüşme yapıldı, Pyongyang tepki gösterdi.", "Seol'de", "Seul'de"),
    ])
    func turkicFix(language: String, text: String, written: String, expected: String) throws {
        let change = try #require(try Shipped.normalizer().changes(in: text, language: LanguageTag(language)).first)
        #expect(String(text[change.range]) == written)
        #expect(change.replacement == expected)
    }

    @Test("A slip beside the ending or in a letter the key folds keeps the word's case", arguments: [
        ("az", "Görüş İtalıyada keçirildi.", "Görüş İtaliyada keçirildi."),
        ("az", "Nümayəndə heyəti Norvçdən qayıtdı.", "Nümayəndə heyəti Norveçdən qayıtdı."),
        ("az", "Görüş İsvçdə keçirildi.", "Görüş İsveçdə keçirildi."),
        ("ru", "Министр обратился к Казахстау с призывом.", "Министр обратился к Казахстану с призывом."),
        ("ru", "Переговоры с Испаней продолжатся завтра.", "Переговоры с Испанией продолжатся завтра."),
    ])
    func inflectedSlips(language: String, text: String, expected: String) throws {
        let changes = try Shipped.normalizer().changes(in: text, language: LanguageTag(language))
        #expect(NameNormalizer.apply(changes, to: text) == expected)
    }

    @Test("Russian inflected names stay; a misspelt one keeps its ending")
    func russianInflection() throws {
        let normalizer = try Shipped.normalizer()
        #expect(normalizer.changes(in: "Переговоры в Сеуле и под Курском, а потом в Курске.", language: "ru").isEmpty)
        let text = "Вашингтон договорился с Сеолом, Пхеньян молчит."
        let change = try #require(normalizer.changes(in: text, language: "ru").first)
        #expect(String(text[change.range]) == "Сеолом")
        #expect(change.replacement == "Сеулом")
    }

    @Test("Another language's correct form is replaced as foreign", arguments: [
        ("en", "He flew to Seul on Monday.", "Seul", "Seoul"), ("de", "Er flog nach Kenya.", "Kenya", "Kenia"),
        ("tr", "Heyet Rusia ile görüştü.", "Rusia", "Rusya"),
    ])
    func foreignForms(language: String, text: String, written: String, expected: String) throws {
        let change = try #require(try Shipped.normalizer().changes(in: text, language: LanguageTag(language)).first)
        #expect(String(text[change.range]) == written)
        #expect(change.replacement == expected)
        #expect(change.kind == .foreign)
    }

    @Test("A person's name gets its accents back where the language writes them; English keeps it as written", arguments: [
        ("de", "Ein Roman von Emily Bronte erschien.", "Emily Bronte", "Emily Brontë"),
        ("fr", "Le procès de Emile Zola commence.", "Emile Zola", "Émile Zola"),
        ("es", "Un cuadro de Paul Cezanne se vendió.", "Paul Cezanne", "Paul Cézanne"),
    ])
    func personAccents(language: String, text: String, written: String, expected: String) throws {
        let normalizer = try Shipped.normalizer()
        let change = try #require(normalizer.changes(in: text, language: LanguageTag(language)).first)
        #expect(String(text[change.range]) == written)
        #expect(change.replacement == expected)
        #expect(normalizer.changes(in: "A novel by \(written) came out.", language: "en").isEmpty)
    }

    @Test("German copy names people of Latin-script nations as English does; Russian names keep German's own transliteration")
    func germanPersonForms() throws {
        let normalizer = try Shipped.normalizer()
        let text = "Die Tänzerin Isadora Ducan starb in Nizza."
        let change = try #require(normalizer.changes(in: text, language: "de").first)
        #expect(String(text[change.range]) == "Isadora Ducan")
        #expect(change.replacement == "Isadora Duncan")
        #expect(normalizer.changes(in: "Gestern las er Leo Tolstoi und Igor Strawinsky.", language: "de").allSatisfy {
            !["Leo Tolstoy", "Igor Stravinsky"].contains($0.replacement)
        })
        #expect(normalizer.changes(in: "Es war Jimmy Carters Idee, nicht Paul Newmans.", language: "de").isEmpty)
    }

    @Test("Letting go of the index's pages while reading changes no decision")
    func residentBudget() throws {
        let seed = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../seeds/000_e10f10481b35292a.txt").standardized, encoding: .utf8)
        let text = seed + "\n\nLater the Carribean Sea was calm, and Persain Gulf states met in Riyadh.\n"
        let never = try Shipped.normalizer()
        never.residentGrowthBudget = nil
        let always = try Shipped.normalizer()
        always.residentGrowthBudget = 0  // lets go at every look once the peak rises
        let expected = never.changes(in: text, language: "en")
        #expect(expected.count >= 2)
        #expect(always.changes(in: text, language: "en") == expected)
        #expect(always.changes(in: "Both Washington and Seol warned Pyongyang.", language: "en").map(\.replacement) == ["Seoul"])
    }

    @Test("A language without names of its own is matched with the English forms")
    func unknownLanguage() throws {
        let analysis = try Shipped.normalizer().analyze("Washington and Seol met.", language: "xx")
        #expect(analysis.usedFallbackLanguage)
        #expect(analysis.changes.first?.replacement == "Seoul")
    }
}
