import BylineNames
import BylineSegment
import BylineText

/// A source of entity mentions in a report: a gazetteer lookup, a name finder.
///
/// The summarizer weighs a sentence by the salient entities it names that earlier picks
/// did not. Without a finder it relies on capitalisation alone; a finder adds names that
/// capitals miss (lower-cased copy, German nouns) and joins spellings of one entity
/// (`Putin`, `Vladimir Putin`, `Путин`) under one id. ``NameMentionFinder`` of the names
/// module is the one the command line uses.
///
/// ```swift
/// struct Capitals: EntityMentionFinder {
///     func mentions(in text: String, words: [Word], language: LanguageTag) -> [EntityMention] { … }
/// }
/// let ranker = SummaryRanker(rules: rules, mentionFinder: Capitals())
/// ```
public protocol EntityMentionFinder: Sendable {
    /// The mentions in `text`, in text order, without overlaps. Called once per report on
    /// the hot path, with the report's tokens (``WordSegmenter``).
    func mentions(in text: String, words: [Word], language: LanguageTag) -> [EntityMention]

    /// The same mentions, for a text whose tokens come a piece at a time: `passes` hands
    /// every token of the text, in order and in pieces, to the function it is given, each
    /// time it is called. A finder that needs all the tokens at once (the default) calls it
    /// once and keeps them; one that can work as they come calls it once or twice and keeps
    /// only what it finds, which on a long report is most of the memory a summary takes.
    func mentions(in text: String, language: LanguageTag, passes: (_ body: ([Word]) -> Void) -> Void) -> [EntityMention]
}

extension EntityMentionFinder {
    public func mentions(in text: String, language: LanguageTag, passes: (_ body: ([Word]) -> Void) -> Void) -> [EntityMention] {
        var words: [Word] = []
        passes { words += $0 }
        return mentions(in: text, words: words, language: language)
    }
}

/// One mention of an entity: where it is and which entity it names.
public struct EntityMention: Sendable, Hashable {
    /// The mention in the text.
    public var range: TextRange
    /// A stable id for the entity (`region:RU`, a gazetteer key, `name:townsend`); two
    /// mentions with the same id are one entity.
    public var entity: String

    public init(range: TextRange, entity: String) {
        self.range = range
        self.entity = entity
    }
}

extension NameMentionFinder: EntityMentionFinder {
    /// The names module's mentions (gazetteer forms, names found in the text), months and
    /// weekdays left out.
    public func mentions(in text: String, words: [Word], language: LanguageTag) -> [EntityMention] {
        nameMentions(in: text, words: words, language: language).map { EntityMention(range: $0.range, entity: $0.entity) }
    }

    /// The same, scanning the tokens as they come (once more for lower-cased copy).
    public func mentions(in text: String, language: LanguageTag, passes: (_ body: ([Word]) -> Void) -> Void) -> [EntityMention] {
        nameMentions(in: text, language: language, passes: passes).map { EntityMention(range: $0.range, entity: $0.entity) }
    }
}
