import BylineNormalize
import BylineSegment
import BylineText

/// Finds names in a text, and flags and fixes misspelt or foreign ones in the text
/// language's own form: `Seol` → `Seoul` in English, `Seul` in Azerbaijani and Turkish,
/// `Сеул` in Russian.
///
/// A capitalised word is a candidate (a name slot) unless it is an ordinary word of the
/// language or a name the language's dictionary knows. Candidates come from a
/// symmetric-delete index over the language's names, within one edit for words of up to
/// five letters and two beyond (transpositions count one), compared on fold keys so
/// accents never cost an edit. A candidate is ranked by distance, importance and context
/// (the entity or its country named elsewhere in the text, a title before a person, a
/// preposition before a place) and refused when a rival or an ordinary word is as close.
/// Inflected names (`Seulda`, `Londra'ya`, `Сеулом`) are recognised and keep their ending
/// when the stem is fixed.
///
/// Keeps ICU break iterators and per-language indexes, so it is not thread-safe: one per
/// worker. The first text in a language builds that language's index.
///
/// ```swift
/// let normalizer = NameNormalizer(gazetteer: gazetteer, wordLists: ["en": english], tables: tables)
/// let change = normalizer.changes(in: "Both Washington and Seol have …", language: "en")[0]
/// change.replacement   // "Seoul"
/// ```
public final class NameNormalizer {
    /// The changes made must reach this confidence; lower ones are dropped.
    public var minimumConfidence = 0.6
    /// How far the process's peak resident size may rise above its size at the first
    /// analysis before an analysis lets go of the pages of the mapped name index and word
    /// lists that it has read (looked at every ``residentCheckWords`` words); after that,
    /// each rise of half as much again lets go of them again. The pages stay in the
    /// system's file cache and a later look-up maps them again, so a text holds a bounded
    /// part of the 160 MB index rather than every page it touched. Nil: never.
    public var residentGrowthBudget: Int? = 24 << 20
    /// How many words an analysis reads between two looks at its resident size.
    public static let residentCheckWords = 32
    /// The peak resident size at the first look, and at the last letting go.
    private var residentFloor: Int?
    private var lastRelease: Int?

    /// The numbers every decision compares against.
    public let thresholds: NameThresholds
    let gazetteer: Gazetteer
    let wordLists: [String: WordList]
    /// Zipf values of lower-cased one-word names, by language.
    let frequencies: NameFrequencies
    let keys = MatchKeyMaker()
    /// Titles, alphabets and endings per language.
    let tables: NameLanguageTables
    let morphology: Morphology
    let joiningWords: JoiningWords
    /// The vowels of every language's fold keys, which the typo cost reads.
    let vowels: Set<UInt32>
    /// The sound-alike letter pairs and silent letters of every language's fold keys, which
    /// tell a given name's spelling variants (`Catherine`, `Katharine`).
    let soundAlike: Set<UInt64>
    let silentLetters: Set<UInt32>
    /// The acronyms of ``NameLanguageTables/acronyms`` as bytes, by their first letter: a
    /// slip keeps the first letter, so a word in capitals is compared with those alone.
    let acronymsByInitial: [UInt8: [[UInt8]]]

    /// The lower-case words inside names, as the decisions look them up.
    struct JoiningWords {
        let connectors: Set<Substring>
        let particles: Set<Substring>
        /// No string of more UTF-8 bytes equals a connector: four times the longest, as a
        /// canonically equivalent spelling takes at most four bytes for each of its bytes.
        let longestConnector: Int

        init(connectors: Set<String>, particles: Set<String>) {
            self.connectors = Set(connectors.map { Substring($0) })
            self.particles = Set(particles.map { Substring($0) })
            longestConnector = 4 * (connectors.map(\.utf8.count).max() ?? 0)
        }
    }
    private var segmenters: [String: WordSegmenter] = [:]
    private var indexes: [String: LanguageIndex] = [:]

    /// The fuzzy index of one language's names and, for Russian, their stems.
    struct LanguageIndex {
        var index: DeleteIndex?
        var stems: StemTable
        var indexedKeys: IndexedKeys
    }

    /// Russian one-word names by the key of their stem.
    struct StemTable {
        let index: NameIndex
        let table: HashTable?
        subscript(key: [UInt32]) -> [Int32]? { table.flatMap { index.forms(key: key, in: $0) } }
    }

    /// The key each form of the language was indexed under (its stem key in Russian).
    struct IndexedKeys {
        let index: NameIndex
        subscript(form: Int32) -> [UInt32]? { index.indexedKey(form) }
    }

    /// Name frequencies, which decide between readings that are otherwise as close, come
    /// with the gazetteer's index.
    ///
    /// - Parameters:
    ///   - gazetteer: the names to find and fix.
    ///   - wordLists: each language's words (by primary subtag or tag), which protect
    ///     ordinary words and names the dictionary knows; a language without one is
    ///     protected by the gazetteer alone.
    ///   - tables: titles, alphabets and endings per language (`Resources/data/names/`).
    ///   - thresholds: the numbers the decisions compare against.
    public init(
        gazetteer: Gazetteer, wordLists: [LanguageTag: WordList] = [:], tables: NameLanguageTables,
        thresholds: NameThresholds = NameThresholds()
    ) {
        self.gazetteer = gazetteer
        self.tables = tables
        self.morphology = Morphology(endings: tables.endings, letters: tables.letters)
        self.joiningWords = JoiningWords(connectors: tables.connectors, particles: tables.particles)
        self.vowels = Set(tables.letters.vowels.values.joined().map(\.value))
        self.soundAlike = EditDistance.packedPairs(Array(tables.letters.soundAlike.values.joined()))
        self.silentLetters = Set(tables.letters.silent.values.joined().map(\.value))
        self.acronymsByInitial = Dictionary(grouping: tables.acronyms.sorted().map { Array($0.utf8) }, by: { $0.first ?? 0 })
        self.thresholds = thresholds
        var lists: [String: WordList] = [:]
        for (tag, list) in wordLists { lists[tag.language] = list }
        self.wordLists = lists
        self.frequencies = NameFrequencies(index: gazetteer.index)
    }

    /// Lets go of the index's and the word lists' pages when the process's peak resident
    /// size has risen by ``residentGrowthBudget`` (and since the last time, by half that).
    func keepWithinResidentBudget() {
        guard let budget = residentGrowthBudget, let peak = ResidentMemory.peakBytes() else { return }
        guard let floor = residentFloor else {
            residentFloor = peak
            return
        }
        guard peak - floor > budget, peak - (lastRelease ?? floor) > budget / 2 else { return }
        gazetteer.index.bytes.discardAll()
        for list in wordLists.values { list.discardPages() }
        lastRelease = peak
    }

    /// The language whose forms serve `language`: itself when the gazetteer has names in
    /// it, else English (or any language, for a gazetteer without English).
    public func formLanguage(for language: LanguageTag) -> String {
        if gazetteer.formsByLanguage[language.language] != nil { return language.language }
        if gazetteer.formsByLanguage["en"] != nil { return "en" }
        return gazetteer.formsByLanguage.keys.sorted().first ?? "en"
    }

    /// The changes to make in `text`, in document order.
    public func changes(in text: String, language: LanguageTag) -> [NameChange] {
        analyze(text, language: language).changes
    }

    /// The names written correctly in `text`.
    public func mentions(in text: String, language: LanguageTag) -> [NameMention] {
        analyze(text, language: language).mentions
    }

    /// `text` with every change applied.
    public static func apply(_ changes: [NameChange], to text: String) -> String {
        var output = ""
        var position = text.startIndex
        for change in changes.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where change.range.lowerBound >= position {
            output += text[position..<change.range.lowerBound]
            output += change.replacement
            position = change.range.upperBound
        }
        output += text[position...]
        return output
    }

    // MARK: Tokens

    /// A word of the text with what the decisions need to know about it.
    struct Token {
        var range: TextRange
        var text: Substring
        var isCapitalised: Bool
        var isAllCapitals: Bool
        /// First word of a sentence, a line or the text.
        var startsSentence: Bool
        /// The text between the previous word and this one.
        var gapBefore: Substring
        /// Quotation marks stand right around the word (`"Balard"`, `«Qarabağ»`): the
        /// writer names something as it is written, a station, a brand, a club.
        var isQuoted = false
    }

    /// Languages that elide a short word before a vowel with an apostrophe.
    static let elidingLanguages: Set<String> = ["fr", "it", "ca"]
    /// The elided words, lower-cased (French `c'`, `d'`, `j'`, `l'`, `m'`, `n'`, `s'`, `t'`,
    /// `qu'`; Italian `l'`, `d'`, `c'`, `un'`).
    static let elisions: Set<String> = ["c", "d", "j", "l", "m", "n", "s", "t", "qu", "un"]

    func tokens(in text: String, language: String) -> [Token] {
        let segmenter: WordSegmenter
        if let existing = segmenters[language] {
            segmenter = existing
        } else if let made = (try? WordSegmenter(language: LanguageTag(language))) ?? (try? WordSegmenter(language: .undetermined)) {
            segmenters[language] = made
            segmenter = made
        } else {
            return []
        }
        var result: [Token] = []
        var previousEnd = text.startIndex
        // The byte tests below only skip work: each reads the text as the Character tests
        // after it would, which still decide whenever a byte leaves the answer open.
        for word in segmenter.words(in: text, skippingSpaces: true) where word.kind == .letters {
            var range = word.range
            var piece = text[range]
            let hasApostrophe = Self.mayHoldApostrophe(piece.utf8)
            // French and Italian elision: the name starts after "l'", "d'", "qu'"; in copy
            // of those languages also after "L'", "D'", "J'" opening a sentence (`J'aime`,
            // `C'est`, `L'homme` are no names), and in any copy before a small letter (a
            // French phrase in English copy: `C'est la vie`; not `D'Alembert`).
            if hasApostrophe, let apostrophe = piece.firstIndex(where: { $0 == "'" || $0 == "’" }),
                piece.distance(from: piece.startIndex, to: apostrophe) <= 2,
                piece[..<apostrophe].allSatisfy(\.isLowercase)
                    || Self.elisions.contains(piece[..<apostrophe].lowercased())
                        && (Self.elidingLanguages.contains(language) || piece[piece.index(after: apostrophe)...].first?.isLowercase == true)
            {
                let after = piece.index(after: apostrophe)
                if after < piece.endIndex {
                    range = after..<range.upperBound
                    piece = text[range]
                }
            }
            guard let first = piece.unicodeScalars.first else { continue }
            let capitalised = ScalarCase.isUppercase(first) || !first.isASCII && first.properties.generalCategory == .titlecaseLetter
            // An acronym keeps its capitals before a possessive ending (`TURAN's`).
            let stem = hasApostrophe ? piece.firstIndex(where: { $0 == "'" || $0 == "’" }).map { piece[..<$0] } ?? piece : piece
            var letterCount = 0
            var hasLowercase = false
            for scalar in stem.unicodeScalars where ScalarCase.isAlphabetic(scalar) {
                letterCount += 1
                if ScalarCase.isLowercase(scalar) {
                    hasLowercase = true
                    break
                }
            }
            let allCapitals = capitalised && letterCount > 1 && !hasLowercase
            let gap = text[previousEnd..<range.lowerBound]
            let starts = result.isEmpty
                || Self.mayHoldSentenceEnd(gap.utf8) && gap.contains(where: { ".!?:;\n\r…•|".contains($0) })
            var quoted = false
            if let lastByte = gap.utf8.last, lastByte >= 0x80 || lastByte == 0x22 || lastByte == 0x27,
                let before = gap.last, range.upperBound < text.endIndex, Self.quotationMarks.contains(before)
            {
                quoted = Self.quotationMarks.contains(text[range.upperBound])
            }
            result.append(Token(range: range, text: piece, isCapitalised: capitalised, isAllCapitals: allCapitals,
                                startsSentence: starts, gapBefore: gap, isQuoted: quoted))
            previousEnd = range.upperBound
        }
        return result
    }

    /// False when `bytes` hold neither `'` nor `’`, so no Character of them is one.
    static func mayHoldApostrophe(_ bytes: Substring.UTF8View) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in bytes {
            if byte == 0x27 || byte == 0x99 && previous == 0x80 && beforePrevious == 0xE2 { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// False when `bytes` hold none of the scalars that end a sentence or a line between
    /// two words (`.!?:;|`, line breaks, and `…` or `•`, whose UTF-8 starts with 0xE2).
    static func mayHoldSentenceEnd(_ bytes: Substring.UTF8View) -> Bool {
        bytes.contains { byte in
            switch byte {
            case 0x2E, 0x21, 0x3F, 0x3A, 0x3B, 0x0A, 0x0D, 0x7C, 0xE2: true
            default: false
            }
        }
    }

    static let quotationMarks: Set<Character> = ["\"", "'", "«", "»", "“", "”", "„", "‘", "’", "‹", "›", "「", "」"]

    // MARK: Indexes

    func languageIndex(for language: String) -> LanguageIndex {
        if let existing = indexes[language] { return existing }
        let index = gazetteer.index
        let made = LanguageIndex(index: index.deleteIndex(language: language),
                                 stems: StemTable(index: index, table: index.stemTables[language]),
                                 indexedKeys: IndexedKeys(index: index))
        indexes[language] = made
        return made
    }

    /// Builds the index of `language` now rather than on first use (for timing a load).
    public func prepare(language: LanguageTag) {
        _ = languageIndex(for: formLanguage(for: language))
    }

    /// How `word` is lower-cased for the word lists (Turkic dotted and dotless i in tr, az).
    /// The typographic apostrophe becomes the typewriter one the word lists write
    /// (`We’ll` is `we'll`, no misspelt `Weill`).
    func lowerKey<S: StringProtocol>(_ word: S, language: String) -> String {
        let lower = TurkicCasing.lowercased(word, turkic: TurkicCasing.isTurkic(language))
        return lower.utf8.contains(0xE2) && lower.contains("’") ? lower.replacing("’", with: "'") : lower
    }
}

extension NameNormalizer {
    /// The number of word tokens with letters in `text`, as the analysis counts them.
    public func tokenCount(in text: String, language: LanguageTag) -> Int {
        tokens(in: text, language: language.language).count
    }
}

/// Zipf values of lower-cased names by language, from the index's tables.
struct NameFrequencies {
    let index: NameIndex

    struct Table {
        let index: NameIndex
        let language: String
        subscript(word: String) -> Double? { index.frequency(word, language: language) }
    }

    subscript(language: String) -> Table? {
        index.frequencyTables[language] != nil ? Table(index: index, language: language) : nil
    }
}
