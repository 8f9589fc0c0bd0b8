import BylineAlign
import Testing

@Suite("Beads")
struct BeadTests {
    @Test("A bead prints in the notation scorers read")
    func notation() {
        #expect(Bead(source: 2..<4, target: 2..<3, confidence: 1).description == "[2, 3]:[2]")
        #expect(Bead(source: 7..<8, target: 3..<3, confidence: 1).description == "[7]:[]")
    }
}
