@testable import BylineAlign
import BylineText
import Testing

private func aligned(_ source: [String], _ target: [String], parameters: AlignmentParameters = AlignmentParameters()) throws
    -> [String]
{
    try Aligner(parameters: parameters).align(source: source, from: "en", target: target, to: "und", lengthRatio: 1)
        .beads.map(\.description)
}

/// Texts cut at semicolons and colons, with stray lines from scanned pages: what long translated prose
/// (yearbooks, magazines) gives an aligner.
@Suite("Aligner on cut and scanned prose")
struct CutProseTests {
    private let before = (0..<3).map(filler), after = (10..<13).map(filler)

    @Test("One sentence the other text cuts into five pieces at its semicolons is one 1-5 bead")
    func oneToFive() throws {
        let pieces = [
            "1952 Lombard studied the rocks of 4410 slopes", "1953 Pugh measured breathing at 5520 metres",
            "1954 Heuberger mapped 6630 square kilometres", "1955 Bordet charted 7740 metres of ridges",
            "1956 Schneider drew 8850 contour lines",
        ]
        let source = before + [pieces.joined(separator: "; ") + "."] + after
        let target = (before + pieces.enumerated().map { $0.offset == 4 ? $0.element + "." : $0.element + " ;" } + after)
            .map(mirrored)
        let beads = try aligned(source, target)
        #expect(beads.contains("[3]:[3, 4, 5, 6, 7]"), "\(beads)")
        #expect(beads.first == "[0]:[0]" && beads.last == "[6]:[10]", "\(beads)")
    }

    @Test("A line without words is left unmatched rather than merged into a neighbour's bead", arguments: [".....", "- _-", "h * \""])
    func noiseLine(line: String) throws {
        let source = before + after
        let target = (before + [line] + after).map(mirrored)
        let beads = try aligned(source, target)
        #expect(beads.contains("[]:[3]"), "\(beads)")
        #expect(beads.filter { $0.contains(",") }.isEmpty, "\(beads)")
    }

    @Test("A piece cut off at a semicolon or a colon joins the bead of the sentence it was cut from", arguments: [";", ":"])
    func semicolonPiece(mark: String) throws {
        let p = "Rescue teams reached 4410 homes before dark", q = "Engineers inspected 5520 bridges on the bank"
        let piece = "while the water kept rising"
        let source = before + [p + " " + piece + ".", q + " " + piece + "."] + after
        // The piece fits either neighbour by length; the semicolon before it says where it belongs.
        let afterFirst = try aligned(source, (before + [p + " " + mark, piece + ".", q + "."] + after).map(mirrored))
        #expect(afterFirst.contains("[3]:[3, 4]") && afterFirst.contains("[4]:[5]"), "\(afterFirst)")
        let beforeSecond = try aligned(source, (before + [p + ".", piece + " " + mark, q + "."] + after).map(mirrored))
        #expect(beforeSecond.contains("[3]:[3]") && beforeSecond.contains("[4]:[4, 5]"), "\(beforeSecond)")
    }

    @Test("A line inside a parenthesis a line before it opened continues that sentence; a stray one is forgotten")
    func parenthesisPieces() {
        let costs = AlignmentParameters().startCosts(of: [
            "A report by L. W. Davies appeared ( Alpine Journal No .", "293 , Nov .", "1956 , p. 340-343 ) .",
            "The team went on.", "A scan left ( here", "one", "two", "three", "four", "five",
        ])
        #expect(costs[0] == 0 && costs[1] > 0 && costs[2] > 0, "inside the reference")
        #expect(costs[3] == 0, "the parenthesis is closed")
        #expect(costs[5] > 0 && costs[9] == 0, "an unclosed parenthesis is followed for a few lines only")
    }
}
