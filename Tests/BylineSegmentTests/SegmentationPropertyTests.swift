import BylineResources
import BylineSegment
import BylineText
import PropertyBased
import Testing

/// Fragments that random texts are built from: the characters the passes look at
/// (terminators, quotes, dashes, line breaks, digits) in several scripts.
let fragments: [String] = [
    "The", "troops", "Dr.", "etc.", "U.S.", "E.", "3.", "1,200", "p.", "Сеул", "т. д.", "Bakı", "İstanbul",
    "vb.", "z. B.", "Am", " ", " ", " ", "  ", ".", ". ", "? ", "! ", "...", "…", "\"", "“", "”", "«", "»", "„",
    "— ", "- ", "–", "\n", "\n\n", "\r\n", "(", ")", "said", "dedi", "сказал", "a", "i", "é", "e\u{301}", "🇦🇿",
    "今天", "。", "\u{00A0}", "\u{200B}", "WASHINGTON", "(Reuters)", ",", ":", "марта", "Oktober", "http://x.com/a?b=1",
]

let textGenerator = Gen<String?>.element(of: fragments).array(of: 0...40).map { $0.compactMap { $0 }.joined() }

@Suite("Segmentation properties")
struct SegmentationPropertyTests {
    static let languages: [LanguageTag] = ["en", "ru", "az", "tr", "de", "kk", "und"]

    @Test("Sentences are ordered, disjoint, non-empty, trimmed, and cover every non-space scalar")
    func tiling() async throws {
        let resources = try ResourceBundle.locate()
        var segmenters: [SentenceSegmenter] = []
        for language in Self.languages {
            segmenters.append(try SentenceSegmenter(rules: resources.segmentationRules(for: language)))
            segmenters.append(try SentenceSegmenter(rules: resources.segmentationRules(for: language), options: .init(unwrap: true)))
        }
        let pool = segmenters
        await propertyCheck(count: 300, input: textGenerator, Gen.int(in: 0..<pool.count)) { text, which in
            let sentences = pool[which].sentences(in: text)
            var previousEnd = text.startIndex
            for sentence in sentences {
                #expect(sentence.range.lowerBound >= previousEnd)
                #expect(!sentence.range.isEmpty)
                let piece = text.unicodeScalars[sentence.range]
                #expect(piece.first.map { !$0.properties.isWhitespace } == true)
                #expect(piece.last.map { !$0.properties.isWhitespace } == true)
                // Everything between two sentences is white space.
                #expect(text.unicodeScalars[previousEnd..<sentence.range.lowerBound].allSatisfy {
                    $0.properties.isWhitespace || $0 == "\u{200B}" || $0 == "\u{FEFF}"
                })
                previousEnd = sentence.range.upperBound
            }
            #expect(text.unicodeScalars[previousEnd...].allSatisfy {
                $0.properties.isWhitespace || $0 == "\u{200B}" || $0 == "\u{FEFF}"
            })
        }
    }

    @Test("Each sentence's scalar offsets give back its text")
    func offsetsRoundTrip() async throws {
        let segmenter = try SentenceSegmenter(rules: ResourceBundle.locate().segmentationRules(for: "en"))
        await propertyCheck(count: 200, input: textGenerator) { text in
            let scalars = Array(text.unicodeScalars)
            var cursor = ScalarOffsetCursor(text)
            for sentence in segmenter.sentences(in: text) {
                let start = cursor.offset(of: sentence.range.lowerBound)
                let end = cursor.offset(of: sentence.range.upperBound)
                #expect(String(String.UnicodeScalarView(scalars[start..<end])) == String(text[sentence.range]))
            }
        }
    }

    @Test("Word tokens tile the text and word-like kinds are told apart")
    func words() async throws {
        let segmenter = try WordSegmenter(language: "en")
        let text = "About 8,000 troops — 10.5% more — arrived in Kursk."
        let words = segmenter.words(in: text)
        #expect(words.first?.range.lowerBound == text.startIndex)
        #expect(words.last?.range.upperBound == text.endIndex)
        for (left, right) in zip(words, words.dropFirst()) { #expect(left.range.upperBound == right.range.lowerBound) }
        let wordLike = words.filter(\.kind.isWordLike).map { (String(text[$0.range]), $0.kind) }
        #expect(wordLike.map(\.0) == ["About", "8,000", "troops", "10.5", "more", "arrived", "in", "Kursk"])
        #expect(wordLike[1].1 == .number)
        #expect(wordLike[0].1 == .letters)
        await propertyCheck(count: 200, input: textGenerator) { text in
            let tokens = segmenter.words(in: text)
            var position = text.startIndex
            for token in tokens {
                #expect(token.range.lowerBound == position)
                position = token.range.upperBound
            }
            #expect(position == text.endIndex)
        }
    }

    @Test("Words are found in Turkish and Chinese with the right kinds")
    func wordsInOtherScripts() throws {
        let turkish = "Londra'ya 3,5 saatte vardı."
        let words = try WordSegmenter(language: "tr").words(in: turkish).filter(\.kind.isWordLike)
        #expect(words.map { String(turkish[$0.range]) } == ["Londra'ya", "3,5", "saatte", "vardı"])
        let chinese = "今天天气很好"
        let chineseWords = try WordSegmenter(language: "zh").words(in: chinese).filter(\.kind.isWordLike)
        #expect(chineseWords.count >= 2)
        #expect(chineseWords.allSatisfy { $0.kind == .ideographic })
    }
}
