import BylineNames
import BylineResources
import BylineText
import Foundation
import Testing

@testable import BylineNames

/// The letters the name morphology reads come from `morphology/letters.tsv`.
@Suite("Morphology letters")
struct MorphologyLettersTests {
    @Test("Russian and Ukrainian names lose their final vowel before an ending, Ukrainian ones also і, ї and є")
    func stemFinals() throws {
        let tables = try #require(Shipped.tables)
        let morphology = Morphology(endings: tables.endings, letters: tables.letters)
        let keys = MatchKeyMaker()
        #expect(morphology.russianWrittenStem("Москва", language: "ru") == "Москв")
        #expect(morphology.russianWrittenStem("Курск", language: "ru") == "Курск")
        #expect(morphology.russianStem(keys.key("Москва"), language: "ru") == keys.key("Москв"))
        #expect(morphology.russianWrittenStem("Україні", language: "uk") == "Україн")
        // In Russian copy a final і is a Ukrainian spelling, not an ending.
        #expect(morphology.russianWrittenStem("Чилі", language: "ru") == "Чилі")
        // A language without stem-final letters keeps its names whole.
        #expect(morphology.russianWrittenStem("Москва", language: "kk") == "Москва")
    }

    @Test("A letters file with an unknown class, a wrong count or a harmony in part is refused with its file and line")
    func malformed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-letters-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("morphology"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("morphology/letters.tsv")
        let resources = ResourceBundle(dataDirectory: folder)
        func failure(_ text: String) throws -> String {
            try text.write(to: file, atomically: true, encoding: .utf8)
            do {
                _ = try resources.morphologyLetters()
                return ""
            } catch {
                return String(describing: error)
            }
        }
        #expect(try failure("# comment\nru\tstem-final\tая\nru\tconsonants\tбв\n").hasSuffix("letters.tsv:3:1: unknown class \"consonants\" (expected stem-final, vowels, sound-alike, silent or one of front, back, rounded, voiceless, alternating, open, close, open-spellings, close-spellings)"))
        #expect(try failure("tr\topen\taei\n").hasSuffix("letters.tsv:1:1: open takes 2 letters, not 3"))
        #expect(try failure("tr\tfront\teiöü\ntr\tback\taıou\n").contains("letters.tsv:1:1: tr's suffix harmony lacks rounded, voiceless"))
        #expect(try failure("ru\tstem-final\tая\nru\tstem-final\tо\n").hasSuffix("letters.tsv:2:1: a second stem-final row for ru"))
        try "uk\tstem-final\tаяі\n".write(to: file, atomically: true, encoding: .utf8)
        let letters = try resources.morphologyLetters()
        #expect(letters.stemFinals == ["uk": ["а", "я", "і"]])
        #expect(letters.harmony.isEmpty)
    }
}
