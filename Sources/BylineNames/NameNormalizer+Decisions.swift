import BylineText

extension NameNormalizer {
    /// One reading of a word or phrase as a name.
    struct Reading {
        var form: Gazetteer.Form
        var replacement: String
        var distance: Int
        var score: Double
        /// The edits weighted by how common each slip is (``EditDistance/typoCost(_:_:vowels:)``).
        var cost: Double
        /// How often the name occurs in text (Zipf), 0 when unknown.
        var frequency: Double
        /// The ending the reading keeps after the name, as written (empty for the whole word).
        var ending: Substring = ""

        init(form: Gazetteer.Form, replacement: String, distance: Int, score: Double, cost: Double? = nil, frequency: Double = 0) {
            self.form = form
            self.replacement = replacement
            self.distance = distance
            self.score = score
            self.cost = cost ?? Double(distance)
            self.frequency = frequency
        }
    }

    func isCommonWord(_ word: Substring, language: String) -> Bool {
        wordLists[language]?.containsCommonWord(lowerKey(word, language: language)) == true
    }

    /// True when two phrase keys have a word in common (`jo biden`, `joe biden`).
    func sharesWord(_ a: [UInt32], _ b: [UInt32]) -> Bool {
        let first = Set(a.split(separator: 0x20).map(Array.init))
        return b.split(separator: 0x20).contains { first.contains(Array($0)) }
    }

    /// True for a word a name may hold between its capitalised words (`and`, `am`, `upon`;
    /// ``NameLanguageTables/connectors``).
    func isConnector(_ word: Substring) -> Bool {
        word.utf8.count <= joiningWords.longestConnector && joiningWords.connectors.contains(word)
    }

    /// True when `word` has `minimum` Characters or more, all letters; a word of ASCII
    /// letters alone is answered from its bytes.
    static func isLongWordOfLetters(_ word: Substring, minimum: Int) -> Bool {
        if word.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) { return word.utf8.count >= minimum }
        return word.count >= minimum && word.allSatisfy(\.isLetter)
    }


    /// A famous name misspelt in lower case (`iraland`): a word of six letters or more
    /// that no desk language knows, one common slip (cost 0.7 at most) from a name this
    /// language writes very often (Zipf 3.5 or more) and from nothing else, not even an
    /// ordinary word. Lower-case words are not name slots, so the bar is higher than for
    /// capitalised ones.
    func lowerCaseChange(_ words: [Token], at position: Int, language: String) -> NameChange? {
        let word = words[position]
        let written = word.text
        // Most lower-case words are words of the text's own language: ask its list first.
        guard language != "ru", Self.isLongWordOfLetters(written, minimum: thresholds.minimumLowerCaseLetters), frequencies[language] != nil,
            !isKnownWord(written, language: language),
            !wordLists.contains(where: { isKnownWord(written, language: $0.key) }),
            gazetteer.formsByText[String(written)] == nil
        else { return nil }
        let key = keys.key(written)
        let index = languageIndex(for: language)
        var readings: [Reading] = []
        for candidate in index.index?.candidates(for: key) ?? [] {
            guard gazetteer.index.outline(candidate).wordCount == 1 else { continue }
            let form = gazetteer.forms[Int(candidate)]
            guard let indexed = index.indexedKeys[candidate],
                EditDistance.distance(key, indexed, limit: 1) == 1
            else { continue }
            let cost = EditDistance.typoCost(key, indexed, vowels: vowels)
            guard cost <= thresholds.lowerCaseCandidateCost else { continue }
            readings.append(Reading(form: form, replacement: form.text, distance: 1, score: -cost, cost: cost,
                                    frequency: nameFrequency(form.text, language: language)))
        }
        let names = Set(readings.map(\.form.text))
        guard names.count == 1, let best = readings.min(by: { $0.cost < $1.cost }), best.cost <= thresholds.lowerCaseSlipCost, best.frequency >= thresholds.lowerCaseNameZipf,
            let list = wordLists[language], !list.containsCommonWord(lowerKey(best.form.text, language: language)),
            nearestOrdinaryWord(lowerKey(written, language: language), list: list, language: language, except: "") == nil
        else { return nil }
        return change(word.range, best.replacement, .misspelling, best.form, thresholds.lowerCaseConfidence,
                      "\"\(written)\" is \"\(best.replacement)\" misspelt, in lower case")
    }

    /// True when `word` has a letter this language's alphabet lacks (`é` in English or
    /// Turkish, `ñ` in German): then an accented spelling is another language's. With
    /// `nonASCIIOnly`, the Latin letters an alphabet lacks (`w` and `x` in Turkish) do not count.
    func hasForeignLetters(_ word: Substring, language: String, nonASCIIOnly: Bool = false) -> Bool {
        guard let alphabet = tables.alphabets[language] else { return true }
        let letters = Set(alphabet)
        return lowerKey(word, language: language).unicodeScalars.contains {
            ($0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark) && !letters.contains($0)
                && !(nonASCIIOnly && $0.isASCII)
        }
    }

    /// True when two spellings with the same fold key differ in letters that this
    /// language keeps apart: `Küba` and `Kuba`, `Italiya` and `İtaliya` in Azerbaijani
    /// are different words, not one word with and without accents.
    func differsInLetters(_ a: String, _ b: String, language: String) -> Bool {
        guard let distinct = tables.distinctLetters[language] else { return false }
        let x = Array(lowerKey(a, language: language))
        let y = Array(lowerKey(b, language: language))
        guard x.count == y.count else { return true }
        return zip(x, y).contains { $0 != $1 && (distinct.contains($0) || distinct.contains($1)) }
    }

    /// The importance that a name's use in this language's text gives it, on the scale of
    /// entity weights: Zipf 5 (`Russian`) is 100, Zipf 2 is 25. `Istanbul` is named by
    /// few GeoNames catalogues but written every day.
    /// A name that is also a common word (`Occidental` in Spanish) gets none: its
    /// frequency counts the word.
    func usedWeight(_ name: String, language: String) -> Double {
        weight(ofFrequency: nameFrequency(name, language: language))
    }

    /// A Zipf value on the scale of entity weights (0 for an unknown frequency).
    func weight(ofFrequency zipf: Double) -> Double {
        zipf > 0 ? min(100, max(0, (zipf - thresholds.frequencyOffset) * thresholds.frequencyScale)) : 0
    }

    /// How often `name` occurs in this language's text (Zipf), or 0 when unknown or when
    /// the name is also a common word, whose uses the figure would count.
    func nameFrequency(_ name: String, language: String) -> Double {
        let lower = lowerKey(name, language: language)
        guard let zipf = frequencies[language]?[lower], zipf > 0, wordLists[language]?.containsCommonWord(lower) != true else { return 0 }
        return zipf
    }

    /// How often running text writes `word` (Zipf), whether as a name or as a word, or 0
    /// (also for a public person's name, which the frequency files store negated).
    func writtenFrequency<S: StringProtocol>(_ word: S, language: String) -> Double {
        max(0, frequencies[language]?[lowerKey(word, language: language)] ?? 0)
    }

    /// How often running text writes `word` as a public person's given name or surname
    /// (Zipf; the frequency files store it negated, apart from the names' own), or 0.
    func publicNameFrequency<S: StringProtocol>(_ word: S, language: String) -> Double {
        guard let zipf = frequencies[language]?[lowerKey(word, language: language)] else { return 0 }
        return abs(zipf)
    }

    /// True when running text writes `written` at least half as often as `form`, its
    /// accented spelling: then it is a variant of the language (`Rumania` beside `Rumanía`
    /// in Spanish), not a slip (`Bogota`, thirteen times rarer than `Bogotá`).
    func isUsedVariant<S: StringProtocol>(_ written: S, of form: String, language: String) -> Bool {
        guard let table = frequencies[language], let plain = table[lowerKey(written, language: language)], plain > 0 else { return false }
        return plain > (table[lowerKey(form, language: language)] ?? 0) - thresholds.variantFrequencyMargin
    }

    /// True when `form` is `written` with accents added (never taken away: `Nigéria` and
    /// `Nigeria` may both be right, but a missing accent is the usual slip).
    func addsAccents(_ form: String, to written: Substring) -> Bool {
        func accented(_ text: some StringProtocol) -> Int { text.unicodeScalars.filter { !$0.isASCII }.count }
        return form != String(written) && accented(form) > accented(written)
    }

    // MARK: Shared rules

    /// Scores a reading: fewer edits first, then importance and the text's support.
    func score(_ form: Gazetteer.Form, distance: Int, context: DocumentContext, frequency: Double = 0) -> Double {
        let entry = gazetteer.entry(of: form)
        // One edit more outweighs any difference of importance; only the text's own names
        // can overturn it. A name is as important as its entity's weight, or as its use
        // in text makes it (Zipf 5, `Russian`, counts as a country).
        var value = -thresholds.editPenalty * Double(distance)
        value += max(Double(entry.weight), weight(ofFrequency: frequency)) / 100 * thresholds.importanceScale
        if context.supports(entry) { value += thresholds.supportBonus }
        if entry.kind.isPlace && context.placeCount > 0 { value += thresholds.placeContextBonus }
        return value
    }

    /// The best reading when it stands clear of every rival with another spelling.
    func decide(_ readings: [Reading]) -> Reading? {
        // One name read with different endings: at the same score a word the language
        // writes comes first (`Испанией`, not `Испаний`; `Argentinanın`, not `Argentinaın`),
        // then the likelier slip, then the longer ending kept as written (`Ermənistada` is
        // `Ermənistan` + `da` with a letter left out before it).
        // Of an entity's spellings, its preferred one (`Norveç`, not `Norvec`).
        let written = writtenForms(among: readings), preferred = preferredForms(among: readings)
        // A total order, so that the same text always gets the same answer.
        let sorted = readings.indices.sorted { i, j in
            let a = readings[i], b = readings[j]
            if a.score != b.score { return a.score > b.score }
            if written[i] != written[j] { return written[i] }
            if preferred[i] != preferred[j] { return preferred[i] }
            if a.cost != b.cost { return a.cost < b.cost }
            if a.ending.count != b.ending.count { return a.ending.count > b.ending.count }
            if a.replacement != b.replacement { return a.replacement < b.replacement }
            if a.form.text != b.form.text { return a.form.text < b.form.text }
            return a.form.entry < b.form.entry
        }.map { readings[$0] }
        // Readings that give the same replacement, or read the same name with and without
        // an ending (`Achilles`, `Achilles` + `s`), are one reading, not rivals; nor are two
        // spellings of one entity in the language (`Norveç` and `Norvec`, `Əfqanıstan` and
        // `Əfqənistan`): the first in that order stands for all of them.
        var ranked: [Reading] = []
        var replacements: Set<String> = []
        var names: Set<String> = []
        var entities: Set<Int32> = []
        for reading in sorted where !replacements.contains(reading.replacement) && !names.contains(reading.form.text)
            && (reading.form.isLexical || !entities.contains(reading.form.entry))
        {
            ranked.append(reading)
            replacements.insert(reading.replacement)
            names.insert(reading.form.text)
            if !reading.form.isLexical { entities.insert(reading.form.entry) }
        }
        guard let first = ranked.first else { return nil }
        let contenders = ranked.prefix { $0.score > first.score - thresholds.rivalScoreMargin }
        if contenders.count == 1 { return first }
        // Close rivals: the one reached by a clearly likelier slip wins (`Ukranian` is
        // `Ukrainian` with a letter dropped, `Uranian` with one changed), else none does.
        let cheapest = contenders.min { ($0.cost, $1.score, $0.replacement) < ($1.cost, $0.score, $1.replacement) }!
        let clear = contenders.allSatisfy { $0.form.text == cheapest.form.text || $0.cost >= cheapest.cost + thresholds.clearSlipMargin }
        if clear { return cheapest }
        // As likely single slips: the name met ten times as often as every other wins
        // (`Asian` for `Asain`, not `Asan`).
        guard cheapest.cost <= thresholds.frequentRivalCost else { return nil }
        let likeliest = contenders.filter { $0.cost < cheapest.cost + thresholds.clearSlipMargin }
        let common = likeliest.max { ($0.frequency, $1.replacement) < ($1.frequency, $0.replacement) }!
        let standsOut = likeliest.allSatisfy { $0.form.text == common.form.text || $0.frequency <= common.frequency - thresholds.frequencyLead }
        return standsOut ? common : nil
    }

    /// For each reading, whether its replacement is a word its language's dictionary lists,
    /// asked only of names read with more than one replacement (the others need no
    /// tie-break).
    func writtenForms(among readings: [Reading]) -> [Bool] {
        var written = [Bool](repeating: false, count: readings.count)
        guard readings.count > 1 else { return written }
        var byName: [String: [Int]] = [:]
        for (index, reading) in readings.enumerated() { byName[reading.form.text, default: []].append(index) }
        for indices in byName.values where indices.count > 1 && indices.contains(where: { readings[$0].replacement != readings[indices[0]].replacement }) {
            for index in indices {
                let reading = readings[index], language = reading.form.language
                guard let list = wordLists[language] else { continue }
                let lower = lowerKey(reading.replacement, language: language)
                written[index] = list.containsProperName(lower) || list.containsCommonWord(lower)
            }
        }
        return written
    }

    /// For each reading, whether its form is its entity's preferred spelling in its
    /// language, asked only of entities read through more than one spelling.
    func preferredForms(among readings: [Reading]) -> [Bool] {
        var preferred = [Bool](repeating: false, count: readings.count)
        guard readings.count > 1 else { return preferred }
        var byEntity: [Int32: [Int]] = [:]
        for (index, reading) in readings.enumerated() where !reading.form.isLexical { byEntity[reading.form.entry, default: []].append(index) }
        for (entry, indices) in byEntity where indices.contains(where: { readings[$0].form.text != readings[indices[0]].form.text }) {
            for index in indices {
                preferred[index] = gazetteer.preferredForm(of: entry, language: readings[index].form.language) == readings[index].form.text
            }
        }
        return preferred
    }

    /// The language's own form with exactly this key (accents, case and hyphens aside).
    func bestForm(key: [UInt32], language: String, lexical: Bool) -> Gazetteer.Form? {
        var found: [String: Gazetteer.Form] = [:]
        for index in gazetteer.formsByKey[key] ?? [] {
            let form = gazetteer.forms[Int(index)]
            guard form.language == language, lexical || !form.isLexical else { continue }
            found[form.text] = found[form.text] ?? form
        }
        if found.count == 1 { return found.values.first }
        // Spellings of one entity (`Şri-Lanka`, `Şri Lanka`): its preferred one.
        guard let entry = found.values.first?.entry, !found.values.contains(where: { $0.isLexical || $0.entry != entry }),
            let preferred = gazetteer.preferredForm(of: entry, language: language)
        else { return nil }
        return found[preferred]
    }

    /// When `written` (or, given a key, any spelling with that key) is another language's
    /// name of an entity that this language names differently, that form and the target.
    func foreignTarget(key: [UInt32]?, written: String, language: String) -> (Gazetteer.Form, String)? {
        let indices = key.map { gazetteer.formsByKey[$0] ?? [] } ?? gazetteer.formsByText[written] ?? []
        guard !indices.isEmpty else { return nil }
        var targets: [String: (Gazetteer.Form, Int)] = [:]
        for index in indices {
            let form = gazetteer.forms[Int(index)]
            if form.language == language && !form.isLexical { return nil }
            guard !form.isLexical, Self.foreignSources.contains(form.language), isTranslatableName(form),
                let target = gazetteer.preferredForm(of: form.entry, language: language), target != written
            else { continue }
            let weight = gazetteer.entry(of: form).weight
            if targets[target].map({ $0.1 < weight }) ?? true { targets[target] = (form, weight) }
        }
        // A form that adds a word for what the place is (`Vaşinqton ştatı`, `штат …`) names
        // the region; written bare, the name is read as the city when a bare form exists.
        let wordCount = written.split(whereSeparator: { $0 == " " || $0 == "-" }).count
        var bare = targets.filter { $0.key.split(whereSeparator: { $0 == " " || $0 == "-" }).count <= wordCount }
        if !bare.isEmpty && bare.count < targets.count {
            // The bare name stands for the region as well (`Vaşinqton` in `Vaşinqton ştatı`),
            // so it is as important as the region.
            for (target, reading) in bare {
                let regions = targets.filter { $0.key.hasPrefix(target + " ") }.map(\.value)
                if let region = regions.max(by: { $0.1 < $1.1 }), region.1 > reading.1 { bare[target] = region }
            }
            targets = bare
        }
        let ranked = targets.sorted { $0.value.1 > $1.value.1 || ($0.value.1 == $1.value.1 && $0.key < $1.key) }
        guard let first = ranked.first else { return nil }
        if ranked.count > 1 && ranked[1].value.1 * thresholds.foreignTargetDominance > first.value.1 { return nil }
        return (first.value.0, first.key)
    }

    /// Whether another language's form of this entity is a name to put in this language's
    /// form: not the world, which is a word (`Die Welt` in Spanish copy is a newspaper).
    func isTranslatableName(_ form: Gazetteer.Form) -> Bool {
        gazetteer.entry(of: form).id != "region:001"
    }

    /// A name of any language with the same letters as `written` plus accents it lacks
    /// (`Frédéric` for `Frederic`), when exactly one spelling qualifies and `written` is
    /// no name of its own anywhere.
    /// English copy writes people's names without their accents as often as with them, so
    /// in English only major places with Latin accents qualify; a dotted capital `İ` is
    /// Turkic spelling of `I`, never an accent that another language's copy has lost
    /// (`Ivanovic`).
    func accentedNameElsewhere(key: [UInt32], written: String, language: String) -> Gazetteer.Form? {
        guard gazetteer.formsByText[written] == nil, written.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
        var found: [String: Gazetteer.Form] = [:]
        for index in gazetteer.formsByKey[key] ?? [] {
            let form = gazetteer.forms[Int(index)]
            guard form.text != written, form.text.unicodeScalars.count == written.unicodeScalars.count,
                language != "en" || !form.isLexical && gazetteer.entry(of: form).weight >= thresholds.majorWeight && Self.latinAccentsOnly(form.text),
                !(form.text.hasPrefix("İ") && language != "tr" && language != "az"),
                // Accents added, not only capitals moved (`Macdonald` for `MacDonald`).
                isAccentSource(form, for: language), addsAccents(form.text, to: Substring(written))
            else { continue }
            found[form.text] = found[form.text] ?? form
        }
        return found.count == 1 ? found.values.first : nil
    }

    /// Whether a dictionary's name of another language may give its accents to `language`'s
    /// copy. Not when that language respells foreign names in its own letters: the
    /// Azerbaijani and Kazakh lists write `Ançelotti`, `İvanov`, `İnstitute`, which are
    /// those languages' spellings, not the names' own.
    func isAccentSource(_ form: Gazetteer.Form, for language: String) -> Bool {
        !form.isLexical || form.language == language || !Self.respellingLanguages.contains(form.language)
    }

    /// Languages whose dictionaries spell foreign names in their own letters.
    static let respellingLanguages: Set<String> = ["az", "kk"]

    /// The accented spelling of a person's name that `words[position]` writes without its
    /// marks, in a language that keeps other languages' accents (`Rene Descartes`,
    /// `Emily Bronte` in German): the word must stand beside the other part of the name,
    /// that part must be a name in a language whose dictionary writes this one with the
    /// marks, the word must be no word of this language, and exactly one accented
    /// spelling must qualify. English copy often drops such marks, so English is left
    /// alone, and a given name never takes marks from English (which has none of its own).
    func accentedPersonName(_ words: [Token], at position: Int, language: String) -> Gazetteer.Form? {
        let word = words[position]
        guard language != "en", tables.alphabets[language] != nil,
            word.text.unicodeScalars.allSatisfy(\.isASCII), !isKnownWord(word.text, language: language)
        else { return nil }
        func partner(_ index: Int) -> Token? {
            guard words.indices.contains(index), words[index].isCapitalised, !words[index].isAllCapitals,
                joinedAsName(words, from: min(index, position), count: 2)
            else { return nil }
            return words[index]
        }
        // A given name before its surname, or a surname after its given name; a word
        // inside a longer run of names is left alone.
        let next = partner(position + 1), previous = words[position].startsSentence ? nil : partner(position - 1)
        guard (next == nil) != (previous == nil), let other = next ?? previous else { return nil }
        let written = String(word.text)
        if let own = gazetteer.formsByText[written], own.contains(where: { gazetteer.forms[Int($0)].language == language }) {
            return nil
        }
        var found: [String: Gazetteer.Form] = [:]
        for index in gazetteer.formsByKey[keys.key(written)] ?? [] {
            let form = gazetteer.forms[Int(index)]
            guard form.isLexical, next == nil || form.language != "en", form.language != language, form.text != written,
                form.text.unicodeScalars.count == written.unicodeScalars.count, isAccentSource(form, for: language),
                addsAccents(form.text, to: Substring(written)),
                !(gazetteer.formsByText[written] ?? []).contains(where: { gazetteer.forms[Int($0)].language == form.language })
            else { continue }
            found[form.text] = found[form.text] ?? form
        }
        guard found.count == 1, let form = found.values.first else { return nil }
        // The other part must be a name of a language that writes this one so (`Descartes`
        // beside `René`): `Jose Yglesias` is an American writer who spelt it so.
        let languages = Set((gazetteer.formsByText[form.text] ?? []).map { gazetteer.forms[Int($0)] }.filter(\.isLexical).map(\.language))
        let sameLanguage = (gazetteer.formsByText[String(other.text)] ?? []).contains { languages.contains(gazetteer.forms[Int($0)].language) }
            || languages.contains { wordLists[$0]?.containsProperName(lowerKey(other.text, language: $0)) == true }
        return sameLanguage ? form : nil
    }

    func isKnownWord<S: StringProtocol>(_ word: S, language: String) -> Bool {
        guard let list = wordLists[language] else { return false }
        let lower = lowerKey(word, language: language)
        return list.containsCommonWord(lower) || list.containsProperName(lower)
    }

    /// True when a title (`Mr`, `President`) stands right before the word.
    func isPersonSlot(_ words: [Token], at position: Int, language: String) -> Bool {
        guard position > 0, let titles = tables.titles[language] else { return false }
        let previous = words[position - 1]
        return titles.contains(lowerKey(previous.text, language: language)) && !words[position].startsSentence
    }

    /// True when `word`, after a space, is a word for a kind of place (`Canal`, `Islands`,
    /// `Denizi'nde` with its ending after the apostrophe): the word before it names a place.
    func isPlaceGeneric(_ word: Token, language: String) -> Bool {
        guard word.gapBefore == " ", let generics = tables.placeGenerics[language] else { return false }
        let text = word.text
        let stem = text.firstIndex(where: { $0 == "'" || $0 == "’" }).map { text[..<$0] } ?? text
        return generics.contains(lowerKey(stem, language: language))
    }

    /// True when the word is one part of a longer capitalised name (`Seol Ki-hyeon`,
    /// `Horst Görtz`, `Ben-Gurion`, `West Orange`): such a word belongs to a name of its
    /// own, which only a reading of the whole run may change. A sentence-initial ordinary
    /// word or a title before it does not count, nor does a word for a kind of place after
    /// it (`Panamal Canal`).
    func partOfLongerName(_ words: [Token], at position: Int, language: String) -> Bool {
        func namePart(_ index: Int, hyphenated: Bool) -> Bool {
            guard words.indices.contains(index), words[index].isCapitalised else { return false }
            if hyphenated { return true }
            // A particle before a surname (`Di Caprio`, `Van Gogh`, `De Gaulle`).
            if index < position, isConnector(Substring(words[index].text.lowercased())), words[index].text.count <= 3 {
                return true
            }
            let lower = lowerKey(words[index].text, language: language)
            if tables.titles[language]?.contains(lower) ?? false { return false }
            // A common word capitalised inside a sentence is part of a name (`Credit
            // Suisse`, `East Anglia`); at the start of one it is just the first word.
            if wordLists[language]?.containsCommonWord(lower) == true { return !words[index].startsSentence }
            // A place of its own beside it (`Seol Pxenyana`) makes a list, not one long
            // name; a given name or surname beside it (`Jonny Wilkinson`) makes a person.
            return !isKnownPlace(words[index].text, language: language)
        }
        let next = position + 1
        // A word for a kind of place after it (`Panamal Canal`, `Chatnam Islands`) makes it
        // a place's name of its own, read as such.
        let beforeGeneric = next < words.count && isPlaceGeneric(words[next], language: language)
        if !beforeGeneric, next < words.count, joinedAsName(words, from: position, count: 2),
            namePart(next, hyphenated: words[next].gapBefore == "-")
        {
            return true
        }
        if position > 0, joinedAsName(words, from: position - 1, count: 2),
            namePart(position - 1, hyphenated: words[position].gapBefore == "-")
        {
            return true
        }
        // A lower-case particle between two capitalised words (`Ile de France`, `Rio de
        // Janeiro`): both belong to one name. A conjunction makes a list (`Washington and
        // Seol`).
        func linked(_ a: Int, _ b: Int) -> Bool {
            a >= 0 && b < words.count && words[a].isCapitalised && words[b].isCapitalised
                && joiningWords.particles.contains(words[a + 1].text) && joinedAsName(words, from: a, count: 3)
        }
        return linked(position - 2, position) || linked(position, position + 2)
    }

    /// The typo cost (``EditDistance/typoCost(_:_:vowels:)``) of the likeliest ordinary word one
    /// edit from `lower`, or nil when there is none: probes every such word in the word
    /// list. `except` is the reading itself in lower case, which is no rival when the
    /// language also uses it as a common word (`August` and `august`). A reading stands
    /// against such a word only when it is the likelier slip by more than 0.2: `Sundey` is
    /// `Sunday` with a vowel changed, `sunder` with a consonant; `Gaus'` is `Gauss'` with a
    /// letter undoubled, `gays` with a vowel changed.
    func nearestOrdinaryWord(_ lower: String, list: WordList, language: String, except: String) -> Double? {
        let letters = Array(lower.unicodeScalars)
        let alphabet = tables.alphabets[language] ?? tables.alphabets["en"] ?? []
        let written = letters.map(\.value)
        var nearest: Double?
        func probe(_ scalars: [Unicode.Scalar]) {
            var candidate = String.UnicodeScalarView()
            candidate.append(contentsOf: scalars)
            let word = String(candidate)
            guard word != except, list.containsCommonWord(word) else { return }
            let cost = EditDistance.typoCost(written, scalars.map(\.value), vowels: vowels)
            nearest = min(nearest ?? cost, cost)
        }
        for index in letters.indices {
            var deleted = letters
            deleted.remove(at: index)
            if deleted.count >= 3 { probe(deleted) }
            if index + 1 < letters.count {
                var swapped = letters
                swapped.swapAt(index, index + 1)
                probe(swapped)
            }
            for replacement in alphabet where replacement != letters[index] {
                var substituted = letters
                substituted[index] = replacement
                probe(substituted)
            }
        }
        for index in 0...letters.count {
            for insertion in alphabet {
                var inserted = letters
                inserted.insert(insertion, at: index)
                probe(inserted)
            }
        }
        return nearest
    }

    /// The languages whose forms count as foreign forms in a text: those of the desk's
    /// region, whose spellings leak into each other's copy, and Europe's larger languages,
    /// which wire copy is translated from. A spelling only some other
    /// language uses (`Misuri` is Galician and Slovene for Missouri, and Spanish writes it
    /// too) is as likely this language's own variant.
    static let foreignSources: Set<String> = [
        "en", "ru", "az", "tr", "de", "fr", "es", "uk", "be", "kk", "ky", "uz", "tk",
        "it", "pt", "nl", "pl", "sv", "da", "nb", "no", "fi", "cs",
    ]

    /// True when every letter of `text` is ASCII or a Latin-1 accented letter (`é`, `ü`,
    /// `ñ`), not a scholarly transliteration's macron or dot (`Sakhnīn`), which English
    /// copy does not write.
    static func latinAccentsOnly(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x180 && !(0x100..<0x180).contains($0.value) }
    }

    /// True when `short` is one word of the longer name `long` (`Congo` of
    /// `Congo-Brazzaville`).
    static func isPart(_ short: String, of long: String) -> Bool {
        let words = long.split(whereSeparator: { $0 == " " || $0 == "-" })
        return words.count > 1 && words.contains(Substring(short))
    }

    /// True when `long` is `short`, accents aside, followed by more words (`Île-de-France
    /// Region` begins with `Ile-de-France`, `Abu Dhabi Island and Internal Islands City`
    /// with `Abu Dhabi`).
    static func beginsWithName<S: StringProtocol>(_ long: String, _ short: S, keys: MatchKeyMaker) -> Bool {
        let longWords = long.split(separator: " "), shortWords = short.split(separator: " ")
        guard longWords.count > shortWords.count else { return false }
        return keys.key(longWords.prefix(shortWords.count).joined(separator: " ")) == keys.key(short)
    }

    /// The letters of `text`, in lower case, without spaces, hyphens, dashes and dots.
    static func lettersOnly<S: StringProtocol>(_ text: S) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }))
    }

    func change(
        _ range: TextRange, _ replacement: String, _ kind: NameChange.Kind, _ form: Gazetteer.Form, _ confidence: Double,
        _ reason: String
    ) -> NameChange {
        NameChange(range: range, replacement: replacement, kind: kind, entity: gazetteer.entityID(of: form),
                   confidence: min(confidence, thresholds.maximumConfidence), reason: reason)
    }
}
