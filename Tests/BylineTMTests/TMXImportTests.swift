import BylineTM
import BylineTMX
import BylineTestSupport
import BylineText
import Foundation
import PropertyBased
import Testing

/// A folder that disappears after the test.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("byline-tm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` (UTF-8) or raw bytes to a file and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    func file(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }
}

let fixture = Bundle.module.url(forResource: "desk", withExtension: "tmx", subdirectory: "Fixtures")!.path

/// A TMX document around `body`.
func tmx(_ body: String, version: String = "1.4", sourceLanguage: String = "en") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="\(version)">
    <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="\(sourceLanguage)" datatype="plaintext"/>
    <body>
    \(body)
    </body>
    </tmx>
    """
}

@Suite("TMX import")
struct TMXImportTests {
    @Test("A TMX file imports every unit with its languages, codes, properties and notes", arguments: StoreKind.allCases)
    func importsFixture(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let report = try await importFile(fixture, into: store)
        #expect(report.read == 4)
        #expect(report.created == 4)
        #expect(report.alternatives == 1)
        let units = try await allUnits(store)
        #expect(units.count == 4)
        let first = try #require(units.first)
        #expect(first.variants.map(\.language) == ["en", "ru", "az"])
        #expect(first.metadata.properties == [Attribute("x-story", "kursk-troops")])
        #expect(first.metadata.notes == ["Lede of the Kursk story."])
        #expect(first.metadata.usageCount == 2)
        #expect(first.metadata.creationID == "desk")
        let codes = units[1].variants[0].segment.codes
        #expect(codes.map(\.kind) == [.bpt, .ept])
        #expect(codes[0].attribute("type") == "bold")
        #expect(units[1].variants[0].segment.plainText == "Press OK to file the story.")
        #expect(units[3].alternativeOf == units[2].id)
    }

    @Test(
        "Into a memory that holds units, a unit is the alternative of one written earlier in the same import",
        arguments: StoreKind.allCases)
    func alternativeOfUnitFromSameImport(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let source = #"<tuv xml:lang="en"><seg>Talks resumed.</seg></tuv>"#
        _ = try await importFile(
            try scratch.file("a.tmx", tmx(#"<tu>\#(source)<tuv xml:lang="ru"><seg>Переговоры возобновились.</seg></tuv></tu>"#)),
            into: store)
        // The second unit is an alternative (its Russian differs from the stored one's), so
        // it is not the first with its source in German; the third, German only, is then its
        // alternative: the first unit with the same source and a German variant.
        let body = """
            <tu>\(source)<tuv xml:lang="de"><seg>Die Gespräche wurden wieder aufgenommen.</seg></tuv><tuv xml:lang="ru"><seg>Переговоры продолжились.</seg></tuv></tu>
            <tu>\(source)<tuv xml:lang="de"><seg>Die Verhandlungen gingen weiter.</seg></tuv></tu>
            """
        let report = try await importFile(try scratch.file("b.tmx", tmx(body)), into: store)
        #expect(report.created == 2)
        #expect(report.alternatives == 2)
        let units = try await allUnits(store)
        #expect(units.map(\.alternativeOf) == [nil, units[0].id, units[1].id])
    }

    @Test("Importing the same file again changes nothing", arguments: StoreKind.allCases)
    func reimportIsNoOp(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        _ = try await importFile(fixture, into: store)
        let before = try await allUnits(store)
        let report = try await importFile(fixture, into: store)
        #expect(report.created == 0)
        #expect(report.duplicates == 4)
        #expect(report.updated == 0)
        #expect(try await allUnits(store) == before)
    }

    @Test("A duplicate changed later refreshes the stored unit's change date and usage", arguments: StoreKind.allCases)
    func duplicateUpdates(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let unit = #"<tuv xml:lang="en"><seg>Talks resumed.</seg></tuv><tuv xml:lang="ru"><seg>Переговоры возобновились.</seg></tuv>"#
        _ = try await importFile(try scratch.file("a.tmx", tmx(#"<tu changedate="20240101T000000Z" usagecount="1">\#(unit)</tu>"#)), into: store)
        let report = try await importFile(try scratch.file("b.tmx", tmx(#"<tu changedate="20240301T000000Z" usagecount="5">\#(unit)</tu>"#)), into: store)
        #expect(report.updated == 1)
        #expect(report.created == 0)
        let stored = try #require(try await allUnits(store).first)
        #expect(stored.metadata.changeDate == "20240301T000000Z")
        #expect(stored.metadata.usageCount == 5)
    }

    @Test("A duplicate later in the same file refreshes the unit written earlier in the import", arguments: StoreKind.allCases)
    func duplicateUpdatesWithinOneImport(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let unit = #"<tuv xml:lang="en"><seg>Talks resumed.</seg></tuv><tuv xml:lang="ru"><seg>Переговоры возобновились.</seg></tuv>"#
        let other = #"<tuv xml:lang="en"><seg>Talks ended.</seg></tuv><tuv xml:lang="ru"><seg>Переговоры завершились.</seg></tuv>"#
        let body = """
            <tu changedate="20240101T000000Z" usagecount="7">\(unit)</tu>
            <tu>\(other)</tu>
            <tu changedate="20240301T000000Z" usagecount="5">\(unit)</tu>
            <tu>\(unit)</tu>
            """
        let report = try await importFile(try scratch.file("a.tmx", tmx(body)), into: store)
        #expect(report.created == 2)
        #expect(report.updated == 1)
        #expect(report.duplicates == 1)
        let stored = try #require(try await allUnits(store).first)
        #expect(stored.metadata.changeDate == "20240301T000000Z")
        #expect(stored.metadata.usageCount == 7)
        #expect(try await allUnits(store).map(\.id) == [1, 2])
    }

    @Test("Variants are taken by language, not by position; TMX 1.1 lang= and srclang *all* are read", arguments: StoreKind.allCases)
    func languages(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let body = """
            <tu><tuv lang="RU"><seg>Сеул</seg></tuv><tuv lang="EN-us"><seg>Seoul</seg></tuv><tuv lang="az"><seg>Seul</seg></tuv></tu>
            """
        let report = try await importFile(try scratch.file("old.tmx", tmx(body, version: "1.1", sourceLanguage: "*all*")), into: store)
        #expect(report.created == 1)
        let unit = try #require(try await allUnits(store).first)
        #expect(unit.sourceLanguage == nil)
        #expect(unit.variant(in: "ru")?.segment.plainText == "Сеул")
        #expect(unit.variant(in: "en")?.segment.plainText == "Seoul")
        #expect(unit.variant(in: "en-US")?.language == "en-US")
        #expect(unit.variant(in: "az")?.segment.plainText == "Seul")
    }

    @Test("UTF-16 files with a byte-order mark import like UTF-8 ones", arguments: StoreKind.allCases)
    func utf16(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let text = tmx(#"<tu><tuv xml:lang="en"><seg>Baku</seg></tuv><tuv xml:lang="az"><seg>Bakı</seg></tuv></tu>"#)
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let report = try await importFile(try scratch.file("utf16.tmx", bytes: bytes), into: store)
        #expect(report.created == 1)
        #expect(try await allUnits(store).first?.variant(in: "az")?.segment.plainText == "Bakı")
    }

    @Test("A unit with one language is kept, counted, exported again and never offered by a lookup", arguments: StoreKind.allCases)
    func monolingual(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let path = try scratch.file(
            "one.tmx",
            tmx(
                #"<tu tuid="po-1"><tuv xml:lang="en"><seg>The talks resumed on Friday.</seg></tuv><tuv><seg>No language</seg></tuv></tu>"#
                    + #"<tu><tuv xml:lang="en"><seg>The talks ended.</seg></tuv><tuv xml:lang="ru"><seg>Переговоры закончились.</seg></tuv></tu>"#
                    + #"<tu><tuv xml:lang="en"><seg></seg></tuv></tu>"#))
        var reader = try TMXReader(path: path)
        let report = try await store.importUnits(from: &reader, options: ImportOptions(origin: .manual))
        #expect(report.created == 2)
        #expect(report.monolingual == 1)
        #expect(report.skipped == 1)
        #expect(reader.warnings.map(\.message).contains("<tuv> has no xml:lang; skipped"))
        let statistics = try await store.statistics()
        #expect(statistics.units == 2)
        #expect(statistics.monolingual == 1)
        // Neither an exact nor a fuzzy lookup offers the source as its own translation.
        for language: LanguageTag in ["ru", "en"] {
            let matches = try await store.matches(for: "The talks resumed on Friday.", from: "en", to: language, options: LookupOptions())
            #expect(!matches.contains { $0.source == "The talks resumed on Friday." }, "\(language)")
        }
        // Exported again, with or without a language filter that names its language.
        for filter in [ExportFilter(), ExportFilter(languages: ["en", "ru"])] {
            var exported: [TranslationUnit] = []
            _ = try await store.exportUnits(matching: filter) { exported.append($0) }
            #expect(exported.contains { $0.variants.count == 1 && $0.variants[0].segment.plainText == "The talks resumed on Friday." })
        }
        var others: [TranslationUnit] = []
        _ = try await store.exportUnits(matching: ExportFilter(languages: ["ru", "de"])) { others.append($0) }
        #expect(others.isEmpty)
    }

    @Test("A dry run reports and keeps nothing", arguments: StoreKind.allCases)
    func dryRun(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let report = try await importFile(fixture, into: store, dryRun: true)
        #expect(report.created == 4)
        #expect(try await store.statistics().units == 0)
    }

    @Test("Well-formed files that break the DTD import with warnings", arguments: StoreKind.allCases)
    func dtdViolations(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let body = #"<tu><prop>untyped</prop><tuv xml:lang="en" x:state="draft"><seg>One</seg></tuv><tuv xml:lang="fr"><seg>Un</seg></tuv></tu>"#
        let path = try scratch.file("dtd.tmx", tmx(body).replacingOccurrences(of: "<tmx version=\"1.4\">", with: "<tmx version=\"1.4\" xmlns:x=\"urn:x\">"))
        var reader = try TMXReader(path: path)
        let report = try await store.importUnits(from: &reader, options: ImportOptions(origin: .manual))
        #expect(report.created == 1)
        let messages = reader.warnings.map(\.message)
        #expect(messages.contains { $0.contains("<prop> has no type") })
        #expect(messages.contains { $0.contains("xmlns:x") })
        #expect(reader.warnings.allSatisfy { $0.location.file == path && $0.location.line > 1 })
    }
}

@Suite("Broken TMX files")
struct BrokenTMXTests {
    static let valid = #"<tu><tuv xml:lang="en"><seg>Kept</seg></tuv><tuv xml:lang="ru"><seg>Сохранено</seg></tuv></tu>"#

    @Test("A broken file is rejected with its line and column, and the memory stays as it was", arguments: [
        ("truncated", tmx(valid).prefix(200).description, 0),
        ("raw ampersand", tmx(#"<tu><tuv xml:lang="en"><seg>Salt & pepper</seg></tuv><tuv xml:lang="ru"><seg>Соль</seg></tuv></tu>"#), 5),
        ("undefined entity", tmx(#"<tu><tuv xml:lang="en"><seg>A&nbsp;B</seg></tuv><tuv xml:lang="ru"><seg>Б</seg></tuv></tu>"#), 5),
        ("wrong root", "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file/></xliff>", 2),
        ("lone surrogate", tmx(#"<tu><tuv xml:lang="en"><seg>&#xD800;</seg></tuv><tuv xml:lang="ru"><seg>Б</seg></tuv></tu>"#), 5),
        ("control character", tmx("<tu><tuv xml:lang=\"en\"><seg>bell\u{7}</seg></tuv><tuv xml:lang=\"ru\"><seg>Б</seg></tuv></tu>"), 5),
        ("duplicate attribute", tmx(#"<tu><tuv xml:lang="en" xml:lang="de"><seg>A</seg></tuv><tuv xml:lang="ru"><seg>Б</seg></tuv></tu>"#), 5),
        ("content after the root", tmx(valid) + "\n<tmx/>", 0),
        ("empty file", "", 0),
    ] as [(String, String, Int)])
    func rejected(name: String, text: String, line: Int) async throws {
        for kind in try StoreKind.available() { try await rejected(kind: kind, name: name, text: text, line: line) }
    }

    private func rejected(kind: StoreKind, name: String, text: String, line: Int) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        _ = try await importFile(try scratch.file("seed.tmx", tmx(Self.valid)), into: store)
        let before = try await allUnits(store)
        let path = try scratch.file("broken.tmx", text)
        do {
            _ = try await importFile(path, into: store)
            Issue.record("\(name): imported without an error")
        } catch let error as TMXError {
            #expect(error.location.file == path)
            if line > 0 { #expect(error.location.line == line, "\(name): \(error)") }
            #expect(error.description.hasPrefix("\(path):\(error.location.line):\(error.location.column): "))
        }
        #expect(try await allUnits(store) == before)
    }

    @Test("Bytes that are not in the declared encoding are rejected", arguments: StoreKind.allCases)
    func wrongEncoding(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        var bytes = Array(tmx(#"<tu><tuv xml:lang="en"><seg>Cafe</seg></tuv><tuv xml:lang="fr"><seg>CAFE</seg></tuv></tu>"#).utf8)
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "E")))
        bytes[index] = 0xE9  // Latin-1 é in a file that says UTF-8
        let path = try scratch.file("latin1.tmx", bytes: bytes)
        await #expect(throws: TMXError.self) { _ = try await importFile(path, into: store) }
        #expect(try await store.statistics().units == 0)
    }

    @Test("An error on a line of Cyrillic text counts its column in characters", arguments: StoreKind.allCases)
    func columnUnit(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let body = "<tu><tuv xml:lang=\"ru\"><seg>Сеул & Пхеньян</seg></tuv></tu>"
        let path = try scratch.file("cyrillic.tmx", tmx(body))
        do {
            _ = try await importFile(path, into: store)
            Issue.record("imported without an error")
        } catch let error as TMXError {
            // `&` is the 34th character of the line; in bytes it would be past 40.
            #expect(error.location.line == 5)
            #expect((33...36).contains(error.location.column), "\(error)")
        }
    }
}
