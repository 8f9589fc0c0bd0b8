import BylineTM
import BylineTMX
import BylineText
import Foundation
import PropertyBased
import Testing

func export(_ store: any TranslationMemoryStore, to path: String, filter: ExportFilter = ExportFilter()) async throws {
    let writer = try TMXWriter(path: path, sourceLanguage: nil, creationToolVersion: "test")
    _ = try await store.exportUnits(matching: filter) { try writer.write($0) }
    try writer.finish()
}

/// What a round trip must keep: languages, markup, stamps, properties and notes.
func essence(_ units: [TranslationUnit]) -> [String] {
    units.map { unit in
        let variants = unit.variants.map { "\($0.language)=\($0.segment.markup)|\($0.metadata.properties)|\($0.metadata.notes)" }
        let meta = unit.metadata
        return variants.joined(separator: "¦")
            + "#\(meta.creationDate ?? "")#\(meta.changeDate ?? "")#\(meta.usageCount ?? -1)#\(meta.notes)"
            + "#\(meta.properties.filter { !$0.name.hasPrefix("x-byline-") })"
    }
}

@Suite("TMX export")
struct TMXExportTests {
    @Test("Export then import gives back the same units, codes and metadata", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let first = try await kind.makeStore(in: scratch)
        _ = try await importFile(fixture, into: first)
        try await export(first, to: scratch.path("out.tmx"))
        let second = try await kind.makeStore(in: scratch)
        _ = try await importFile(scratch.path("out.tmx"), into: second)
        #expect(essence(try await allUnits(second)) == essence(try await allUnits(first)))
        let text = try String(contentsOfFile: scratch.path("out.tmx"), encoding: .utf8)
        #expect(text.contains(#"<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>"#))
        #expect(text.contains(#"<prop type="x-byline-alternative-of">3</prop>"#))
    }

    @Test("Filters keep only the languages, origins and stories asked for", arguments: StoreKind.allCases)
    func filters(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        _ = try await importFile(fixture, into: store)
        let russian = try await allUnits(store, filter: ExportFilter(languages: ["en", "ru"]))
        #expect(russian.count == 3)
        #expect(russian.allSatisfy { $0.variants.map(\.language.language).sorted() == ["en", "ru"] })
        #expect(try await allUnits(store, filter: ExportFilter(originKind: "aligned")).isEmpty)
        #expect(try await allUnits(store, filter: ExportFilter(changedSince: "20241101T000000Z")).count == 4)
        #expect(try await allUnits(store, filter: ExportFilter(changedSince: "29990101T000000Z")).isEmpty)
    }

    @Test("What TMX cannot hold is mapped, not lost: foreign attributes, codes without required attributes, control characters")
    func mapping() async throws {
        let scratch = try Scratch()
        let path = scratch.path("mapped.tmx")
        let writer = try TMXWriter(path: path, sourceLanguage: "en", creationToolVersion: "test")
        let segment = Segment([
            .text("bell\u{7} "), .code(InlineCode(kind: .bpt, content: [.text("<b>")])), .text("bold"),
            .code(InlineCode(kind: .sub, content: [.text("sub at top level")])),
        ])
        try writer.write(
            TranslationUnit(
                variants: [Variant(language: "en", segment: segment), Variant(language: "ru", segment: Segment(text: "жирный"))],
                metadata: Metadata(attributes: [Attribute("x-custom", "1"), Attribute("segtype", "sentence")])))
        try writer.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(writer.replacedCharacters == 1)
        #expect(text.contains("bell\u{FFFD} <ph>&lt;b&gt;</ph>bold"))
        #expect(text.contains("sub at top level"))
        #expect(text.contains(#"<prop type="x-attribute:x-custom">1</prop>"#))
        #expect(text.contains(#"segtype="sentence""#))
    }

    @Test("Attributes, properties and notes come back exactly, escapes and all", arguments: [
        "plain", "", "a \"quoted\" word", #"back\slash"#, "line\nbreak", "tab\tand\rreturn", "\u{1}control",
        "ünïcödé ✓ 😀", #"["looks","like JSON"]"#, "],[", "\"",
    ])
    func metadataReadsBack(_ value: String) async throws {
        for kind in try StoreKind.available() { try await metadataReadsBack(kind: kind, value) }
    }

    private func metadataReadsBack(kind: StoreKind, _ value: String) async throws {
        struct Units: UnitSource {
            var units: [TranslationUnit]
            mutating func nextUnit() -> TranslationUnit? { units.isEmpty ? nil : units.removeFirst() }
        }
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let metadata = Metadata(
            attributes: [Attribute("x-a", value), Attribute(value, "second")], properties: [Attribute("x-p", value)],
            notes: [value, "another"])
        var source = Units(units: [
            TranslationUnit(
                variants: [
                    Variant(language: "en", segment: Segment(text: "Talks resumed."), metadata: metadata),
                    Variant(language: "ru", segment: Segment(text: "Переговоры возобновились.")),
                ], metadata: metadata)
        ])
        _ = try await store.importUnits(from: &source, options: ImportOptions(origin: .manual))
        let unit = try #require(try await allUnits(store).first)
        #expect(unit.metadata.attributes == metadata.attributes)
        #expect(unit.metadata.properties == metadata.properties)
        #expect(unit.metadata.notes == metadata.notes)
        #expect(unit.variants.first?.metadata.attributes == metadata.attributes)
        #expect(unit.variants.first?.metadata.properties == metadata.properties)
    }

    @Test("A failed export leaves no file behind")
    func noHalfFile() async throws {
        let scratch = try Scratch()
        let path = scratch.path("never.tmx")
        do {
            let writer = try TMXWriter(path: path, sourceLanguage: nil, creationToolVersion: "test")
            try writer.write(TranslationUnit(variants: [Variant(language: "en", segment: Segment(text: "x"))]))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    static let pieces: [String] = ["Seoul", " ", "&", "<", ">", "\"", "'", "Сеул", "Bakı", "1,200", "\t", "\n", "🇦🇿", "]]>"]

    @Test("Any segment text survives export and import unchanged")
    func propertyRoundTrip() async throws {
        let generator = Gen<String?>.element(of: Self.pieces).array(of: 1...12).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 60, input: generator, generator) { source, target in
            do {
                let scratch = try Scratch()
                let writer = try TMXWriter(path: scratch.path("p.tmx"), sourceLanguage: "en", creationToolVersion: "t")
                let unit = TranslationUnit(variants: [
                    Variant(language: "en", segment: Segment([.text(source), .code(InlineCode(kind: .ph, attributes: [Attribute("x", "1")], content: [.text(target)]))])),
                    Variant(language: "ru", segment: Segment(text: target)),
                ])
                try writer.write(unit)
                try writer.finish()
                let reader = try TMXReader(path: scratch.path("p.tmx"))
                let read = try #require(try reader.nextUnit())
                #expect(read.variants.map(\.segment) == unit.variants.map(\.segment))
                #expect(try reader.nextUnit() == nil)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("Segment markup reads back exactly what it wrote")
    func markupRoundTrip() async throws {
        let generator = Gen<String?>.element(of: Self.pieces).array(of: 0...10).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 200, input: generator, generator) { first, second in
            // Empty text pieces never come out of a reader, so none go in.
            func nonEmpty(_ pieces: [Segment.Piece]) -> [Segment.Piece] {
                pieces.filter { if case .text(let text) = $0 { !text.isEmpty } else { true } }
            }
            let inner = nonEmpty([.text(second), .code(InlineCode(kind: .ph))])
            let segment = Segment(nonEmpty([
                .text(first), .code(InlineCode(kind: .hi, attributes: [Attribute("type", second)], content: inner)), .text(second),
            ]))
            #expect((try? Segment(markup: segment.markup)) == segment)
        }
    }
}
