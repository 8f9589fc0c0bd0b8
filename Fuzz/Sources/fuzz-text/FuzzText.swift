import BylineNormalize
import BylineResources
import BylineSegment
import BylineText

/// The segmenters and normalizers, made once.
struct Tools {
    let sentences: [SentenceSegmenter]
    let words: WordSegmenter
    let normalizer = TextNormalizer()

    init() {
        guard let resources = try? ResourceBundle.locate() else { fatalError("set BYLINE_RESOURCES to Resources/data") }
        var sentences: [SentenceSegmenter] = []
        for language: LanguageTag in ["en", "ru", "de", "tr", "az", "hy", "und"] {
            guard let rules = try? resources.segmentationRules(for: language) else { fatalError("no rules for \(language)") }
            sentences.append(try! SentenceSegmenter(rules: rules))
            sentences.append(try! SentenceSegmenter(rules: rules, options: .init(unwrap: true)))
        }
        self.sentences = sentences
        words = try! WordSegmenter(language: "en")
    }
}

nonisolated(unsafe) let tools = Tools()

/// libFuzzer entry: any bytes, decoded with replacement, through every segmenter and the
/// `fix` and `fold` operations. Sentences must be ordered, non-empty, trimmed and inside
/// the text; words must tile it; edit maps must map every output range back into the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (source, _) = SourceText.decodingLossy(UnsafeBufferPointer(start: data, count: size), language: "und")
    let text = source.string
    for segmenter in tools.sentences {
        var previous = text.startIndex
        for sentence in segmenter.sentences(in: text) {
            precondition(sentence.range.lowerBound >= previous, "sentences overlap")
            precondition(!sentence.range.isEmpty, "empty sentence")
            precondition(sentence.range.upperBound <= text.endIndex, "sentence outside the text")
            previous = sentence.range.upperBound
        }
    }
    var position = text.startIndex
    for word in tools.words.words(in: text) {
        precondition(word.range.lowerBound == position, "words do not tile the text")
        position = word.range.upperBound
    }
    precondition(position == text.endIndex, "words stop short")
    for operation: NormalizationOperation in [.fix, .fold, .nfc] {
        guard let result = try? tools.normalizer.normalize(text, operation: operation, language: "en") else { continue }
        let output = result.text.utf8.count
        let whole = result.editMap.sourceUTF8Range(ofOutput: 0..<output)
        precondition(whole.lowerBound >= 0 && whole.upperBound <= text.utf8.count, "edit map leaves the input")
        if output > 2 {
            let middle = result.editMap.sourceUTF8Range(ofOutput: 1..<(output - 1))
            precondition(middle.lowerBound >= 0 && middle.upperBound <= text.utf8.count, "edit map leaves the input")
        }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The process entry SwiftPM links to: hands over to libFuzzer's driver.
@_cdecl("fuzz_text_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzText)
}
