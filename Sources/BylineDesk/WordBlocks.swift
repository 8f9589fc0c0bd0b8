import BylineSegment
import BylineText

/// A long text's tokens a block of sentences at a time, for a consumer that asks for the
/// tokens of one sentence after another (``SummaryRanker``): memory holds the tokens of
/// one block instead of the whole text's, which on a 100 MB report was most of a
/// gigabyte.
///
/// Blocks start and end at sentence starts, where white space separates the tokens, so
/// each block's tokens are the ones the whole text gives there.
struct WordBlocks {
    /// Bytes of text a block holds at least, unless the text ends first.
    static let blockBytes = 1 << 16

    private let text: String
    private let sentenceStarts: [String.Index]
    private let segmenter: WordSegmenter
    private var block: [Word] = []
    private var blockEnd: String.Index
    /// The first sentence start at or after the current block's end.
    private var nextStart = 0
    /// The first token of the block not yet handed out.
    private var next = 0

    init(text: String, sentences: [Sentence], segmenter: WordSegmenter) {
        self.text = text
        sentenceStarts = sentences.map(\.range.lowerBound)
        self.segmenter = segmenter
        blockEnd = text.startIndex
    }

    /// The tokens wholly within `range`, white space left out; ranges must come in order,
    /// each within one sentence of those given.
    mutating func words(in range: TextRange) -> [Word] {
        if range.lowerBound >= blockEnd { fillBlock(from: range.lowerBound) }
        while next < block.count, block[next].range.lowerBound < range.lowerBound { next += 1 }
        var end = next
        while end < block.count, block[end].range.upperBound <= range.upperBound { end += 1 }
        return Array(block[next..<end])
    }

    private mutating func fillBlock(from start: String.Index) {
        let utf8 = text.utf8
        let wanted = utf8.index(start, offsetBy: Self.blockBytes, limitedBy: utf8.endIndex) ?? utf8.endIndex
        while nextStart < sentenceStarts.count, sentenceStarts[nextStart] <= start { nextStart += 1 }
        while nextStart < sentenceStarts.count, sentenceStarts[nextStart] < wanted { nextStart += 1 }
        blockEnd = nextStart < sentenceStarts.count ? sentenceStarts[nextStart] : text.endIndex
        block = segmenter.words(in: text, range: start..<blockEnd, skippingSpaces: true)
        next = 0
    }
}
