@testable import BylineAlign
import BylineText
import Testing

/// A translator who moves a clause across a sentence end makes a 2-2 bead: both sentences
/// are needed on each side. Literary and magazine translations do it often.
@Suite("Aligner on clauses moved across a sentence end")
struct MovedClauseTests {
    private let before = (0..<3).map(filler), after = (10..<13).map(filler)

    private func aligned(_ source: [String], _ target: [String], parameters: AlignmentParameters = AlignmentParameters()) throws
        -> [String]
    {
        try Aligner(parameters: parameters).align(source: source, from: "en", target: target, to: "und", lengthRatio: 1)
            .beads.map(\.description)
    }

    @Test("A clause the other text moves into the next sentence makes the two pairs one 2-2 bead")
    func movedClause() throws {
        let source = before + [
            "Hartog, Patey, Brown and Davies left Skardu with Baltis from Hunza, and 2227 metres with 3338 steps took them two days.",
            "Six hours later Lahore, Karachi and Quetta heard from Gilgit that Askole loads had reached Urdukas.",
        ] + after
        // The clause of the two numbers moved into the second sentence; each sentence about
        // as long as its counterpart, so lengths favour two 1-1 beads.
        let target = (before + [
            "Hartog, Patey, Brown and Davies left Skardu with Baltis from Hunza on a cold grey morning in the rain.",
            "Two days for 2227 metres with 3338 steps. Six hours later Lahore, Karachi and Quetta heard from Gilgit that Askole loads reached Urdukas.",
        ] + after).map(namesKept)
        let beads = try aligned(source, target)
        #expect(beads.contains("[3, 4]:[3, 4]"), "\(beads)")
        #expect(beads.first == "[0]:[0]" && beads.last == "[7]:[7]", "\(beads)")

        // The numbers left behind in each 1-1 bead, found in the neighbouring sentence, are
        // what says the cut is wrong: without that evidence the 2-2 bead's prior, and the
        // chance links a bead of two sentences is allowed, make two 1-1 beads cheaper.
        var blind = AlignmentParameters()
        blind.leakWeight = 0
        let withoutLeak = try aligned(source, target, parameters: blind)
        #expect(withoutLeak.contains("[3]:[3]") && withoutLeak.contains("[4]:[4]"), "\(withoutLeak)")
    }

    /// Words in lower case written backwards, so that only names and numbers link, as in a
    /// translation without a dictionary.
    private func namesKept(_ sentence: String) -> String {
        sentence.split(separator: " ").map { word in
            word.first?.isLowercase == true ? String(word.reversed()) : String(word)
        }.joined(separator: " ")
    }

    @Test("Sentences that share a topic word with their neighbours stay 1-1")
    func sharedTopic() throws {
        let source = before + [
            "The Yeti was seen by 4410 villagers near the pass.",
            "Nobody has photographed the Yeti since 2227 winters.",
            "Scientists doubt that the Yeti exists at all in 6630 valleys.",
        ] + after
        let target = (before + [
            "The Yeti was seen by 4410 villagers near the pass.",
            "Nobody has photographed it since 2227 winters.",
            "Scientists doubt that the Yeti exists at all in 6630 valleys.",
        ] + after).map(mirrored)
        let beads = try aligned(source, target)
        #expect(beads.filter { $0.contains(",") }.isEmpty, "\(beads)")
    }
}
