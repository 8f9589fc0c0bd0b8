import BylineSegment
import BylineText

/// Picks the sentences of a news report that carry its facts: who, where, how many.
///
/// Each candidate (a sentence, or a quotation over several sentences taken whole) gets
/// its features (``SentenceFeatures``): a lead prior on the first body sentences,
/// centrality (content words shared with the rest of the report, after stop words and
/// light stemming), in lower-cased copy its direction (uptake by the sentences after,
/// repetition of those before), entity coverage (the salience of the entities it names, from an
/// ``EntityMentionFinder`` and from capitals), quantity coverage (money, percentages and
/// counts above dates, times and ages) and penalties for very short and very long
/// sentences. Picks are made greedily: each time the candidate whose value is highest,
/// counting only the entities and figures no earlier pick carries and penalised by its
/// similarity to the picks (maximal marginal relevance). A summary of a large share of
/// the report fades towards centrality alone (``SummaryWeights/faded(share:)``).
///
/// Page furniture is never a candidate (``FurnitureRules``, short label lines, repeated
/// lines), and a sentence that runs pasted captions into the next is cut where the next
/// one opens (``RunOnSentences``). Picks come back in the order of the text as trimmed
/// sentence ranges from the segmenter, so a dateline stays with its lede and a quotation
/// with its attribution.
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
    /// Reports of at least this many candidates have their names found on a second
    /// thread while the first analyses the words (``TokenHandOff``).
    var concurrentNamesFrom = TokenHandOff.minimumSentences

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
        summarize(text, sentences: sentences, length: length) {
            var next = 0
            return { range in
                while next < words.count, words[next].range.lowerBound < range.lowerBound { next += 1 }
                var end = next
                while end < words.count, words[end].range.upperBound <= range.upperBound { end += 1 }
                return Array(words[next..<end])
            }
        }
    }

    /// Summarises `text`, asking for the tokens of one sentence at a time, so that a long
    /// text's tokens never need to be held all at once.
    ///
    /// - Parameter wordCursor: makes a function that gives the tokens lying wholly within a
    ///   range, in order, as ``WordSegmenter`` finds them in the whole text; that function is
    ///   asked once per candidate sentence, in the order of the text. Called once per pass
    ///   over the text: once, or twice when names are found in lower-cased copy. Tokens of
    ///   ASCII white space may be left out.
    public func summarize(
        _ text: String, sentences: [Sentence], length: SummaryLength, wordCursor: () -> (TextRange) -> [Word]
    ) -> Summary {
        let filter = FurnitureFilter(rules: rules.furniture, usesTurkicCasing: rules.usesTurkicCasing)
        let lines = filter.furnitureLines(in: text)
        var excluded: [ExcludedPiece] = lines
        var kept: [Sentence] = []
        var lineIndex = 0
        // Run-on sentences are cut first, so that furniture run into a sentence (`Scroll down
        // for video The boxes …`) is excluded alone and the sentence after it stays.
        for sentence in RunOnSentences.split(sentences, in: text, rules: rules) {
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

        let requested: Int
        switch length {
        case .sentences(let count): requested = count
        case .words: requested = 1
        }
        let units = weights.joinsQuotations ? QuotationUnits.units(of: kept, in: text, minimum: requested) : kept
        var analysis = DocumentAnalysis(text: text, sentences: units, wordCursor: wordCursor, ranker: self)
        let share: Double
        switch length {
        case .sentences(let count): share = units.isEmpty ? 0 : Double(count) / Double(units.count)
        case .words(let budget): share = Double(budget) / Double(max(1, analysis.wordCounts.reduce(0, +)))
        }
        let weights = self.weights.faded(share: share).applied(usesCapitalisation: analysis.usesCapitalisation)
        var candidates = analysis.scoredSentences(weights: weights)
        let selection = select(from: &candidates, analysis: analysis, weights: weights, length: length)
        let picks = selection.picked.sorted().map { SummaryPick(range: candidates[$0].range, score: candidates[$0].total) }
        var summary = Summary(picks: picks, candidates: candidates, excluded: excluded,
                              usesCapitalisation: analysis.usesCapitalisation)
        summary.shortestExceedsBudget = selection.overBudget
        summary.facts = analysis.facts(of: selection.picked)
        return summary
    }

    /// Greedy coverage: repeatedly takes the candidate whose value is highest, where the
    /// value is its total with the entity and quantity features counted only for the facts
    /// no earlier pick carries, less its similarity to the picks so far (maximal marginal
    /// relevance). A near-duplicate of a pick waits until nothing else is left. Returns
    /// candidate indices in pick order, and whether even the shortest candidate was over
    /// a word budget (then it alone is picked).
    ///
    /// Cost: each pick visits the candidates left once; covering a fact updates only the
    /// sentences that hold it.
    private func select(from candidates: inout [ScoredSentence], analysis: DocumentAnalysis,
                        weights: SummaryWeights, length: SummaryLength) -> (picked: [Int], overBudget: Bool) {
        var picked: [Int] = []
        var available = Array(candidates.indices)
        var maximumSimilarity = [Double](repeating: 0, count: candidates.count)
        var maximumContainment = [Double](repeating: 0, count: candidates.count)
        var entityCovered = [Bool](repeating: false, count: analysis.entityKeys.count)
        var quantityCovered = [Bool](repeating: false, count: analysis.quantityKeys.count)
        var entityGain = candidates.indices.map { analysis.entityGain($0, covered: entityCovered) }
        var quantityGain = candidates.indices.map { analysis.quantityGain($0, covered: quantityCovered) }
        let cap = weights.factCap
        // The total without the coverage features, which change as facts are covered.
        let base = candidates.map {
            $0.total - weights.entities * $0.features.entities - weights.numbers * $0.features.numbers
        }
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
        var overBudget = false
        while picked.count < limit, !available.isEmpty {
            var best: Int?
            var bestValue = -Double.infinity
            for (slot, index) in available.enumerated() where candidates[index].wordCount <= wordsLeft {
                let redundancy = maximumSimilarity[index]
                var value = base[index] + weights.entities * min(cap, entityGain[index]) / cap
                    + weights.numbers * min(cap, quantityGain[index]) / cap - weights.redundancy * redundancy
                if redundancy >= weights.duplicateSimilarity || maximumContainment[index] >= weights.duplicateContainment { value -= 1_000 }
                if value > bestValue {
                    bestValue = value
                    best = slot
                }
            }
            if best == nil, picked.isEmpty, case .words = length {
                // Nothing fits the budget: the shortest sentence, and the caller is told.
                best = available.indices.min { candidates[available[$0]].wordCount < candidates[available[$1]].wordCount }
                overBudget = true
            }
            guard let slot = best else { break }
            let index = available.remove(at: slot)
            candidates[index].redundancy = maximumSimilarity[index]
            candidates[index].pickRank = picked.count
            picked.append(index)
            if wordsLeft != .max { wordsLeft -= min(wordsLeft, candidates[index].wordCount) }
            for other in available {
                let overlap = analysis.overlap(of: other, with: index)
                maximumSimilarity[other] = max(maximumSimilarity[other], overlap.similarity)
                maximumContainment[other] = max(maximumContainment[other], overlap.containment)
            }
            for id in analysis.entityIDs[index] where !entityCovered[Int(id)] {
                entityCovered[Int(id)] = true
                for holder in analysis.entitySentences[Int(id)] { entityGain[Int(holder)] -= analysis.entitySalience[Int(id)] }
            }
            for id in analysis.quantityIDs[index] where !quantityCovered[Int(id)] {
                quantityCovered[Int(id)] = true
                for holder in analysis.quantitySentences[Int(id)] { quantityGain[Int(holder)] -= analysis.quantityValue[Int(id)] }
            }
            if overBudget { break }
        }
        return (picked, overBudget)
    }
}
