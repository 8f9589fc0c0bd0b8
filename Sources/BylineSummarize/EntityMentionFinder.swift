import BylineText

/// A source of entity mentions inside a sentence: a gazetteer lookup, a name finder.
///
/// The summarizer counts distinct entities per word. Without a finder it relies on
/// capitalisation alone; a finder adds names that capitals miss (lower-cased copy,
/// German nouns) and joins spellings of one entity (`Seoul`, `Seul`) under one id.
///
/// ```swift
/// struct Capitals: EntityMentionFinder {
///     func mentions(in text: String, range: TextRange, language: LanguageTag) -> [EntityMention] { … }
/// }
/// let ranker = SummaryRanker(rules: rules, mentionFinder: Capitals())
/// ```
public protocol EntityMentionFinder: Sendable {
    /// The mentions inside `range` of `text`, in any order. Called once per sentence on
    /// the hot path, so keep it allocation-light.
    func mentions(in text: String, range: TextRange, language: LanguageTag) -> [EntityMention]
}

/// One mention of an entity: where it is and which entity it names.
public struct EntityMention: Sendable, Hashable {
    /// The mention in the text.
    public var range: TextRange
    /// A stable id for the entity (`Q8684` or a gazetteer key); two mentions with the same
    /// id count once per sentence.
    public var entity: String

    public init(range: TextRange, entity: String) {
        self.range = range
        self.entity = entity
    }
}
