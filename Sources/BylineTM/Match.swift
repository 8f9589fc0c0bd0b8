import BylineText

/// One suggestion from the translation memory for a query segment.
public struct Match: Sendable {
    public enum Kind: String, Sendable {
        /// The stored source equals the query (white space aside).
        case exact
        /// A similar source.
        case fuzzy
        /// An exact match whose neighbouring segments match too (scored 101).
        case context
    }

    /// The match percentage, 100 for exact, lower for fuzzy matches.
    public var score: Double
    public var kind: Kind
    /// The stored source text and its language.
    public var source: String
    public var sourceLanguage: LanguageTag
    /// The translation, with numbers replaced when the query's differ (see `repaired`).
    public var target: String
    public var targetLanguage: LanguageTag
    /// The stored target as TMX markup, inline codes included (before any repair).
    public var targetMarkup: String
    /// True when placeables (numbers) of the target were replaced with the query's.
    public var repaired: Bool
    /// The unit the match comes from.
    public var unitID: Int64
    public var origin: String
    /// The token alignment with the query, when asked for (empty for exact matches).
    public var diff: [MatchScorer.DiffStep]
    /// What the score is made of: the comparison and each fixed penalty.
    public var comparison: MatchScorer.Comparison?
    public var penalties: [Penalty]

    /// The kind in words for a reader: an exact match that lost points for inline codes
    /// (tags) the stored segments have is "exact text, tags differ", not a bare "exact" at
    /// 98 %.
    public var label: String {
        if kind == .exact, penalties.contains(where: { $0.reason.contains("inline code") }) { return "exact text, tags differ" }
        switch kind {
        case .exact: return "exact"
        case .fuzzy: return "fuzzy"
        case .context: return "context (101 %: the neighbouring segments match too)"
        }
    }

    /// A deduction from the text score, with its reason.
    public struct Penalty: Sendable, Hashable {
        public var points: Double
        public var reason: String

        public init(points: Double, reason: String) {
            self.points = points
            self.reason = reason
        }
    }
}

/// The segments around a query in its story, for context matches.
public struct MatchContext: Sendable, Hashable {
    public var previous: String?
    public var next: String?

    public init(previous: String? = nil, next: String? = nil) {
        self.previous = previous
        self.next = next
    }
}

/// How a lookup searches.
public struct LookupOptions: Sendable {
    /// Suggestions below this percentage are not returned.
    public var minimumScore: Double
    /// At most this many suggestions, best first.
    public var maximum: Int
    /// Compute each match's token diff (for explanations; it costs a second alignment).
    public var explain: Bool

    public init(minimumScore: Double = 50, maximum: Int = 5, explain: Bool = false) {
        self.minimumScore = minimumScore
        self.maximum = maximum
        self.explain = explain
    }
}
