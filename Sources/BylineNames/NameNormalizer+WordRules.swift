import BylineNormalize
import BylineText

extension NameNormalizer {
    /// A capitalised word that no correct name took, with what the word rules ask about it,
    /// each worked out once and only when a rule asks.
    final class WordCandidate {
        let words: [Token]
        let position: Int
        let resolved: [Bool]
        let language: String
        let context: DocumentContext
        unowned let normalizer: NameNormalizer

        init(words: [Token], position: Int, resolved: [Bool], language: String, context: DocumentContext, normalizer: NameNormalizer) {
            self.words = words
            self.position = position
            self.resolved = resolved
            self.language = language
            self.context = context
            self.normalizer = normalizer
        }

        var word: Token { words[position] }
        var written: Substring { words[position].text }
        lazy var letterCount = written.unicodeScalars.reduce(0) { $0 + (ScalarCase.isAlphabetic($1) ? 1 : 0) }
        lazy var lower = normalizer.lowerKey(written, language: language)
        lazy var list = normalizer.wordLists[language]
        /// The ways the word splits into stem and ending, the whole word first.
        lazy var splits = normalizer.morphology.splits(of: written, language: language)
        /// Russian, Ukrainian and Belarusian names are indexed by their stems.
        lazy var russian = Morphology.declinesLikeRussian(language)
        /// A title stands before the word (`Mr Ancram`).
        lazy var personSlot = normalizer.isPersonSlot(words, at: position, language: language)
        /// The word is one part of a longer capitalised name (`Seol Ki-hyeon`).
        lazy var inUnknownName = normalizer.partOfLongerName(words, at: position, language: language)
        lazy var isProperName = list?.containsProperName(lower) == true
        var personContext: Bool { personSlot || inUnknownName }
        /// A word for a kind of place follows (`Panamal Canal`): the word is a place's name.
        lazy var beforePlaceGeneric = position + 1 < words.count && normalizer.isPlaceGeneric(words[position + 1], language: language)
        /// Not beside another capitalised word, as the parts of a person's name are.
        lazy var alone = !(position > 0 && words[position - 1].isCapitalised && normalizer.joinedAsName(words, from: position - 1, count: 2))
            && !(position + 1 < words.count && words[position + 1].isCapitalised && normalizer.joinedAsName(words, from: position, count: 2))
    }

    /// The rules for one capitalised word, in the order they are asked; the first that
    /// does not pass decides.
    enum WordRule: String, CaseIterable {
        case acronymSlip = "acronym-slip"
        case wordShape = "word-shape"
        case ordinaryWord = "ordinary-word"
        case foreignLetters = "foreign-letters"
        case englishNamePart = "english-name-part"
        case missingAccents = "missing-accents"
        case foreignForm = "foreign-form"
        case inflectedWord = "inflected-word"
        case inflectedForeignForm = "inflected-foreign-form"
        case rareVariant = "rare-variant"
        case dictionaryName = "dictionary-name"
        case accentedPersonName = "accented-person-name"
        case nameElsewhere = "name-elsewhere"
        case latinInCyrillic = "latin-in-cyrillic"
        case accentsElsewhere = "accents-elsewhere"
        case ownName = "own-name"
        case misspelling = "misspelling"
    }

    /// A change for one capitalised word that is neither a known name nor a word.
    func tokenChange(_ words: [Token], at position: Int, resolved: [Bool], language: String, context: DocumentContext) -> NameChange? {
        wordDecision(words, at: position, resolved: resolved, language: language, context: context).outcome.change
    }

    /// The first word rule with an opinion on `words[position]`, and what it decided.
    func wordDecision(_ words: [Token], at position: Int, resolved: [Bool], language: String, context: DocumentContext) -> RuleDecision {
        let candidate = WordCandidate(words: words, position: position, resolved: resolved, language: language, context: context, normalizer: self)
        for rule in WordRule.allCases {
            let outcome = apply(rule, to: candidate)
            if case .pass = outcome { continue }
            return RuleDecision(rule: rule.rawValue, outcome: outcome)
        }
        return RuleDecision(rule: "none", outcome: .pass)
    }

    func apply(_ rule: WordRule, to candidate: WordCandidate) -> RuleOutcome {
        switch rule {
        case .acronymSlip: acronymSlip(candidate)
        case .wordShape: wordShape(candidate)
        case .ordinaryWord: ordinaryWord(candidate)
        case .foreignLetters: foreignLetters(candidate)
        case .englishNamePart: englishNamePart(candidate)
        case .missingAccents: missingAccents(candidate)
        case .foreignForm: foreignForm(candidate)
        case .inflectedWord: inflectedWord(candidate)
        case .inflectedForeignForm: inflectedForeignForm(candidate)
        case .rareVariant: rareVariant(candidate)
        case .dictionaryName: dictionaryName(candidate)
        case .accentedPersonName: accentedPersonName(candidate)
        case .nameElsewhere: nameElsewhere(candidate)
        case .latinInCyrillic: latinInCyrillic(candidate)
        case .accentsElsewhere: accentsElsewhere(candidate)
        case .ownName: ownName(candidate)
        case .misspelling: misspelling(candidate)
        }
    }

    /// A word in capitals, in English copy, one slip (``isAcronymSlip(_:of:)``: a letter
    /// left out or added, neighbours swapped) from exactly one known acronym
    /// (``NameLanguageTables/acronyms``): `ACSII`, `EBCIDC`, `READEME`. The word has at least
    /// ``NameThresholds/minimumLetters`` letters A to Z, and is no acronym, name or word of
    /// any list; written more than once, quoted or in brackets, it is an acronym of its
    /// own, spelt consistently or introduced (most acronyms in the news are no list's).
    func acronymSlip(_ c: WordCandidate) -> RuleOutcome {
        guard c.language == "en", c.word.isAllCapitals, !acronymsByInitial.isEmpty else { return .pass }
        let written = c.written
        guard written.unicodeScalars.count >= thresholds.minimumLetters, written.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }),
            !tables.acronyms.contains(String(written))
        else { return .pass }
        let typed = Array(written.utf8)
        let found = (acronymsByInitial[typed[0]] ?? []).filter { abs($0.count - typed.count) <= 1 && Self.isAcronymSlip(typed, of: $0) }
        guard let first = found.first else { return .pass }
        let acronym = String(decoding: first, as: UTF8.self)
        guard found.count == 1 else { return .keep(reason: "one slip from \(found.count) acronyms") }
        if gazetteer.formsByText[String(written)] != nil
            || wordLists.contains(where: { $0.value.containsCommonWord(lowerKey(written, language: $0.key))
                || $0.value.containsProperName(lowerKey(written, language: $0.key)) })
        {
            return .keep(reason: "a name or word some list knows, in capitals")
        }
        if c.word.isQuoted { return .keep(reason: "quoted") }
        // In brackets it is introduced after the name it shortens (`Iraqi Telecommunications
        // and Post Company (ITPC)`).
        if c.word.gapBefore.hasSuffix("(") { return .keep(reason: "in brackets, after the name it shortens") }
        if c.context.timesWritten[c.word.text, default: 0] > 1 { return .keep(reason: "written so more than once") }
        return .fix(NameChange(range: written.startIndex..<written.endIndex, replacement: acronym, kind: .misspelling,
                               entity: "acronym:" + acronym, confidence: thresholds.acronymSlipConfidence,
                               reason: "\"\(written)\" is the acronym \(acronym) with a typing slip"))
    }

    /// Whether `a` is the acronym `b` (both capitals A to Z, as bytes) with one slip inside
    /// it, its first and last letters kept: a letter left out or added (`ACII`, `READEME`),
    /// or, in an acronym of five letters or more, two neighbours swapped (`ACSII`). A letter
    /// added or dropped at the end makes another acronym (`LGBTQ`, `USMCA`), and so do a
    /// letter moved over two others (`LAPD`, not `LDAP`) and a swap in four letters (`ADFC`
    /// and `AFDC`, `IPIM` and `IPMI` are all in use).
    static func isAcronymSlip(_ a: [UInt8], of b: [UInt8]) -> Bool {
        guard a != b, a.first == b.first, a.last == b.last else { return false }
        switch a.count - b.count {
        case 1: return (1..<(a.count - 1)).contains { index in a[..<index].elementsEqual(b[..<index]) && a[(index + 1)...].elementsEqual(b[index...]) }
        case -1: return (1..<(b.count - 1)).contains { index in b[..<index].elementsEqual(a[..<index]) && b[(index + 1)...].elementsEqual(a[index...]) }
        case 0:
            guard b.count >= 5 else { return false }
            let differing = a.indices.filter { a[$0] != b[$0] }
            return differing.count == 2 && differing[1] == differing[0] + 1
                && a[differing[0]] == b[differing[1]] && a[differing[1]] == b[differing[0]]
        default: return false
        }
    }

    /// Short words are one edit from too many names; words in capitals are acronyms.
    func wordShape(_ c: WordCandidate) -> RuleOutcome {
        if c.letterCount < thresholds.minimumLetters { return .keep(reason: "too few letters") }
        if c.word.isAllCapitals { return .keep(reason: "written in capitals") }
        if Self.joinsTwoWords(c.word.text) { return .keep(reason: "two words with no space after the full stop") }
        if Self.mixesLatinAndGreek(c.word.text) { return .keep(reason: "Latin and Greek letters in one word (a symbol)") }
        return .pass
    }

    /// One digit between two letters, in a word of letters otherwise (`Thanksgiv8ing`,
    /// `Lon9don`): a key of the row above the letters struck by mistake. (A name written so
    /// on purpose, `Se7en`, is changed only when it is one slip from another name.)
    static func hasStrayDigit(_ word: Substring) -> Bool {
        let scalars = Array(word.unicodeScalars)
        let digits = scalars.indices.filter { ("0"..."9").contains(scalars[$0]) }
        guard digits.count == 1, let at = digits.first, at > 0, at + 1 < scalars.count else { return false }
        return scalars[at - 1].properties.isAlphabetic && scalars[at + 1].properties.isAlphabetic
            && scalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// A full stop between a small letter and a capital (`Africa.On`): a space lost after a
    /// sentence, not one name.
    static func joinsTwoWords(_ word: Substring) -> Bool {
        var previous: Character?
        var afterStop = false
        for character in word {
            if afterStop, character.isUppercase { return true }
            afterStop = character == "." && previous?.isLowercase == true
            previous = character
        }
        return false
    }

    /// Latin letters beside Greek ones (`IFNβ`, `TGFβ1`): a scientific symbol.
    static func mixesLatinAndGreek(_ word: Substring) -> Bool {
        var latin = false, greek = false
        for scalar in word.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic { latin = true }
            if (0x370...0x3FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value) { greek = true }
        }
        return latin && greek
    }

    /// An ordinary word of the language, capitalised (`Seal`, `Soul`).
    func ordinaryWord(_ c: WordCandidate) -> RuleOutcome {
        c.list?.containsCommonWord(c.lower) == true ? .keep(reason: "an ordinary word of the language") : .pass
    }

    /// This language's name spelt with letters of another alphabet (`Vénézuela` in German).
    func foreignLetters(_ c: WordCandidate) -> RuleOutcome {
        guard let (stem, suffix) = c.splits.first, suffix.isEmpty, hasForeignLetters(stem, language: c.language),
            let form = bestForm(key: keys.key(stem), language: c.language, lexical: false), form.text != String(stem),
            !hasForeignLetters(Substring(form.text), language: c.language), gazetteer.entry(of: form).weight >= thresholds.accentWeight
        else { return .pass }
        return .fix(change(c.word.range, form.text, .foreign, form, thresholds.foreignLettersConfidence,
                           "\"\(stem)\" has letters \(c.language) does not use; \(c.language) writes \"\(form.text)\""))
    }

    /// Outside English, a word after the English `of` is part of an English name (`Bank of
    /// America`, `University of California` in Spanish copy): it keeps its English spelling.
    func englishNamePart(_ c: WordCandidate) -> RuleOutcome {
        guard c.language != "en", c.position > 0, c.words[c.position - 1].text == "of", c.word.gapBefore == " " else { return .pass }
        return .keep(reason: "part of an English name, after \"of\"")
    }

    /// This language's name with accents missing (`Bogota`, `Zurich` in German). English
    /// copy writes people's names without their accents as often as with them (`Benitez`),
    /// so in English only a major place's Latin accents are restored (`Bogotá`).
    func missingAccents(_ c: WordCandidate) -> RuleOutcome {
        let language = c.language
        for (stem, suffix) in c.splits where !c.russian || suffix.isEmpty {
            guard let form = bestForm(key: keys.key(stem), language: language, lexical: true), addsAccents(form.text, to: stem) else { continue }
            let entry = gazetteer.entry(of: form)
            // A place's accents never go into a longer name that bears it (`Zurich Versicherung`,
            // `Oman Air`, `L'Oréal Paris`, `AC Milan`) or into a person's (`Brian Bethune`):
            // firms, clubs and people keep their own spelling.
            if !form.isLexical, entry.kind.isPlace, c.personContext,
                joinsCapitalisedNeighbour(c.words, start: c.position, length: 1, language: language)
            {
                return .keep(reason: "part of a longer name")
            }
            let weight = entry.weight
            guard form.isLexical && language != "en" || weight >= thresholds.accentWeight && language != "en"
                || weight >= thresholds.majorWeight && Self.latinAccentsOnly(form.text),
                !isUsedVariant(stem, of: form.text, language: language)
            else { continue }
            let range = c.word.range.lowerBound..<(suffix.isEmpty ? c.word.range.upperBound : stem.endIndex)
            return .fix(change(range, form.text, .misspelling, form, thresholds.missingAccentsConfidence,
                               "\"\(stem)\" is \"\(form.text)\" without its accents"))
        }
        return .pass
    }

    /// Whether `written` is the stem of `name` (the name less one to three final letters)
    /// with one of the language's derivational endings (``NameLanguageTables/derivedEndings``).
    func isDerived(_ written: Substring, from name: String, language: String) -> Bool {
        guard let endings = tables.derivedEndings[language], !endings.isEmpty else { return false }
        let word = written.lowercased(), target = name.lowercased()
        for ending in endings where word.count > ending.count && word.hasSuffix(ending) {
            let stem = word.dropLast(ending.count)
            if stem.count >= 4, target.count > stem.count, target.count - stem.count <= 3, target.hasPrefix(stem) { return true }
        }
        return false
    }

    /// Another language's name of an entity (`Seul` in English, `Kenya` in German), as a
    /// whole word.
    func foreignForm(_ c: WordCandidate) -> RuleOutcome {
        // A sentence's first word that is an ordinary word and no particle (`The Chatnam
        // Islands`, `In Moskva`) makes no person's name of the word after it.
        let person = c.personSlot || c.inUnknownName && !onlyAfterOpeningWord(c.words, at: c.position, language: c.language)
        return foreignChange(c.word, stem: c.written, suffix: c.written[c.written.endIndex...], language: c.language,
                             isProperName: c.isProperName, personContext: person)
    }

    /// Whether the only capitalised word joined to `words[position]` is the sentence's
    /// first word before it, an ordinary word of the language that is no name's particle
    /// (a word for a kind of place after it is none, as ``partOfLongerName(_:at:language:)``
    /// has it).
    func onlyAfterOpeningWord(_ words: [Token], at position: Int, language: String) -> Bool {
        guard position > 0 else { return false }
        let opening = words[position - 1]
        guard opening.startsSentence, opening.isCapitalised, isCommonWord(opening.text, language: language),
            !joiningWords.particles.contains(Substring(opening.text.lowercased()))
        else { return false }
        let next = position + 1
        return !(next < words.count && words[next].isCapitalised && joinedAsName(words, from: position, count: 2)
            && !isPlaceGeneric(words[next], language: language))
    }

    /// A word of the language with an ending (`Okulda`, `Toure's`): its stem is a word or
    /// a name the dictionary knows.
    func inflectedWord(_ c: WordCandidate) -> RuleOutcome {
        guard let list = c.list else { return .pass }
        for (stem, suffix) in c.splits where !suffix.isEmpty {
            let lower = lowerKey(stem, language: c.language)
            if list.containsCommonWord(lower) || list.containsProperName(lower),
                Morphology.inflects(c.language) || suffix.hasPrefix("'") || suffix.hasPrefix("’")
            {
                return .keep(reason: "a word of the language with an ending")
            }
        }
        return .pass
    }

    /// Another language's name with an ending of this one (`Seoulda` in Azerbaijani);
    /// Russian endings are read through stems by the misspelling rule.
    func inflectedForeignForm(_ c: WordCandidate) -> RuleOutcome {
        guard Morphology.inflects(c.language) && !c.russian else { return .pass }
        for (stem, suffix) in c.splits where !suffix.isEmpty {
            let outcome = foreignChange(c.word, stem: stem, suffix: suffix, language: c.language, isProperName: false,
                                        personContext: c.personContext)
            if case .pass = outcome { continue }
            return outcome
        }
        return .pass
    }

    /// A dictionary's name standing alone that is a rare misspelling of a well-known one
    /// (``isRareVariant(_:language:)``): read as the misspelling it is, when the misspelling
    /// rule's reading is that entity. Beside another capitalised word it is part of a name
    /// as written (`Ken Mayland`, `Canara Bank`).
    func rareVariant(_ c: WordCandidate) -> RuleOutcome {
        guard c.isProperName, c.alone else { return .pass }
        let targets = rareVariantTargets(c.written, language: c.language)
        guard !targets.isEmpty, case .fix(let change) = misspelling(c, preferring: targets), targets.contains(change.replacement)
        else { return .pass }
        return .fix(change)
    }

    /// A name this language's dictionary lists.
    func dictionaryName(_ c: WordCandidate) -> RuleOutcome {
        c.isProperName ? .keep(reason: "a name the language's dictionary lists") : .pass
    }

    /// A given name or surname without its accents beside the other part of the name
    /// (`Rene Descartes` in German).
    func accentedPersonName(_ c: WordCandidate) -> RuleOutcome {
        guard let form = accentedPersonName(c.words, at: c.position, language: c.language) else { return .pass }
        return .fix(change(c.word.range, form.text, .misspelling, form, thresholds.accentsElsewhereConfidence,
                           "\"\(c.written)\" is the name \"\(form.text)\" (\(form.language)) without its accents, beside a name of that language"))
    }

    /// A name of its own somewhere (a surname, a town of another language) or a word of
    /// another language is not a misspelling of something else.
    func nameElsewhere(_ c: WordCandidate) -> RuleOutcome {
        if gazetteer.formsByText[String(c.written)] != nil { return .keep(reason: "a name of the gazetteer as written") }
        if wordLists.contains(where: {
            $0.key != c.language
                && ($0.value.containsProperName(lowerKey(c.written, language: $0.key)) || $0.value.containsCommonWord(lowerKey(c.written, language: $0.key)))
        }) {
            // Unless it is a major name of the copy's own with a letter left out (`Clorado`,
            // a Spanish word, in English copy). The length and the list of people are cheap to
            // ask before the readings are worked out.
            if c.letterCount > thresholds.veryFrequentNameLetters, mayLeaveOutLetter(c),
                let best = decide(misspellingReadings(c)), gazetteer.entry(of: best.form).weight >= thresholds.majorWeight,
                leavesOutLetter(c, of: best)
            {
                return .pass
            }
            return .keep(reason: "a word or name of another language")
        }
        return .pass
    }

    /// Whether the word may be a name with a letter left out, before any reading is known:
    /// more than ``NameThresholds/veryFrequentNameLetters`` letters, and no name people bear
    /// (`Havard`, `Randa`, `Zamba`).
    func mayLeaveOutLetter(_ c: WordCandidate) -> Bool {
        c.lower.unicodeScalars.count > thresholds.veryFrequentNameLetters && !isPublicPersonsName(c.written)
    }

    /// Whether the word is the reading with one letter left out: every other letter as the
    /// name writes it, accents and the first letter included.
    func leavesOutLetter(_ c: WordCandidate, of best: Reading) -> Bool {
        let reading = lowerKey(best.replacement, language: c.language)
        return best.distance == 1 && c.lower.unicodeScalars.first == reading.unicodeScalars.first
            && Self.leavesOutOneLetter(c.lower, of: reading)
    }

    /// Whether `written` is `name` with one letter left out, every other letter the same.
    static func leavesOutOneLetter(_ written: String, of name: String) -> Bool {
        let typed = Array(written.unicodeScalars), full = Array(name.unicodeScalars)
        guard full.count == typed.count + 1 else { return false }
        let prefix = zip(typed, full).prefix { $0 == $1 }.count
        return typed[prefix...].elementsEqual(full[(prefix + 1)...])
    }

    /// A Latin spelling in Cyrillic copy (`Seol` in Russian): read as English, then written
    /// in the language's own form (`Сеул`).
    func latinInCyrillic(_ c: WordCandidate) -> RuleOutcome {
        guard Self.cyrillicLanguages.contains(c.language), c.written.unicodeScalars.allSatisfy({ $0.isASCII }) else { return .pass }
        if let change = latinNameInCyrillicCopy(c.words, at: c.position, resolved: c.resolved, language: c.language, context: c.context) {
            return .fix(change)
        }
        return .keep(reason: "a Latin word with no English reading")
    }

    /// The same letters as a name of another language, accents missing (`Frederic`).
    func accentsElsewhere(_ c: WordCandidate) -> RuleOutcome {
        guard let form = accentedNameElsewhere(key: keys.key(c.written), written: String(c.written), language: c.language),
            !isUsedVariant(c.written, of: form.text, language: c.language)
        else { return .pass }
        // A quoted word names something as written (`der "Napi" Warenkorb`); a given name or
        // surname that public people bear and running text writes often is a name of its own
        // spelling (`Regine` in German is no French `Régine` taken from a dictionary).
        if c.word.isQuoted { return .keep(reason: "quoted") }
        if form.isLexical, isKnownPublicName(c.written, language: c.language) {
            return .keep(reason: "a name public people bear, as written")
        }
        return .fix(change(c.word.range, form.text, .misspelling, form, thresholds.accentsElsewhereConfidence,
                           "\"\(c.written)\" is the name \"\(form.text)\" (\(form.language)) without its accents"))
    }

    /// A word that is part of a longer name, is quoted, or that the text writes the same
    /// way more than once or names someone with elsewhere (`Roy Keane` … `Keane said`) is a
    /// name of its own, spelt consistently.
    func ownName(_ c: WordCandidate) -> RuleOutcome {
        // A digit typed between two letters is a slip in any name (`Thanksgiv8ing Dinners`),
        // unless the text writes it so again.
        let strayDigit = Self.hasStrayDigit(c.word.text)
        if c.inUnknownName && !strayDigit { return .keep(reason: "part of a longer name") }
        if c.word.isQuoted { return .keep(reason: "quoted") }
        if c.context.timesWritten[c.written, default: 0] > 1 { return .keep(reason: "written so more than once") }
        if c.context.namedInRuns.contains(c.written) && !strayDigit { return .keep(reason: "the text names someone or something so") }
        return .pass
    }

    /// A misspelling of one of the language's names: the reading that stands clear of its
    /// rivals, unless an ordinary word is as close, the place is obscure, or two edits
    /// reach only a minor name.
    /// With `preferring`, the one name a rare variant is of (``rareVariant(_:)``): when no
    /// reading stands clear of its rivals, that name's reading is taken (`Tuscon`, which a
    /// dictionary lists, is `Tucson`, written sixty times as often, though `Tuscan` is as near).
    func misspelling(_ c: WordCandidate, preferring: Set<String> = []) -> RuleOutcome {
        let readings = misspellingReadings(c)
        let preferred = preferring.count == 1
            ? readings.filter { preferring.contains($0.replacement) && $0.distance == 1 }.min { $0.cost < $1.cost } : nil
        guard let chosen = decide(readings) ?? preferred else { return .keep(reason: "no reading stands clear of its rivals") }
        let best = keepingEnding(chosen, among: readings, written: c.written, language: c.language)
        let entry = gazetteer.entry(of: best.form)
        let named = c.context.supports(entry)
        let supported = named || (entry.kind.isPlace && c.context.placeCount > 0 && !c.word.startsSentence)
        // A word written with accented letters the language does not use (`Jágr`, `Babiš`,
        // `Együtt` in English copy; not the `w` of `Twin` in Turkish copy) was typed by someone who knew the name's own spelling: it is a
        // name of another language as written, not a slip of one of this language's, unless
        // it is one slip from a major entity (`Vénézuela` in Azerbaijani copy).
        if !named, hasForeignLetters(c.written, language: c.language, nonASCIIOnly: true),
            best.distance > 1 || entry.weight < thresholds.majorWeight
        {
            return .keep(reason: "written in letters \(c.language) does not use, as the name's own language writes it")
        }
        // A demonym or an adjective the language makes of the name is a word of its own
        // (`Bulgaren` of `Bulgarien`, `Georgier` of `Georgien`, `Litauer` of `Litauen`).
        if !named, isDerived(c.written, from: best.form.text, language: c.language) {
            return .keep(reason: "a word the language makes of the name \(best.form.text)")
        }
        // Outside English, an English name as written, bare or before the language's ending
        // (`Moore'daki`, `Dexter'da`, `Colin'in` in Turkish copy), is someone's or something's
        // own name in its own spelling, not a slip of one of the gazetteer's.
        if !named, c.language != "en", let english = wordLists["en"],
            c.splits.contains(where: { stem, suffix in
                (suffix.isEmpty || suffix.first == "'" || suffix.first == "’") && english.containsProperName(lowerKey(stem, language: "en"))
            })
        {
            return .keep(reason: "an English name as written")
        }
        if !supported, ordinaryWordAsClose(c, best) { return .keep(reason: "an ordinary word is as close") }
        // Rivers, islands and mountains the gazetteer lacks are many: before a word for a
        // kind of place, only a major entity's name is read as misspelt (`Carribean Sea`,
        // `Panamal Canal`; not `Lantau Island` for `Landau`).
        if c.beforePlaceGeneric && entry.weight < thresholds.majorWeight {
            return .keep(reason: "a place the gazetteer may lack, before a word for a kind of place")
        }
        if !named && entry.kind.isPlace && entry.weight < thresholds.smallPlaceWeight && !isWellKnown(best.form, letterCount: c.letterCount)
            && !isOftenWritten(best.form, weight: entry.weight)
        {
            return .keep(reason: "a small place the text does not support")
        }
        if !named, isWeakTwoEditReading(best, entry: entry, letterCount: c.letterCount) {
            return .keep(reason: "two edits from a minor name")
        }
        // Outside English the word lists lack most foreign and local names and every
        // compound (`Vormonat`, `Bergsee`, `Kallstadt`), and their names are mostly given
        // names (`Yann`, `Ümit`): two edits, or one toward a name that only a dictionary
        // lists, reach another real name far more often than the one meant. Unsupported by
        // the text, only a slip toward an entity of the gazetteer is read.
        if c.language != "en", !named {
            if best.distance > thresholds.unsupportedEditsOutsideEnglish {
                return .keep(reason: "\(best.distance) edits, with no support, in copy whose word lists lack most names")
            }
            if best.form.isLexical && !thresholds.dictionaryNamesOutsideEnglish {
                return .keep(reason: "only a dictionary's name, with no support, in copy whose word lists lack most names")
            }
        }
        // A given name or surname that public people bear and running text writes often
        // (`Kavanaugh`, `Gerrard`, `Sebelius`, `Khloe`) is a name of its own: it is read as
        // another only toward a major entity (`Seol`, also a Korean surname, is `Seoul`
        // beside `Washington`). A rare one (`Debain`, `Tarvis`) may well be a slip.
        if !named, best.form.isLexical || entry.weight < thresholds.majorWeight, isKnownPublicName(c.written, language: c.language) {
            return .keep(reason: "a name public people bear")
        }
        var confidence = best.distance == 1 ? thresholds.oneEditConfidence : thresholds.twoEditConfidence
        if supported { confidence += thresholds.supportedConfidenceBonus }
        if best.form.isLexical { confidence -= thresholds.lexicalConfidencePenalty }
        return .fix(change(c.word.range, best.replacement, .misspelling, best.form, confidence,
                           "\"\(c.written)\" is \(best.distance) edit(s) from \"\(best.replacement)\""
                            + (supported ? ", which the text's other names support" : "")))
    }

    /// The reading of the same name that keeps the word's ending, when `chosen` reads the
    /// whole word as the name and so drops or replaces letters an ending explains: Turkish
    /// `Londrda` is `Londra` + `da` with a letter left out (`Londra'da`), not `Londra` with a
    /// `d` too many, and Azerbaijani `Berliə` is `Berlin` + `ə`, not `Berlin` with its `n`
    /// mistyped.
    /// The suffixed reading must be as close, and the name must not itself end as the ending
    /// does (`Kanadda` is `Kanada` with a doubled letter, not `Kanad` + `da`).
    func keepingEnding(_ chosen: Reading, among readings: [Reading], written: Substring, language: String) -> Reading {
        guard TurkicCasing.isTurkic(language), chosen.ending.isEmpty,
            written.unicodeScalars.count >= chosen.form.text.unicodeScalars.count
        else { return chosen }
        let name = lowerKey(chosen.form.text, language: language)
        let suffixed = readings.filter { reading in
            reading.form.text == chosen.form.text && !reading.ending.isEmpty && reading.distance <= chosen.distance
                && !name.hasSuffix(lowerKey(reading.ending, language: language).trimmingPrefix(while: { $0 == "'" }))
        }
        // The likeliest slip, then the longer ending (`Pakıstana` is `Pakistan` + `a` with a
        // dotless `ı`, not `Pakistan` + `na` with an `n` left out).
        guard let kept = suffixed.min(by: { ($0.cost, -$0.ending.count, -$0.score) < ($1.cost, -$1.ending.count, -$1.score) }) else { return chosen }
        // The chosen reading's name (an entity rather than a dictionary's word of the same
        // spelling), with the ending.
        var reading = chosen
        reading.replacement = kept.replacement
        reading.ending = kept.ending
        return reading
    }

    /// Whether `written` (its possessive left out) is a given name or surname that public
    /// people bear and running text writes at least ``NameThresholds/knownPublicNameZipf``
    /// often: a name of its own.
    func isKnownPublicName(_ written: Substring, language: String) -> Bool {
        let bare = Self.withoutPossessive(written)
        return publicNameFrequency(bare, language: language) >= thresholds.knownPublicNameZipf && isPublicPersonsName(bare)
    }

    /// Whether some listed public person bears `word` (no possessive) as a given name or
    /// surname.
    func isPublicPersonsName(_ word: Substring) -> Bool {
        guard let people = gazetteer.index.publicPeople else { return false }
        let key = keys.key(word)
        return people.hasSurname(key: key) || people.hasGivenName(key: key)
    }

    /// The one-word names within the edit allowance of the word or of one of its stems,
    /// each scored, with the ending kept.
    func misspellingReadings(_ c: WordCandidate) -> [Reading] {
        let language = c.language, written = c.written
        let index = languageIndex(for: language)
        var readings: [Reading] = []
        // English has no bare `s` ending on a misspelt name (`Japanses` is no `Japanese`
        // + `s`); it only lets a known name's plural stand (`Rachels`).
        for (stem, suffix) in c.splits where !(language == "en" && suffix == "s") {
            // A word with an apostrophe is read through its stem (`Toure's` is `Toure` + `'s`),
            // never as one word whose apostrophe the key drops.
            if suffix.isEmpty && stem.contains(where: { $0 == "'" || $0 == "’" }) && c.splits.count > 1 { continue }
            var key = keys.key(stem)
            // The ending a Russian reading keeps: the split's, or the final vowel the stem
            // drops (`Моксве` is `Москв` + `е`, and becomes `Москве`, not `Москв`).
            var ending = suffix
            // The whole word is read through its stem (`Москву` through `москв`); a split
            // already has its ending, and its stem is read as written (`Казахста` + `у` is
            // `Казахстан` with a letter left out, not `Казахст` two letters short).
            if c.russian && suffix.isEmpty {
                let stemmed = morphology.russianStem(key, language: language)
                if stemmed.count < key.count { ending = stem.suffix(1) }
                key = stemmed
            }
            let letters = key.count
            guard letters >= thresholds.minimumLetters else { continue }
            for candidate in index.index?.candidates(for: key) ?? [] {
                guard gazetteer.index.outline(candidate).wordCount == 1 else { continue }
                let form = gazetteer.forms[Int(candidate)]
                guard let indexed = index.indexedKeys[candidate],
                    var distance = EditDistance.distance(key, indexed, limit: EditDistance.allowance(letters: max(letters, indexed.count))),
                    distance <= EditDistance.allowance(letters: letters)
                else { continue }
                // The same key: the name itself, unless a letter of it was typed as another the
                // key does not tell apart (`İtalıya` for `İtaliya`, dotless for dotted).
                var twinCost: Double?
                if distance == 0 {
                    guard !c.russian, let cost = twinLetterCost(stem, of: form.text, language: language) else { continue }
                    distance = 1
                    twinCost = cost
                }
                // The first letter is seldom the wrong one: only a long word standing alone
                // with that one slip (`Luetooth`, `Ubernetes`) may differ there, …
                if indexed.first != key.first {
                    // … and only toward a product (`Sanderson` is no misspelt `Anderson`).
                    guard distance == 1, letters >= thresholds.firstLetterSlipLetters, suffix.isEmpty, c.alone,
                        !written.contains(where: { $0 == "'" || $0 == "’" }),
                        gazetteer.entry(of: form).kind == .product
                    else { continue }
                }
                // A dictionary's misspelling of a major name (`Massachusets`) is no reading:
                // the name itself is.
                if form.isLexical, isRareVariant(form.text, language: language) { continue }
                let entry = gazetteer.entry(of: form)
                // After a title (`Mr Ancram`) the word is a surname: only a person the
                // gazetteer knows may be meant.
                if c.personSlot && entry.kind != .person { continue }
                var replacement = form.text
                if c.russian {
                    replacement = String(morphology.russianWrittenStem(form.text, language: language)) + ending
                } else if !suffix.isEmpty {
                    replacement += morphology.harmonized(suffix, after: form.text, writtenAfter: stem, language: language)
                }
                // Russian readings are stems, whose frequencies are not the words'; a name
                // that is also a common word (`Seal`) has the word's frequency, not its own.
                let frequency = c.russian ? 0 : nameFrequency(form.text, language: language)
                var value = score(form, distance: distance, context: c.context, frequency: frequency)
                // An ending is a weaker reading than the whole word, and a bare `s` on a
                // name (`Guams`, `Guineas`) in English or German the weakest.
                if !suffix.isEmpty && !c.russian {
                    value -= Morphology.inflects(language) || suffix.first == "'" || suffix.first == "’"
                        ? thresholds.suffixPenalty : thresholds.bareSPenalty
                }
                var reading = Reading(form: form, replacement: replacement, distance: distance, score: value,
                                      cost: twinCost ?? EditDistance.typoCost(key, indexed, vowels: vowels), frequency: frequency)
                reading.ending = suffix
                readings.append(reading)
            }
        }
        return readings
    }

    /// The cost of reading `written` as `name` when the two share a key but differ in
    /// letters the key folds together, each a letter typed for another rather than a mark
    /// left out (`ı` for `i` in `İtalıya`, `é` for `e`), priced as the typo cost prices a
    /// vowel for a vowel or any other letter. Nil when they are spelt alike, differ in length,
    /// or `written` only lacks the name's accents (`Gurcistan`, `Королев`), which the accent
    /// rules read.
    func twinLetterCost(_ written: Substring, of name: String, language: String) -> Double? {
        let typed = Array(lowerKey(written, language: language).unicodeScalars)
        let full = Array(lowerKey(name, language: language).unicodeScalars)
        guard typed.count == full.count, typed != full else { return nil }
        var cost = 0.0
        for (a, b) in zip(typed, full) where a != b {
            // A plain letter for the name's marked one is a mark left out.
            if keys.key(String(b)) == [a.value] { return nil }
            let folded = keys.key(String(a))
            cost += folded.count == 1 && vowels.contains(folded[0]) ? EditDistance.vowelForVowelCost : EditDistance.letterForLetterCost
        }
        return cost
    }

    /// True when an ordinary word lies as close as the reading (`sunder` for `Sundey`),
    /// unless the reading is a name as common as `Asian` or `Russian`, one swap or vowel
    /// away (`Asain`) and standing alone. A letter added or dropped makes another name too
    /// often (`Romer`, `Romero`).
    func ordinaryWordAsClose(_ c: WordCandidate, _ best: Reading) -> Bool {
        // A Russian reading's frequency is its stem's, none; the name's own (the nominative) says
        // how often it is written. The reading is compared as it would be written, ending and
        // all (`Мсокве`, `Москве`; `Almaynada`, `Almanyada`).
        // A country's or a capital's name is counted even where the dictionary also lists the
        // word in lower case (the Russian one has `франция`).
        let frequency = !c.russian ? best.frequency
            : gazetteer.entry(of: best.form).weight >= thresholds.majorWeight
                ? writtenFrequency(best.form.text, language: c.language)
                : nameFrequency(best.form.text, language: c.language)
        let reading = keys.key(best.replacement), written = keys.key(c.written)
        let cheapSlip = best.cost <= thresholds.frequentNameCost && reading.count == written.count
        let slipInside = Morphology.inflects(c.language) && frequency >= thresholds.veryFrequentNameZipf && best.distance == 1
            && written.count >= thresholds.veryFrequentNameLetters && reading.first == written.first && reading.last == written.last
        // A letter left out of a name written very often or of a major one (`Japanes`:
        // `Japanese`, not `japans`; `Arenia`: `Armenia`, not `arena`), the other letters
        // exactly the name's, accents too (`Twitté` is a French verb), and no name people
        // bear (`Havard`).
        lazy var droppedLetter = (frequency >= thresholds.veryFrequentNameZipf || gazetteer.entry(of: best.form).weight >= thresholds.majorWeight)
            && mayLeaveOutLetter(c) && leavesOutLetter(c, of: best)
        let frequentName = frequency >= thresholds.frequentNameZipf && c.alone && (cheapSlip || slipInside || droppedLetter)
        guard let list = c.list, !frequentName,
            let rival = nearestOrdinaryWord(c.lower, list: list, language: c.language,
                                            except: lowerKey(best.replacement, language: c.language))
        else { return false }
        return rival < best.cost + thresholds.ordinaryWordMargin
    }

    /// True when a place is known beyond its own country: the English dictionary, or those
    /// of two languages, list it (`Queensland`, `Ithaca`), and the word is long enough;
    /// other dictionaries list their own country's small towns, and a short word is near
    /// too many names.
    func isWellKnown(_ form: Gazetteer.Form, letterCount: Int) -> Bool {
        let dictionaries = Set((gazetteer.formsByText[form.text] ?? []).lazy
            .map { self.gazetteer.forms[Int($0)] }.filter(\.isLexical).map(\.language))
        return letterCount >= thresholds.wellKnownLetters && (dictionaries.contains("en") || dictionaries.count >= 2)
    }

    /// True when a place GeoNames' catalogues name in few languages, but not in very few
    /// (``NameThresholds/minorNameWeight``), is a name the copy's language writes very often
    /// (``NameThresholds/oftenWrittenPlaceZipf``): `İstanbul`, named in 28 catalogues, is
    /// written at Zipf 5.9 in Turkish. Towns named after people (`Андерсон`) stay below the
    /// weight, and names that are also common words (French `Celle`) have no frequency.
    func isOftenWritten(_ form: Gazetteer.Form, weight: Int) -> Bool {
        weight >= thresholds.minorNameWeight && nameFrequency(form.text, language: form.language) >= thresholds.oftenWrittenPlaceZipf
    }

    /// True when two edits reach only a name of little weight (or a dictionary's name),
    /// as likely another name the gazetteer lacks, unless both are common slips in a long
    /// word (`Appenines`, `Cyrrilic`).
    func isWeakTwoEditReading(_ best: Reading, entry: Gazetteer.Entity, letterCount: Int) -> Bool {
        best.distance >= 2 && (best.form.isLexical || entry.weight < thresholds.minorNameWeight)
            && !(best.cost <= thresholds.cheapTwoEditCost && letterCount >= thresholds.cheapTwoEditLetters)
    }

    /// The change for a misspelt Latin name in copy written in Cyrillic: the English reading
    /// of the word, in the language's own form of the same entity.
    func latinNameInCyrillicCopy(_ words: [Token], at position: Int, resolved: [Bool], language: String, context: DocumentContext) -> NameChange? {
        guard let english = tokenChange(words, at: position, resolved: resolved, language: "en", context: context),
            english.range == words[position].range, !english.entity.hasPrefix("lexicon:"),
            let entry = gazetteer.index.entry(id: english.entity),
            let target = gazetteer.preferredForm(of: entry, language: language)
        else { return nil }
        return NameChange(range: english.range, replacement: target, kind: english.kind, entity: english.entity,
                          confidence: english.confidence,
                          reason: "\"\(words[position].text)\" is \"\(english.replacement)\" in English; \(language) writes \"\(target)\"")
    }

    /// Languages written in Cyrillic, whose copy spells a Latin name in its own letters.
    static let cyrillicLanguages: Set<String> = ["ru", "uk", "be", "bg", "kk", "ky", "mk", "sr", "tt"]

    /// The foreign-form decision for `stem` (plus `suffix`, kept): a change, a reason to
    /// keep a foreign form that must nevertheless stay, or a pass when it is none.
    func foreignChange(
        _ word: Token, stem: Substring, suffix: Substring, language: String, isProperName: Bool, personContext: Bool
    ) -> RuleOutcome {
        let stemText = String(stem)
        guard let (form, target) = foreignTarget(key: nil, written: stemText, language: language) else { return .pass }
        let entry = gazetteer.entry(of: form)
        // Outside English another language's (mostly English) month or weekday stands in a
        // title or a quotation (`Sunday Times`, `Black Friday`), unless a date puts it after
        // its day (`am 5. October`); in English copy a German or French month is a slip
        // (`Februar`).
        if entry.kind == .calendar, language != "en", !word.gapBefore.contains(where: \.isNumber) {
            return .keep(reason: "another language's month or day outside a date")
        }
        let range = word.range.lowerBound..<(suffix.isEmpty ? word.range.upperBound : stem.endIndex)
        let knownHere = isProperName || exactForm(stemText, language: language) != nil
        // A spelling this language's text uses often is its own (`Bombay`, `Roma` in
        // English), whatever another language makes of it.
        if knownHere && nameFrequency(stemText, language: language) >= thresholds.ownSpellingFrequency {
            return .keep(reason: "a spelling the language writes often")
        }
        // A word never becomes an official multi-word name (`Zelandia` → `Región de Selandia`),
        // and a small place's name in another language is as likely a name of its own here.
        // Nor does a short name become the long one it is part of (`Congo` is no misspelt
        // `Congo-Brazzaville`).
        if target.split(separator: " ").count > stemText.split(separator: " ").count + 1
            || target.contains("(") && !stemText.contains("(")
            || Self.isPart(stemText, of: target)
            || Self.beginsWithName(target, stemText, keys: keys)
        {
            return .keep(reason: "the other form is a longer name")
        }
        if entry.kind.isPlace && entry.kind != .country
            && max(Double(entry.weight), usedWeight(target, language: language)) < Double(thresholds.smallPlaceWeight)
        {
            return .keep(reason: "a small place")
        }
        // A spelling this language's dictionary knows stands unless it names a major
        // entity (dictionaries list exonyms such as `Cameroun` or `Soudan` among English
        // names), and never yields to a form that differs from it by accents alone; a place
        // reading never replaces part of a person's name.
        let accentsOnly = keys.key(target) == keys.key(stemText) && !differsInLetters(target, stemText, language: language)
        if knownHere && (entry.weight < thresholds.majorWeight || accentsOnly) {
            return .keep(reason: "a spelling the language's dictionary knows")
        }
        if entry.kind.isPlace && personContext { return .keep(reason: "part of a person's name") }
        if accentsOnly && !hasForeignLetters(stem, language: language) { return .keep(reason: "differs by accents alone") }
        return .fix(change(range, target, .foreign, form,
                           knownHere ? thresholds.listedForeignFormConfidence : thresholds.foreignFormConfidence,
                           "\"\(stemText)\" is the \(form.language) form; \(language) writes \"\(target)\""))
    }
}
