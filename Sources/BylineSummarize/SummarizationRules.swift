import BylineText

/// What the summarizer knows about one language: its stop words, its light stemmer and
/// the page furniture its websites carry.
///
/// A value type, so tests build a tiny one; `BylineResources` fills it from
/// `Resources/data/stopwords/`, `Resources/data/furniture/` and the `stem` rows of
/// `Resources/data/morphology/endings.tsv`. Without a stemmer, words are compared whole.
///
/// ```swift
/// let rules = SummarizationRules(language: "en", stopWords: StopWords(["the", "a"]),
///                                furniture: FurnitureRules(patterns: []))
/// ```
public struct SummarizationRules: Sendable {
    public var language: LanguageTag
    public var stopWords: StopWords
    public var furniture: FurnitureRules
    public var stemmer: SuffixStripper
    /// Lower-cased month names, so `5 March` counts as a date rather than a quantity.
    public var monthNames: Set<String>
    /// Lower-cased weekday names: like month names, a capitalised `Thursday` names no entity.
    public var weekdayNames: Set<String>
    /// Lower-cased titles (`secretary`, `president`, `minister`): capitalised before a name,
    /// they are no entity of their own.
    public var titles: Set<String>
    /// Lower-cased words that open a sentence and are capitalised inside one only where
    /// copy has lost a full stop (`The`, `He`; ``RunOnSentences``); empty leaves run-on
    /// sentences whole.
    public var runOnOpeners: Set<String> { didSet { runOnTable = RunOnTable(runOnOpeners) } }
    /// The openers as ``RunOnSentences`` compares them.
    private(set) var runOnTable: RunOnTable
    /// True where every noun is capitalised (German), so a capital alone does not mark a name.
    public var capitalisesNouns: Bool
    /// True for Turkish and Azerbaijani, which pair `İ` with `i` and `I` with `ı`.
    public var usesTurkicCasing: Bool

    public init(
        language: LanguageTag, stopWords: StopWords, furniture: FurnitureRules, stemmer: SuffixStripper? = nil,
        monthNames: Set<String> = [], weekdayNames: Set<String> = [], titles: Set<String> = [],
        runOnOpeners: Set<String> = []
    ) {
        self.runOnOpeners = runOnOpeners
        runOnTable = RunOnTable(runOnOpeners)
        self.monthNames = monthNames
        self.weekdayNames = weekdayNames
        self.titles = titles
        self.language = language
        self.stopWords = stopWords
        self.furniture = furniture
        self.stemmer = stemmer ?? SuffixStripper(suffixes: [])
        capitalisesNouns = ["de", "lb", "gsw"].contains(language.language)
        usesTurkicCasing = ["tr", "az", "crh", "tt", "ba"].contains(language.language)
    }
}
