import BylineText

/// How long a summary should be.
public enum SummaryLength: Sendable, Hashable {
    /// At most this many sentences.
    case sentences(Int)
    /// Sentences in rank order while their words fit this budget; at least one sentence.
    case words(Int)
}

/// A summary and everything needed to explain it: the picks in text order, every
/// candidate sentence with its features, and every piece left out as page furniture.
///
/// All ranges point into the text that was summarised.
public struct Summary: Sendable {
    /// The picked sentences, in the order of the text.
    public var picks: [SummaryPick]
    /// Every sentence that could be picked, in the order of the text, with its features.
    public var candidates: [ScoredSentence]
    /// Lines and sentences that were never candidates, in the order of the text.
    public var excluded: [ExcludedPiece]
    /// False when the text has too few capitals for capitalisation to mark names
    /// (lower-cased copy); entities then rest on the mention finder alone.
    public var usesCapitalisation: Bool
    /// True when a word budget (``SummaryLength/words(_:)``) was smaller than every
    /// candidate, so the one pick is the shortest sentence and exceeds it.
    public var shortestExceedsBudget = false
    /// The entities and figures the picks carry, each with every candidate that states it,
    /// ordered by where the report first states them.
    public var facts: [SummaryFact] = []

    public init(picks: [SummaryPick], candidates: [ScoredSentence], excluded: [ExcludedPiece], usesCapitalisation: Bool) {
        self.picks = picks
        self.candidates = candidates
        self.excluded = excluded
        self.usesCapitalisation = usesCapitalisation
    }
}

/// An entity or a figure a summary's picks carry, and where the report states it.
public struct SummaryFact: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A person, place or organisation (a names-module id, or a run of capitals).
        case entity
        /// A figure: money, a percentage, a count, a measure, or (weighed lower) a date.
        case quantity
    }

    public var kind: Kind
    /// The entity id (`region:RU`, `name:townsend`) or the figure's digits (`1200`).
    public var key: String
    /// Its value in the coverage objective: an entity's salience, a figure's weight.
    public var value: Double
    /// The candidates (indices into ``Summary/candidates``) that state it, in text order.
    public var candidates: [Int]
}

/// One picked sentence.
public struct SummaryPick: Sendable, Hashable {
    /// The sentence in the original text, trimmed.
    public var range: TextRange
    /// Its total score (``ScoredSentence/total``).
    public var score: Double
}

/// The feature values of one sentence, each in 0…1 (position and centrality) or a
/// density scaled to about 0…1.
public struct SentenceFeatures: Sendable, Hashable {
    /// The lead prior: 1 for the lede, less for the next body sentences, 0 later; after the
    /// lede, reduced for a sentence without a quantity (``SummaryWeights/leadQuantityShare``).
    public var position: Double
    /// Shared content words with the other sentences, relative to the most central one.
    public var centrality: Double
    /// Terms the sentences after it share with it, relative to the sentence most taken up.
    public var uptake: Double
    /// Terms it shares with the sentences before it, relative to the most repetitive one.
    public var repetition: Double
    /// Distinct entities per word, scaled (0.25 per word counts as 1).
    public var entities: Double
    /// Weighted numbers per word, scaled (one quantity per eight words counts as 1).
    public var numbers: Double
    /// 1 for a sentence shorter than the short-sentence limit, else 0.
    public var brevity: Double
    /// How far a sentence runs past the long-sentence limit: log(words ÷ limit), 0 below it.
    public var length: Double
    /// 1 for a candidate that does not end as a sentence does: no sentence terminator as the
    /// segmenter reads one (`. ! ? …`, `。`, `।`), colon or semicolon before its closing
    /// quotation marks and brackets (a caption, `… against Italy on Tuesday night`), else 0.
    public var unterminated: Double
}

/// A candidate sentence with its features and how the ranker treated it.
public struct ScoredSentence: Sendable, Hashable {
    public var range: TextRange
    /// Place among the candidates (0 = the lede).
    public var index: Int
    /// Word-like tokens.
    public var wordCount: Int
    public var features: SentenceFeatures
    /// Weighted sum of the features, before redundancy.
    public var total: Double
    /// The similarity to the most similar sentence picked before it (0 when first).
    public var redundancy: Double
    /// The place in the pick order (0 = first picked), nil when not picked.
    public var pickRank: Int?
}

/// A line or sentence left out of the summary, and why.
public struct ExcludedPiece: Sendable, Hashable {
    /// Why a piece is not a candidate.
    public enum Reason: Sendable, Hashable {
        /// It matches a furniture pattern (`photo-credit`: `photo…`).
        case pattern(kind: String, pattern: String)
        /// A line of fewer than four words without final punctuation: a label, a name.
        case shortLine
        /// The same line appeared earlier in the text.
        case repeatedLine
        /// No word-like token at all.
        case noWords
    }

    /// The line or sentence, trimmed.
    public var range: TextRange
    public var reason: Reason

    /// The reason in words, as `--explain` prints it.
    public var explanation: String {
        switch reason {
        case let .pattern(kind, pattern): "\(kind): matches \"\(pattern)\""
        case .shortLine: "short line: fewer than 4 words and no final punctuation"
        case .repeatedLine: "repeated line"
        case .noWords: "no words"
        }
    }

    /// A short name for the reason (`photo-credit`, `short-line`), for JSON.
    public var kind: String {
        switch reason {
        case let .pattern(kind, _): kind
        case .shortLine: "short-line"
        case .repeatedLine: "repeated-line"
        case .noWords: "no-words"
        }
    }
}
