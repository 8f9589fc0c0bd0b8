/// One step of an alignment: consecutive source sentences matched with consecutive target
/// sentences, either side possibly empty.
///
/// Indices are 0-based positions in the sentence lists given to ``Aligner``. A bead with an
/// empty side marks a sentence the other text has no counterpart for (`[7]:[]`).
///
/// ```swift
/// let bead = Bead(source: 2..<4, target: 2..<3, confidence: 0.91)
/// bead.description  // "[2, 3]:[2]"
/// ```
public struct Bead: Sendable, Hashable, CustomStringConvertible {
    /// The source sentences, in order.
    public var source: Range<Int>
    /// The target sentences, in order.
    public var target: Range<Int>
    /// How sure the aligner is, from 0 to 1: the bead's lexical and anchor evidence against
    /// what unrelated sentences of the same texts share, and how well the lengths agree.
    public var confidence: Double

    public init(source: Range<Int>, target: Range<Int>, confidence: Double) {
        self.source = source
        self.target = target
        self.confidence = confidence
    }

    /// The bead's shape, such as `2-1`.
    public var kind: String { "\(source.count)-\(target.count)" }

    /// True when both sides hold a sentence, so the bead can become a translation unit.
    public var isLink: Bool { !source.isEmpty && !target.isEmpty }

    /// The bead notation scorers read: `[2, 3]:[2]`, `[7]:[]`.
    public var description: String {
        func list(_ range: Range<Int>) -> String { "[" + range.map(String.init).joined(separator: ", ") + "]" }
        return list(source) + ":" + list(target)
    }
}

/// The result of aligning two texts: beads in order, covering every sentence exactly once.
public struct Alignment: Sendable {
    /// The beads, in text order.
    public var beads: [Bead]
    /// Target characters per source character, as the length model used it.
    public var lengthRatio: Double
    /// The mean confidence of the linking beads (1 when there are none).
    public var meanConfidence: Double
    /// Whether the texts look unrelated: few links, each weak (a file in the wrong
    /// language, or two different stories).
    public var looksUnrelated: Bool

    public init(beads: [Bead], lengthRatio: Double, meanConfidence: Double, looksUnrelated: Bool) {
        self.beads = beads
        self.lengthRatio = lengthRatio
        self.meanConfidence = meanConfidence
        self.looksUnrelated = looksUnrelated
    }
}
