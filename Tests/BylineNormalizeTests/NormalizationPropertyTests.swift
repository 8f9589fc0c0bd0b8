import BylineNormalize
import BylineText
import PropertyBased
import Testing

/// Pieces random texts are built from: accents composed and decomposed, mojibake, invisible
/// characters, odd spaces, entities, Turkic and Cyrillic letters, emoji.
let normalizationFragments: [String] = [
    "The", "élève", "e\u{301}", "A\u{30A}", "Ä°stanbul", "Ã©", "â€™", "РґР", "Рё", " ", "\u{A0}", "\u{202F}", "\u{2009}",
    "\u{200B}", "\u{AD}", "\u{FEFF}", "\u{200C}", "\u{200D}", "&amp;", "&#39;", "İ", "ı", "I", "i", "ə", "Ə", "ß", "ﬁ", "１",
    "Ⅻ", "Москва", "Київ", "Әлијев", "ΜΆΪΟΣ", "خانه", "👨‍👩‍👧", "8", "000", "€", "«", "»", "—", "\n", "\t", "\u{07}",
    "Ukr\u{430}ine", "đ", "ø", "æ", "ǌ", "ŉ", "\u{92}", "a", ".", "’",
]

let normalizationText = Gen<String?>.element(of: normalizationFragments).array(of: 0...24).map { $0.compactMap { $0 }.joined() }

@Suite("Normalization properties")
struct NormalizationPropertyTests {
    static let languages: [LanguageTag] = ["en", "tr", "az", "ru", "uk", "de", "fr", "fa", "und"]

    @Test("Applying the reported changes to the input gives the output, for every operation")
    func changesRebuildOutput() async {
        let normalizer = TextNormalizer()
        await propertyCheck(
            count: 300, input: normalizationText, Gen.int(in: 0..<NormalizationOperation.allCases.count),
            Gen.int(in: 0..<Self.languages.count)
        ) { text, operationIndex, languageIndex in
            let operation = NormalizationOperation.allCases[operationIndex]
            guard let result = try? normalizer.normalize(text, operation: operation, language: Self.languages[languageIndex])
            else {
                Issue.record("\(operation) failed on \(text.debugDescription)")
                return
            }
            var rebuilt = ""
            var position = text.startIndex
            for change in result.changes {
                #expect(change.range.lowerBound >= position)
                rebuilt += text[position..<change.range.lowerBound]
                rebuilt += change.replacement
                position = change.range.upperBound
            }
            rebuilt += text[position...]
            #expect(rebuilt.utf8.elementsEqual(result.text.utf8), "\(operation) on \(text.debugDescription)")
        }
    }

    @Test("Each change's output maps back to its input range")
    func offsetsMapBack() async {
        let normalizer = TextNormalizer()
        await propertyCheck(count: 200, input: normalizationText) { text in
            guard let result = try? normalizer.normalize(text, operation: .fix, language: "en") else { return }
            for edit in result.editMap.edits {
                #expect(result.editMap.sourceUTF8Range(ofOutput: edit.output) == edit.source || edit.output.isEmpty)
                #expect(result.editMap.outputUTF8Range(ofSource: edit.source) == edit.output || edit.source.isEmpty)
            }
        }
    }

    @Test("NFC, fix and fold are idempotent")
    func idempotent() async {
        let normalizer = TextNormalizer()
        await propertyCheck(count: 200, input: normalizationText, Gen.int(in: 0..<Self.languages.count)) { text, languageIndex in
            let language = Self.languages[languageIndex]
            for operation in [NormalizationOperation.nfc, .nfkcCasefold, .fold] {
                guard let once = try? normalizer.normalize(text, operation: operation, language: language).text,
                    let twice = try? normalizer.normalize(once, operation: operation, language: language).text
                else { continue }
                #expect(once.utf8.elementsEqual(twice.utf8), "\(operation) on \(text.debugDescription)")
            }
            if let once = try? normalizer.normalize(text, operation: .nfc, language: language) {
                #expect(once.text.unicodeScalars.elementsEqual(text.unicodeScalars) || !once.isUnchanged)
            }
        }
    }
}
