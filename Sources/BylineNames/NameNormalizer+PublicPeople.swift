import BylineNormalize
import BylineText

/// The phrase rules that read the list of public people (``NameIndexBuilder/people``).
extension NameNormalizer {
    /// A public person's full name (``NameIndexBuilder/people``) outside English: kept as
    /// the list writes it, and restored when written without its accents (`Jose Mourinho`
    /// → `José Mourinho` in German copy), when exactly one listed person has the same
    /// letters.
    ///
    /// The list is evidence of who exists, not of who is in the news: it holds a million
    /// people, and on news copy most two-word names one letter from a listed person are
    /// another, unlisted person (`Michael Cawley`, not `Michael Cowley`), so variant
    /// spellings are not read against it, and slips only as ``publicPersonSlip(_:)`` does.
    func publicPerson(_ c: PhraseCandidate) -> RuleOutcome {
        // English copy writes people's names without their accents as often as with them, and
        // keeping listed names as written changed no decision on English news: it is not read.
        guard c.length >= 2, c.language != "en", let people = gazetteer.index.publicPeople else { return .pass }
        guard c.members.dropFirst().allSatisfy({ $0.gapBefore == " " }), !c.members.contains(where: { isConnector($0.text) }),
            !c.members.contains(where: \.isAllCapitals)
        else { return .pass }
        if c.length <= 3, people.contains(String(c.written), givenKey: keys.key(c.words[c.start].text)) {
            return .keep(reason: "a public person's name as written")
        }
        // The whole run, or its last two words after ordinary ones: every German noun is
        // capitalised (`Trainer Jose Mourinho`). The exact letters of a listed person are
        // evidence enough of who is meant.
        // The first words of a longer name are no name of their own (`José Luis` of `José
        // Luis Rodríguez Zapatero` is no `José Luís`).
        // A capitalised ordinary word after it (every German noun) is no part of the name.
        let next = c.start + c.length
        let followed = next < c.words.count && c.words[next].isCapitalised && joinedAsName(c.words, from: next - 1, count: 2)
            && !isCommonWord(c.words[next].text, language: c.language)
        if followed { return .pass }
        var spans = c.length <= 3 ? [c.start..<c.start + c.length] : []
        let tail = c.start + c.length - 2
        if c.length >= 3, c.words[c.start..<tail].allSatisfy({ isCommonWord($0.text, language: c.language) }) {
            spans.append(tail..<c.start + c.length)
        }
        for span in spans {
            let written = Self.withoutPossessive(c.text[c.words[span.lowerBound].range.lowerBound..<c.words[span.upperBound - 1].range.upperBound])
            guard gazetteer.formsByText[String(written)] == nil else { continue }
            let givenKey = keys.key(c.words[span.lowerBound].text)
            if span.lowerBound != c.start, people.contains(String(written), givenKey: givenKey) { return .pass }
            // The name as written, or its stem before an ending the language's names take
            // (`Gerard Depardieus` in German, `Recep Tayyip Erdogan'ın` in Turkish): the
            // ending stays as written.
            var readings: [(stem: Substring, ending: Substring)] = [(written, "")]
            for ending in tables.endings[c.language] ?? [] where written.hasSuffix(ending) {
                var stem = written.dropLast(ending.count), cut = written.suffix(ending.count)
                if let mark = stem.last, mark == "'" || mark == "’" {
                    stem = stem.dropLast()
                    cut = written.suffix(ending.count + 1)
                }
                if let last = stem.split(separator: " ").last, last.count >= 3 { readings.append((stem, cut)) }
            }
            for (stem, ending) in readings {
                let stemKey = keys.key(stem)
                var found: Set<String> = []
                for name in people.people(givenKey: givenKey) where name != stem {
                    if name.split(separator: " ").count == span.count, keys.key(name) == stemKey, addsAccents(name, to: stem),
                        writesLetters(of: name, language: c.language)
                    {
                        found.insert(name)
                    }
                }
                guard found.count == 1, let name = found.first else {
                    if found.isEmpty { continue }
                    return .keep(reason: "\(found.count) public people are written with these letters")
                }
                let id = Self.publicPersonID(name)
                return .fix(NameChange(range: written.startIndex..<written.endIndex, replacement: name + ending, kind: .misspelling, entity: id,
                                       confidence: min(thresholds.accentsElsewhereConfidence, thresholds.maximumConfidence),
                                       reason: "\"\(written)\" is the public person \(name) without the accents"))
            }
        }
        return .pass
    }

    /// A name of two or three words written exactly as a listed public person's, in English
    /// copy: that person's, however another list spells a namesake (`Garry Kasparov`, which
    /// WordNet writes `Gary Kasparov`), and no slip of anyone's. The list's titles are
    /// English Wikipedia's, so other languages' copy, which spells names its own way, is
    /// read by ``publicPerson(_:)`` instead.
    func publicPersonAsWritten(_ c: PhraseCandidate) -> RuleOutcome {
        guard c.language == "en", c.length <= 3, let people = gazetteer.index.publicPeople,
            c.members.dropFirst().allSatisfy({ $0.gapBefore == " " }), !c.members.contains(where: \.isAllCapitals)
        else { return .pass }
        // The phrase as written has no possessive ending already.
        let written = String(c.written)
        guard gazetteer.formsByText[written] == nil, people.contains(written, givenKey: keys.key(c.words[c.start].text))
        else { return .pass }
        return .keep(reason: "a public person's name as written")
    }

    /// The entity id of a listed person: the English Wikipedia title (`enwiki:José_Mourinho`).
    static func publicPersonID(_ name: String) -> String { "enwiki:" + name.replacing(" ", with: "_") }

    /// Whether every accented letter of `name` is one `language` writes (`ö` in German,
    /// `ğ` in Turkish) or a Western European accent (`é`, `ñ`, `ç`), which German, French or
    /// Spanish copy keeps; letters of other alphabets (`č`, `ő`, `ł`) are often dropped by
    /// the press of languages that lack them (`Vladimir Meciar` in German copy), and Turkish
    /// and Azerbaijani copy writes foreign names with its own letters only (`Hugo Chavez'in`),
    /// so a name written without them is left as written.
    func writesLetters(of name: String, language: String) -> Bool {
        let own = Set(tables.alphabets[language] ?? [])
        let westernAccents = !TurkicCasing.isTurkic(language)
        return name.lowercased().unicodeScalars.allSatisfy { $0.isASCII || (westernAccents && $0.value < 0x100) || own.contains($0) }
    }

    /// A two-word name one typing slip from exactly one public person's, the other word
    /// exactly that person's (`Bernie Maddoff`, `Julian Nagelsman`, `Valteri Bottas`,
    /// `Kisrty Williams`).
    ///
    /// English and German copy: the list is English Wikipedia's, whose titles are the
    /// spellings English copy uses and German copy keeps for names of the Latin alphabet.
    /// German's own spellings of other names are no slips: `sch` for `sh` (`Alexander
    /// Lukaschenko`) and a final `e` added or left out (`Sven Schmitte`); its dictionary
    /// lists names among its capitalised words, so there a word it lists is no slip, and
    /// an ordinary word may be part of the name.
    ///
    /// Most two-word names a letter away from a listed person are someone else, so the
    /// slip must be of the kind a typist makes and a name rarely does: a letter left out,
    /// added or swapped with its neighbour, never the first letter, never a final `s` (a
    /// plural or genitive), and never a letter for another (`Sillerman` and `Silverman`,
    /// `Wyver` and `Wymer` are both real). The slipped word has at least
    /// ``NameThresholds/publicPersonSlipLetters`` letters, no listed person has it in that
    /// place (a surname a million people's names lack is seldom a real one), no dictionary
    /// or gazetteer lists it, and neither word is an ordinary word (`Make Love`, `Tony
    /// Award`).
    func publicPersonSlip(_ c: PhraseCandidate) -> RuleOutcome {
        // Other languages write foreign people's names their own way, often a letter from
        // English Wikipedia's title (`Chimon Peres` in French), and name local people the
        // list lacks (`José Gozalvo` in Spanish, one letter from `José Gonzalvo`).
        let german = Self.capitalisesNouns.contains(c.language)
        guard c.language == "en" || german, gazetteer.index.hasPublicPeople else { return .pass }
        // The whole run of capitals, or its last two words after ordinary ones (`Coach Julian
        // Nagelsman`, `And Bernie Maddoff` at the start of a sentence).
        let start: Int
        if c.length == 2 {
            guard isWholeRunOfCapitals(c) else { return .pass }
            start = c.start
        } else {
            guard c.words[c.start..<c.start + c.length - 2].allSatisfy({ isCommonWord($0.text, language: c.language) }) else { return .pass }
            start = c.start + c.length - 2
        }
        guard let (given, surnameText) = givenNameAndSurname(c, at: start, hyphens: true) else { return .pass }
        // A slip needs a word long enough; a name of the gazetteer as written is none
        // (`Antony Blinken`).
        let long = thresholds.publicPersonSlipLetters
        guard given.text.count >= long || surnameText.count >= long else { return .pass }
        let written = "\(given.text) \(surnameText)"
        guard gazetteer.formsByText[written] == nil else { return .pass }
        // The slipped word is no name the gazetteer knows, one no listed person has in its
        // place (so the name as written is not listed either), nor a name the dictionary
        // knows: asked in that order, from the pages other rules have read to those they
        // have not (each look-up in the list or the dictionary's filter maps a few pages).
        func mayBeSlip(_ word: Substring) -> Bool {
            word.count >= long && gazetteer.formsByText[String(word)] == nil
        }
        let surnameMayBe = mayBeSlip(surnameText), givenMayBe = mayBeSlip(given.text)
        // The list is opened (its first pages checked) only for a name that gets this far.
        guard surnameMayBe || givenMayBe, let people = gazetteer.index.publicPeople else { return .pass }
        func dictionaryName(_ word: Substring) -> Bool {
            german ? isCommonWord(word, language: c.language) : wordLists[c.language]?.containsProperName(lowerKey(word, language: c.language)) == true
        }
        // The surname's key serves both ways: its variants are looked for, or its people.
        let surnameKey = keys.key(surnameText)
        let surnameSlip = surnameMayBe && !people.hasSurname(key: surnameKey) && !dictionaryName(surnameText)
        guard surnameSlip || givenMayBe && !people.hasGivenName(key: keys.key(given.text)) && !dictionaryName(given.text) else { return .pass }
        // A name of the gazetteer within reach is the misspelling rule's to read, with its
        // entity (`Nicolas Sakozy`).
        let key = start == c.start ? c.key : keys.key(written)
        let nearForms = start == c.start ? c.nearForms : languageIndex(for: c.language).index?.candidates(for: key) ?? []
        let allowance = EditDistance.allowance(letters: key.filter { $0 != 0x20 }.count)
        if nearForms.contains(where: { candidate in
            let outline = gazetteer.index.outline(candidate)
            return outline.wordCount == 2 && !outline.isLexical
                && EditDistance.distance(key, gazetteer.forms[Int(candidate)].key, limit: allowance) != nil
        }) {
            return .pass
        }
        var found: Set<String> = []
        if surnameSlip {
            for variant in Self.slipVariants(of: surnameKey) {
                for name in people.people(surnameKey: variant) {
                    let parts = name.split(separator: " ")
                    if parts.count == 2, parts[0] == given.text, Self.isTypingSlip(surnameText, of: parts[1]),
                        !german || !Self.isGermanSpelling(surnameText, of: parts[1])
                    {
                        found.insert(name)
                    }
                }
            }
        } else {
            for name in people.people(surnameKey: surnameKey) {
                let parts = name.split(separator: " ")
                if parts.count == 2, parts[1] == surnameText, Self.isTypingSlip(given.text, of: parts[0]),
                    !german || !Self.isGermanSpelling(given.text, of: parts[0])
                {
                    found.insert(name)
                }
            }
        }
        return publicPersonOutcome(c, found: found, range: given.range.lowerBound..<surnameText.endIndex,
                                   confidence: thresholds.publicPersonSlipConfidence, ambiguity: "one slip from", how: "with a typing slip")
    }

    /// A listed person's surname, exact, after a given name that nobody on the list bears
    /// and that is the person's spelt another way (`Estaban Granero` → `Esteban Granero`,
    /// `Rademel Falcao` → `Radamel Falcao`): the given-name-variant rule over the list, in
    /// English copy.
    ///
    /// Without a measure of fame the list cannot tell a misspelt celebrity from another
    /// person: `Jon Petrie`, `Tim Hanlon` and `Janie Hendrix` are real people a vowel from
    /// listed ones. So the written given name must be one no listed person has and no
    /// dictionary lists; the surname must be distinctive (rarer than
    /// ``NameThresholds/distinctiveSurnameZipf``, and borne by at most
    /// ``NameThresholds/publicVariantSurnameSharers`` listed people: `Ali`, `Devi` and
    /// `Hashimoto` are not); the edits are a variant spelling's
    /// (``EditDistance/spellingVariantEdits(_:_:limit:vowels:soundAlike:silent:)``), not
    /// accents alone (English copy drops them); and exactly one listed person qualifies.
    func publicGivenNameVariant(_ c: PhraseCandidate) -> RuleOutcome {
        guard c.language == "en", c.length == 2, gazetteer.index.hasPublicPeople, isWholeRunOfCapitals(c),
            let (given, surnameText) = givenNameAndSurname(c, at: c.start, hyphens: false)
        else { return .pass }
        let written = "\(given.text) \(surnameText)"
        guard gazetteer.formsByText[written] == nil,
            nameFrequency(String(surnameText), language: c.language) < thresholds.distinctiveSurnameZipf,
            let people = gazetteer.index.publicPeople
        else { return .pass }
        let givenKey = keys.key(given.text)
        // A given name that someone on the list bears, or that the dictionary lists, is as
        // often another person's (`Jon Petrie`, `Tim Hanlon`, `Janie Hendrix`): only a
        // given name nobody bears is read as a variant.
        if people.hasGivenName(key: givenKey) || wordLists[c.language]?.containsProperName(lowerKey(given.text, language: c.language)) == true {
            return .pass
        }
        let sharers = people.people(surnameKey: keys.key(surnameText))
        guard sharers.count <= thresholds.publicVariantSurnameSharers else { return .pass }
        var found: Set<String> = []
        for name in sharers {
            let parts = name.split(separator: " ")
            guard parts.count == 2, parts[1] == surnameText, parts[0] != given.text,
                let edits = EditDistance.spellingVariantEdits(givenKey, keys.key(parts[0]), limit: thresholds.givenNameVariantEdits,
                                                              vowels: vowels, soundAlike: soundAlike, silent: silentLetters), edits > 0
            else { continue }
            found.insert(name)
        }
        return publicPersonOutcome(c, found: found, range: given.range.lowerBound..<surnameText.endIndex,
                                   confidence: thresholds.givenNameVariantConfidence, ambiguity: "a variant of the names of",
                                   how: "with the given name spelt another way")
    }

    /// The given name and the surname (a possessive left out) of the two words from
    /// `start`, when they are joined by a space, neither is a connector, in capitals or an
    /// ordinary word, and both have three letters or more (and only letters, or hyphens too
    /// with `hyphens`): a two-letter word (`Su Qifang`) is shared by too many people to say
    /// who is meant.
    func givenNameAndSurname(_ c: PhraseCandidate, at start: Int, hyphens: Bool) -> (given: Token, surname: Substring)? {
        let given = c.words[start], surname = c.words[start + 1]
        guard surname.gapBefore == " ", !isConnector(given.text), !given.isAllCapitals, !surname.isAllCapitals else { return nil }
        let surnameText = Self.withoutPossessive(surname.text)
        guard [given.text, surnameText].allSatisfy({ word in
            word.count >= 3 && word.allSatisfy { $0.isLetter || hyphens && $0 == "-" }
                && (Self.capitalisesNouns.contains(c.language) || !isCommonWord(word, language: c.language))
        }) else { return nil }
        return (given, surnameText)
    }

    /// The fix toward the one listed person `found` holds, or why there is none: several
    /// people (`ambiguity` says how they are near), or a word of the name that the text
    /// writes again (a name of its own, spelt consistently).
    func publicPersonOutcome(
        _ c: PhraseCandidate, found: Set<String>, range: TextRange, confidence: Double, ambiguity: String, how: String
    ) -> RuleOutcome {
        guard let name = found.first else { return .pass }
        guard found.count == 1 else { return .keep(reason: "\(ambiguity) \(found.count) public people") }
        if repeatedSlip(c, reading: name) != nil { return .keep(reason: "the text writes a word of it so more than once") }
        return .fix(NameChange(range: range, replacement: name, kind: .misspelling, entity: Self.publicPersonID(name),
                               confidence: confidence, reason: "\"\(c.text[range])\" is the public person \(name) \(how)"))
    }

    /// The keys one typing slip from `key` (see ``isTypingSlip(_:of:)``): a letter of it left
    /// out, two neighbours swapped, a letter moved over two others, or a Latin letter put in,
    /// never at the first letter.
    static func slipVariants(of key: [UInt32]) -> [[UInt32]] {
        guard key.count >= 2 else { return [] }
        var variants: [[UInt32]] = []
        for index in 1..<key.count {
            var shorter = key
            shorter.remove(at: index)
            variants.append(shorter)
            if index + 1 < key.count, key[index] != key[index + 1] {
                var swapped = key
                swapped.swapAt(index, index + 1)
                variants.append(swapped)
            }
        }
        // A letter moved over two others, either way (`Trduea` of `Trudea`).
        for index in 1..<max(1, key.count - 2) {
            let three = key[index..<index + 3]
            for moved in [[three[index + 1], three[index + 2], three[index]], [three[index + 2], three[index], three[index + 1]]]
            where moved != Array(three) {
                variants.append(Array(key[..<index]) + moved + Array(key[(index + 3)...]))
            }
        }
        for index in 1...key.count {
            for letter in UInt32(0x61)...UInt32(0x7A) {
                var longer = key
                longer.insert(letter, at: index)
                variants.append(longer)
            }
        }
        return variants
    }

    /// Whether `written` is `name` as German writes such names, not a slip: `sch` for
    /// English `sh` (`Lukaschenko`, `Poroschenko`), or a final `e` added or left out
    /// (`Schmitte` and `Schmitt` are both German surnames).
    static func isGermanSpelling(_ written: Substring, of name: Substring) -> Bool {
        let typed = written.lowercased(), listed = name.lowercased()
        return typed.replacing("sch", with: "sh") == listed || typed + "e" == listed || typed == listed + "e"
    }

    /// Whether `typed` is `name` with one typing slip: a letter left out or added, two
    /// neighbours swapped or a letter moved over two others, not at the first letter and not
    /// a final `s`.
    static func isTypingSlip(_ typed: Substring, of name: Substring) -> Bool {
        let a = Array(typed.unicodeScalars), b = Array(name.unicodeScalars)
        guard a.first == b.first, a != b, abs(a.count - b.count) <= 1 else { return false }
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var index = 0
        while index < short.count && long[index] == short[index] { index += 1 }
        if long.count > short.count {
            if long.last == "s" && long.dropLast().elementsEqual(short) { return false }
            return long[(index + 1)...].elementsEqual(short[index...])
        }
        guard index + 1 < a.count else { return false }
        if a[index] == b[index + 1] && a[index + 1] == b[index] && a[(index + 2)...].elementsEqual(b[(index + 2)...]) { return true }
        // A letter moved over two others, either way.
        guard index + 2 < a.count, a[(index + 3)...].elementsEqual(b[(index + 3)...]) else { return false }
        return EditDistance.isMovedLetter((a[index].value, a[index + 1].value, a[index + 2].value), (b[index].value, b[index + 1].value, b[index + 2].value))
    }
}
