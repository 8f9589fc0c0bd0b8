import Foundation

/// Scores candidate beads: how much of their words link across, and how well their lengths
/// agree.
///
/// Coverage is computed with a stamp array over the interned keys: the target side's keys
/// are stamped, the source tokens that hit a stamp are summed, and the same the other way
/// round. One bead costs time proportional to its keys, with no hashing and no allocation.
final class BeadScorer {
    let source: SideFeatures
    let target: SideFeatures
    let parameters: AlignmentParameters
    private var stamps: [UInt32]
    private var generation: UInt32 = 0
    /// Target characters per source character.
    var lengthRatio: Double
    /// Coverage unrelated sentences of these texts reach, and coverage true pairs reach;
    /// set by ``calibrate(centers:)``.
    private(set) var unrelatedCoverage: Float = 0
    private(set) var relatedCoverage: Float = 1
    /// How far the two coverages are apart: near 0, words tell nothing about these texts.
    var lexicalSeparation: Float { relatedCoverage - unrelatedCoverage }

    init(source: SideFeatures, target: SideFeatures, keyCount: Int, parameters: AlignmentParameters) {
        self.source = source
        self.target = target
        self.parameters = parameters
        stamps = [UInt32](repeating: 0, count: keyCount)
        let sourceTotal = source.lengths.reduce(0, +)
        let targetTotal = target.lengths.reduce(0, +)
        lengthRatio = sourceTotal > 0 && targetTotal > 0 ? Double(targetTotal) / Double(sourceTotal) : 1
    }

    /// The weighted share of the tokens of source sentences `sources` and target sentences
    /// `targets` that link to a token on the other side (0 when neither side has tokens).
    func coverage(_ sources: Range<Int>, _ targets: Range<Int>) -> Float {
        let sourceFrom = Int(source.tokenStart[sources.lowerBound]), sourceTo = Int(source.tokenStart[sources.upperBound])
        let targetFrom = Int(target.tokenStart[targets.lowerBound]), targetTo = Int(target.tokenStart[targets.upperBound])
        var total: Float = 0
        for s in sources { total += source.totalWeight[s] }
        for t in targets { total += target.totalWeight[t] }
        guard total > 0 else { return 0 }
        var covered: Float = 0
        return stamps.withUnsafeMutableBufferPointer { stamps in
            generation &+= 2
            if generation < 2 {
                for index in stamps.indices { stamps[index] = 0 }
                generation = 2
            }
            let targetMark = generation, sourceMark = generation &- 1
            for token in targetFrom..<targetTo {
                for k in Int(target.keyStart[token])..<Int(target.keyStart[token + 1]) { stamps[Int(target.keys[k])] = targetMark }
            }
            for token in sourceFrom..<sourceTo {
                for k in Int(source.projectedStart[token])..<Int(source.projectedStart[token + 1])
                where stamps[Int(source.projected[k])] == targetMark {
                    covered += source.weights[token]
                    break
                }
            }
            for token in sourceFrom..<sourceTo {
                for k in Int(source.projectedStart[token])..<Int(source.projectedStart[token + 1]) {
                    stamps[Int(source.projected[k])] = sourceMark
                }
            }
            for token in targetFrom..<targetTo {
                for k in Int(target.keyStart[token])..<Int(target.keyStart[token + 1])
                where stamps[Int(target.keys[k])] == sourceMark {
                    covered += target.weights[token]
                    break
                }
            }
            return covered / total
        }
    }

    /// Coverage scaled so that unrelated sentences score about 0 and true pairs about 1.
    func similarity(_ sources: Range<Int>, _ targets: Range<Int>) -> Float {
        let value = coverage(sources, targets)
        return min(1.25, max(0, (value - unrelatedCoverage) / max(0.05, lexicalSeparation)))
    }

    /// Gale and Church's length cost: minus the log probability of a length difference at
    /// least this large, under a normal model with mean ratio ``lengthRatio``.
    func lengthCost(sourceLength: Int, targetLength: Int) -> Double {
        let s = Double(sourceLength), t = Double(targetLength)
        let mean = (s + t / lengthRatio) / 2
        guard mean > 0 else { return 0 }
        let delta = (t - s * lengthRatio) / (parameters.lengthVariance * mean).squareRoot()
        let tail = erfc(abs(delta) / 2.0.squareRoot())
        guard tail > 0 else { return parameters.maximumLengthCost }
        return min(parameters.maximumLengthCost, -log(tail))
    }

    func length(ofSource range: Range<Int>) -> Int { range.reduce(0) { $0 + source.lengths[$1] } }
    func length(ofTarget range: Range<Int>) -> Int { range.reduce(0) { $0 + target.lengths[$1] } }

    /// Estimates the coverage of unrelated and of related sentence pairs from the texts
    /// themselves: related = the best 1-1 coverage near the expected position of each
    /// sampled source sentence, unrelated = the coverage with a sentence half a text away.
    func calibrate(centers: (Int) -> Int) {
        let n = source.sentenceCount, m = target.sentenceCount
        guard n > 0, m > 0 else { return }
        let step = max(1, n / 300)
        var related: Float = 0, unrelated: Float = 0, samples: Float = 0, unrelatedSamples: Float = 0
        for i in stride(from: 0, to: n, by: step) {
            let center = min(m - 1, max(0, centers(i)))
            var best: Float = 0
            for j in max(0, center - 2)...min(m - 1, center + 2) { best = max(best, coverage(i..<i + 1, j..<j + 1)) }
            related += best
            samples += 1
            if m > 1 {
                let far = (center + m / 2) % m
                let farther = (center + (m + 1) / 2 + 1) % m
                for j in Set([far, farther]) where abs(j - center) > 0 {
                    unrelated += coverage(i..<i + 1, j..<j + 1)
                    unrelatedSamples += 1
                }
            }
        }
        relatedCoverage = related / samples
        unrelatedCoverage = unrelatedSamples > 0 ? unrelated / unrelatedSamples : 0
        if relatedCoverage < unrelatedCoverage { relatedCoverage = unrelatedCoverage }
    }
}
