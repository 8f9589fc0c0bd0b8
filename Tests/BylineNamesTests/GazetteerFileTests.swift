import BylineNames
import BylineText
import Testing

@Suite("Gazetteer files and tiny gazetteers")
struct GazetteerFileTests {
    @Test("A well-formed line gives an entry with its forms per language")
    func wellFormed() throws {
        let text = "# comment\nseoul\tplace\t100\tSeoul=en,de|Seul=az,tr|Сеул=ru\tregion:KR\n"
        let entries = try GazetteerFile.entries(parsing: text, origin: "test.tsv")
        #expect(entries.count == 1)
        #expect(entries[0].forms["az"] == ["Seul"])
        #expect(entries[0].forms["ru"] == ["Сеул"])
        #expect(entries[0].related == ["region:KR"])
    }

    @Test("A malformed line is reported with file, line and column, and nothing is returned", arguments: [
        ("ok\tplace\t10\tA=en\nbad\tplanet\t10\tB=en\n", "desk.tsv:2:5: unknown kind \"planet\""),
        ("ok\tplace\t10\tA=en\n\nbad\tplace\theavy\tB=en\n", "desk.tsv:3:11: the weight must be a whole number"),
        ("bad\tplace\t10\tSeoul\n", "desk.tsv:1:14: a form needs its languages"),
        ("only\ttwo\n", "desk.tsv:1:1: expected 4 or 5 tab-separated fields"),
        ("ünï\tplace\t10\tX=e n\n", "desk.tsv:1:14: \"e n\" is not a language tag"),
    ])
    func malformed(text: String, expected: String) throws {
        do {
            _ = try GazetteerFile.entries(parsing: text, origin: "desk.tsv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test("A tiny gazetteer finds names by their exact form in one language")
    func tiny() {
        let gazetteer = Gazetteer(entries: [
            GazetteerEntry(id: "seoul", kind: .place, weight: 100, forms: ["en": ["Seoul"], "az": ["Seul"]]),
        ])
        #expect(gazetteer.entries(named: "Seul", language: "az").map(\.id) == ["seoul"])
        #expect(gazetteer.entries(named: "Seul", language: "en").isEmpty)
    }

    @Test("A fixture gazetteer without word lists still fixes a misspelt name in context")
    func fixture() throws {
        let gazetteer = Gazetteer(entries: [
            GazetteerEntry(id: "seoul", kind: .place, weight: 90, forms: ["en": ["Seoul"], "az": ["Seul"], "ru": ["Сеул"]]),
            GazetteerEntry(id: "washington", kind: .place, weight: 90, forms: ["en": ["Washington"], "az": ["Vaşinqton"], "ru": ["Вашингтон"]]),
        ])
        let normalizer = NameNormalizer(gazetteer: gazetteer, tables: try #require(Shipped.tables))
        let changes = normalizer.changes(in: "Both Washington and Seol have issued a warning.", language: "en")
        #expect(changes.map(\.replacement) == ["Seoul"])
        #expect(changes.first?.entity == "seoul")
    }
}
