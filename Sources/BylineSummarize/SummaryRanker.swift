import BylineSegment
import BylineText

/// Picks the sentences of a news report that carry its facts: who, where, how many.
///
/// Each candidate sentence gets five features (``SentenceFeatures``): a lead prior on the
/// first body sentences, centrality (content words shared with the rest of the report,
/// after stop words and light stemming), entity density (distinct names per word, from a
/// ``EntityMentionFinder`` and from capitals), number density (quantities, money and
/// percentages above dates, times and ages) and a penalty for very short sentences. The
/// weighted sum ranks the sentences; picks are then made best first, each one penalised
/// by its similarity to those already picked (maximal marginal relevance), so two
/// sentences that say the same are not both taken.
///
/// Page furniture is never a candidate (``FurnitureRules``, short label lines, repeated
/// lines). Picks come back in the order of the text as trimmed sentence ranges from the
/// segmenter, so a dateline stays with its lede and a quotation with its attribution.
///
/// Cost: linear in the text; centrality is summed per term, never per pair of sentences,
/// and picking compares each pick with the candidates left.
///
/// ```swift
/// let ranker = SummaryRanker(rules: rules)
/// let summary = ranker.summarize(text, sentences: segmenter.sentences(in: text),
///                                words: wordSegmenter.words(in: text), length: .sentences(3))
/// for pick in summary.picks { print(text[pick.range]) }
/// ```
public struct SummaryRanker: Sendable {
    public var rules: SummarizationRules
    public var weights: SummaryWeights
    /// Adds entity mentions beyond capitalisation; nil until a names module is wired in.
    public var mentionFinder: (any EntityMentionFinder)?

    public init(rules: SummarizationRules, weights: SummaryWeights = SummaryWeights(),
                mentionFinder: (any EntityMentionFinder)? = nil) {
        self.rules = rules
        self.weights = weights
        self.mentionFinder = mentionFinder
    }

    /// Summarises `text`.
    ///
    /// - Parameters:
    ///   - sentences: the text's sentences, in order (``SentenceSegmenter``).
    ///   - words: the text's tokens, in order (``WordSegmenter``); tokens outside sentences are ignored,
    ///     and tokens of ASCII white space may be left out (``WordSegmenter/words(in:skippingSpaces:)``),
    ///     which changes nothing but the memory a long text takes.
    ///   - length: how many sentences or words to keep.
    public func summarize(_ text: String, sentences: [Sentence], words: [Word], length: SummaryLength) -> Summary {
        var next = 0
        return summarize(text, sentences: sentences, length: length) { range in
            while next < words.count, words[next].range.lowerBound < range.lowerBound { next += 1 }
            var end = next
            while end < words.count, words[end].range.upperBound <= range.upperBound { end += 1 }
            return Array(words[next..<end])
        }
    }

    /// Summarises `text`, asking `wordsIn` for the tokens of one sentence at a time, so
    /// that a long text's tokens never need to be held all at once.
    ///
    /// - Parameter wordsIn: the tokens that lie wholly within the range, in order, as
    ///   ``WordSegmenter`` finds them in the whole text; asked once per candidate sentence,
    ///   in the order of the text. Tokens of ASCII white space may be left out.
    public func summarize(
        _ text: String, sentences: [Sentence], length: SummaryLength, wordsIn: (TextRange) -> [Word]
    ) -> Summary {
        let filter = FurnitureFilter(rules: rules.furniture, usesTurkicCasing: rules.usesTurkicCasing)
        let lines = filter.furnitureLines(in: text)
        var excluded: [ExcludedPiece] = lines
        var kept: [Sentence] = []
        var lineIndex = 0
        for sentence in sentences {
            while lineIndex < lines.count, lines[lineIndex].range.upperBound <= sentence.range.lowerBound { lineIndex += 1 }
            if lineIndex < lines.count, lines[lineIndex].range.lowerBound < sentence.range.upperBound {
                // The sentence touches a furniture line; the line is already listed.
                if !lines[lineIndex].range.contains(sentence.range.lowerBound) || sentence.range.upperBound > lines[lineIndex].range.upperBound {
                    excluded.append(ExcludedPiece(range: sentence.range, reason: lines[lineIndex].reason))
                }
                continue
            }
            if let reason = filter.reason(for: sentence.range, in: text, asLine: false) {
                excluded.append(ExcludedPiece(range: sentence.range, reason: reason))
                continue
            }
            kept.append(sentence)
        }
        excluded.sort { $0.range.lowerBound < $1.range.lowerBound }

        var analysis = DocumentAnalysis(text: text, sentences: kept, wordsIn: wordsIn, ranker: self)
        var candidates = analysis.scoredSentences()
        let picked = select(from: &candidates, similarity: analysis.similarity, length: length)
        let picks = picked.sorted().map { SummaryPick(range: candidates[$0].range, score: candidates[$0].total) }
        return Summary(picks: picks, candidates: candidates, excluded: excluded,
                       usesCapitalisation: analysis.usesCapitalisation)
    }

    /// Maximal marginal relevance: repeatedly takes the candidate whose total, less its
    /// similarity to the picks so far, is highest. A near-duplicate of a pick waits until
    /// nothing else is left. Returns candidate indices in pick order.
    private func select(from candidates: inout [ScoredSentence], similarity: (Int, Int) -> Double,
                        length: SummaryLength) -> [Int] {
        var picked: [Int] = []
        var available = Array(candidates.indices)
        var maximumSimilarity = [Double](repeating: 0, count: candidates.count)
        var wordsLeft: Int
        let limit: Int
        switch length {
        case .sentences(let count):
            limit = max(0, count)
            wordsLeft = .max
        case .words(let budget):
            limit = candidates.count
            wordsLeft = max(0, budget)
        }
        while picked.count < limit, !available.isEmpty {
            var best: Int?
            var bestValue = -Double.infinity
            for (slot, index) in available.enumerated() {
                let fits = candidates[index].wordCount <= wordsLeft || picked.isEmpty
                guard fits else { continue }
                let redundancy = maximumSimilarity[index]
                var value = candidates[index].total - weights.redundancy * redundancy
                if redundancy >= weights.duplicateSimilarity { value -= 1_000 }
                if value > bestValue {
                    bestValue = value
                    best = slot
                }
            }
            guard let slot = best else { break }
            let index = available.remove(at: slot)
            candidates[index].redundancy = maximumSimilarity[index]
            candidates[index].pickRank = picked.count
            picked.append(index)
            if wordsLeft != .max { wordsLeft -= min(wordsLeft, candidates[index].wordCount) }
            for other in available {
                maximumSimilarity[other] = max(maximumSimilarity[other], similarity(index, other))
            }
        }
        return picked
    }
}
