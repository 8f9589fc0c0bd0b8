import BylineTM
import BylineText
import Foundation
import Testing

@Suite("Concordance")
struct ConcordanceTests {
    @Test("Words are found in any order, case and accents ignored, with their ranges and translations", arguments: StoreKind.allCases)
    func words(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        _ = try await importFile(fixture, into: store)
        let hits = try await store.concordance("WARNING seoul", language: "en", limit: 10)
        #expect(hits.count == 2)
        let first = try #require(hits.first)
        let scalars = Array(first.text.unicodeScalars)
        #expect(first.highlights.map { String(String.UnicodeScalarView(scalars[$0])) } == ["Seoul", "warning"])
        #expect(first.translations.first?.language == "ru")
        #expect(try await store.concordance("Bakı", language: nil, limit: 10).isEmpty)
        #expect(try await store.concordance("VİLAYƏTİNDƏDİR", language: "az", limit: 10).isEmpty == false)
    }

    @Test("Units stored after a search are found by the next one; quotes keep a phrase", arguments: StoreKind.allCases)
    func incremental(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        _ = try await importFile(fixture, into: store)
        #expect(try await store.concordance("Pyongyang", language: nil, limit: 5).isEmpty)
        let more = try scratch.file(
            "more.tmx",
            tmx(#"<tu><tuv xml:lang="en"><seg>Pyongyang fired a missile.</seg></tuv><tuv xml:lang="fr"><seg>Pyongyang a tiré un missile près du Café.</seg></tuv></tu>"#))
        _ = try await importFile(more, into: store)
        #expect(try await store.concordance("pyongyang", language: nil, limit: 5).count == 2)
        #expect(try await store.concordance("\"missile fired\"", language: nil, limit: 5).isEmpty)
        #expect(try await store.concordance("\"fired a missile\"", language: nil, limit: 5).count == 1)
        #expect(try await store.concordance("AND OR NOT", language: nil, limit: 5).isEmpty)
        #expect(try await store.concordance("tire cafe", language: "fr", limit: 5).count == 1)
    }
}

@Suite("Concordance forms")
struct ConcordanceFormTests {
    static let units = [
        pair("Prices rose by 5 percent.", "Цены выросли на 5 процентов."),
        pair("One percent of the vote.", "Один процент голосов."),
        pair("The talks in Baku ended.", "Bakıda danışıqlar başa çatdı.", language: "az"),
        pair("The process continues.", "Процесс продолжается."),
    ].joined(separator: "\n")

    @Test("A word finds its inflected forms, and an inflected word its stem", arguments: [
        ("процент", "ru", ["Цены выросли на 5 процентов.", "Один процент голосов."]),
        ("процентов", "ru", ["Цены выросли на 5 процентов.", "Один процент голосов."]),
        ("BAKIDA", "az", ["Bakıda danışıqlar başa çatdı."]),
        ("BAKIDA", nil, ["Bakıda danışıqlar başa çatdı."]),
        ("bakida", nil, ["Bakıda danışıqlar başa çatdı."]),
    ] as [(String, LanguageTag?, [String])])
    func forms(words: String, language: LanguageTag?, expected: [String]) async throws {
        for kind in try StoreKind.available() { try await forms(kind: kind, words: words, language: language, expected: expected) }
    }

    private func forms(kind: StoreKind, words: String, language: LanguageTag?, expected: [String]) async throws {
        let scratch = try Scratch()
        let store = try await memory(Self.units, in: scratch, kind: kind)
        let hits = try await store.concordance(words, language: language, limit: 10)
        #expect(Set(hits.map(\.text)) == Set(expected))
        // The highlighted range covers the whole stored word.
        for hit in hits {
            let scalars = Array(hit.text.unicodeScalars)
            let marked = hit.highlights.map { String(String.UnicodeScalarView(scalars[$0])) }
            #expect(marked.allSatisfy { $0.count >= words.count - 2 }, "\(marked)")
        }
    }

    @Test("Stems stay long enough not to find unrelated words", arguments: StoreKind.allCases)
    func precision(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await memory(Self.units, in: scratch, kind: kind)
        #expect(try await store.concordance("процентов", language: "ru", limit: 10).allSatisfy { !$0.text.contains("Процесс") })
        #expect(try await store.concordance("в", language: "ru", limit: 10).isEmpty)
    }
}

@Suite("Concordance words for PostgreSQL")
struct ConcordanceTextTests {
    @Test("Words are folded and numbered alike in ASCII and in other text", arguments: [
        ("The Talks resumed, 5 days on.", "'the':1 'talks':2 'resumed':3 '5':4 'days':5 'on':6"),
        ("Café talks RESUMED", "'cafe':1 'talks':2 'resumed':3"),
        ("Bakıda İSTANBUL'da", "'bakıda':1 'istanbul':2 'da':3"),
        ("it's", "'it':1 's':2"),
        // A vowel sign after a break (U+0AC1) is a word of marks alone: left out, its place kept.
        ("અમ \u{0AC1} કરી", "'અમ':1 'કરી':3"),
    ])
    func tsvector(text: String, expected: String) {
        #expect(ConcordanceText.tsvector(text) == expected)
    }

    @Test("Folding scalar by scalar gives the words folded whole, in every script", arguments: [
        "ΟΔΟΣ Σοφός ΣΟΦΌΣ", "Tiếng Việt có dấu", "İSTANBUL'da IŞIK ılık", "Ёлка, йод и ЙОГУРТ", "हिन्दी भाषा में",
        "한국어 문장입니다", "العَرَبِيَّة لُغَة", "ภาษาไทยง่ายๆ", "שָׁלוֹם עֲלֵיכֶם", "𝐀𝐁𝐂 𐐀𐐨 x", "e\u{301}cole Å Ǆ ﬁ ß",
        "日本語の文章、２０２４年", "Ⅻ ½ ٣٤ ௰", "ǅemal ǈubljana",
    ])
    func foldsLikeWholeWords(text: String) {
        let whole = ConcordanceText.words(in: text).enumerated().compactMap { index, word -> String? in
            guard !word.folded.isEmpty, word.folded.utf8.count < 2000 else { return nil }
            let escaped = word.folded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
            return "'\(escaped)':\(min(index + 1, 16383))"
        }
        #expect(Array(ConcordanceText.tsvector(text).utf8) == Array(whole.joined(separator: " ").utf8))
    }
}
