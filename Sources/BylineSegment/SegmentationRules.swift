import BylineText

/// What the newsroom passes know about one language: its abbreviations, the words that
/// open sentences, the verbs of attribution and its month names.
///
/// A value type, so tests build a tiny one; `BylineResources` fills it from the data
/// files under `Resources/data/` and from ICU's month names.
///
/// ```swift
/// let rules = SegmentationRules(language: "en", abbreviations: ["dr": .title, "etc": .general],
///                               sentenceStarters: ["the", "he"])
/// ```
public struct SegmentationRules: Sendable {
    /// How an abbreviation behaves before the next word.
    public enum AbbreviationKind: String, Sendable, Hashable {
        /// Precedes a name and never ends a sentence (`Dr.`, `Prof.`, `Sen.`).
        case title
        /// Precedes a number and is not a sentence end there (`No. 5`, `p. 55`, `ст. 15`).
        case number
        /// May end a sentence; a break is made only before a word that opens sentences
        /// (`Inc. The …` breaks, `Inc. Telephone` does not).
        case general
        /// Usually closes a list or a time and ends the sentence before any capitalised
        /// word (`etc.`, `a.m.`, `и т. д.`, `vb.`); a lower-case word continues it.
        case terminal
        /// A clock time or an era after a number (`6 p.m.`, `44 B.C.`): a capitalised word
        /// after it is taken as after a unit, and a number starts a new sentence
        /// (`before 7 p.m. 7 a.m. is`). Not after a number, it behaves as `general`.
        case time
        /// A unit, quantity or currency after a number (`40 км.`, `5 млн. руб.`, `2019 г.`):
        /// a lower-case word or a number continues the sentence, a capitalised word ends it
        /// unless it is an initial or an acronym, or the number opened the sentence
        /// (`В 2019 г. Москва …`). Not after a number, it behaves as `general` (`г. Москва`).
        case unit
    }

    /// The language the rules are for.
    public var language: LanguageTag
    /// Abbreviations, lower-cased and without the final period (`u.s`, `т.е`, `z.b`).
    public var abbreviations: [String: AbbreviationKind]
    /// Lower-cased words that often open a sentence (`the`, `he`, `однако`).
    public var sentenceStarters: Set<String>
    /// Lower-cased verbs that attribute a quotation (`said`, `asked`, `сказал`, `dedi`).
    public var attributionVerbs: Set<String>
    /// Lower-cased month names and their abbreviations.
    public var monthNames: Set<String>
    /// Lower-cased abbreviated month names that are not also a full name (`янв`, `sept`,
    /// `eki`, `лист`): before a number, or between a day and a lower-case word, the
    /// period after one does not end the sentence (`1 янв. 2026`, `12 лист. у Києві`).
    public var monthAbbreviations: Set<String>
    /// True where a number followed by a period is usually an ordinal (`am 3. Oktober`).
    public var ordinalDot: Bool
    /// Lower-cased words after which such a number is an ordinal before a capitalised word
    /// (`des 15. Jahrhunderts`, `im späten 15. Jahrhundert`); empty means the sentence
    /// starters stand in for them.
    public var ordinalWords: Set<String>
    /// False where a period before a lower-case word is punctuation inside a sentence, as
    /// in Armenian, whose period marks a pause and whose full stop is `։`.
    public var lowercaseMayStartSentence: Bool
    /// Scalars that end sentences in this language beyond Unicode's Sentence_Terminal:
    /// Armenian text often has the ASCII colon where the full stop `։` belongs.
    public var extraTerminators: Set<Unicode.Scalar>

    public init(
        language: LanguageTag,
        abbreviations: [String: AbbreviationKind] = [:],
        sentenceStarters: Set<String> = [],
        attributionVerbs: Set<String> = [],
        monthNames: Set<String> = [],
        monthAbbreviations: Set<String> = [],
        ordinalDot: Bool = false,
        ordinalWords: Set<String> = [],
        extraTerminators: Set<Unicode.Scalar> = [],
        lowercaseMayStartSentence: Bool = true
    ) {
        self.language = language
        self.abbreviations = abbreviations
        self.sentenceStarters = sentenceStarters
        self.attributionVerbs = attributionVerbs
        self.monthNames = monthNames
        self.monthAbbreviations = monthAbbreviations
        self.ordinalDot = ordinalDot
        self.ordinalWords = ordinalWords
        self.extraTerminators = extraTerminators
        self.lowercaseMayStartSentence = lowercaseMayStartSentence
    }
}
