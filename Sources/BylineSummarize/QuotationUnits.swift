import BylineSegment
import BylineText

/// Joins the sentences of a quotation that runs over several sentences into one unit, so
/// that a summary takes the quote whole or not at all and never starts inside it
/// (`… weakness,” Blinken said.` without its opening).
///
/// Quotation marks: `“…”`, `„…“`, `«…»`, ` ``…'' ` (tokenised copy) and the straight `"`,
/// which alternates between opening and closing. The straight
/// `'` is left alone: it is the apostrophe too. A sentence that begins with its own
/// opening mark starts a new unit (news copy opens every paragraph of a long quote again). A line break between two sentences closes
/// whatever is open (a paragraph that opens a quote it never closes is how news marks a
/// quote continued in the next paragraph, which is a unit of its own), and a unit stops
/// growing at ``longestUnit`` sentences, so an unbalanced mark cannot swallow a report.
/// Cost: one pass over the sentences' scalars.
enum QuotationUnits {
    static let longestUnit = 4
    static let openingMarks: Set<Unicode.Scalar> = ["\"", "“", "„", "«", "`"]

    /// The units of `sentences` (in order; each a sentence, or several joined), with the
    /// number of sentences each joins. When joining leaves fewer units than `minimum`,
    /// the sentences come back as they are.
    static func units(of sentences: [Sentence], in text: String, minimum: Int) -> [Sentence] {
        guard sentences.count > 1 else { return sentences }
        var units: [Sentence] = []
        var unitSentences = 0
        var open = false
        var previousEnd: String.Index?
        let utf8 = text.utf8
        for sentence in sentences {
            // Line breaks and marks are found in the UTF-8 bytes: every mark and line break is
            // one ASCII byte or a sequence no other scalar contains, and decoding each scalar
            // was a twentieth of a long report's summary.
            if let previousEnd, utf8[previousEnd..<sentence.range.lowerBound].contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                open = false
            }
            // A sentence that opens with a quotation mark starts a quotation of its own: the
            // continued quote of news copy (`saying: "We have nothing… "It is our right…"`)
            // reads whole from there.
            if let first = text.unicodeScalars[sentence.range].first, Self.openingMarks.contains(first) { open = false }
            if open, unitSentences < longestUnit, let last = units.last {
                units[units.count - 1] = Sentence(range: last.range.lowerBound..<sentence.range.upperBound)
                unitSentences += 1
            } else {
                units.append(sentence)
                unitSentences = 1
            }
            open = Self.isOpen(after: sentence.range, in: text, open: open && unitSentences < longestUnit)
            previousEnd = sentence.range.upperBound
        }
        return units.count >= minimum ? units : sentences
    }

    /// Whether a quotation is open at the end of `range`, given whether one was open at its start.
    static func isOpen(after range: TextRange, in text: String, open: Bool) -> Bool {
        var open = open
        // `„` is closed by `“` (German); elsewhere `“` opens.
        var lowOpener = false
        // The previous scalar when it is a backtick or an apostrophe, else 0.
        var previous: UInt8 = 0
        let bytes = text.utf8[range]
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            if byte < 0x80 {
                switch byte {
                // Straight marks alternate: in tokenised copy both stand between spaces.
                case 0x22: open.toggle()
                case 0x60 where previous == 0x60: open = true
                case 0x27 where previous == 0x27: open = false
                default: break
                }
                previous = byte == 0x60 || byte == 0x27 ? byte : 0
                continue
            }
            // A continuation byte belongs to the scalar before it.
            guard byte >= 0xC0 else { continue }
            previous = 0
            guard index < bytes.endIndex else { break }
            let second = bytes[index]
            if byte == 0xC2 {
                // `«` C2 AB, `»` C2 BB
                if second == 0xAB { open = true } else if second == 0xBB { open = false }
            } else if byte == 0xE2, second == 0x80 {
                let thirdIndex = bytes.index(after: index)
                guard thirdIndex < bytes.endIndex else { break }
                switch bytes[thirdIndex] {
                case 0x9E:  // „
                    open = true
                    lowOpener = true
                case 0x9C:  // “
                    if open, lowOpener { open = false } else { open = true }
                    lowOpener = false
                case 0x9D: open = false  // ”
                default: break
                }
            }
        }
        return open
    }
}
