/// Every number the name decisions compare against, in one place, so that the whole
/// policy reads on one screen.
///
/// Weights are on the gazetteer's scale (0–100: a country or capital 60 and more, a small
/// town under 30); frequencies are Zipf values (5 is `Russian`, 3 a name written about
/// once per million words); costs are ``EditDistance/typoCost(_:_:vowels:)`` (0.4 a doubled
/// letter, 0.6 a vowel for a vowel, 0.7 a swap or a dropped vowel, 1 any other edit).
/// The defaults are the same for every text and every language.
///
/// ```swift
/// var thresholds = NameThresholds()
/// thresholds.ordinaryWordMargin = 0.3
/// let normalizer = NameNormalizer(gazetteer: gazetteer, wordLists: lists, tables: tables, thresholds: thresholds)
/// ```
public struct NameThresholds: Sendable, Hashable {
    public init() {}

    // MARK: Which words are looked at

    /// A capitalised word needs this many letters to be read as a misspelt name: shorter
    /// ones are one edit from too many names.
    public var minimumLetters = 4
    /// A lower-case word needs this many letters to be read as a misspelt name (`iraland`).
    public var minimumLowerCaseLetters = 6

    // MARK: Importance

    /// Entities of this weight and above (countries, capitals, major cities) are named in
    /// the gazetteer's form even where a dictionary lists another spelling (`Soudan` →
    /// `Sudan`), and only they get their Latin accents back in English (`Bogotá`).
    public var majorWeight = 60
    /// A place this heavy or a name the dictionary lists gets its accents back outside
    /// English, and its own letters for another alphabet's (`Vénézuela` in German).
    public var accentWeight = 40
    /// Below this weight a place is small: unsupported by the text, a misspelling of it is
    /// as likely another place the gazetteer lacks, and another language's name of it is as
    /// likely a name of its own here.
    public var smallPlaceWeight = 30
    /// … unless its name is written this often (Zipf) in the copy's language and its weight
    /// is at least ``minorNameWeight``: GeoNames' catalogues name `Istanbul` in 28 languages.
    public var oftenWrittenPlaceZipf = 4.0
    /// Two edits on a name lighter than this (or a dictionary's name) are as likely another
    /// name the gazetteer lacks.
    public var minorNameWeight = 20
    /// A misspelt place counts as well known, small or not, when it has this many letters
    /// and the English dictionary or two dictionaries list it (`Queensland`, `Ithaca`).
    public var wellKnownLetters = 6
    /// A spelling that this language's text uses at least this often (Zipf) is its own,
    /// whatever another language makes of it (`Bombay`, `Roma` in English).
    public var ownSpellingFrequency = 3.0
    /// A name's frequency (Zipf) maps onto the weight scale as `(zipf - frequencyOffset) *
    /// frequencyScale`, capped at 100: Zipf 5 (`Russian`) is 100, Zipf 2 is 25.
    public var frequencyOffset = 1.0
    public var frequencyScale = 25.0
    /// A spelling written within this many Zipf of its accented form is the language's
    /// variant (`Rumania` beside `Rumanía` in Spanish), not a slip (`Bogota`).
    public var variantFrequencyMargin = 0.3
    /// A dictionary's name one edit from a name of the gazetteer that running text writes at
    /// least ``rareVariantTargetZipf`` often and ``rareVariantZipfGap`` more often than it
    /// (about thirty times) is a misspelling the dictionary carries (`Guatamala`,
    /// `Massachusets`), not a name of its own.
    /// The variant itself is rarer than ``rareVariantOwnZipf``: a name written more often
    /// is someone's or something's own (`Atalanta`, `Syriza`).
    public var rareVariantZipfGap = 1.5
    public var rareVariantTargetZipf = 3.5
    public var rareVariantOwnZipf = 2.0
    /// One target of a foreign form must be more than this many times heavier than the next,
    /// or the form is ambiguous and stays.
    public var foreignTargetDominance = 2

    // MARK: Ranking readings

    /// What one edit costs a reading's score; more than importance can make up.
    public var editPenalty = 4.0
    /// What an importance of 100 adds to a reading's score.
    public var importanceScale = 2.5
    /// What the text naming the entity, or a related one, adds.
    public var supportBonus = 3.0
    /// What a place reading gains when the text names other places.
    public var placeContextBonus = 0.5
    /// What a reading through an ending loses against the whole word (Turkic and Russian
    /// endings, an apostrophe) …
    public var suffixPenalty = 0.5
    /// … and what a bare `s` on a name in English or German loses (`Guams`, `Guineas`).
    public var bareSPenalty = 1.5
    /// Readings whose scores lie within this of the best are rivals.
    public var rivalScoreMargin = 1.5
    /// Among rivals, a reading reached by a slip cheaper by this much wins (`Ukranian` is
    /// `Ukrainian` with a vowel dropped, `Uranian` with a consonant).
    public var clearSlipMargin = 0.29
    /// Only slips costing this much or less are told apart by frequency …
    public var frequentRivalCost = 1.0
    /// … where the name written this many Zipf more often than every rival wins (`Asian`
    /// for `Asain`, not `Asan`).
    public var frequencyLead = 1.0

    // MARK: Refusing a reading

    /// An ordinary word one edit away refuses a reading unless the reading's slip is
    /// cheaper by more than this (`Sundey` is `Sunday` with a vowel changed, `sunder` with
    /// a consonant).
    public var ordinaryWordMargin = 0.19
    /// A name written this often (Zipf) …
    public var frequentNameZipf = 3.5
    /// … reached by a slip this cheap, standing alone, stands against a rare ordinary word
    /// as close (`Asain`: `Asian`, not `sain`).
    public var frequentNameCost = 0.7
    /// In copy that inflects its names (Russian, Turkish, Azerbaijani, where the word lists
    /// hold every form of every word and most slips land one edit from one), a name written
    /// this often (`Москва`, `Париж`) stands against an ordinary word as close after any one
    /// edit inside a word of at least ``veryFrequentNameLetters`` letters, its first and last
    /// letters kept (`Приже`, `Мосвой`, `Lonradan`).
    public var veryFrequentNameZipf = 4.0
    public var veryFrequentNameLetters = 5
    /// Two edits stand on a minor name when both are common slips (total cost at most
    /// this) …
    public var cheapTwoEditCost = 1.2
    /// … in a word of this many letters (`Appenines`, `Cyrrilic`).
    public var cheapTwoEditLetters = 7
    /// Outside English a one-word misspelling that the text does not support is read
    /// through at most this many edits …
    public var unsupportedEditsOutsideEnglish = 1
    /// … and only toward an entity of the gazetteer, not a name that only a dictionary
    /// lists, unless this is set. (On 210,000 German, French, Spanish, Turkish and Russian
    /// sentences of translated news, the two refused 1,113 changes; of 100 drawn at random,
    /// 98 were wrong: `Vormonat` → `Vermont`, `Yanni` → `Yann`, `Кэмерон` → `Камерун`.)
    public var dictionaryNamesOutsideEnglish = false
    /// A first letter other than the name's is allowed only toward a product, in a word
    /// of this many letters (`Luetooth`, `Ubernetes`).
    public var firstLetterSlipLetters = 8
    /// A given name one slip from a known person's beside that person's surname is read
    /// as that person only for a slip this cheap (`Niki Haley`).
    public var givenNameSlipCost = 0.7
    /// A known person's surname, exact, after a given name spelt as a variant of the
    /// person's (`Catherine Hepburn`, `Emmanuel Kant`) with at most this many edits, each
    /// a variant's (``EditDistance/spellingVariantEdits(_:_:limit:vowels:soundAlike:silent:)``) …
    public var givenNameVariantEdits = 2
    /// … is read as that person when the surname is rarer than this (Zipf: `Kant` 3.1,
    /// `Stewart` 4.2, shared by many), when the person is one of the gazetteer's major
    /// names, or when the text names that person elsewhere.
    public var distinctiveSurnameZipf = 3.5
    /// A known person's full name with the other words exact and this cheap a slip in the
    /// surname is that person, even when the slip makes an ordinary word (`Oscar Wild`,
    /// `Alan Touring`).
    public var surnameSlipCost = 0.7
    /// A person's name of several words is read through at most this many edits: two
    /// slips in it are as likely another person (`Robert Peston`, not `Robert Merton`).
    public var personNameEdits = 1
    /// A two-word name one typing slip from exactly one public person's (`Bernie Maddoff`,
    /// `Valteri Bottas`) is read as that person only when the slipped word has at least
    /// this many letters: shorter names one letter apart are as often two real people
    /// (`Robert Oulds`, `Robert Olds`).
    public var publicPersonSlipLetters = 6
    /// A major place's or person's name of several words is read through a slip that makes one
    /// of its words another word or name (`Buenos Aries`, `New Deli`) only when that word has at
    /// least this many letters: a slip in a shorter one makes too many other names.
    public var majorPlaceSlipLetters = 4
    /// ... and only toward a place at least this heavy (named in this many languages:
    /// `New Delhi` 42, `Buenos Aires` 53, `Tel Aviv` 65).
    public var majorPlaceSlipWeight = 40
    /// ... or toward a person at least this heavy: the people in the news the curated list
    /// names (`Boris Jonson`, `Agnela Merkel`), not the dictionaries' people (30).
    public var majorPersonSlipWeight = 50
    /// A listed person's surname after a given name nobody on the list bears, spelt as a
    /// variant of the person's (`Estaban Granero`), is read as that person only when at
    /// most this many listed people bear the surname: `Ali` (329) and `Devi` (97) say
    /// nothing about who is meant.
    public var publicVariantSurnameSharers = 25
    /// A given name or surname of the public people's list that running text writes at
    /// least this often (Zipf: `Kavanaugh` 3.1, `Sebelius` 2.2; `Debain` 0) is a name of
    /// its own, read as a misspelling only of a major entity.
    public var knownPublicNameZipf = 2.0
    /// A lower-case misspelling is fixed only for a slip this cheap …
    public var lowerCaseSlipCost = 0.7
    /// … where candidates costing more than this are not even considered …
    public var lowerCaseCandidateCost = 1.0
    /// … toward a name written this often (Zipf).
    public var lowerCaseNameZipf = 3.5

    // MARK: Confidence of each kind of change

    /// This language's form with another alphabet's letters replaced (`Şri Lanka`).
    public var foreignLettersConfidence = 0.9
    /// This language's form with its accents restored (`Bogotá`).
    public var missingAccentsConfidence = 0.95
    /// A phrase's accents or a major entity's hyphens restored (`Burkina Faso`).
    public var phraseAccentsConfidence = 0.9
    /// Another language's form replaced by this one's, when the dictionary does not list it.
    public var foreignFormConfidence = 0.9
    /// … and when this language's dictionary lists it too (`Soudan`).
    public var listedForeignFormConfidence = 0.8
    /// A name of another language with its accents restored (`Frédéric`, `René`).
    public var accentsElsewhereConfidence = 0.8
    /// A one-word misspelling one edit away, and two edits away.
    public var oneEditConfidence = 0.8
    public var twoEditConfidence = 0.7
    /// What the text's support (its other names, or places around a place) adds.
    public var supportedConfidenceBonus = 0.13
    /// What a reading that is only a dictionary's name (no gazetteer entity) loses.
    public var lexicalConfidencePenalty = 0.05
    /// A phrase misspelling one edit away, and more.
    public var phraseOneEditConfidence = 0.85
    public var phraseTwoEditConfidence = 0.75
    /// A given name spelt as a variant of a known person's (`Catherine Hepburn`).
    public var givenNameVariantConfidence = 0.75
    /// A public person's name with a typing slip (`Julian Nagelsman`).
    public var publicPersonSlipConfidence = 0.75
    /// A lower-case misspelling (`iraland`).
    public var lowerCaseConfidence = 0.75
    /// A word in capitals one typing slip from exactly one known acronym (`ACSII`): the
    /// news writes many acronyms no list has.
    public var acronymSlipConfidence = 0.7
    /// No change is surer than this.
    public var maximumConfidence = 0.99
}
