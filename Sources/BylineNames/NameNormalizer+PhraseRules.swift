import BylineNormalize
import BylineText

extension NameNormalizer {
    /// A run of capitalised words read together as one name (`Jo Biden`, `Sankt
    /// Petersburg`), with what the phrase rules ask about it.
    final class PhraseCandidate {
        let words: [Token]
        let start: Int
        let length: Int
        let text: String
        let language: String
        let context: DocumentContext
        unowned let normalizer: NameNormalizer

        init(words: [Token], start: Int, length: Int, text: String, language: String, context: DocumentContext, normalizer: NameNormalizer) {
            self.words = words
            self.start = start
            self.length = length
            self.text = text
            self.language = language
            self.context = context
            self.normalizer = normalizer
        }

        var members: ArraySlice<Token> { words[start..<start + length] }
        /// The phrase as written, a possessive ending left out (`Vladimir Putin’s`), and in
        /// Turkish and Azerbaijani the suffix after the apostrophe (`New York'ta`), which stays
        /// as written whatever a rule makes of the name.
        lazy var written: Substring = {
            let whole = text[words[start].range.lowerBound..<words[start + length - 1].range.upperBound]
            if TurkicCasing.isTurkic(language), let cut = NameNormalizer.suffixApostrophe(in: words[start + length - 1].text) {
                return text[whole.startIndex..<cut]
            }
            return NameNormalizer.withoutPossessive(whole)
        }()
        var range: TextRange { written.startIndex..<written.endIndex }
        lazy var key = normalizer.keys.key(written)
        lazy var letters = key.filter { $0 != 0x20 }.count
        /// This language's own form with the phrase's key, when it is spelt otherwise.
        lazy var own = normalizer.bestForm(key: key, language: language, lexical: false).flatMap { $0.text != String(written) ? $0 : nil }
        /// The language's forms within two deletions of the key (the delete index), asked
        /// once for the rules that read them.
        var nearForms: [Int32] {
            if let near { return near }
            let found = normalizer.languageIndex(for: language).index?.candidates(for: key) ?? []
            near = found
            return found
        }
        private var near: [Int32]?
        /// The forms one slip from the key (one edit, two neighbours swapped, a letter moved
        /// over two others), and some more: ``nearForms`` when it is known, else the cheaper
        /// look-up that finds only these.
        var slipForms: [Int32] {
            if let near { return near }
            if let slips { return slips }
            let found = normalizer.languageIndex(for: language).index?.candidates(for: key, queryDeletions: 1) ?? []
            slips = found
            return found
        }
        private var slips: [Int32]?
    }

    /// Where a Turkic suffix begins in a word: its last apostrophe, with letters on both
    /// sides (`York'ta`, `Erdoğan’a`), or nil.
    static func suffixApostrophe(in word: Substring) -> String.Index? {
        guard let mark = word.lastIndex(where: { $0 == "'" || $0 == "’" }), mark > word.startIndex,
            word[word.index(before: mark)].isLetter
        else { return nil }
        let suffix = word[word.index(after: mark)...]
        return !suffix.isEmpty && suffix.allSatisfy(\.isLetter) ? mark : nil
    }

    /// The rules for a phrase, in the order they are asked; the first that does not pass
    /// decides.
    enum PhraseRule: String, CaseIterable {
        case phraseShape = "phrase-shape"
        case phraseEnding = "phrase-ending"
        case phraseDeclined = "phrase-declined"
        case phraseAccents = "phrase-accents"
        case phraseForeignLetters = "phrase-foreign-letters"
        case phraseForeignForm = "phrase-foreign-form"
        case publicPersonAsWritten = "public-person-as-written"
        case personNameSlip = "person-name-slip"
        case givenNameVariant = "given-name-variant"
        case publicPerson = "public-person"
        case publicPersonSlip = "public-person-slip"
        case publicGivenNameVariant = "public-given-name-variant"
        case majorNameWordSlip = "major-name-word-slip"
        case majorPlaceConnector = "major-place-connector"
        case phraseMisspelling = "phrase-misspelling"
    }

    /// A change for a run of capitalised words read together (`Jo Biden`, `Sankt
    /// Petersburg`, `Nordrhein Westfalen`), longest first, with the number of words used.
    func phraseChange(
        _ words: [Token], from start: Int, resolved: [Bool], text: String, language: String, context: DocumentContext
    ) -> (NameChange, Int)? {
        for length in stride(from: min(4, words.count - start), through: 2, by: -1) {
            // Most runs are no name's shape (one capitalised word, then lower-case ones): they
            // are refused before anything is worked out about them.
            guard isWrittenAsOneName(words, from: start, count: length) else { continue }
            let candidate = PhraseCandidate(words: words, start: start, length: length, text: text, language: language,
                                            context: context, normalizer: self)
            guard let change = phraseDecision(candidate).outcome.change else { continue }
            // Words set apart by spaced dashes are read as one name only when the name is
            // written so (`Congo - Kinshasa`); tokenised copy spaces every hyphen.
            let written = text[change.range]
            if (written.contains(" - ") || written.contains(" – ")) && !change.replacement.contains(" - ") { continue }
            return (change, length)
        }
        return nil
    }

    /// The first phrase rule with an opinion on the phrase, and what it decided.
    func phraseDecision(_ candidate: PhraseCandidate) -> RuleDecision {
        for rule in PhraseRule.allCases {
            let outcome: RuleOutcome
            switch rule {
            case .phraseShape: outcome = phraseShape(candidate)
            case .phraseEnding: outcome = phraseEnding(candidate)
            case .phraseDeclined: outcome = phraseDeclined(candidate)
            case .phraseAccents: outcome = phraseAccents(candidate)
            case .phraseForeignLetters: outcome = phraseForeignLetters(candidate)
            case .phraseForeignForm: outcome = phraseForeignForm(candidate)
            case .publicPersonAsWritten: outcome = publicPersonAsWritten(candidate)
            case .personNameSlip: outcome = personNameSlip(candidate)
            case .givenNameVariant: outcome = givenNameVariant(candidate)
            case .publicPerson: outcome = publicPerson(candidate)
            case .publicPersonSlip: outcome = publicPersonSlip(candidate)
            case .publicGivenNameVariant: outcome = publicGivenNameVariant(candidate)
            case .majorNameWordSlip: outcome = majorNameWordSlip(candidate)
            case .majorPlaceConnector: outcome = majorPlaceConnector(candidate)
            case .phraseMisspelling: outcome = phraseMisspelling(candidate)
            }
            if case .pass = outcome { continue }
            return RuleDecision(rule: rule.rawValue, outcome: outcome)
        }
        return RuleDecision(rule: "none", outcome: .pass)
    }

    /// The words must be joined as one name's are, capitalised (connectors aside), end on
    /// a capitalised word, and not all be in capitals.
    func phraseShape(_ c: PhraseCandidate) -> RuleOutcome {
        isWrittenAsOneName(c.words, from: c.start, count: c.length) ? .pass : .keep(reason: "not written as one name")
    }

    /// A name of the gazetteer with an ending the language puts on names without an
    /// apostrophe (German `Jimmy Carters`, `Paul Newmans Film`): the name, declined, not
    /// a misspelling one letter away.
    func phraseEnding(_ c: PhraseCandidate) -> RuleOutcome {
        let written = c.written
        for ending in tables.endings[c.language] ?? [] where ending.count < written.count && written.hasSuffix(ending) {
            let stem = String(written.dropLast(ending.count))
            guard let last = stem.last, last.isLetter, let forms = gazetteer.formsByText[stem] else { continue }
            if forms.contains(where: { gazetteer.forms[Int($0)].language == c.language && !gazetteer.forms[Int($0)].isLexical }) {
                return .keep(reason: "\"\(stem)\" with the ending \"\(ending)\"")
            }
        }
        return .pass
    }

    /// A name of several words with every word declined, in a language whose names decline
    /// (`Дональда Трампа`, `Ангелой Меркель`, `Бориса Джонсона`): the name in its case, not a
    /// slip in the given name. (A declined surname alone is the misspelling rule's to read.)
    func phraseDeclined(_ c: PhraseCandidate) -> RuleOutcome {
        guard Morphology.declinesLikeRussian(c.language) else { return .pass }
        let written = c.members.map(\.text)
        // Each word cut to its shortest stem, so that a name declined in every word is found
        // by the delete index as the stem table finds one word.
        let stemmed = written.map { word in morphology.splits(of: word, language: c.language).last?.stem ?? word }
        let stemKey = keys.key(stemmed.joined(separator: " "))
        let found = Set(c.nearForms + (languageIndex(for: c.language).index?.candidates(for: stemKey) ?? []))
        for candidate in found.sorted() {
            let outline = gazetteer.index.outline(candidate)
            guard outline.wordCount == c.length, !outline.isLexical else { continue }
            let form = gazetteer.forms[Int(candidate)]
            let words = form.text.split(whereSeparator: { $0 == " " || $0 == "-" })
            // Some word declined, every other as the name writes it; a name spelt with other
            // hyphens, spaces or capitals (`Буркина Фасо`) is another rule's.
            guard words.count == written.count else { continue }
            let differing = zip(written, words).filter { keys.key($0) != keys.key($1) }
            guard !differing.isEmpty, differing.allSatisfy({ isDeclined($0, of: $1, language: c.language) }) else { continue }
            return .keep(reason: "\"\(c.written)\" is \(form.text) declined")
        }
        return .pass
    }

    /// Whether `written` is the word `name` with a case ending (`Дональда` of `Дональд`,
    /// `Ангелой` of `Ангела`): both are the same once the ending, and the vowel or soft sign
    /// a form loses before one, are cut.
    func isDeclined(_ written: Substring, of name: Substring, language: String) -> Bool {
        let nameStem = morphology.russianStem(keys.key(name), language: language)
        return morphology.splits(of: written, language: language).dropFirst().contains { split in
            keys.key(split.stem) == nameStem || morphology.russianStem(keys.key(split.stem), language: language) == nameStem
        }
    }

    func isWrittenAsOneName(_ words: [Token], from start: Int, count: Int) -> Bool {
        let members = words[start..<start + count]
        return joinedAsName(words, from: start, count: count, dashes: true)
            && members.allSatisfy({ $0.isCapitalised || isConnector($0.text) })
            && words[start + count - 1].isCapitalised
            && members.contains(where: { !$0.isAllCapitals })
    }

    /// Accents that differ from this language's own form, or hyphens from a major
    /// entity's (`Burkina-Faso`); full stops alone (`George W Bush`, `Washington DC`) and
    /// the hyphens of smaller names (`North West`) are house style, not slips.
    func phraseAccents(_ c: PhraseCandidate) -> RuleOutcome {
        guard let form = c.own, form.text.filter({ $0 != "." }) != c.written.filter({ $0 != "." }),
            addsAccents(form.text, to: c.written)
                || Self.lettersOnly(form.text) == Self.lettersOnly(c.written) && gazetteer.entry(of: form).weight >= thresholds.majorWeight
        else { return .pass }
        return .fix(change(c.range, form.text, .misspelling, form, thresholds.phraseAccentsConfidence,
                           "\"\(c.written)\" is \"\(form.text)\" without its accents or hyphens"))
    }

    /// This language's name spelt with letters of another alphabet (`Şri Lanka` in
    /// English), or as another language writes it with letters this one keeps apart
    /// (`Şri Lanka` in Turkish); never a person's name.
    func phraseForeignLetters(_ c: PhraseCandidate) -> RuleOutcome {
        let language = c.language, written = c.written
        // A person's name keeps the letters of its own language (`Gabriel García Márquez`
        // in English), whatever a list without them writes.
        guard let form = c.own, gazetteer.entry(of: form).kind != .person,
            hasForeignLetters(written, language: language) && !hasForeignLetters(Substring(form.text), language: language)
                || differsInLetters(form.text, String(written), language: language)
                    && (gazetteer.formsByText[String(written)] ?? []).contains(where: { !gazetteer.forms[Int($0)].isLexical })
        else { return .pass }
        return .fix(change(c.range, form.text, .foreign, form, thresholds.foreignLettersConfidence,
                           "\"\(written)\" has letters \(language) does not use; \(language) writes \"\(form.text)\""))
    }

    /// Another language's form of an entity this language names differently.
    func phraseForeignForm(_ c: PhraseCandidate) -> RuleOutcome {
        guard let (form, target) = foreignTarget(key: c.key, written: String(c.written), language: c.language) else { return .pass }
        // A name never becomes a longer one that begins with it: `Abu Dhabi` is the city
        // GeoNames' English catalogue calls `Abu Dhabi Island and Internal Islands City`, as
        // `Jeju` is `Jeju City`.
        if Self.beginsWithName(target, c.written, keys: keys) {
            return .keep(reason: "the short name of \"\(target)\"")
        }
        return .fix(change(c.range, target, .foreign, form, thresholds.foreignFormConfidence,
                           "\"\(c.written)\" is the \(form.language) form; \(c.language) writes \"\(target)\""))
    }

    /// A known person's full name with one slip in the last word (`Oscar Wild`, `Alan
    /// Touring`): the other words exactly the person's, the last one cheap slip
    /// (``NameThresholds/surnameSlipCost``) from the surname, and no name of its own (not
    /// a proper name the dictionary lists, nor a form of the gazetteer). An ordinary word
    /// may be the slip, since the given name before it says who is meant.
    func personNameSlip(_ c: PhraseCandidate) -> RuleOutcome {
        let language = c.language
        let firstWord = c.words[c.start].text, lastWord = c.words[c.start + c.length - 1].text
        // A given name opens the phrase: the dictionary lists it as a name (where there is one).
        if let list = wordLists[language], !list.containsProperName(lowerKey(firstWord, language: language)) { return .pass }
        guard c.length >= 2, c.length <= 3, lastWord.unicodeScalars.reduce(0, { $0 + (ScalarCase.isAlphabetic($1) ? 1 : 0) }) >= thresholds.minimumLetters,
            wordLists[language]?.containsProperName(lowerKey(lastWord, language: language)) != true,
            gazetteer.formsByText[String(lastWord)] == nil
        else { return .pass }
        let writtenWords = c.written.split(whereSeparator: { $0 == " " || $0 == "-" })
        var readings: [Reading] = []
        for candidate in c.nearForms {
            let outline = gazetteer.index.outline(candidate)
            guard outline.wordCount == c.length, !outline.isLexical else { continue }
            let form = gazetteer.forms[Int(candidate)]
            guard gazetteer.entry(of: form).kind == .person,
                EditDistance.distance(c.key, form.key, limit: 1) == 1, EditDistance.typoCost(c.key, form.key, vowels: vowels) <= thresholds.surnameSlipCost
            else { continue }
            let formWords = form.text.split(whereSeparator: { $0 == " " || $0 == "-" })
            guard formWords.count == writtenWords.count, formWords.dropLast() == writtenWords.dropLast() else { continue }
            readings.append(Reading(form: form, replacement: form.text, distance: 1,
                                    score: score(form, distance: 1, context: c.context), cost: EditDistance.typoCost(c.key, form.key, vowels: vowels)))
        }
        guard let best = decide(readings) else { return .pass }
        if repeatedSlip(c, reading: best.form.text) != nil { return .keep(reason: "the text writes a word of it so more than once") }
        return .fix(change(c.range, best.replacement, .misspelling, best.form, thresholds.phraseOneEditConfidence,
                           "\"\(c.written)\" is the name of \(best.replacement) with a slip in the surname"))
    }

    /// A known person's surname, exact, after the person's given name spelt another way
    /// (`Catherine Hepburn`, `Emmanuel Kant`, `Josef Goebbels`, `Jo Biden`): the given name
    /// a name or no word of the language, at most two edits from the person's, each a
    /// variant spelling's (``NameThresholds/givenNameVariantEdits``: a vowel, a sound-alike
    /// letter, a silent or doubled letter; `Ivanka` is no `Ivana`, `Rand` no `Ron`). A
    /// surname many people share (`Stewart`) says who is meant only when the person is one
    /// of the gazetteer's major names or the text names that person elsewhere.
    func givenNameVariant(_ c: PhraseCandidate) -> RuleOutcome {
        let language = c.language
        guard c.length == 2 else { return .pass }
        let given = c.words[c.start].text, surname = c.words[c.start + 1].text
        guard c.words[c.start + 1].gapBefore == " ", !isConnector(given), !c.words[c.start].isAllCapitals,
            !given.contains("'"), !given.contains("’")
        else { return .pass }
        // German lists names among its capitalised words (``capitalisesNouns``), so there the
        // dictionary says nothing of the surname.
        let nounsCapitalised = Self.capitalisesNouns.contains(language)
        guard isWholeRunOfCapitals(c), nounsCapitalised || !isCommonWord(surname, language: language), opensWithGivenName(c)
        else { return .pass }
        let givenKey = keys.key(given), surnameKey = keys.key(surname)
        // A distinctive surname: one running text seldom writes, or, where the dictionary
        // cannot tell names from words, one few listed people bear (`Kant` and `Brecht` are
        // written often in German because of the one person, `Kennedy` because of many).
        lazy var distinctiveSurname = nounsCapitalised
            ? gazetteer.index.publicPeople.map({ $0.people(surnameKey: surnameKey).count <= thresholds.publicVariantSurnameSharers }) == true
            : nameFrequency(String(surname), language: language) < thresholds.distinctiveSurnameZipf
        var readings: [Reading] = []
        for candidate in c.nearForms {
            let outline = gazetteer.index.outline(candidate)
            guard outline.wordCount == 2, !outline.isLexical else { continue }
            let form = gazetteer.forms[Int(candidate)]
            let entry = gazetteer.entry(of: form)
            guard entry.kind == .person else { continue }
            let parts = form.key.split(separator: 0x20)
            guard parts.count == 2, parts[1].elementsEqual(surnameKey), !parts[0].elementsEqual(givenKey),
                let edits = EditDistance.spellingVariantEdits(givenKey, Array(parts[0]), limit: thresholds.givenNameVariantEdits,
                                                              vowels: vowels, soundAlike: soundAlike, silent: silentLetters),
                entry.weight >= thresholds.majorWeight || c.context.entities.contains(entry.id) || distinctiveSurname
            else { continue }
            readings.append(Reading(form: form, replacement: form.text, distance: edits, score: score(form, distance: edits, context: c.context),
                                    cost: EditDistance.typoCost(c.key, form.key, vowels: vowels)))
        }
        guard let best = decide(readings) else { return .pass }
        if repeatedSlip(c, reading: best.form.text) != nil { return .keep(reason: "the text writes a word of it so more than once") }
        let supported = c.context.supports(gazetteer.entry(of: best.form))
        return .fix(change(c.range, best.replacement, .misspelling, best.form,
                           thresholds.givenNameVariantConfidence + (supported ? thresholds.supportedConfidenceBonus : 0),
                           "\"\(c.written)\" is \(best.replacement) with the given name spelt another way"))
    }

    /// The phrase's words are the whole run of capitals, as a full name is (`State Antony`
    /// in `Secretary of State Antony Blinken` is no name).
    func isWholeRunOfCapitals(_ c: PhraseCandidate) -> Bool {
        !joinsCapitalisedNeighbour(c.words, start: c.start, length: c.length, language: c.language)
    }

    /// Whether a capitalised word just before or just after the `length` words from `start`
    /// is joined to them as a name's words are; an ordinary word opening the sentence
    /// before them is no part of the name (`La Grece etait devant`).
    func joinsCapitalisedNeighbour(_ words: [Token], start: Int, length: Int, language: String) -> Bool {
        let before = start - 1, after = start + length
        if before >= 0, words[before].isCapitalised, joinedAsName(words, from: before, count: 2),
            !(words[before].startsSentence && isCommonWord(words[before].text, language: language))
        {
            return true
        }
        return after < words.count && words[after].isCapitalised && joinedAsName(words, from: after - 1, count: 2)
    }

    /// The phrase's first word can be a given name: no ordinary word (`North`, `Mark`), but
    /// for a two-letter one (`Jo`, `Al`) the dictionary lists as a name. German writes every
    /// noun with a capital, so its dictionary keeps names among its words and cannot tell
    /// them apart (`Berthold`, `Emanuel`): there, a word that listed public people bear as a
    /// given name is one.
    func opensWithGivenName(_ c: PhraseCandidate) -> Bool {
        let given = c.words[c.start].text
        if tables.titles[c.language]?.contains(lowerKey(given, language: c.language)) == true { return false }
        guard isCommonWord(given, language: c.language) else { return true }
        if given.count <= 2 { return wordLists[c.language]?.containsProperName(lowerKey(given, language: c.language)) == true }
        guard Self.capitalisesNouns.contains(c.language), let people = gazetteer.index.publicPeople else { return false }
        return people.hasGivenName(key: keys.key(given))
    }

    /// Languages that write every noun with a capital, whose dictionaries list names among
    /// the words.
    static let capitalisesNouns: Set<String> = ["de"]

    /// A major place's or person's name of several words with a typing slip in one word
    /// that makes it another word or name (`Buenos Aries`, `New Deli`, `Kuala Lumper`,
    /// `Boris Jonson`) or that moves a letter (`Agnela Merkel`): the other words exactly the
    /// name's, and the phrase as written nothing of its own.
    ///
    /// ``phraseMisspelling(_:)`` reads only phrases with a word the language does not know,
    /// since a phrase of known words is as often a name of its own, and the person rules
    /// read only single edits. The other words of a country's, a capital's, a major city's
    /// or a newsmaker's name (``NameThresholds/majorPlaceSlipWeight``,
    /// ``NameThresholds/majorPersonSlipWeight``) say which is meant, so the slipped word may
    /// be any word: the phrase must be the whole run of capitals, no gazetteer form and no
    /// listed public person; the slip one typing slip
    /// (``EditDistance/typoCost(_:_:vowels:)`` at most 1, a letter moved over two others
    /// included) keeping the first letter, in a word of at least
    /// ``NameThresholds/majorPlaceSlipLetters`` letters, and no letters added at the end or
    /// cut from it (``isDerivedOrCut(_:of:)``: `South African`, `Jordan Rivers`); a word the
    /// text writes so more than once is its own.
    func majorNameWordSlip(_ c: PhraseCandidate) -> RuleOutcome {
        guard isUnlistedEnglishRun(c) else { return .pass }
        let written = c.key.split(separator: 0x20).map(Array.init)
        var readings: [Reading] = []
        for candidate in c.slipForms {
            let outline = gazetteer.index.outline(candidate)
            let weight = gazetteer.index.entityWeight(gazetteer.index.formHeader(candidate).entry)
            guard outline.wordCount == c.length, !outline.isLexical, outline.firstKeyScalar == c.key.first,
                weight >= min(thresholds.majorPlaceSlipWeight, thresholds.majorPersonSlipWeight)
            else { continue }
            let form = gazetteer.forms[Int(candidate)]
            let kind = gazetteer.entry(of: form).kind
            guard kind.isPlace && weight >= thresholds.majorPlaceSlipWeight || kind == .person && weight >= thresholds.majorPersonSlipWeight
            else { continue }
            let formWords = form.key.split(separator: 0x20).map(Array.init)
            guard formWords.count == written.count else { continue }
            let differing = zip(written, formWords).enumerated().filter { $0.element.0 != $0.element.1 }
            guard differing.count == 1, let (typed, name) = differing.first?.element,
                typed.count >= thresholds.majorPlaceSlipLetters, typed.first == name.first,
                !Self.isDerivedOrCut(typed, of: name)
            else { continue }
            let cost = EditDistance.typoCost(typed, name, vowels: vowels)
            guard cost <= 1 else { continue }
            readings.append(Reading(form: form, replacement: form.text, distance: 1, score: score(form, distance: 1, context: c.context),
                                    cost: cost))
        }
        guard let best = decide(readings) else { return .pass }
        if let people = gazetteer.index.publicPeople, people.contains(String(c.written), givenKey: keys.key(c.words[c.start].text)) {
            return .keep(reason: "a public person's name as written")
        }
        if repeatedSlip(c, reading: best.form.text) != nil { return .keep(reason: "the text writes a word of it so more than once") }
        return .fix(change(c.range, best.replacement, .misspelling, best.form, thresholds.phraseOneEditConfidence,
                           "\"\(c.written)\" is \(best.replacement) with a slip in one word"))
    }

    /// A major place's name written without the connector between two of its words
    /// (`Bosnia Herzegovina`, `Trinidad Tobago`, `Frankfurt Main`): the phrase, the whole run
    /// of capitals, is that name with a connector (`and`, `of`, any language's: `am`) left out
    /// between two of its words, and the place is at least
    /// ``NameThresholds/majorPlaceSlipWeight``. English copy only, as the slip rule above.
    /// The name is looked for among the forms one slip from the phrase, so a first word
    /// shorter than the index's prefix (`Isle Man`) is not read.
    func majorPlaceConnector(_ c: PhraseCandidate) -> RuleOutcome {
        guard c.length <= 3, isUnlistedEnglishRun(c), !c.members.contains(where: { isConnector($0.text) }) else { return .pass }
        // The name's key is the phrase's with a connector put in; where the first word fills
        // the index's prefix (`Trinidad`, `Bosnia `), the look-up for slips finds it.
        let written = c.key.split(separator: 0x20).map(Array.init)
        var found: [(Gazetteer.Form, String)] = []
        for candidate in c.slipForms {
            let outline = gazetteer.index.outline(candidate)
            guard outline.wordCount == c.length + 1, !outline.isLexical, outline.firstKeyScalar == c.key.first,
                gazetteer.index.entityWeight(gazetteer.index.formHeader(candidate).entry) >= thresholds.majorPlaceSlipWeight
            else { continue }
            let form = gazetteer.forms[Int(candidate)]
            guard form.language == c.language, gazetteer.entry(of: form).kind.isPlace else { continue }
            let formWords = form.key.split(separator: 0x20).map(Array.init)
            let textWords = form.text.split(separator: " ")
            guard textWords.count == formWords.count else { continue }
            for gap in 1..<formWords.count - 1 where isConnector(textWords[gap]) {
                var without = formWords
                without.remove(at: gap)
                if without == written { found.append((form, form.text)) }
            }
        }
        guard let (form, text) = found.first else { return .pass }
        let names = Set(found.map(\.1))
        guard names.count == 1 else { return .keep(reason: "connectors make \(names.count) names") }
        return .fix(change(c.range, text, .misspelling, form, thresholds.phraseOneEditConfidence,
                           "\"\(c.written)\" is \(text) without its connector"))
    }

    /// What both rules for major names ask of a phrase before looking anything up: English
    /// copy, two words or more, the whole run of capitals, none written in capitals, single
    /// spaces between them, and no gazetteer form as written. Other languages write variants
    /// of foreign places' names that no list holds (Spanish `Nueva Zelandia` beside `Nueva
    /// Zelanda`), and their word lists lack most names: a known word there is no evidence of
    /// a slip.
    func isUnlistedEnglishRun(_ c: PhraseCandidate) -> Bool {
        c.language == "en" && c.length >= 2 && isWholeRunOfCapitals(c) && !c.members.contains(where: \.isAllCapitals)
            && c.members.dropFirst().allSatisfy({ $0.gapBefore == " " }) && gazetteer.formsByText[String(c.written)] == nil
    }

    /// Whether `typed` is `name` with letters added at its end (`Korean` of `Korea`,
    /// `Rivers` of `River`: a demonym, a plural, a possessive) or cut from it (`Moravia` of
    /// `Moravian`), which is no typing slip; a silent final `e` left out is (`Leon` of `Leone`).
    static func isDerivedOrCut(_ typed: [UInt32], of name: [UInt32]) -> Bool {
        if typed.count > name.count { return typed.starts(with: name) }
        guard name.count > typed.count, name.starts(with: typed) else { return false }
        return !(name.count == typed.count + 1 && name.last == 0x65)
    }

    /// A misspelt name of several words: at least one word must be unknown (or every word
    /// would be a correct name of something else), and an ordinary word at either end
    /// belongs to the sentence unless the name has that very word.
    func phraseMisspelling(_ c: PhraseCandidate) -> RuleOutcome {
        let language = c.language
        let unknown = c.members.contains { word in
            !isConnector(word.text) && !isKnownWord(word.text, language: language) && exactForm(String(word.text), language: language) == nil
        }
        // An ordinary word at either end belongs to the sentence, unless the name has that
        // very word and the rest is one edit away (`Panamal Canal`, `North Carolin`; not
        // `Lord Holme` for `Lord Howe` nor `Old Labour` for `Old Harbour`), and the other
        // words are no names of this language or of the gazetteer.
        let edgeWord = isCommonWord(c.words[c.start].text, language: language)
            || isCommonWord(c.words[c.start + c.length - 1].text, language: language)
        if edgeWord {
            if !unknown { return .keep(reason: "every word is a name or a word of the language") }
            if c.members.contains(where: {
                !isCommonWord($0.text, language: language)
                    && (gazetteer.formsByText[String($0.text)] ?? []).contains {
                        let form = gazetteer.forms[Int($0)]
                        return form.language == language || !form.isLexical
                    }
            }) {
                return .keep(reason: "an ordinary word at its edge beside a name of its own")
            }
        }
        var readings = phraseReadings(c, unknown: unknown, edgeWord: edgeWord)
        guard let declined = declinedPhraseReadings(c, unknown: unknown, edgeWord: edgeWord) else {
            return .keep(reason: "a name correctly declined")
        }
        readings += declined
        guard let best = decide(readings), best.distance == 1 || sharesWord(c.key, best.form.key) else {
            return .keep(reason: "no reading stands clear, one edit away or sharing a word")
        }
        // Each word within its own allowance: two edits in one short word make another
        // name (`Wang Yi` is no `Wang Noi`, `Hua Qing` no `Hua Hin`).
        if let word = wordBeyondItsAllowance(c.written, best.replacement) {
            return .keep(reason: "\"\(word)\" would take more edits than a word of its length allows")
        }
        // Outside English, as for one word: unsupported, more edits reach other names
        // (`Al Kaida` is no `Al Bayḑā’`, `Le Maire` no `Le Havre`).
        if c.language != "en", best.distance > thresholds.unsupportedEditsOutsideEnglish,
            !c.context.supports(gazetteer.entry(of: best.form))
        {
            return .keep(reason: "\(best.distance) edits, with no support, in copy whose word lists lack most names")
        }
        if repeatedSlip(c, reading: best.form.text) != nil { return .keep(reason: "the text writes a word of it so more than once") }
        let confidence = best.distance == 1 ? thresholds.phraseOneEditConfidence : thresholds.phraseTwoEditConfidence
        return .fix(change(c.range, best.replacement, .misspelling, best.form, confidence,
                           "\"\(c.written)\" is \(best.distance) edit(s) from \"\(best.replacement)\""))
    }

    /// The first written word that differs from the reading's word in its place by more
    /// edits than a word of its length allows (nil when the words do not pair up).
    func wordBeyondItsAllowance(_ written: Substring, _ reading: String) -> Substring? {
        let writtenWords = written.split(whereSeparator: { $0 == " " || $0 == "-" })
        let readingWords = reading.split(whereSeparator: { $0 == " " || $0 == "-" })
        guard writtenWords.count == readingWords.count else { return nil }
        for (word, other) in zip(writtenWords, readingWords) where word != other {
            let key = keys.key(word), otherKey = keys.key(other)
            let allowance = EditDistance.allowance(letters: min(key.count, otherKey.count))
            if EditDistance.distance(key, otherKey, limit: allowance) == nil { return word }
        }
        return nil
    }

    /// A word of the phrase that the reading spells otherwise and that the text writes
    /// more than once: a name of its own, spelt consistently (`John Smit` … `Smit said`),
    /// as a single word written twice is.
    func repeatedSlip(_ c: PhraseCandidate, reading: String) -> Substring? {
        let readingWords = Set(reading.split(whereSeparator: { $0 == " " || $0 == "-" }))
        return c.members.first { word in
            !readingWords.contains(word.text) && c.context.timesWritten[word.text, default: 0] > 1
        }?.text
    }

    /// The names of as many words within the edit allowance of the phrase.
    func phraseReadings(_ c: PhraseCandidate, unknown: Bool, edgeWord: Bool) -> [Reading] {
        let language = c.language, key = c.key
        let first = c.words[c.start].text, last = c.words[c.start + c.length - 1].text
        let surnameKey = keys.key(last)
        var readings: [Reading] = []
        for candidate in c.nearForms {
            let outline = gazetteer.index.outline(candidate)
            guard outline.wordCount == c.length, !outline.isLexical, outline.firstKeyScalar == key.first else { continue }
            let form = gazetteer.forms[Int(candidate)]
            guard
                let distance = EditDistance.distance(key, form.key, limit: EditDistance.allowance(letters: c.letters)),
                distance > 0
            else { continue }
            // Every word a name of its own: only a person of the gazetteer with this very
            // surname and a given name one slip away qualifies (`Niki Haley`).
            if !unknown {
                guard gazetteer.entry(of: form).kind == .person, distance == 1,
                    form.key.split(separator: 0x20).last.map(Array.init) == surnameKey,
                    EditDistance.typoCost(key, form.key, vowels: vowels) <= thresholds.givenNameSlipCost
                else { continue }
            }
            // Two slips in a person's name are as likely another person (`Robert Peston`
            // is no `Robert Merton`).
            if distance > thresholds.personNameEdits && gazetteer.entry(of: form).kind == .person { continue }
            if edgeWord {
                let formWords = form.text.split(whereSeparator: { $0 == " " || $0 == "-" })
                guard distance == 1, !isCommonWord(first, language: language) || formWords.first == first,
                    !isCommonWord(last, language: language) || formWords.last == last
                else { continue }
            }
            readings.append(Reading(form: form, replacement: form.text, distance: distance,
                                    score: score(form, distance: distance, context: c.context)))
        }
        return readings
    }

    /// Readings of a Russian phrase whose last word takes a case ending (`в
    /// Санкт-Петербурне`): the stem is compared with the name's stem, and the ending
    /// stays. Nil when the phrase is a name correctly inflected, which is no slip at all.
    func declinedPhraseReadings(_ c: PhraseCandidate, unknown: Bool, edgeWord: Bool) -> [Reading]? {
        let language = c.language
        guard Morphology.declinesLikeRussian(language) else { return [] }
        let index = languageIndex(for: language)
        let last = c.words[c.start + c.length - 1]
        var readings: [Reading] = []
        for (stem, suffix) in morphology.splits(of: last.text, language: language).dropFirst() where !suffix.isEmpty {
            let stemKey = keys.key(c.text[c.words[c.start].range.lowerBound..<stem.endIndex])
            for candidate in index.index?.candidates(for: stemKey) ?? [] {
                let outline = gazetteer.index.outline(candidate)
                guard outline.wordCount == c.length, !outline.isLexical, outline.firstKeyScalar == stemKey.first else { continue }
                let form = gazetteer.forms[Int(candidate)]
                guard
                    let distance = EditDistance.distance(stemKey, morphology.russianStem(form.key, language: language),
                                                         limit: EditDistance.allowance(letters: c.letters))
                else { continue }
                if distance == 0 { return nil }
                guard unknown, !edgeWord else { continue }
                readings.append(Reading(form: form, replacement: String(morphology.russianWrittenStem(form.text, language: language)) + suffix,
                                        distance: distance, score: score(form, distance: distance, context: c.context)))
            }
        }
        return readings
    }
}

extension NameNormalizer {
    /// A name with another of its names in brackets after it (`Myanma (Birma)`, `М’янма
    /// (Бірма)`), when both name one entity and this language writes that entity with a
    /// name in brackets too (`Myanmar (Burma)`): the whole is replaced by this language's
    /// form, with the number of words it takes. Each side is up to three words; one side
    /// must be some language's form of the entity as written, and the other another of its
    /// forms or within two edits of the part of this language's form it stands for
    /// (`Бірма`, Ukrainian, for `Бирма`). Anything else is left to the word rules.
    func bracketedNameChange(_ words: [Token], from start: Int, text: String, language: String) -> (NameChange, Int)? {
        let limit = 3
        guard start + 1 < words.count else { return nil }
        // Where the bracket opens: the gap before the first word of the second name.
        // Asked of every capitalised word, so its bytes are read first: a space or a hyphen
        // between the words of a side, ` (` or `(` before the second, `)` after it.
        func joins(_ gap: Substring) -> Bool { gap.utf8.count == 1 && (gap.utf8.first == 0x20 || gap.utf8.first == 0x2D) }
        var open = start + 1
        while open < words.count, open - start <= limit, words[open].gapBefore.utf8.last != 0x28 {
            guard joins(words[open].gapBefore) else { return nil }
            open += 1
        }
        guard open < words.count, open - start <= limit, words[open].gapBefore.utf8.count <= 2,
            words[open].gapBefore.utf8.count == 1 || words[open].gapBefore.utf8.first == 0x20
        else { return nil }
        func closes(_ index: Int) -> Bool {
            let end = words[index].range.upperBound
            return end < text.endIndex && text.utf8[end] == 0x29
        }
        var close = open
        while close < words.count, close - open < limit, !closes(close) {
            guard close + 1 < words.count, joins(words[close + 1].gapBefore) else { return nil }
            close += 1
        }
        guard close < words.count, close - open < limit, closes(close) else { return nil }
        let closing = words[close].range.upperBound
        let first = text[words[start].range.lowerBound..<words[open - 1].range.upperBound]
        let second = text[words[open].range.lowerBound..<words[close].range.upperBound]
        func entities(_ name: Substring) -> [Int32: Gazetteer.Form] {
            var found: [Int32: Gazetteer.Form] = [:]
            for index in gazetteer.formsByText[String(name)] ?? [] {
                let form = gazetteer.forms[Int(index)]
                if !form.isLexical, isTranslatableName(form) { found[form.entry] = found[form.entry] ?? form }
            }
            return found
        }
        let named = entities(first), bracketed = entities(second)
        let shared = named.keys.filter { bracketed[$0] != nil }
        let entry: Int32, form: Gazetteer.Form
        if shared.count == 1, let only = shared.first, let found = named[only] {
            (entry, form) = (only, found)
        } else if shared.isEmpty, named.count + bracketed.count == 1, let (only, found) = named.first ?? bracketed.first {
            (entry, form) = (only, found)
        } else {
            return nil
        }
        guard let target = gazetteer.preferredForm(of: entry, language: language), target.hasSuffix(")"),
            let opening = target.firstRange(of: " (")
        else { return nil }
        if shared.isEmpty {
            // The side no language writes so is a slip of its part of this language's form.
            let (written, part) = named.isEmpty
                ? (first, target[..<opening.lowerBound]) : (second, target[opening.upperBound..<target.index(before: target.endIndex)])
            guard EditDistance.distance(keys.key(written), keys.key(part), limit: 2) != nil else { return nil }
        }
        let range = words[start].range.lowerBound..<text.index(after: closing)
        guard String(text[range]) != target else { return nil }
        return (change(range, target, .foreign, form, thresholds.foreignFormConfidence,
                       "\"\(first)\" and \"\(second)\" both name \(gazetteer.entry(of: form).id); \(language) writes \"\(target)\""),
                close - start + 1)
    }
}
