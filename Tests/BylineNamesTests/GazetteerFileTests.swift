import BylineNames
import Testing

@Suite("Gazetteer files")
struct GazetteerFileTests {
    @Test("A well-formed line gives an entry with its forms per language")
    func wellFormed() throws {
        let entries = try GazetteerFile.entries(parsing: "# comment\nseoul\tplace\t100\tSeoul=en,de|Seul=az,tr|Сеул=ru\n", origin: "test.tsv")
        #expect(entries.count == 1)
        #expect(entries[0].forms["az"] == ["Seul"])
        #expect(entries[0].forms["ru"] == ["Сеул"])
    }
}
