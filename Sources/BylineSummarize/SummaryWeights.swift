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
    /// Prior of the first body sentences (the lede, then the next four), before `position`.
    /// News puts its facts first: on news, Lead-3 beats every unsupervised method; the fourth
    /// and fifth sentences still carry facts often enough to compete when they hold a quantity.
    public var leadPrior: [Double] = [1.0, 0.8, 0.7, 0.4, 0.4]
    /// Share of the lead prior that a body sentence after the lede keeps only if it carries a
    /// quantity (money, a percentage, a measure, a count: `1,200 casualties`); a sentence with
    /// none, or with only years, dates, times and ages, loses that share.
    public var leadQuantityShare = 0.7
    /// Weight of the position prior.
    public var position = 1.0
    /// Weight of centrality: how much a sentence shares with the rest of the report.
    public var centrality = 0.6
    /// Weight of uptake: how much the sentences after a sentence take up its terms (a
    /// report builds on what it states first and explains).
    public var uptake = 0.3
    /// Penalty for repetition: how much a sentence repeats the terms of the sentences
    /// before it (a recap or a restatement adds little to what a reader already has).
    /// With uptake, this is centrality with a direction: in news, a sentence the rest of
    /// the report takes up is worth more than one that takes up what came before.
    public var repetition = 0.5
    /// Uptake and repetition count only in copy whose capitals are no evidence of names
    /// (lower-cased copy), where entity coverage has nothing to go on; in cased copy the
    /// entities already tell a sentence that adds facts from one that restates them, and
    /// on the cased development sets the two cost 0.3 (CNN/DailyMail) to 1 (BBC) point of
    /// ROUGE-1, where on lower-cased CNN/DailyMail they add 0.4.
    public var directionOnlyWithoutCapitals = true
    /// Weight of entity coverage: the salience of the entities a sentence names that the
    /// picks before it did not (``factCap`` counts as 1).
    public var entities = 0.2
    /// Weight of quantity coverage: the weights of the figures a sentence carries that the
    /// picks before it did not (money, percentages and counts above dates and ages).
    public var numbers = 0.2
    /// Coverage sums at which the entity and the quantity features reach 1.
    public var factCap = 4.0
    /// A figure the report states once counts this many times less than one it repeats.
    public var repeatedQuantity = 1.5
    /// Share of the candidates asked for at which the lead prior starts to fade, and the
    /// share at which it is gone: a summary of half a report is chosen by centrality, one
    /// of a tenth by the lede. The fade is steep, so that a summary of two fifths (BBC News
    /// Summary's references) is central sentences while three sentences of a ten-sentence
    /// report still open with the lede.
    public var priorFadeStart = 0.3
    public var priorFadeEnd = 0.42

    /// The weights for a summary of `share` of the candidates: past ``priorFadeStart`` the
    /// lead prior, the length, brevity and unterminated penalties, the coverage features, uptake,
    /// repetition and the redundancy penalty fade towards ``priorFadeEnd``, where
    /// centrality alone chooses.
    /// A long summary of a report is its central sentences (on BBC News Summary, whose
    /// references take 40 % of a report, the lead prior costs 5–9 points of ROUGE-1).
    public func faded(share: Double) -> SummaryWeights {
        let keep = 1 - priorFade(share: share)
        guard keep < 1 else { return self }
        var weights = self
        for name in [\SummaryWeights.position, \.length, \.brevity, \.unterminated, \.entities, \.numbers, \.redundancy, \.uptake, \.repetition] {
            weights[keyPath: name] *= keep
        }
        // Containment fades out too: a long summary of its central sentences takes the short
        // ones that a pick already holds.
        if duplicateContainment < 1 { weights.duplicateContainment += (1 - keep) * (1.01 - duplicateContainment) }
        return weights
    }

    /// The weights as a report of this kind uses them: without uptake and repetition in
    /// copy whose capitals are evidence of names, when ``directionOnlyWithoutCapitals``.
    public func applied(usesCapitalisation: Bool) -> SummaryWeights {
        guard directionOnlyWithoutCapitals && usesCapitalisation else { return self }
        var weights = self
        weights.uptake = 0
        weights.repetition = 0
        return weights
    }

    /// How much of the lead prior and the length penalty a summary of `share` of the
    /// candidates gives up (0…1).
    public func priorFade(share: Double) -> Double {
        guard priorFadeEnd > priorFadeStart else { return share >= priorFadeEnd ? 1 : 0 }
        return min(1, max(0, (share - priorFadeStart) / (priorFadeEnd - priorFadeStart)))
    }
    /// Penalty for a sentence shorter than ``shortSentenceWords`` words.
    public var brevity = 0.5
    /// Sentences with fewer words than this are penalised by ``brevity``.
    public var shortSentenceWords = 8
    /// Penalty per unit of log(words ÷ ``longSentenceWords``) for a sentence longer than that.
    public var length = 0.3
    /// Sentences with more words than this are penalised by ``length``.
    public var longSentenceWords = 25
    /// Penalty per unit of similarity to a sentence already picked (maximal marginal relevance).
    public var redundancy = 0.5
    /// Penalty for a candidate that does not end as a sentence does
    /// (``SentenceFeatures/unterminated``): a photo caption, a piece of a run-on sentence, a
    /// heading the furniture rules let through.
    public var unterminated = 0.2
    /// Similarity at or above which a sentence repeats one already picked and is not taken
    /// while other sentences remain.
    public var duplicateSimilarity = 0.8
    /// Share of a sentence's content terms that one pick already holds at or above which it
    /// waits like a near-duplicate (a caption that restates the lede: `Sean Bowen ( L )
    /// maintained his three-winner lead …`); cosine similarity misses it when the pick is
    /// much longer. Fades out with long summaries, as the lead prior does.
    public var duplicateContainment = 0.8

    /// Whether a quotation that runs over several sentences is one candidate (taken whole
    /// or not at all) rather than several.
    public var joinsQuotations = true

    public init() {}

    /// The names `--weight NAME=VALUE` accepts; `lead1`…`lead6` set the lead prior of the first six body
    /// sentences, `lead-quantity` ``leadQuantityShare``, `long-words` ``longSentenceWords``.
    public static let names = [
        "position", "centrality", "uptake", "repetition", "entities", "numbers", "brevity", "length", "redundancy",
        "lead1", "lead2", "lead3", "lead4", "lead5", "lead6", "lead-quantity", "long-words",
        "fact-cap", "repeated-quantity", "unterminated", "duplicate-containment", "fade-start", "fade-end", "join-quotations", "direction-only-without-capitals",
    ]

    /// Sets the weight called `name` (one of ``names``); returns false for an unknown name.
    public mutating func set(_ name: String, to value: Double) -> Bool {
        switch name {
        case "position": position = value
        case "centrality": centrality = value
        case "uptake": uptake = value
        case "repetition": repetition = value
        case "entities": entities = value
        case "numbers": numbers = value
        case "brevity": brevity = value
        case "unterminated": unterminated = value
        case "duplicate-containment": duplicateContainment = value
        case "redundancy": redundancy = value
        case "length": length = value
        case "lead-quantity": leadQuantityShare = value
        case "long-words": longSentenceWords = max(1, Int(value.rounded()))
        case "fact-cap": factCap = max(0.01, value)
        case "repeated-quantity": repeatedQuantity = max(1, value)
        case "fade-start": priorFadeStart = value
        case "fade-end": priorFadeEnd = value
        case "join-quotations": joinsQuotations = value != 0
        case "direction-only-without-capitals": directionOnlyWithoutCapitals = value != 0
        case "lead1", "lead2", "lead3", "lead4", "lead5", "lead6":
            guard let slot = name.last?.wholeNumberValue.map({ $0 - 1 }) else { return false }
            while leadPrior.count <= slot { leadPrior.append(0) }
            leadPrior[slot] = value
        default: return false
        }
        return true
    }
}
