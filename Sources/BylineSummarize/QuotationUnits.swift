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
        for sentence in sentences {
            if let previousEnd, text.unicodeScalars[previousEnd..<sentence.range.lowerBound].contains(where: { $0 == "\n" || $0 == "\r" }) {
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
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars[range] {
            switch scalar {
            case "„":
                open = true
                lowOpener = true
            case "“":
                if open, lowOpener { open = false } else { open = true }
                lowOpener = false
            case "«": open = true
            case "”", "»": open = false
            // Straight marks alternate: in tokenised copy both stand between spaces.
            case "\"": open.toggle()
            case "`" where previous == "`": open = true
            case "'" where previous == "'": open = false
            default: break
            }
            previous = scalar
        }
        return open
    }
}
