import BylineNames
import BylineResources
import Foundation
import Testing

/// The language tables come from `Resources/data/names/` and `morphology/`.
@Suite("Name language tables")
struct NameLanguageTablesTests {
    @Test("The shipped tables hold the words inside names: connectors and particles")
    func shippedConnectors() throws {
        let tables = try #require(Shipped.tables)
        #expect(tables.connectors.isSuperset(of: ["and", "of", "am", "upon", "de", "von"]))
        #expect(tables.particles.isSuperset(of: ["de", "da", "dos", "van", "von"]))
        #expect(!tables.particles.contains("and"))
        // Words for kinds of place, in the languages that write them after the name.
        #expect(tables.placeGenerics["en"]?.isSuperset(of: ["sea", "river", "canal", "islands"]) == true)
        #expect(tables.placeGenerics["tr"]?.isSuperset(of: ["denizi", "kanalı"]) == true)
    }

    /// The error `nameLanguageTables()` throws for a data folder of small valid tables, with
    /// `changed` written over them (path under the data folder → file text).
    func tablesError(_ changed: [String: String]) throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-tables-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let valid = [
            "names/titles.tsv": "en\tmr\n", "names/alphabets.tsv": "en\tabc\n", "names/distinct-letters.tsv": "de\tä\n",
            "morphology/endings.tsv": "en\ts\tname\n", "morphology/letters.tsv": "ru\tstem-final\tа\n",
            "names/connectors.tsv": "en\tand\tconnector\n", "names/place-generics.tsv": "en\tsea\n",
            "names/acronyms.tsv": "ASCII\tdictionary\n",
        ]
        for (path, text) in valid.merging(changed, uniquingKeysWith: { $1 }) {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        do {
            _ = try ResourceBundle(dataDirectory: folder).nameLanguageTables()
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test("An acronyms row that is not capital letters alone is refused with its file and line")
    func badAcronym() throws {
        #expect(try tablesError([:]) == nil)
        let error = try tablesError(["names/acronyms.tsv": "# acronym<TAB>sources\nASCII\tdictionary\nUTF-8\tpackages:3\n"])
        #expect(error?.hasSuffix("names/acronyms.tsv:3:1: an acronym is capital letters A to Z only, not \"UTF-8\"") == true, "\(error ?? "no error")")
        // The shipped list holds the dictionary's and the package descriptions' acronyms.
        let shipped = try #require(Shipped.tables).acronyms
        #expect(shipped.isSuperset(of: ["ASCII", "EBCDIC", "DHCP", "NATO", "README"]))
        #expect(!shipped.contains("NOTE"))
    }

    @Test("A connectors row with an unknown use is refused with its file and line")
    func unknownUse() throws {
        let error = try tablesError(["names/connectors.tsv": "# comment\nen\tand\tconnector\nen\tof\tjoiner\n"])
        #expect(error?.hasSuffix("names/connectors.tsv:3:1: unknown use \"joiner\" (expected connector, particle or both)") == true,
                "\(error ?? "no error")")
    }
}
