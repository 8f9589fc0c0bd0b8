import BylineNormalize
import BylineSegment
import BylineText

/// Cuts a sentence that runs several together where copy lost its full stops: photo
/// captions pasted into a web page's text (`… against Burnley Townsend was brought on …
/// on Tuesday night The former Arsenal man was proven wrong …`), so that a summary can
/// take the sentence without the captions around it.
///
/// A cut comes before a capitalised opener of the language (``SummarizationRules/runOnOpeners``:
/// `The`, `He`, `They`) that follows a word, or a closing parenthesis (`( pictured ) The
/// …`), with no punctuation between, and comes before a word that is not capitalised
/// (`told The Sun`, `scientist He Jiankui`, `film An Officer and a Gentleman` are names).
/// The word before is no stop word or title (`of The X Factor`) and no possessive
/// (`Pullman's His Dark Materials`). The text must write the opener in lower case
/// somewhere, as evidence that the language writes it so mid-sentence; both pieces keep at
/// least ``shortestPiece`` words. Copy without capitals, and languages that capitalise
/// every noun, are left as they are.
///
/// A pair of words that stands at more than one such place (`Serie A`) is a name of the
/// text, never a lost stop.
///
/// Cost: one pass over the sentences' bytes, which keeps only the few places where a
/// capitalised opener stands inside a sentence, and one to cut there.
enum RunOnSentences {
    /// The fewest words a piece keeps on either side of a cut.
    static let shortestPiece = 4

    /// A place where a sentence may be cut: before word `word` of sentence `sentence`.
    private struct Cut {
        var sentence: Int
        var word: Int
        var words: Int
        var previousEnd: String.Index
        var start: String.Index
        var opener: Int
        var pair: String
    }

    static func split(_ sentences: [Sentence], in text: String, rules: SummarizationRules) -> [Sentence] {
        guard !rules.runOnOpeners.isEmpty, !rules.capitalisesNouns else { return sentences }
        let table = rules.runOnTable
        var lowerCase = [Bool](repeating: false, count: table.count)
        var cuts: [Cut] = []
        var pairs: [String: Int] = [:]
        let utf8 = text.utf8
        // Scanned as bytes: the words of a sentence are runs between ASCII white space, and
        // an opener is compared byte for byte, so the common word costs no string at all.
        var words: [Range<Int>] = []
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            for (number, sentence) in sentences.enumerated() {
                let lower = utf8.distance(from: utf8.startIndex, to: sentence.range.lowerBound)
                let upper = lower + utf8.distance(from: sentence.range.lowerBound, to: sentence.range.upperBound)
                words.removeAll(keepingCapacity: true)
                var start: Int?
                for offset in lower..<upper {
                    let byte = bytes[offset]
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                        if let begun = start { words.append(begun..<offset) }
                        start = nil
                    } else if start == nil {
                        start = offset
                    }
                }
                if let begun = start { words.append(begun..<upper) }
                for (index, word) in words.enumerated() where word.count <= 8 && table.lengths[word.count] && table.firstBytes[Int(bytes[word.lowerBound])] {
                    guard let (opener, capitalised) = table.spellings[RunOnTable.packed(bytes[word])] else { continue }
                    if !capitalised { lowerCase[opener] = true; continue }
                    guard index > 0, index + 1 < words.count else { continue }
                    func range(_ word: Range<Int>) -> TextRange {
                        utf8.index(utf8.startIndex, offsetBy: word.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: word.upperBound)
                    }
                    let previous = range(words[index - 1]), next = range(words[index + 1])
                    guard Self.opens(after: text[previous], before: text[next], rules: rules) else { continue }
                    let pair = String(text[previous]) + " " + String(text[range(word)])
                    pairs[pair, default: 0] += 1
                    cuts.append(Cut(sentence: number, word: index, words: words.count, previousEnd: previous.upperBound,
                                    start: range(word).lowerBound, opener: opener, pair: pair))
                }
            }
        }
        text.withUTF8Bytes(scan)
        cuts.removeAll { !lowerCase[$0.opener] || pairs[$0.pair, default: 0] > 1 }
        guard !cuts.isEmpty else { return sentences }
        var result: [Sentence] = []
        result.reserveCapacity(sentences.count + cuts.count)
        var next = 0
        for (number, sentence) in sentences.enumerated() {
            var start = sentence.range.lowerBound
            var piece = 0
            while next < cuts.count, cuts[next].sentence == number {
                let cut = cuts[next]
                next += 1
                guard cut.word - piece >= shortestPiece, cut.words - cut.word >= shortestPiece else { continue }
                result.append(Sentence(range: start..<cut.previousEnd))
                start = cut.start
                piece = cut.word
            }
            result.append(Sentence(range: start..<sentence.range.upperBound))
        }
        return result
    }

    /// Whether `word` is a possessive (``DocumentAnalysis/withoutPossessive(_:)``, or the `'s`
    /// of tokenised copy), which comes before the title of a work (`Philip Pullman's His Dark
    /// Materials`), never at a sentence's end.
    private static func isPossessive(_ word: Substring) -> Bool {
        word == "'s" || word == "’s" || DocumentAnalysis.withoutPossessive(String(word)).count != word.count
    }

    /// Whether a capitalised opener between `previous` and `next` may start a sentence.
    private static func opens(after previous: Substring, before next: Substring, rules: SummarizationRules) -> Bool {
        if previous == ")" { return true }
        guard previous.last.map({ $0.isLetter || $0.isNumber }) == true, !Self.isPossessive(previous) else { return false }
        let previousLower = TurkicCasing.lowercased(previous, turkic: rules.usesTurkicCasing)
        if rules.stopWords.contains(previousLower) || rules.titles.contains(previousLower) { return false }
        return next.first?.isUppercase != true
    }
}

/// The openers of ``SummarizationRules/runOnOpeners``, lower-case and capitalised, packed
/// into numbers, made once with the rules: a word is looked up only when its length and first
/// byte are an opener's.
struct RunOnTable: Sendable {
    var spellings: [UInt64: (opener: Int, capitalised: Bool)] = [:]
    var firstBytes = [Bool](repeating: false, count: 256)
    var lengths = [Bool](repeating: false, count: 9)
    var count = 0

    init(_ openers: Set<String>) {
        for opener in openers.sorted() {
            for (capitalised, spelling) in [(false, opener), (true, String(opener.prefix(1)).uppercased() + opener.dropFirst())] {
                let bytes = Array(spelling.utf8)
                guard !bytes.isEmpty, bytes.count <= 8 else { continue }
                spellings[Self.packed(bytes[...])] = (count, capitalised)
                firstBytes[Int(bytes[0])] = true
                lengths[bytes.count] = true
            }
            count += 1
        }
    }

    /// Up to eight bytes as one number.
    static func packed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
