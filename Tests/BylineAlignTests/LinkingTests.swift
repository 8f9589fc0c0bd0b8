@testable import BylineAlign
import BylineText
import Foundation
import Testing

@Suite("Linking words across a bead")
struct LinkingTests {
    /// The scorer of two texts, as the aligner builds it.
    private func scorer(_ source: [String], _ target: [String], lexicon: BilingualLexicon? = nil) throws -> BeadScorer {
        let extractor = FeatureExtractor(parameters: AlignmentParameters(), names: nil, stopWords: [:])
        let sourceFeatures = try extractor.features(of: source, language: "en", lexicon: lexicon)
        let targetFeatures = try extractor.features(of: target, language: "tr", lexicon: nil)
        return BeadScorer(
            source: sourceFeatures, target: targetFeatures, keyCount: extractor.keys.count, parameters: AlignmentParameters())
    }

    @Test("A name repeated in two sentences of a bead links once when the other side has it once")
    func repeatedNameLinksOnce() throws {
        let scorer = try scorer(
            ["Doctors gave ZMapp to patients.", "Regulators chose ZMapp as baseline."], ["Doktorlar hastalara Zmapp verdi."])
        let first = scorer.coverage(0..<1, 0..<1), both = scorer.coverage(0..<2, 0..<1)
        #expect(first.source > 0 && first.target > 0)
        #expect(both.source == first.source, "the second ZMapp finds no counterpart left")
        #expect(both.target == first.target)
    }

    @Test("Repeated on both sides, a word links as often as the rarer side has it")
    func repeatedOnBothSides() throws {
        let scorer = try scorer(
            ["Doctors gave ZMapp to patients.", "Regulators chose ZMapp as baseline."],
            ["Doktorlar hastalara Zmapp verdi.", "Zmapp temel alındı."])
        let one = scorer.coverage(0..<1, 0..<1), two = scorer.coverage(0..<2, 0..<2)
        #expect(two.source > one.source && two.target > one.target)
    }

    @Test("A rare word takes its counterpart before a common word a loose lexicon maps to the same")
    func rareWordsLinkFirst() throws {
        let lexicon = try BilingualLexicon(tsv: "farmers\tçiftçiler\nthe\tçiftçiler\n", source: "en", target: "tr")
        let scorer = try scorer(
            ["The report said the farmers waited.", "The weather was dry."], ["Çiftçiler bekledi."], lexicon: lexicon)
        let coverage = scorer.coverage(0..<1, 0..<1)
        // `the` occurs in both sentences and weighs less than `farmers`, which links.
        let farmers = scorer.source.weights[Int(scorer.source.tokenStart[0])..<Int(scorer.source.tokenStart[1])].max() ?? 0
        #expect(coverage.source == farmers)
    }
}

@Suite("The length model")
struct LengthModelTests {
    @Test("The length cost is Gale and Church's tail cost, capped, for every pair of lengths, also past the point where it stops computing the tail")
    func lengthCostMatchesTheTail() throws {
        let extractor = FeatureExtractor(parameters: AlignmentParameters(), names: nil, stopWords: [:])
        let parameters = AlignmentParameters()
        let scorer = BeadScorer(
            source: try extractor.features(of: ["Eine kurze Zeile."], language: "de", lexicon: nil),
            target: try extractor.features(of: ["Une ligne un peu plus longue."], language: "fr", lexicon: nil),
            keyCount: extractor.keys.count, parameters: parameters)
        var capped = 0
        for s in stride(from: 1, through: 600, by: 7) {
            for t in stride(from: 1, through: 900, by: 5) {
                let mean = (Double(s) + Double(t) / scorer.lengthRatio) / 2
                let delta = (Double(t) - Double(s) * scorer.lengthRatio) / (parameters.lengthVariance * mean).squareRoot()
                let tail = erfc(abs(delta) / 2.0.squareRoot())
                let expected = tail > 0 ? min(parameters.maximumLengthCost, -log(tail)) : parameters.maximumLengthCost
                #expect(scorer.lengthCost(sourceLength: s, targetLength: t) == expected, "lengths \(s), \(t)")
                if expected == parameters.maximumLengthCost { capped += 1 }
            }
        }
        #expect(capped > 100, "the grid reaches the cap")
        #expect(scorer.length(ofSource: 0..<1) == scorer.source.lengths[0] && scorer.length(ofTarget: 0..<0) == 0)
    }
}
