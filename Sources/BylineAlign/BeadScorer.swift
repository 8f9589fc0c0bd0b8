import Foundation

/// Scores candidate beads: how much of their words link across, and how well their lengths
/// agree.
///
/// Coverage is computed with a stamp array over the interned keys: the target side's keys
/// are stamped and chained, each source token takes an unused target token along the chains
/// of its keys, and the same the other way round. One bead costs time proportional to its
/// keys (and to repeats of a key within it), with no hashing and no allocation.
///
/// The arrays linking reads and writes live in memory the scorer owns (``LinkSide``,
/// ``stamps`` and the rest), so its loops touch no reference count, which an unoptimised
/// build otherwise pays on every subscript.
final class BeadScorer {
    let source: SideFeatures
    let target: SideFeatures
    let parameters: AlignmentParameters
    /// Per key, the generation that last stamped it.
    private let stamps: UnsafeMutableBufferPointer<UInt32>
    /// Per key, the latest key entry carrying it in the bead being scored.
    private let heads: UnsafeMutableBufferPointer<Int32>
    /// Per key entry (of either side's own or projected keys), the previous entry with the
    /// same key, and the token it belongs to.
    private let sourceChain: UnsafeMutableBufferPointer<Int32>, targetChain: UnsafeMutableBufferPointer<Int32>
    private let entryToken: UnsafeMutableBufferPointer<Int32>
    /// Per token, the generation in which it was last linked.
    private let sourceUsed: UnsafeMutableBufferPointer<UInt32>, targetUsed: UnsafeMutableBufferPointer<UInt32>
    /// The source side's projected keys and the target side's own keys, as linking reads them.
    private let sourceLinks: LinkSide, targetLinks: LinkSide
    private var generation: UInt32 = 0
    /// Tokens at least this heavy are counted apart as well (``Coverage/heavySource``): the
    /// rare words, numbers and names whose leaks ``leak(_:_:inner:)`` weighs.
    private let heavyFloor: Float
    /// Target characters per source character.
    var lengthRatio: Double
    /// Characters of the sentences before each position, per side (`n + 1` entries).
    private let sourceLengthSums: [Int], targetLengthSums: [Int]
    /// The normalised length difference from which the length cost is
    /// ``AlignmentParameters/maximumLengthCost`` (see ``lengthCost(sourceLength:targetLength:)``).
    private let lengthCostCutoff: Double
    /// Coverage of each side that unrelated sentences of these texts reach, and that true
    /// pairs reach; set by ``calibrate(centers:)``.
    /// The share of tokens that link between sentences half a text apart, as measured (nil
    /// when a text has a single sentence).
    private(set) var measuredChanceShare: Float?
    private(set) var unrelatedSource: Float = 0.05, unrelatedTarget: Float = 0.05
    private(set) var relatedSource: Float = 0.3, relatedTarget: Float = 0.3
    /// Per neighbouring sentence, the share of the unlinked heavy tokens of a true 1-1 bead
    /// that link into it; set by ``calibrate(centers:)``.
    private(set) var leakSource: Float = 0.1, leakTarget: Float = 0.1

    init(source: SideFeatures, target: SideFeatures, keyCount: Int, parameters: AlignmentParameters) {
        self.source = source
        self.target = target
        self.parameters = parameters
        func filled<Element>(_ value: Element, count: Int) -> UnsafeMutableBufferPointer<Element> {
            let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: count)
            buffer.initialize(repeating: value)
            return buffer
        }
        stamps = filled(0, count: keyCount)
        heads = filled(-1, count: keyCount)
        sourceChain = filled(-1, count: source.projected.count)
        targetChain = filled(-1, count: target.keys.count)
        entryToken = filled(-1, count: max(source.projected.count, target.keys.count))
        sourceUsed = filled(0, count: source.weights.count)
        targetUsed = filled(0, count: target.weights.count)
        sourceLinks = LinkSide(start: source.projectedStart, keys: source.projected, weights: source.weights, order: source.linkOrder)
        targetLinks = LinkSide(start: target.keyStart, keys: target.keys, weights: target.weights, order: target.linkOrder)
        sourceLengthSums = Self.runningSums(source.lengths)
        targetLengthSums = Self.runningSums(target.lengths)
        lengthCostCutoff = Self.cutoff(maximumCost: parameters.maximumLengthCost)
        heavyFloor = Float(parameters.leakFloor) * source.meanTokenWeight
        let sourceTotal = sourceLengthSums.last!
        let targetTotal = targetLengthSums.last!
        lengthRatio = sourceTotal > 0 && targetTotal > 0 ? Double(targetTotal) / Double(sourceTotal) : 1
        refreshScores()
    }

    deinit {
        for buffer in [stamps, sourceUsed, targetUsed] { buffer.deallocate() }
        for buffer in [heads, sourceChain, targetChain, entryToken] { buffer.deallocate() }
        sourceLinks.deallocate()
        targetLinks.deallocate()
    }

    /// The weights of the tokens of source sentences `sources` and target sentences
    /// `targets` that link to a token on the other side, and the weights of all of them.
    ///
    /// Links are one to one: a token on one side pairs with at most one token of the other,
    /// rare words choosing first. A word repeated in two neighbouring sentences (a name, the
    /// story's topic) thus links once when the other side has it once, and cannot carry a
    /// sentence the other text dropped into a merged bead beside the one that has it.
    func coverage(_ sources: Range<Int>, _ targets: Range<Int>) -> Coverage {
        let sourceFrom = Int(source.tokenStart[sources.lowerBound]), sourceTo = Int(source.tokenStart[sources.upperBound])
        let targetFrom = Int(target.tokenStart[targets.lowerBound]), targetTo = Int(target.tokenStart[targets.upperBound])
        var result = Coverage()
        (result.sourceTotal, result.targetTotal) = weightTotals(sources, targets)
        guard result.sourceTotal + result.targetTotal > 0 else { return result }
        nextGeneration()
        let targetMark = generation, sourceMark = generation &- 1
        (result.source, result.heavySource) = link(
            from: sourceLinks, sourceFrom..<sourceTo, into: targetLinks, targetFrom..<targetTo, mark: targetMark,
            chain: targetChain, used: targetUsed)
        (result.target, result.heavyTarget) = link(
            from: targetLinks, targetFrom..<targetTo, into: sourceLinks, sourceFrom..<sourceTo, mark: sourceMark,
            chain: sourceChain, used: sourceUsed)
        return result
    }

    /// Starts a new pair of stamp generations, clearing the stamps when the counter wraps.
    private func nextGeneration() {
        generation &+= 2
        guard generation < 2 else { return }
        for buffer in [stamps, sourceUsed, targetUsed] { buffer.update(repeating: 0) }
        generation = 2
    }

    /// One side's key entries, copied into memory the scorer owns: per token, where its keys
    /// start, the keys, its weight, and the order in which its sentence's tokens link.
    private struct LinkSide {
        let start: UnsafeMutableBufferPointer<Int32>
        let keys: UnsafeMutableBufferPointer<Int32>
        let weights: UnsafeMutableBufferPointer<Float>
        let order: UnsafeMutableBufferPointer<Int32>

        init(start: [Int32], keys: [Int32], weights: [Float], order: [Int32]) {
            func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
                let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: array.count)
                _ = buffer.initialize(from: array)
                return buffer
            }
            self.start = copy(start)
            self.keys = copy(keys)
            self.weights = copy(weights)
            self.order = copy(order)
        }

        func deallocate() {
            start.deallocate()
            keys.deallocate()
            weights.deallocate()
            order.deallocate()
        }
    }

    /// Links the tokens `fromTokens` of `from` one to one with the tokens `intoTokens` of
    /// `into` that carry one of their keys, and returns the weight of the linked ones, and
    /// of those among them at least ``heavyFloor`` heavy.
    ///
    /// The tokens of `into` are indexed first: for each key, the latest key entry carrying it
    /// (`heads`, valid where `stamps` holds `mark`) and, per entry, the previous entry with
    /// the same key (`chain`). Each token of `from`, heaviest first within its sentence
    /// (``SideFeatures/linkOrder``), then takes the first unused token along the chains of its
    /// keys.
    private func link(
        from: LinkSide, _ fromTokens: Range<Int>, into: LinkSide, _ intoTokens: Range<Int>, mark: UInt32,
        chain: UnsafeMutableBufferPointer<Int32>, used: UnsafeMutableBufferPointer<UInt32>
    ) -> (linked: Float, heavy: Float) {
        var linked: Float = 0, heavy: Float = 0
        let (stamps, heads, entryToken, heavyFloor) = (self.stamps, self.heads, self.entryToken, self.heavyFloor)
        for token in intoTokens {
            for entry in Int(into.start[token])..<Int(into.start[token + 1]) {
                let key = Int(into.keys[entry])
                chain[entry] = stamps[key] == mark ? heads[key] : -1
                stamps[key] = mark
                heads[key] = Int32(entry)
                entryToken[entry] = Int32(token)
            }
        }
        for position in fromTokens {
            let token = Int(from.order[position])
            search: for k in Int(from.start[token])..<Int(from.start[token + 1]) {
                let key = Int(from.keys[k])
                guard stamps[key] == mark else { continue }
                var entry = heads[key]
                while entry >= 0 {
                    let other = Int(entryToken[Int(entry)])
                    if used[other] != mark {
                        used[other] = mark
                        let weight = from.weights[token]
                        linked += weight
                        if weight >= heavyFloor { heavy += weight }
                        break search
                    }
                    entry = chain[Int(entry)]
                }
            }
        }
        return (linked, heavy)
    }

    /// Linked and total token weights of a bead, per side, and the linked weight of its
    /// heavy tokens.
    struct Coverage {
        var source: Float = 0, sourceTotal: Float = 0
        var target: Float = 0, targetTotal: Float = 0
        var heavySource: Float = 0, heavyTarget: Float = 0

        var share: Float { sourceTotal + targetTotal > 0 ? (source + target) / (sourceTotal + targetTotal) : 0 }
        var sourceShare: Float { sourceTotal > 0 ? source / sourceTotal : 0 }
        var targetShare: Float { targetTotal > 0 ? target / targetTotal : 0 }
    }

    /// The lexical evidence that a bead's sentences translate each other, in nats: a log
    /// likelihood ratio summed over its tokens (positive: related).
    ///
    /// Each token links with probability q when the bead is a true one and r when its
    /// sentences are unrelated, both measured on these texts (``calibrate(centers:)``); a
    /// linked token adds log(q/r), an unlinked one log((1-q)/(1-r)), scaled by its weight
    /// against the side's mean. A token facing k sentences links by chance with probability
    /// 1 - (1 - r)^k and, in a true bead, with 1 - (1 - q)(1 - r)^(k-1). Because the sum is
    /// over tokens, merging two beads adds their evidence, so a merged bead cannot hide a
    /// sentence that matches nothing behind one that matches well.
    func evidence(_ sources: Range<Int>, _ targets: Range<Int>) -> Double {
        evidence(coverage(sources, targets), facing: (targets.count, sources.count))
    }

    /// ``evidence(_:_:)`` from a bead's coverage, its source tokens facing `facing.source`
    /// target sentences and its target tokens `facing.target` source sentences.
    func evidence(_ value: Coverage, facing: (source: Int, target: Int)) -> Double {
        func side(linked: Float, total: Float, scores: (linked: Double, missed: Double), meanWeight: Float) -> Double {
            guard total > 0, meanWeight > 0 else { return 0 }
            return (Double(linked) * scores.linked + Double(total - linked) * scores.missed) / Double(meanWeight)
        }
        return side(linked: value.source, total: value.sourceTotal, scores: sourceScores(facing.source), meanWeight: source.meanTokenWeight)
            + side(linked: value.target, total: value.targetTotal, scores: targetScores(facing.target), meanWeight: target.meanTokenWeight)
    }

    /// What a linked and a missed token add to the evidence (see ``evidence(_:_:)``) when it
    /// faces `facing` sentences, on a side whose related and unrelated pairs link with these
    /// probabilities.
    private static func tokenScores(related: Float, unrelated: Float, facing: Int) -> (linked: Double, missed: Double) {
        let k = Float(facing)
        let chance = 1 - pow(1 - unrelated, k)
        let hit = max(chance + 0.01, 1 - (1 - related) * pow(1 - unrelated, k - 1))
        return (log(Double(min(0.995, hit)) / Double(chance)), log(Double(1 - min(0.995, hit)) / Double(1 - chance)))
    }

    /// ``tokenScores(related:unrelated:facing:)`` per side for the bead widths searched,
    /// worked out again whenever the rates change.
    private var sourceScoreTable: [(linked: Double, missed: Double)] = []
    private var targetScoreTable: [(linked: Double, missed: Double)] = []

    private func refreshScores() {
        // Up to the widest side of any shape searched; a wider range is worked out on demand.
        let widest = parameters.beadPriors.keys.map { max($0.source, $0.target) }.max() ?? 1
        sourceScoreTable = (0...widest).map {
            Self.tokenScores(related: relatedSource, unrelated: unrelatedSource, facing: $0)
        }
        targetScoreTable = (0...widest).map {
            Self.tokenScores(related: relatedTarget, unrelated: unrelatedTarget, facing: $0)
        }
    }

    private func sourceScores(_ facing: Int) -> (linked: Double, missed: Double) {
        facing < sourceScoreTable.count
            ? sourceScoreTable[facing] : Self.tokenScores(related: relatedSource, unrelated: unrelatedSource, facing: facing)
    }

    private func targetScores(_ facing: Int) -> (linked: Double, missed: Double) {
        facing < targetScoreTable.count
            ? targetScoreTable[facing] : Self.tokenScores(related: relatedTarget, unrelated: unrelatedTarget, facing: facing)
    }

    /// The summed token weights of source sentences `sources` and target sentences `targets`.
    func weightTotals(_ sources: Range<Int>, _ targets: Range<Int>) -> (source: Float, target: Float) {
        var sourceTotal: Float = 0, targetTotal: Float = 0
        for s in sources { sourceTotal += source.totalWeight[s] }
        for t in targets { targetTotal += target.totalWeight[t] }
        return (sourceTotal, targetTotal)
    }

    /// An upper bound of ``evidence(_:_:)`` for a bead of these weight totals
    /// (``weightTotals(_:_:)``) whose source tokens face `facing.source` target sentences and
    /// whose target tokens `facing.target` source sentences: its value were every token
    /// linked, from the sums of weights alone, so the search can drop a bead that could not
    /// win without linking its words.
    func evidenceBound(_ totals: (source: Float, target: Float), facing: (source: Int, target: Int)) -> Double {
        func side(total: Float, linkedScore: Double, meanWeight: Float) -> Double {
            guard total > 0, meanWeight > 0 else { return 0 }
            return max(0, Double(total) * linkedScore / Double(meanWeight))
        }
        return side(total: totals.source, linkedScore: sourceScores(facing.source).linked, meanWeight: source.meanTokenWeight)
            + side(total: totals.target, linkedScore: targetScores(facing.target).linked, meanWeight: target.meanTokenWeight)
    }

    /// Gale and Church's length cost: minus the log probability of a length difference at
    /// least this large, under a normal model with mean ratio ``lengthRatio``.
    func lengthCost(sourceLength: Int, targetLength: Int) -> Double {
        let s = Double(sourceLength), t = Double(targetLength)
        let mean = (s + t / lengthRatio) / 2
        guard mean > 0 else { return 0 }
        let delta = (t - s * lengthRatio) / (parameters.lengthVariance * mean).squareRoot()
        // Most beads the search weighs lie far off the path; their cost is the maximum,
        // without the tail function.
        guard abs(delta) < lengthCostCutoff else { return parameters.maximumLengthCost }
        return min(parameters.maximumLengthCost, Self.tailCost(abs(delta)))
    }

    /// Minus the log of the normal's two-sided tail beyond `delta` (infinite where the tail
    /// underflows).
    private static func tailCost(_ delta: Double) -> Double {
        let tail = erfc(delta / 2.0.squareRoot())
        return tail > 0 ? -log(tail) : .infinity
    }

    /// The smallest difference (to within 1e-12) whose tail cost exceeds `maximumCost` by a
    /// hair; the tail cost rises with the difference, so every larger one is capped too.
    private static func cutoff(maximumCost: Double) -> Double {
        var low = 0.0, high = 64.0
        guard tailCost(high) > maximumCost + 1e-9 else { return .infinity }
        while high - low > 1e-12 {
            let middle = (low + high) / 2
            if tailCost(middle) > maximumCost + 1e-9 { high = middle } else { low = middle }
        }
        return high
    }

    private static func runningSums(_ values: [Int]) -> [Int] {
        var sums = [0]
        sums.reserveCapacity(values.count + 1)
        for value in values { sums.append(sums.last! + value) }
        return sums
    }

    func length(ofSource range: Range<Int>) -> Int { sourceLengthSums[range.upperBound] - sourceLengthSums[range.lowerBound] }
    func length(ofTarget range: Range<Int>) -> Int { targetLengthSums[range.upperBound] - targetLengthSums[range.lowerBound] }

    /// A bead's heavy tokens (at least ``AlignmentParameters/leakFloor`` times the source
    /// text's mean token weight) that link nowhere inside it, per side, and the weight of
    /// those that link into the sentences just outside it on the other side. `inner` is the
    /// bead's own coverage, which the evidence has already linked.
    private func leakParts(_ sources: Range<Int>, _ targets: Range<Int>, inner: Coverage) -> (
        outSource: Float, outTarget: Float, unlinkedSource: Float, unlinkedTarget: Float, targetNeighbours: Int, sourceNeighbours: Int
    ) {
        let wideSources = max(0, sources.lowerBound - 1)..<min(source.sentenceCount, sources.upperBound + 1)
        let wideTargets = max(0, targets.lowerBound - 1)..<min(target.sentenceCount, targets.upperBound + 1)
        var heavySource: Float = 0, heavyTarget: Float = 0
        for k in Int(source.tokenStart[sources.lowerBound])..<Int(source.tokenStart[sources.upperBound])
        where source.weights[k] >= heavyFloor { heavySource += source.weights[k] }
        for k in Int(target.tokenStart[targets.lowerBound])..<Int(target.tokenStart[targets.upperBound])
        where target.weights[k] >= heavyFloor { heavyTarget += target.weights[k] }
        return (
            max(0, coverage(sources, wideTargets).heavySource - inner.heavySource),
            max(0, coverage(wideSources, targets).heavyTarget - inner.heavyTarget),
            heavySource - inner.heavySource, heavyTarget - inner.heavyTarget,
            wideTargets.count - targets.count, wideSources.count - sources.count
        )
    }

    /// How far a bead's heavy tokens that link nowhere inside it link into the sentences
    /// just outside it on the other side (see ``leakParts(_:_:inner:)``): the weight that
    /// does, and the weight chance gives there (the measured rate per neighbour times the
    /// unlinked weight), both in mean tokens. `inner` is the bead's ``coverage(_:_:)``.
    func leak(_ sources: Range<Int>, _ targets: Range<Int>, inner: Coverage) -> (observed: Double, expected: Double) {
        let parts = leakParts(sources, targets, inner: inner)
        let expectedSource = leakSource * Float(parts.targetNeighbours) * parts.unlinkedSource
        let expectedTarget = leakTarget * Float(parts.sourceNeighbours) * parts.unlinkedTarget
        return (
            Double(parts.outSource / source.meanTokenWeight + parts.outTarget / target.meanTokenWeight),
            Double(expectedSource / source.meanTokenWeight + expectedTarget / target.meanTokenWeight)
        )
    }

    /// The largest bonus ``leak(_:_:inner:)`` can give a bead of these weight totals
    /// (``weightTotals(_:_:)``): its expected leak were every token heavy, unlinked and
    /// between two neighbours, none leaking, in mean tokens; so the search can drop a bead
    /// that could not win even with it.
    func leakBonusBound(_ totals: (source: Float, target: Float)) -> Double {
        Double(2 * (leakSource * totals.source / source.meanTokenWeight + leakTarget * totals.target / target.meanTokenWeight))
    }

    /// Per neighbouring sentence, the shares of a 1-1 bead's unlinked heavy tokens that link
    /// into the neighbours of the other side (0 where none is unlinked).
    private func leakRates(_ sources: Range<Int>, _ targets: Range<Int>, inner: Coverage) -> (source: Float, target: Float) {
        let parts = leakParts(sources, targets, inner: inner)
        return (
            parts.unlinkedSource > 0 && parts.targetNeighbours > 0
                ? parts.outSource / parts.unlinkedSource / Float(parts.targetNeighbours) : 0,
            parts.unlinkedTarget > 0 && parts.sourceNeighbours > 0
                ? parts.outTarget / parts.unlinkedTarget / Float(parts.sourceNeighbours) : 0
        )
    }

    /// Estimates the coverage of unrelated and of related sentence pairs from the texts
    /// themselves: related = the 1-1 pair of best coverage near the expected position of
    /// each sampled source sentence, unrelated = pairs with a sentence half a text away.
    func calibrate(centers: (Int) -> Int) {
        let n = source.sentenceCount, m = target.sentenceCount
        guard n > 0, m > 0 else { return }
        let step = max(1, n / 300)
        var related = (Float(0), Float(0)), unrelated = (Float(0), Float(0))
        var samples: Float = 0, unrelatedSamples: Float = 0, chanceShare: Float = 0
        var leak = (Float(0), Float(0)), leakSamples: Float = 0
        for i in stride(from: 0, to: n, by: step) {
            let center = min(m - 1, max(0, centers(i)))
            var best = Coverage()
            var bestTarget = center
            for j in max(0, center - 2)...min(m - 1, center + 2) {
                let value = coverage(i..<i + 1, j..<j + 1)
                if value.share > best.share { (best, bestTarget) = (value, j) }
            }
            related.0 += best.sourceShare
            related.1 += best.targetShare
            samples += 1
            if n > 1, m > 1 {
                let rates = leakRates(i..<i + 1, bestTarget..<bestTarget + 1, inner: best)
                leak.0 += rates.source
                leak.1 += rates.target
                leakSamples += 1
            }
            guard m > 1 else { continue }
            for j in Set([(center + m / 2) % m, (center + (m + 1) / 2 + 1) % m]) where j != center {
                let value = coverage(i..<i + 1, j..<j + 1)
                unrelated.0 += value.sourceShare
                unrelated.1 += value.targetShare
                chanceShare += value.share
                unrelatedSamples += 1
            }
        }
        if unrelatedSamples > 0 { measuredChanceShare = chanceShare / unrelatedSamples }
        // Short texts give few samples: the estimates lean on typical rates until they have
        // a few sentences of their own.
        let prior = Float(parameters.calibrationPriorSamples)
        let (typicalRelated, typicalUnrelated) = (Float(parameters.typicalRelatedRate), Float(parameters.typicalChanceRate))
        let typicalLeak = Float(parameters.typicalLeakRate)
        leakSource = (leak.0 + prior * typicalLeak) / (leakSamples + prior)
        leakTarget = (leak.1 + prior * typicalLeak) / (leakSamples + prior)
        relatedSource = (related.0 + prior * typicalRelated) / (samples + prior)
        relatedTarget = (related.1 + prior * typicalRelated) / (samples + prior)
        unrelatedSource = max(0.005, min(0.9, (unrelated.0 + prior * typicalUnrelated) / (unrelatedSamples + prior)))
        unrelatedTarget = max(0.005, min(0.9, (unrelated.1 + prior * typicalUnrelated) / (unrelatedSamples + prior)))
        refreshScores()
    }
}
