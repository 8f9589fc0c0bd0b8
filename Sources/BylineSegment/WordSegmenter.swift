import BylineText

/// Splits text into words with ICU's word rules for a locale (UAX #29 plus ICU's
/// dictionaries for Thai, Chinese, Japanese), keeping ICU's rule status.
///
/// Not thread-safe: one per worker.
///
/// ```swift
/// let words = try WordSegmenter(language: "tr").words(in: "Londra'ya 3,5 saatte.")
/// words.filter(\.kind.isWordLike)   // Londra'ya, 3,5, saatte
/// ```
public final class WordSegmenter {
    /// The ICU locale the language resolved to.
    public let locale: ICULocale
    private let breaker: ICUBreaker

    public init(language: LanguageTag) throws(SegmentationError) {
        locale = ICULocale(language)
        breaker = try ICUBreaker(kind: .word, icuLocale: locale.identifier)
    }

    /// Every token of `text`, spaces and punctuation included (``Word/Kind/other``).
    public func words(in text: String) -> [Word] {
        var copy = text
        let utf8 = text.utf8
        var words: [Word] = []
        var lower = utf8.startIndex
        copy.withUTF8 { bytes in
            forEachToken(in: bytes) { range, kind in
                let upper = utf8.index(lower, offsetBy: range.count)
                words.append(Word(range: lower..<upper, kind: kind))
                lower = upper
            }
        }
        return words
    }

    /// Calls `body` with every token of UTF-8 `bytes`, in order, as byte ranges that tile
    /// the text.
    public func forEachToken(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Word.Kind) -> Void) {
        var start = 0
        breaker.forEachBoundary(in: bytes) { offset, status in
            body(start..<offset, Word.Kind(ruleStatus: status))
            start = offset
        }
    }
}
