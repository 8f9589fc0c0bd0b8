/// The language tables the name decisions read: titles before a person's name, each
/// language's alphabet and the letters it keeps apart, the endings a name takes, the
/// letters its morphology reads, and the lower-case words inside names.
///
/// They are data (`Resources/data/names/`), loaded once by `BylineResources`, so a test
/// can pass the shipped tables with a tiny gazetteer, or tables of its own.
///
/// ```swift
/// let tables = NameLanguageTables(titles: ["en": ["mr"]], alphabets: ["en": Array("abc".unicodeScalars)],
///                                 distinctLetters: [:], endings: ["en": ["s"]])
/// ```
public struct NameLanguageTables: Sendable {
    /// Lower-case words that make the next capitalised word a person's name (`mr`,
    /// `president`, `господин`): a place reading of that word is refused.
    public var titles: [String: Set<String>]
    /// Each language's lower-case letters, which a word may be one edit from.
    public var alphabets: [String: [Unicode.Scalar]]
    /// Letters with a mark that a language counts as letters of their own, not as accented
    /// forms of another: `ü` and `u`, `ı` and `i` are different letters in Turkish, `é`
    /// and `e` are one letter in French.
    public var distinctLetters: [String: Set<Character>]
    /// The endings a name takes in running text, per language, in the order listed: Turkic
    /// case, plural and possessive suffixes (`Seulda`), Russian case endings (`Сеулом`),
    /// the English and German `s`.
    public var endings: [String: [String]]
    /// The letters a Russian, Ukrainian or Belarusian name loses before its case ending, and
    /// Turkish and Azerbaijani suffix harmony (`Resources/data/morphology/letters.tsv`).
    public var letters: MorphologyLetters
    /// Lower-case words a name may hold between its capitalised words (`Bosnia and
    /// Herzegovina`, `Frankfurt am Main`), from every language: names keep them in any copy.
    public var connectors: Set<String>
    /// Lower-case words that join two capitalised words into one name (`Rio de Janeiro`,
    /// `João dos Santos`).
    public var particles: Set<String>
    /// Lower-case words for a kind of place that follow a place's name as a capitalised
    /// word (`Panama Canal`, `Karayip Denizi`), per language: the word before one is a
    /// place's name of its own, not part of a person's or a firm's.
    public var placeGenerics: [String: Set<String>]
    /// Endings that make a word of a name, per language: demonyms and adjectives
    /// (`Bulgar`+`en` of `Bulgar`+`ien`, `Litau`+`er` of `Litau`+`en`). A word that is a name's stem
    /// with one of them is that word, not a slip of the name.
    public var derivedEndings: [String: [String]]
    /// The endings a name in -о or -е takes where it declines at all, per language (Russian:
    /// `Иваново`, `в Иванове`, `из Иванова`). A foreign one does not decline (`Росо`, `Токио`),
    /// so a word with any other ending (`Росии`) is no form of such a name.
    public var neuterEndings: [String: [String]]
    /// Acronyms written in capitals (`ASCII`, `DHCP`, `NATO`), from English sources: a word
    /// in capitals one typing slip from exactly one of them, and known to no list, is read
    /// as that acronym misspelt in English copy (`ACSII`).
    public var acronyms: Set<String>

    public init(
        titles: [String: Set<String>], alphabets: [String: [Unicode.Scalar]], distinctLetters: [String: Set<Character>],
        endings: [String: [String]], letters: MorphologyLetters = MorphologyLetters(), connectors: Set<String> = [],
        particles: Set<String> = [], placeGenerics: [String: Set<String>] = [:], derivedEndings: [String: [String]] = [:],
        neuterEndings: [String: [String]] = [:], acronyms: Set<String> = []
    ) {
        self.titles = titles
        self.alphabets = alphabets
        self.distinctLetters = distinctLetters
        self.endings = endings
        self.letters = letters
        self.connectors = connectors
        self.particles = particles
        self.placeGenerics = placeGenerics
        self.derivedEndings = derivedEndings
        self.neuterEndings = neuterEndings
        self.acronyms = acronyms
    }
}
