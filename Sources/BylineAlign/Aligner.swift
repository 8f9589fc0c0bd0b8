import BylineNormalize
import BylineText
import Foundation

/// Aligns the sentences of two versions of a report into beads (1-1, 1-0, 0-1, 2-1, 1-2,
/// 2-2, 1-3, 3-1 and the larger shapes of ``AlignmentParameters/beadPriors``).
///
/// Each candidate bead is scored by a prior for its shape, Gale and Church's length model
/// (character lengths, the ratio taken from the texts or given) and lexical evidence: the
/// share of its words that link across, by identical or cognate stems, the bilingual
/// lexicon, numbers by value (`8,000` = `8 000` = `8.000`), names by entity or by their
/// consonant outline in Latin letters (so `Сеул` meets `Seoul`), and marks such as `?`.
/// That share is measured against what unrelated sentences of the same texts share, so
/// the same weights serve a pair with a large dictionary and a pair with none.
///
/// Dynamic programming finds the cheapest path through a band around anchor pairs (see
/// ``SearchBand``); the cost is linear in the texts' length in practice.
///
/// Not thread-safe (it keeps ICU handles); make one per worker.
///
/// ```swift
/// let aligner = Aligner(lexicon: lexicon)
/// let alignment = try aligner.align(source: german, from: "de", target: french, to: "fr")
/// for bead in alignment.beads { print(bead) }   // [0]:[0], [1, 2]:[1], …
/// ```
public final class Aligner {
    public let parameters: AlignmentParameters
    private let lexicon: BilingualLexicon?
    private let outlines: BilingualLexicon?
    private let names: (any EntityNames)?
    private let stopWords: [LanguageTag: Set<String>]

    /// - Parameters:
    ///   - lexicon: word translations for the pair (either direction; it is turned round
    ///     when the texts come the other way).
    ///   - outlines: for a language without a word list of its own, the list of a close
    ///     language read as consonant outlines (``BilingualLexicon/outlines(of:standingFor:)``);
    ///     used whichever of the two texts is in its target language.
    ///   - names: a name index (a gazetteer) whose entity ids make names in two scripts match.
    ///   - stopWords: function words per language, left out of the lexical evidence.
    public init(
        lexicon: BilingualLexicon? = nil, outlines: BilingualLexicon? = nil, names: (any EntityNames)? = nil, stopWords: [LanguageTag: Set<String>] = [:],
        parameters: AlignmentParameters = AlignmentParameters()
    ) {
        self.lexicon = lexicon
        self.outlines = outlines
        self.names = names
        self.stopWords = stopWords
        self.parameters = parameters
    }

    /// Aligns `source` (sentences in `sourceLanguage`) with `target`.
    ///
    /// Every sentence of each side is in exactly one bead, and beads are in order on both
    /// sides. An empty side gives one 1-0 or 0-1 bead per sentence of the other.
    /// - Parameter lengthRatio: target characters per source character; nil to take it
    ///   from the two texts.
    /// - Throws: ``NormalizationError`` when ICU cannot fold or transliterate a text.
    public func align(
        source: [String], from sourceLanguage: LanguageTag, target: [String], to targetLanguage: LanguageTag,
        lengthRatio: Double? = nil
    ) throws(NormalizationError) -> Alignment {
        let n = source.count, m = target.count
        if n == 0 || m == 0 {
            let beads = (0..<n).map { Bead(source: $0..<$0 + 1, target: 0..<0, confidence: 1) }
                + (0..<m).map { Bead(source: n..<n, target: $0..<$0 + 1, confidence: 1) }
            return Alignment(beads: beads, lengthRatio: lengthRatio ?? 1, meanConfidence: 1, looksUnrelated: false)
        }
        let extractor = FeatureExtractor(parameters: parameters, names: names, stopWords: stopWords)
        let oriented = lexicon.flatMap { lexicon -> BilingualLexicon? in
            if lexicon.source.language == sourceLanguage.language, lexicon.target.language == targetLanguage.language {
                return lexicon
            }
            if lexicon.source.language == targetLanguage.language, lexicon.target.language == sourceLanguage.language {
                return lexicon.reversed()
            }
            return nil
        }
        let pairOutlines = outlines.flatMap { outlines -> BilingualLexicon? in
            let languages = [outlines.source.language, outlines.target.language]
            return languages == [sourceLanguage.language, targetLanguage.language]
                || languages == [targetLanguage.language, sourceLanguage.language] ? outlines : nil
        }
        func splitter(_ language: LanguageTag) -> CompoundSplitter? {
            guard CompoundSplitter.splits(language), let words = oriented?.words(of: language), !words.isEmpty else { return nil }
            return CompoundSplitter(words: words)
        }
        let sourceFeatures = try extractor.features(
            of: source, language: sourceLanguage, lexicon: oriented, outlines: pairOutlines, compounds: splitter(sourceLanguage))
        let targetFeatures = try extractor.features(
            of: target, language: targetLanguage, lexicon: nil, outlines: pairOutlines, compounds: splitter(targetLanguage))
        let scorer = BeadScorer(
            source: sourceFeatures, target: targetFeatures, keyCount: extractor.keys.count, parameters: parameters)
        if let lengthRatio { scorer.lengthRatio = lengthRatio }
        var band = SearchBand(source: sourceFeatures, target: targetFeatures, parameters: parameters)
        // Where anchors leave the band wide (few unique words, or a long stretch of drift),
        // the length model alone, which costs next to nothing per cell, finds the path the
        // full search then follows within the margin.
        if band.meanWidth > 3 * Double(parameters.bandMargin) {
            var lengthsOnly = parameters
            lengthsOnly.lexicalWeight = 0
            let path = BeadSearch(scorer: scorer, band: band, parameters: lengthsOnly).run().beads
            band = SearchBand(following: path, sourceCount: n, targetCount: m, margin: 2 * parameters.bandMargin)
        }
        scorer.calibrate(centers: { band.center($0) })
        var firstPass = parameters
        firstPass.leakWeight = 0
        var beads: [Bead]
        if lengthRatio != nil {
            beads = BeadSearch(scorer: scorer, band: band, parameters: firstPass).run().beads
        } else {
            beads = Self.searchWithRatio(scorer: scorer, band: band, parameters: firstPass)
        }
        // A second search, in a narrow band around the first path, weighs where each bead's
        // words leak into its neighbours (see ``BeadSearch/cost(_:_:_:below:)``): three
        // linkings per bead instead of one, so only near the path.
        if parameters.leakWeight > 0 {
            let narrow = SearchBand(following: beads, sourceCount: n, targetCount: m, margin: parameters.leakBandMargin)
            beads = BeadSearch(scorer: scorer, band: narrow, parameters: parameters).run().beads
        }
        let links = beads.filter(\.isLink)
        let mean = links.isEmpty ? 0 : links.reduce(0) { $0 + $1.confidence } / Double(links.count)
        // Confidence is measured against these texts' own chance rate, so texts that share
        // nothing can still look confident: compare the links' raw coverage with chance too.
        let linkShare = links.isEmpty ? 0 : links.reduce(Float(0)) { $0 + scorer.coverage($1.source, $1.target).share } / Float(links.count)
        let barelyAboveChance = scorer.measuredChanceShare.map { linkShare < $0 * 1.5 + Float(parameters.unrelatedMargin) } ?? false
        let unrelated = links.count < min(n, m) / 2
            || (barelyAboveChance && (mean < parameters.unrelatedConfidence || linkShare < Float(parameters.unrelatedMargin)))
        return Alignment(beads: beads, lengthRatio: scorer.lengthRatio, meanConfidence: links.isEmpty ? 1 : mean, looksUnrelated: unrelated)
    }
}

extension Aligner {
    /// The path and the length ratio found together, when no ratio is given.
    ///
    /// The ratio of the whole texts is off when one side has sentences the other lacks, and
    /// in a short report one dropped sentence moves it by a third: the length model then
    /// prefers the merge that restores the texts' ratio to the skip that really happened.
    /// So the ratio is a parameter of the model like the path: the search starts from the
    /// texts' ratio and from the typical one (``AlignmentParameters/typicalLengthRatio``);
    /// each path gives an estimate from its own links, drawn towards the typical ratio as
    /// much as the links' few characters leave it uncertain (see ``posteriorRatio``), and
    /// is searched again with it; the path whose cost plus the ratio's prior cost is lowest
    /// wins. In a long text the links outweigh the prior; in a short one the prior keeps the
    /// ratio plausible.
    static func searchWithRatio(scorer: BeadScorer, band: SearchBand, parameters: AlignmentParameters) -> [Bead] {
        let textRatio = scorer.lengthRatio
        var starts = [textRatio]
        if abs(log(textRatio / parameters.typicalLengthRatio)) > parameters.ratioRefinementThreshold {
            starts.append(parameters.typicalLengthRatio)
        }
        var best: (beads: [Bead], cost: Double, ratio: Double)?
        for start in starts {
            scorer.lengthRatio = start
            var result = BeadSearch(scorer: scorer, band: band, parameters: parameters).run()
            if let refined = posteriorRatio(of: result.beads, scorer: scorer, parameters: parameters),
                abs(refined / start - 1) > parameters.ratioRefinementThreshold
            {
                scorer.lengthRatio = refined
                result = BeadSearch(scorer: scorer, band: band, parameters: parameters).run()
            }
            let cost = result.cost + parameters.ratioPriorCost(scorer.lengthRatio)
            if best == nil || cost < best!.cost { best = (result.beads, cost, scorer.lengthRatio) }
        }
        scorer.lengthRatio = best!.ratio
        return best!.beads
    }

    /// The length ratio a path's links give (the 1-1 beads it is sure of or, when they hold
    /// too little text, all its links), combined with the prior around the typical ratio:
    /// under the length model the logarithm of a ratio measured over S source characters
    /// has a variance of about `lengthVariance / (S r²)`, so a few short links move the
    /// ratio a little and a long text sets it. Nil when the links hold too little text.
    static func posteriorRatio(of beads: [Bead], scorer: BeadScorer, parameters: AlignmentParameters) -> Double? {
        func measured(_ beads: some Sequence<Bead>) -> (ratio: Double, sourceLength: Double)? {
            var sourceLength = 0, targetLength = 0
            for bead in beads {
                sourceLength += scorer.length(ofSource: bead.source)
                targetLength += scorer.length(ofTarget: bead.target)
            }
            guard sourceLength >= parameters.ratioRefinementMinimumLength, targetLength > 0 else { return nil }
            return (Double(targetLength) / Double(sourceLength), Double(sourceLength))
        }
        let sure = beads.lazy.filter { $0.source.count == 1 && $0.target.count == 1 && $0.confidence >= 0.5 }
        guard let measurement = measured(sure) ?? measured(beads.lazy.filter(\.isLink)) else { return nil }
        let (ratio, sourceLength) = measurement
        let dataPrecision = sourceLength * ratio * ratio / parameters.lengthVariance
        let priorPrecision = 1 / (parameters.lengthRatioSpread * parameters.lengthRatioSpread)
        let logRatio = (dataPrecision * log(ratio) + priorPrecision * log(parameters.typicalLengthRatio))
            / (dataPrecision + priorPrecision)
        return exp(logRatio)
    }
}

/// The dynamic programme over the band.
struct BeadSearch {
    let scorer: BeadScorer
    let band: SearchBand
    let parameters: AlignmentParameters
    /// The shapes searched: every shape with a prior, smallest first.
    let shapes: [BeadShape]
    /// The prior of each of ``shapes``, read once rather than hashed per cell.
    private let priors: [Double]

    init(scorer: BeadScorer, band: SearchBand, parameters: AlignmentParameters) {
        self.scorer = scorer
        self.band = band
        self.parameters = parameters
        shapes = parameters.beadPriors.keys.sorted { ($0.source + $0.target, $0.source) < ($1.source + $1.target, $1.source) }
        priors = shapes.map { parameters.beadPriors[$0] ?? 10 }
    }

    /// The cost of the bead ending at (i, j) with `shape`, or nil when it cannot be below
    /// `budget` even if all its words linked (then its words are not linked at all).
    ///
    /// With ``AlignmentParameters/leakWeight``, the cost also counts the bead's rare words,
    /// numbers and names that link nowhere inside it but into a sentence just outside it,
    /// beyond what chance puts there (``BeadScorer/leak(_:_:inner:)``). Without that term a bead
    /// cut in the wrong place costs little more than the right one: where a translator
    /// moved a clause across a sentence end (`… 250 Höhenmeter erforderten zwei Tage .` |
    /// `Il fallut deux jours pour gravir 250 m. …`), two 1-1 beads each lose the clause's
    /// links, pay no more for them than for words the dictionary lacks, and beat the true
    /// 2-2 bead on its prior. The clause's words linking into the neighbour mark the cut as
    /// wrong. The term can be a bonus, which the bound a bead is dropped by allows for.
    func cost(_ i: Int, _ j: Int, _ shapeIndex: Int, below budget: Double) -> Double? {
        let shape = shapes[shapeIndex]
        var prior = priors[shapeIndex]
        if shape.source > 0 { prior += scorer.source.startCost[i - shape.source] }
        if shape.target > 0 { prior += scorer.target.startCost[j - shape.target] }
        if shape.source == 0 || shape.target == 0 {
            // A line without words (a rule, stray marks from a scan) says nothing to translate.
            let noise = shape.source == 1 ? scorer.source.isNoise[i - 1] : shape.target == 1 && scorer.target.isNoise[j - 1]
            return noise ? parameters.noiseSkipCost : prior + parameters.skipCost
        }
        // The length cost is never negative: with lengths alone, a prior at the budget loses.
        if parameters.lexicalWeight == 0, prior >= budget { return nil }
        let sources = (i - shape.source)..<i, targets = (j - shape.target)..<j
        let lengthCost = scorer.lengthCost(
            sourceLength: scorer.length(ofSource: sources), targetLength: scorer.length(ofTarget: targets))
        let base = prior + parameters.lengthWeight * lengthCost
        guard parameters.lexicalWeight > 0 else { return base }
        if budget.isFinite {
            let totals = scorer.weightTotals(sources, targets)
            var bound = base - parameters.lexicalWeight * scorer.evidenceBound(totals, facing: (targets.count, sources.count))
            if parameters.leakWeight > 0 { bound -= parameters.leakWeight * scorer.leakBonusBound(totals) }
            if bound >= budget { return nil }
        }
        let inner = scorer.coverage(sources, targets)
        var total = base - parameters.lexicalWeight * scorer.evidence(inner, facing: (targets.count, sources.count))
        if parameters.leakWeight > 0 {
            let leak = scorer.leak(sources, targets, inner: inner)
            total += parameters.leakWeight * (leak.observed - leak.expected)
        }
        return total
    }

    /// The cheapest path and its cost.
    func run() -> (beads: [Bead], cost: Double) {
        let shapes = self.shapes
        let n = band.lower.count - 1
        var rowStart = [Int](repeating: 0, count: n + 2)
        for i in 0...n { rowStart[i + 1] = rowStart[i] + band.upper[i] - band.lower[i] + 1 }
        var best = [Double](repeating: .infinity, count: rowStart[n + 1])
        var step = [UInt8](repeating: 255, count: rowStart[n + 1])
        best[0] = 0
        for i in 0...n {
            for j in band.lower[i]...band.upper[i] where i > 0 || j > 0 {
                var bestCost = Double.infinity
                var bestShape: UInt8 = 255
                for (index, shape) in shapes.enumerated() {
                    let pi = i - shape.source, pj = j - shape.target
                    guard pi >= 0, pj >= 0, pj >= band.lower[pi], pj <= band.upper[pi] else { continue }
                    let before = best[rowStart[pi] + pj - band.lower[pi]]
                    guard before.isFinite else { continue }
                    guard let bead = cost(i, j, index, below: bestCost - before) else { continue }
                    let total = before + bead
                    if total < bestCost {
                        bestCost = total
                        bestShape = UInt8(index)
                    }
                }
                best[rowStart[i] + j - band.lower[i]] = bestCost
                step[rowStart[i] + j - band.lower[i]] = bestShape
            }
        }
        var beads: [Bead] = []
        var i = n, j = band.upper[n]
        let total = best[rowStart[n] + j - band.lower[n]]
        while i > 0 || j > 0 {
            let shapeIndex = step[rowStart[i] + j - band.lower[i]]
            precondition(shapeIndex != 255, "the band always connects (0, 0) to (n, m)")
            let shape = shapes[Int(shapeIndex)]
            let bead = Bead(
                source: (i - shape.source)..<i, target: (j - shape.target)..<j,
                confidence: confidence(i, j, shape))
            beads.append(bead)
            i -= shape.source
            j -= shape.target
        }
        return (beads.reversed(), total)
    }

    /// A link's confidence: the probability its evidence and lengths give it against
    /// unrelated sentences. A skipped sentence's confidence: how little evidence links it to
    /// the sentences near where it would go.
    func confidence(_ i: Int, _ j: Int, _ shape: BeadShape) -> Double {
        if shape.source > 0, shape.target > 0 {
            let sources = (i - shape.source)..<i, targets = (j - shape.target)..<j
            let lengthCost = scorer.lengthCost(
                sourceLength: scorer.length(ofSource: sources), targetLength: scorer.length(ofTarget: targets))
            return Self.rounded(Self.logistic(parameters.lexicalWeight * scorer.evidence(sources, targets) - lengthCost + 1))
        }
        var strongest = -Double.infinity
        if shape.source > 0 {
            let m = scorer.target.sentenceCount
            for t in max(0, j - 2)..<min(m, j + 2) { strongest = max(strongest, scorer.evidence((i - 1)..<i, t..<t + 1)) }
        } else {
            let n = scorer.source.sentenceCount
            for s in max(0, i - 2)..<min(n, i + 2) { strongest = max(strongest, scorer.evidence(s..<s + 1, (j - 1)..<j)) }
        }
        guard strongest.isFinite else { return 1 }
        return Self.rounded(1 - Self.logistic(parameters.lexicalWeight * strongest + 1))
    }

    static func logistic(_ value: Double) -> Double { 1 / (1 + exp(-value)) }

    static func rounded(_ value: Double) -> Double { (max(0, min(1, value)) * 1000).rounded() / 1000 }
}
