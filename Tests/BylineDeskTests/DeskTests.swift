import BylineDesk
import BylineResources
import BylineTM
import BylineText
import Foundation
import Testing

/// Reports written for these tests on the sample report's story, one per desk language,
/// each with one misspelt name.
enum DeskReports {
    static let russian = """
        Фото TURAN

        Соединённые Штаты заявили в четверг, что, по их оценке, около 8000 северокорейских военных находятся в приграничной Курской области России и, как ожидается, вступят в войну Кремля с Украиной в ближайшие дни, сообщает вашингтонский корреспондент TURAN.

        Госсекретарь Энтони Блинкен и министр обороны Ллойд Остин заявили журналистам, что Москва обучает около 10 000 северокорейцев.

        И Вашингтон, и Сеол предупредили Пхеньян, что его военные станут законными целями, если будут воевать против Украины.

        По оценке США, российская армия ежедневно теряет около 1200 человек убитыми и ранеными.

        Подписывайтесь на нас в социальных сетях
        """

    static let azerbaijani = """
        ABŞ cümə axşamı bildirib ki, onun qiymətləndirməsinə görə, hazırda Rusiyanın Kursk sərhəd bölgəsində təxminən 8000 Şimali Koreya hərbçisi yerləşir və onların yaxın günlərdə Kreml Ukraynaya qarşı müharibəsinə qoşulacağı gözlənilir, TURAN-ın Vaşinqton müxbiri xəbər verir.

        Dövlət katibi Entoni Blinken bildirib ki, Moskva təxminən 10000 Şimali Koreyalını artilleriya və dronlar üzrə təlimləndirir.

        Vaşinqton və Seol Pxenyana qoşunlarını Rusiyadan çıxarmaq barədə xəbərdarlıq ediblər.

        ABŞ-ın qiymətləndirməsinə görə, Rusiya ordusu gündə təxminən 1200 itki verir.
        """

    static let turkish = """
        ABD perşembe günü yaptığı açıklamada, yaklaşık 8.000 Kuzey Kore askerinin şu anda Rusya'nın Kursk sınır bölgesinde konuşlandığını ve önümüzdeki günlerde Kremlin'in Ukrayna'ya karşı savaşına katılmasının beklendiğini söyledi, TURAN'ın Washington muhabiri bildiriyor.

        Dışişleri Bakanı Antony Blinken, Moskova'nın yaklaşık 10.000 Kuzey Koreliyi topçuluk ve insansız hava araçları konusunda eğittiğini söyledi.

        Washington ve Seol, Pyongyang'ı askerlerini Rusya'dan çekmesi konusunda uyardı.

        ABD'nin değerlendirmesine göre Rus ordusu günde yaklaşık 1.200 kayıp veriyor.
        """
}

@Suite("The desk from Swift: reports in Russian, Azerbaijani and Turkish")
struct DeskTests {
    /// A desk over a fresh demonstration memory in a temporary file.
    static func desk() throws -> (Desk, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("tm.sqlite").path
        let resources = try ResourceBundle.locate()
        let store = try SQLiteStore(path: path, access: .readWrite)
        let report = try DemoMemory.fill(
            store, resources: resources,
            segmentation: try SegmentationContext(resources: resources, options: .init(attachDatelines: false)), names: nil)
        #expect(report.created >= 15)
        return (try Desk(resources: resources, memory: try SQLiteStore(path: path, access: .readOnly)), folder)
    }

    @Test("Each report: its language detected, its one misspelt name fixed in its own form, the lede first, suggestions into the others", arguments: [
        (DeskReports.russian, "ru", "Сеол", "Сеул"),
        (DeskReports.azerbaijani, "az", "Seol", "Seul"),
        (DeskReports.turkish, "tr", "Seol", "Seul"),
    ])
    func report(text: String, language: String, misspelt: String, fixed: String) async throws {
        let (desk, folder) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try await desk.run(text, language: nil, options: DeskOptions(sentences: 3))
        #expect(report.language == LanguageTag(language))
        #expect(report.detected?.isSure == true)
        #expect(report.names.count == 1)
        #expect(report.names.first.map { String(text[$0.range]) } == misspelt)
        #expect(report.names.first?.replacement == fixed)
        #expect(report.corrected.contains(fixed))
        #expect(report.summary.count == 3)
        #expect(report.summary.first?.index == 0)
        #expect(report.summary.map(\.range.lowerBound) == report.summary.map(\.range.lowerBound).sorted())
        let others = Set(["en", "ru", "az", "tr"].filter { $0 != language }.map { LanguageTag($0) })
        #expect(Set(report.targets) == others)
        // The lede has a stored translation in every other language, its number the report's.
        let lede = try #require(report.summary.first)
        for group in lede.suggestions {
            let best = try #require(group.matches.first, "no \(group.language) match for the lede")
            #expect(best.score >= 75)
            #expect(best.target.contains("8") && !best.target.contains("3000") && !best.target.contains("3,000"))
        }
        for furniture in report.furniture {
            #expect(!report.summary.contains { $0.range.overlaps(furniture.range) })
        }
    }

    @Test("Ranges point into the text as received, through the Unicode repairs")
    func rangesThroughRepairs() async throws {
        let (desk, folder) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Mojibake and an HTML entity before the name shift every later position of the repaired text.
        let text = "Ministers met in Ã©tÃ© &amp; autumn. Both Washington and Seol have issued a warning to Pyongyang."
        let report = try await desk.run(text, language: "en", options: DeskOptions(sentences: 2, targets: []))
        #expect(!report.repairs.isEmpty)
        let name = try #require(report.names.first)
        #expect(text[name.range] == "Seol")
        #expect(report.sentences.count == 2)
        #expect(text[report.sentences[1]].hasPrefix("Both Washington"))
    }

    @Test("Without a memory there are no suggestions and nothing is opened")
    func noMemory() async throws {
        let desk = try Desk()
        let report = try await desk.run(DeskReports.turkish, language: "tr", options: DeskOptions())
        #expect(report.targets.isEmpty)
        #expect(report.summary.allSatisfy { $0.suggestions.isEmpty })
        #expect(report.detected == nil)
    }

    @Test("A text the detector is unsure of is refused, not guessed")
    func unsureLanguage() async throws {
        let desk = try Desk()
        await #expect(throws: DeskError.self) { try await desk.run("OK 123", language: nil) }
    }
}
