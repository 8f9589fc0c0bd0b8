import Foundation

/// Every number the aligner compares against, in one place.
///
/// Costs are in nats (negative log probabilities), so the length model, the bead priors
/// and the lexical evidence add up.
public struct AlignmentParameters: Sendable, Hashable {
    /// Bead shapes and their prior costs, after Gale and Church's estimates (1-1 is 89 % of
    /// beads, 1-0/0-1 1 %, 2-1/1-2 9 %, 2-2 1 %), with 1-3/3-1 rarer than 2-2 and the
    /// larger shapes rarer still. A translator who splits long sentences (literary and
    /// magazine prose) makes 2-3, 1-4 and 3-3 beads, and where one text is cut at every
    /// semicolon (a list of names and dates) 1-5 or 5-1; news copy rarely does.
    public var beadPriors: [BeadShape: Double] = [
        BeadShape(1, 1): 0.12, BeadShape(1, 0): 3.6, BeadShape(0, 1): 3.6,
        BeadShape(2, 1): 2.4, BeadShape(1, 2): 2.4, BeadShape(2, 2): 3.9,
        BeadShape(1, 3): 4.6, BeadShape(3, 1): 4.6,
        BeadShape(2, 3): 5.3, BeadShape(3, 2): 5.3, BeadShape(1, 4): 5.8, BeadShape(4, 1): 5.8,
        BeadShape(3, 3): 5.8, BeadShape(1, 5): 6.5, BeadShape(5, 1): 6.5,
    ]
    /// Variance of the length difference per character (Gale and Church's 6.8), used when
    /// the text itself cannot estimate it.
    public var lengthVariance = 6.8
    /// A second pass runs when the confident 1-1 beads of the first give a length ratio this
    /// much (relative) off the whole texts' ratio, if they hold this many source characters.
    public var ratioRefinementThreshold = 0.05
    public var ratioRefinementMinimumLength = 40
    /// Target characters per source character expected of a pair before its texts say
    /// otherwise, and how far (as the standard deviation of the ratio's logarithm) pairs
    /// of languages written alike stray from it: the prior of the ratio a path implies.
    public var typicalLengthRatio = 1.0
    public var lengthRatioSpread = 0.3
    /// The largest length cost of one bead: beyond it lengths say nothing more.
    public var maximumLengthCost = 12.0
    /// Weight of the length cost against the lexical cost.
    public var lengthWeight = 1.0
    /// Weight of the lexical evidence (a log likelihood ratio summed over tokens, which
    /// overstates itself because words are not independent).
    public var lexicalWeight = 0.5
    /// Cost of leaving a sentence unmatched, beyond its prior.
    public var skipCost = 1.0
    /// Typical shares of tokens that link in a true pair and by chance, and how many
    /// sentences' worth of weight they carry against a text's own estimates.
    public var typicalRelatedRate = 0.3
    public var typicalChanceRate = 0.05
    public var calibrationPriorSamples = 4.0
    /// Half-width of the band searched around the anchor path, in sentences, before the
    /// drift between anchors is added.
    public var bandMargin = 12
    /// Anchor pairs further than this share of the longer text from the diagonal are not
    /// trusted.
    public var anchorDiagonalTolerance = 0.25
    /// Below this mean bead confidence, with links that barely beat chance (see
    /// ``unrelatedMargin``), the texts are reported as probably unrelated. Either alone is
    /// common in short true pairs without a dictionary, where lengths carry the alignment.
    public var unrelatedConfidence = 0.5
    /// Links "barely beat chance" when they cover less than 1.5 times the share unrelated
    /// sentence pairs reach plus this margin; with a share below the margin itself (nothing
    /// links at all) the texts are reported as unrelated whatever the lengths say.
    public var unrelatedMargin = 0.03
    /// Word prefix kept as the stem key (`president`, `президента` → 6 letters).
    public var stemLength = 6
    /// Words at least this long also match by their first ``cognatePrefix`` letters
    /// (`himalaya`, `himalayens`).
    public var cognateMinimumLength = 5
    public var cognatePrefix = 5
    /// Weight multipliers for the kinds of evidence.
    public var numberWeight = 2.5
    public var nameWeight = 1.5
    public var punctuationWeight = 0.5
    /// Cost per token (of mean weight) that a bead leaves unlinked but that links into a
    /// sentence just outside it, beyond the share chance gives there (see
    /// ``BeadSearch/cost(_:_:_:below:)``). Only tokens at least ``leakFloor`` times the
    /// mean weight count: rare words, numbers and names, whose place is clear.
    public var leakWeight = 0.8
    public var leakFloor = 1.2
    /// The share per neighbour of those tokens that link into a neighbouring sentence by
    /// chance, before a text measures its own.
    public var typicalLeakRate = 0.1
    /// Half-width, in sentences, of the band around the first path in which the leak is
    /// weighed.
    public var leakBandMargin = 3

    /// Extra cost of a bead starting at a sentence that continues the one before it: after a
    /// semicolon or a colon, or inside a parenthesis a line before it opened. Text cut at `;`
    /// or `:`, or at the abbreviations of a reference (`( « Alpine Journal » No .` | `293 ,
    /// Nov .` | `1956 , S. 340-343 ) .`), leaves pieces of one sentence (`Die erfolgreichen
    /// Bergsteiger waren :` | `Hartog , J. Brown …`), which a translator mostly keeps together
    /// with what comes before.
    public var continuationStartCost = 1.0
    /// Lines a parenthesis is followed across before it is taken for a stray mark (a scan's
    /// `(` that nothing closes).
    public var openParenthesisLines = 3

    /// The whole cost (prior included) of leaving out a line with no word of two letters and
    /// no number (`.....`, `- _-` from a scanned page): such a line has nothing to translate,
    /// so it is left out more readily than merged into a neighbour's bead.
    public var noiseSkipCost = 1.0

    public init() {}

    /// The extra cost of a bead starting at each of `sentences` (see
    /// ``continuationStartCost``).
    func startCosts(of sentences: [String]) -> [Double] {
        var costs: [Double] = []
        costs.reserveCapacity(sentences.count)
        var open = 0, openFor = 0
        for (index, sentence) in sentences.enumerated() {
            let cut = index > 0 && [";", ":"].contains(sentences[index - 1].last(where: { !$0.isWhitespace }))
            costs.append(cut || open > 0 ? continuationStartCost : 0)
            var depth = open
            for scalar in sentence.unicodeScalars {
                if scalar == "(" {
                    depth += 1
                } else if scalar == ")" {
                    depth = max(0, depth - 1)
                }
            }
            openFor = depth > 0 ? (open > 0 ? openFor + 1 : 1) : 0
            if openFor > openParenthesisLines { (depth, openFor) = (0, 0) }
            open = depth
        }
        return costs
    }

    /// The prior cost of a length ratio, in nats: a log-normal around
    /// ``typicalLengthRatio``, zero at its centre.
    public func ratioPriorCost(_ ratio: Double) -> Double {
        guard ratio > 0 else { return .infinity }
        let deviation = log(ratio / typicalLengthRatio) / lengthRatioSpread
        return deviation * deviation / 2
    }
}

/// A bead's number of source and target sentences.
public struct BeadShape: Sendable, Hashable {
    public var source: Int
    public var target: Int
    public init(_ source: Int, _ target: Int) {
        self.source = source
        self.target = target
    }
}
