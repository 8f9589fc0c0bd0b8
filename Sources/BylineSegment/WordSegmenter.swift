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
        words(in: text, skippingSpaces: false)
    }

    /// Every token of `text`; with `skippingSpaces`, tokens made only of ASCII white space
    /// (tab, line feed, vertical tab, form feed, carriage return, space) are left out.
    ///
    /// A caller that has no use for the spaces between words keeps about half as many
    /// tokens: on a long report that is most of the memory a list of words takes (24 bytes
    /// a token, where English averages under three bytes of text a token).
    public func words(in text: String, skippingSpaces: Bool) -> [Word] {
        words(in: text, range: text.startIndex..<text.endIndex, skippingSpaces: skippingSpaces)
    }

    /// The tokens of the part of `text` in `range`, segmented as a text of its own, with
    /// ranges in `text`. Start and end the range at sentence boundaries to find the tokens
    /// the whole text would give there, a block at a time.
    public func words(in text: String, range: TextRange, skippingSpaces: Bool) -> [Word] {
        var copy = text
        let utf8 = text.utf8
        var words: [Word] = []
        var lower = range.lowerBound
        // UTF-8 offsets; O(1) on a native string.
        let start = utf8.distance(from: utf8.startIndex, to: range.lowerBound)
        let end = utf8.distance(from: utf8.startIndex, to: range.upperBound)
        copy.withUTF8 { whole in
            let bytes = UnsafeBufferPointer(rebasing: whole[start..<end])
            forEachToken(in: bytes) { range, kind in
                let upper = utf8.index(lower, offsetBy: range.count)
                if !skippingSpaces || kind != .other || !Self.isASCIISpace(bytes, range) {
                    words.append(Word(range: lower..<upper, kind: kind))
                }
                lower = upper
            }
        }
        return words
    }

    private static func isASCIISpace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range where bytes[index] != 0x20 && !(0x09...0x0D).contains(bytes[index]) { return false }
        return true
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
