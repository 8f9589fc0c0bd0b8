/// How much each feature counts when sentences are ranked, and the settings of the
/// redundancy check.
///
/// The defaults were chosen on the development sets (CNN/DailyMail and BBC News Summary,
/// hold-out documents excluded) as `docs/summarizer.md` describes, and are the same for
/// every text: nothing here switches by dataset.
///
/// ```swift
/// var weights = SummaryWeights()
/// weights.centrality = 0.8
/// let ranker = SummaryRanker(rules: rules, weights: weights)
/// ```
public struct SummaryWeights: Sendable, Hashable {
    /// Prior of the first body sentences (the lede, then the next two), before `position`.
    /// News puts its facts first: on news, Lead-3 beats every unsupervised method.
    public var leadPrior: [Double] = [1.0, 0.7, 0.6]
    /// Weight of the position prior.
    public var position = 1.0
    /// Weight of centrality: how much a sentence shares with the rest of the report.
    public var centrality = 0.6
    /// Weight of entity density (distinct names per word).
    public var entities = 0.1
    /// Weight of number density (quantities, money and percentages above dates and ages).
    public var numbers = 0.1
    /// Penalty for a sentence shorter than ``shortSentenceWords`` words.
    public var brevity = 0.5
    /// Sentences with fewer words than this are penalised by ``brevity``.
    public var shortSentenceWords = 8
    /// Penalty per unit of similarity to a sentence already picked (maximal marginal relevance).
    public var redundancy = 0.3
    /// Similarity at or above which a sentence repeats one already picked and is not taken
    /// while other sentences remain.
    public var duplicateSimilarity = 0.8

    public init() {}

    /// The names `--weight NAME=VALUE` accepts; `lead1`…`lead3` set the lead prior of the first three body sentences.
    public static let names = [
        "position", "centrality", "entities", "numbers", "brevity", "redundancy", "lead1", "lead2", "lead3",
    ]

    /// Sets the weight called `name` (one of ``names``); returns false for an unknown name.
    public mutating func set(_ name: String, to value: Double) -> Bool {
        switch name {
        case "position": position = value
        case "centrality": centrality = value
        case "entities": entities = value
        case "numbers": numbers = value
        case "brevity": brevity = value
        case "redundancy": redundancy = value
        case "lead1", "lead2", "lead3":
            let slot = Int(String(name.last!))! - 1
            while leadPrior.count <= slot { leadPrior.append(0) }
            leadPrior[slot] = value
        default: return false
        }
        return true
    }
}
