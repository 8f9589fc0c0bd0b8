import BylineText

extension NameNormalizer {
    /// One reading of a word or phrase as a name.
    struct Reading {
        var form: Gazetteer.Form
        var replacement: String
        var distance: Int
        var score: Double
        /// The edits weighted by how common each slip is (``EditDistance/typoCost(_:_:)``).
        var cost: Double
        /// How often the name occurs in text (Zipf), 0 when unknown.
        var frequency: Double

        init(form: Gazetteer.Form, replacement: String, distance: Int, score: Double, cost: Double? = nil, frequency: Double = 0) {
            self.form = form
            self.replacement = replacement
            self.distance = distance
            self.score = score
            self.cost = cost ?? Double(distance)
            self.frequency = frequency
        }
    }

    // MARK: Phrases

    /// A change for a run of capitalised words read together (`Jo Biden`, `Sankt
    /// Petersburg`, `Nordrhein Westfalen`), longest first, with the number of words used.
    func phraseChange(
        _ words: [Token], from start: Int, resolved: [Bool], text: String, language: String, context: DocumentContext
    ) -> (NameChange, Int)? {
        for length in stride(from: min(4, words.count - start), through: 2, by: -1) {
            guard let (change, used) = phraseChange(words, from: start, length: length, text: text, language: language, context: context)
            else { continue }
            // Words set apart by spaced dashes are read as one name only when the name is
            // written so (`Congo - Kinshasa`); tokenised copy spaces every hyphen.
            let written = text[change.range]
            if (written.contains(" - ") || written.contains(" – ")) && !change.replacement.contains(" - ") { continue }
            return (change, used)
        }
        return nil
    }

    private func phraseChange(
        _ words: [Token], from start: Int, length: Int, text: String, language: String, context: DocumentContext
    ) -> (NameChange, Int)? {
        guard joinedAsName(words, from: start, count: length, dashes: true),
            words[start..<start + length].allSatisfy({ $0.isCapitalised || isConnector($0.text) }),
            words[start + length - 1].isCapitalised,
            words[start..<start + length].contains(where: { !$0.isAllCapitals })
        else { return nil }
        // A possessive ending stays out of the name (`Vladimir Putin’s`).
        let whole = text[words[start].range.lowerBound..<words[start + length - 1].range.upperBound]
        let written = Self.withoutPossessive(whole)
        let range = written.startIndex..<written.endIndex
        let key = keys.key(written)
        let letters = key.filter { $0 != 0x20 }.count
        // Accents differ from this language's own form, or hyphens from a major entity's
        // (`Burkina-Faso`); full stops alone (`George W Bush`, `Washington DC`) and the
        // hyphens of smaller names (`North West`) are house style, not slips.
        let own = bestForm(key: key, language: language, lexical: false).flatMap { $0.text != String(written) ? $0 : nil }
        if let form = own, form.text.filter({ $0 != "." }) != written.filter({ $0 != "." }),
            addsAccents(form.text, to: written)
                || Self.lettersOnly(form.text) == Self.lettersOnly(written) && gazetteer.entry(of: form).weight >= Self.majorWeight
        {
            return (change(range, form.text, .misspelling, form, 0.9, "\"\(written)\" is \"\(form.text)\" without its accents or hyphens"), length)
        }
        // This language's name spelt with letters of another alphabet (`Şri Lanka` in
        // English), or as another language writes it with letters this one keeps apart
        // (`Şri Lanka` in Turkish).
        if let form = own,
            hasForeignLetters(written, language: language) && !hasForeignLetters(Substring(form.text), language: language)
                || differsInLetters(form.text, String(written), language: language)
                    && (gazetteer.formsByText[String(written)] ?? []).contains(where: { !gazetteer.forms[Int($0)].isLexical })
        {
            return (change(range, form.text, .foreign, form, 0.9, "\"\(written)\" has letters \(language) does not use; \(language) writes \"\(form.text)\""), length)
        }
        // Another language's form of an entity this language names differently.
        if let (form, target) = foreignTarget(key: key, written: String(written), language: language) {
            return (change(range, target, .foreign, form, 0.9, "\"\(written)\" is the \(form.language) form; \(language) writes \"\(target)\""), length)
        }
        // A misspelling: at least one word must be unknown, or every word would be a
        // correct name of something else.
        let unknown = words[start..<start + length].contains { word in
            !isConnector(word.text) && !isKnownWord(word.text, language: language) && exactForm(String(word.text), language: language) == nil
        }
        // An ordinary word at either end belongs to the sentence, unless the name has that
        // very word and the rest is one edit away (`Panamal Canal`, `North Carolin`; not
        // `Lord Holme` for `Lord Howe` nor `Old Labour` for `Old Harbour`), and the other
        // words are no names of this language or of the gazetteer.
        let first = words[start].text, last = words[start + length - 1].text
        let edgeWord = isCommonWord(first, language: language) || isCommonWord(last, language: language)
        if edgeWord {
            guard unknown, !words[start..<start + length].contains(where: {
                !isCommonWord($0.text, language: language)
                    && (gazetteer.formsByText[String($0.text)] ?? []).contains {
                        let form = gazetteer.forms[Int($0)]
                        return form.language == language || !form.isLexical
                    }
            })
            else { return nil }
        }
        let surnameKey = keys.key(words[start + length - 1].text)
        let index = languageIndex(for: language)
        var readings: [Reading] = []
        for candidate in index.index?.candidates(for: key) ?? [] {
            let form = gazetteer.forms[Int(candidate)]
            guard form.wordCount == length, !form.isLexical, form.key.first == key.first,
                let distance = EditDistance.distance(key, form.key, limit: EditDistance.allowance(letters: letters)),
                distance > 0
            else { continue }
            // Every word a name of its own: only a person of the gazetteer with this very
            // surname and a given name one slip away qualifies (`Niki Haley`).
            if !unknown {
                guard gazetteer.entry(of: form).kind == .person, distance == 1, form.key.split(separator: 0x20).last.map(Array.init) == surnameKey,
                    EditDistance.typoCost(key, form.key) <= 0.7
                else { continue }
            }
            if edgeWord {
                let formWords = form.text.split(whereSeparator: { $0 == " " || $0 == "-" })
                guard distance == 1, !isCommonWord(first, language: language) || formWords.first == first,
                    !isCommonWord(last, language: language) || formWords.last == last
                else { continue }
            }

            readings.append(Reading(form: form, replacement: form.text, distance: distance,
                                    score: score(form, distance: distance, context: context)))
        }
        // A Russian phrase whose last word takes a case ending (`в Санкт-Петербурне`): the
        // stem is compared with the name's stem, and the ending stays. A phrase that is a
        // name correctly inflected is no slip at all.
        if Morphology.declinesLikeRussian(language) {
            let last = words[start + length - 1]
            for (stem, suffix) in Morphology.splits(of: last.text, language: language).dropFirst() where !suffix.isEmpty {
                let stemKey = keys.key(text[words[start].range.lowerBound..<stem.endIndex])
                for candidate in index.index?.candidates(for: stemKey) ?? [] {
                    let form = gazetteer.forms[Int(candidate)]
                    guard form.wordCount == length, !form.isLexical, form.key.first == stemKey.first,
                        let distance = EditDistance.distance(stemKey, Morphology.russianStem(form.key, language: language), limit: EditDistance.allowance(letters: letters))
                    else { continue }
                    if distance == 0 { return nil }
                    guard unknown, !edgeWord else { continue }
                    readings.append(Reading(form: form, replacement: String(Morphology.russianWrittenStem(form.text, language: language)) + suffix,
                                            distance: distance, score: score(form, distance: distance, context: context)))
                }
            }
        }
        if let best = decide(readings), best.distance == 1 || sharesWord(key, best.form.key) {
            let confidence = best.distance == 1 ? 0.85 : 0.75
            return (change(range, best.replacement, .misspelling, best.form, confidence,
                           "\"\(written)\" is \(best.distance) edit(s) from \"\(best.replacement)\""), length)
        }
        return nil
    }

    func isCommonWord(_ word: Substring, language: String) -> Bool {
        wordLists[language]?.containsCommonWord(lowerKey(word, language: language)) == true
    }

    /// True when two phrase keys have a word in common (`jo biden`, `joe biden`).
    func sharesWord(_ a: [UInt32], _ b: [UInt32]) -> Bool {
        let first = Set(a.split(separator: 0x20).map(Array.init))
        return b.split(separator: 0x20).contains { first.contains(Array($0)) }
    }

    func isConnector(_ word: Substring) -> Bool {
        ["de", "da", "del", "der", "di", "du", "la", "le", "van", "von", "and", "of", "the", "y", "et", "und", "on", "upon", "am", "an"].contains(word)
    }

    /// The particles that join two capitalised words into one name (`Rio de Janeiro`,
    /// `João dos Santos`).
    static let particles: Set<Substring> = ["de", "da", "das", "del", "der", "di", "do", "dos", "du", "la", "le", "van", "von"]

    // MARK: Single words

    /// A change for one capitalised word that is neither a known name nor a word.
    func tokenChange(_ words: [Token], at position: Int, resolved: [Bool], language: String, context: DocumentContext) -> NameChange? {
        let word = words[position]
        let written = word.text
        let letterCount = written.unicodeScalars.filter { $0.properties.isAlphabetic }.count
        guard letterCount >= 4, !word.isAllCapitals else { return nil }
        let lower = lowerKey(written, language: language)
        let list = wordLists[language]
        if list?.containsCommonWord(lower) == true { return nil }
        let splits = Morphology.splits(of: written, language: language)
        // Russian, Ukrainian and Belarusian names are indexed by their stems.
        let russian = Morphology.declinesLikeRussian(language)

        let personSlot = isPersonSlot(words, at: position, language: language)
        let inUnknownName = partOfLongerName(words, at: position, language: language)

        // This language's name with accents missing (`Bogota`, `Zurich` in German), or
        // spelt with letters of another alphabet (`Vénézuela` in German). English copy
        // writes people's names without their accents as often as with them (`Benitez`),
        // so in English only a major place's Latin accents are restored (`Bogotá`).
        for (stem, suffix) in splits where !russian || suffix.isEmpty {
            let key = keys.key(stem)
            if suffix.isEmpty, hasForeignLetters(stem, language: language),
                let form = bestForm(key: key, language: language, lexical: false), form.text != String(stem),
                !hasForeignLetters(Substring(form.text), language: language), gazetteer.entry(of: form).weight >= 40
            {
                return change(word.range, form.text, .foreign, form, 0.9,
                              "\"\(stem)\" has letters \(language) does not use; \(language) writes \"\(form.text)\"")
            }
            if let form = bestForm(key: key, language: language, lexical: true), addsAccents(form.text, to: stem),
                form.isLexical && language != "en" || gazetteer.entry(of: form).weight >= 40 && language != "en"
                    || gazetteer.entry(of: form).weight >= Self.majorWeight && Self.latinAccentsOnly(form.text),
                !isUsedVariant(stem, of: form.text, language: language)
            {
                let range = word.range.lowerBound..<(suffix.isEmpty ? word.range.upperBound : stem.endIndex)
                return change(range, form.text, .misspelling, form, 0.95, "\"\(stem)\" is \"\(form.text)\" without its accents")
            }
        }

        let isProperName = list?.containsProperName(lower) == true
        // Another language's name of an entity (`Seul` in English, `Kenya` in German), as a
        // whole word first; an inflected one only when its stem is no word of this language.
        if let change = foreignChange(word, stem: written, suffix: written[written.endIndex...], language: language,
                                      isProperName: isProperName, personContext: personSlot || inUnknownName) {
            return change.confidence > 0 ? change : nil
        }
        for (stem, suffix) in splits where !suffix.isEmpty {
            if let list, list.containsCommonWord(lowerKey(stem, language: language)) || list.containsProperName(lowerKey(stem, language: language)) {
                if Morphology.inflects(language) || suffix.hasPrefix("'") || suffix.hasPrefix("’") { return nil }
            }
        }
        if Morphology.inflects(language) && !russian {
            for (stem, suffix) in splits where !suffix.isEmpty {
                if let change = foreignChange(word, stem: stem, suffix: suffix, language: language, isProperName: false,
                                              personContext: personSlot || inUnknownName) {
                    return change.confidence > 0 ? change : nil
                }
            }
        }
        if isProperName { return nil }
        if let form = accentedPersonName(words, at: position, language: language) {
            return change(word.range, form.text, .misspelling, form, 0.8,
                          "\"\(written)\" is the name \"\(form.text)\" (\(form.language)) without its accents, beside a name of that language")
        }
        // A name of its own somewhere (a surname, a town of another language) or a word of
        // another language is not a misspelling of something else.
        if gazetteer.formsByText[String(written)] != nil { return nil }
        if wordLists.contains(where: { $0.key != language && ($0.value.containsProperName(lowerKey(written, language: $0.key)) || $0.value.containsCommonWord(lowerKey(written, language: $0.key))) }) {
            return nil
        }

        // A Latin spelling in Cyrillic copy (`Seol` in Russian): read as English, then
        // written in the language's own form (`Сеул`).
        if Self.cyrillicLanguages.contains(language), written.unicodeScalars.allSatisfy({ $0.isASCII }) {
            return latinNameInCyrillicCopy(words, at: position, resolved: resolved, language: language, context: context)
        }

        // The same letters as a name of another language, accents missing (`Frederic`).
        if let form = accentedNameElsewhere(key: keys.key(written), written: String(written), language: language),
            !isUsedVariant(written, of: form.text, language: language)
        {
            return change(word.range, form.text, .misspelling, form, 0.8,
                          "\"\(written)\" is the name \"\(form.text)\" (\(form.language)) without its accents")
        }

        // A misspelling of one of the language's names, unless the word is part of a longer
        // name, is quoted, or the text writes it the same way more than once (a name of its
        // own, spelt consistently).
        if inUnknownName || word.isQuoted || context.timesWritten[written, default: 0] > 1 { return nil }
        // The text names someone or something with this word elsewhere (`Roy Keane` …
        // `Keane said`).
        if context.namedInRuns.contains(written) { return nil }
        // Not beside another capitalised word, as the parts of a person's name are.
        let alone = !(position > 0 && words[position - 1].isCapitalised && joinedAsName(words, from: position - 1, count: 2))
            && !(position + 1 < words.count && words[position + 1].isCapitalised && joinedAsName(words, from: position, count: 2))
        let index = languageIndex(for: language)
        var readings: [Reading] = []
        // English has no bare `s` ending on a misspelt name (`Japanses` is no `Japanese`
        // + `s`); it only lets a known name's plural stand (`Rachels`).
        for (stem, suffix) in splits where !(language == "en" && suffix == "s") {
            // A word with an apostrophe is read through its stem (`Toure's` is `Toure` + `'s`),
            // never as one word whose apostrophe the key drops.
            if suffix.isEmpty && stem.contains(where: { $0 == "'" || $0 == "’" }) && splits.count > 1 { continue }
            var key = keys.key(stem)
            // The ending a Russian reading keeps: the split's, or the final vowel the stem
            // drops (`Моксве` is `Москв` + `е`, and becomes `Москве`, not `Москв`).
            var ending = suffix
            if russian {
                let stemmed = Morphology.russianStem(key, language: language)
                if suffix.isEmpty && stemmed.count < key.count { ending = stem.suffix(1) }
                key = stemmed
            }
            let letters = key.count
            guard letters >= 4 else { continue }
            for candidate in index.index?.candidates(for: key) ?? [] {
                let form = gazetteer.forms[Int(candidate)]
                guard form.wordCount == 1, let indexed = index.indexedKeys[candidate],
                    let distance = EditDistance.distance(key, indexed, limit: EditDistance.allowance(letters: max(letters, indexed.count))),
                    distance > 0, distance <= EditDistance.allowance(letters: letters)
                else { continue }
                // The first letter is seldom the wrong one: only a long word standing alone
                // with that one slip (`Luetooth`, `Ubernetes`) may differ there, …
                if indexed.first != key.first {
                    // … and only toward a product (`Sanderson` is no misspelt `Anderson`).
                    guard distance == 1, letters >= 8, suffix.isEmpty, alone, !written.contains(where: { $0 == "'" || $0 == "’" }),
                        gazetteer.entry(of: form).kind == .product
                    else { continue }
                }
                let entry = gazetteer.entry(of: form)
                // After a title (`Mr Ancram`) the word is a surname: only a person the
                // gazetteer knows may be meant.
                if personSlot && entry.kind != .person { continue }
                var replacement = form.text
                if russian { replacement = String(Morphology.russianWrittenStem(form.text, language: language)) + ending }
                else if !suffix.isEmpty { replacement += Morphology.harmonized(suffix, after: form.text, writtenAfter: stem, language: language) }
                // Russian readings are stems, whose frequencies are not the words'; a name
                // that is also a common word (`Seal`) has the word's frequency, not its own.
                let frequency = russian ? 0 : nameFrequency(form.text, language: language)
                var value = score(form, distance: distance, context: context, frequency: frequency)
                // An ending is a weaker reading than the whole word, and a bare `s` on a
                // name (`Guams`, `Guineas`) in English or German the weakest.
                if !suffix.isEmpty && !russian { value -= Morphology.inflects(language) || suffix.first == "'" || suffix.first == "’" ? 0.5 : 1.5 }
                readings.append(Reading(form: form, replacement: replacement, distance: distance, score: value,
                                        cost: EditDistance.typoCost(key, indexed), frequency: frequency))
            }
        }
        guard let best = decide(readings) else { return nil }
        let entry = gazetteer.entry(of: best.form)
        let named = context.supports(entry)
        let supported = named || (entry.kind.isPlace && context.placeCount > 0 && !word.startsSentence)
        // A name as common as `Asian` or `Russian`, one swap or vowel away (`Asain`,
        // `Russina`) and standing alone, not inside a person's name, stands against a rare
        // word as close (`sain`). A letter added or dropped makes another name too often
        // (`Romer`, `Romero`).
        let frequentName = best.frequency >= 3.5 && best.cost <= 0.7 && alone
            && keys.key(best.form.text).count == keys.key(written).count
        if let list, !supported, !frequentName,
            let rival = nearestOrdinaryWord(lower, list: list, language: language,
                                            except: lowerKey(best.replacement, language: language)),
            rival < best.cost + 0.19
        {
            return nil
        }
        // A small place that nothing in the text supports is as likely another place the
        // gazetteer lacks, and two edits on a name of little weight likewise.
        // The English dictionary, or those of two languages, listing a longer name too
        // (`Queensland`, `Ithaca`) make it no obscure place; other dictionaries list their
        // own country's small towns, and a short word is near too many names.
        let dictionaries = Set((gazetteer.formsByText[best.form.text] ?? []).lazy
            .map { self.gazetteer.forms[Int($0)] }.filter(\.isLexical).map(\.language))
        let wellKnown = letterCount >= 6 && (dictionaries.contains("en") || dictionaries.count >= 2)
        if !named && entry.kind.isPlace && entry.weight < 30 && !wellKnown { return nil }
        // Two edits on a name of little weight is as likely another name the gazetteer
        // lacks, unless both are common slips in a long word (`Appenines`, `Cyrrilic`).
        if best.distance >= 2 && !named && (best.form.isLexical || entry.weight < 20)
            && !(best.cost <= 1.2 && letterCount >= 7)
        {
            return nil
        }
        var confidence = best.distance == 1 ? 0.8 : 0.7
        if supported { confidence += 0.13 }
        if best.form.isLexical { confidence -= 0.05 }
        return change(word.range, best.replacement, .misspelling, best.form, confidence,
                      "\"\(written)\" is \(best.distance) edit(s) from \"\(best.replacement)\""
                        + (supported ? ", which the text's other names support" : ""))
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

    /// A famous name misspelt in lower case (`iraland`): a word of six letters or more
    /// that no desk language knows, one common slip (cost 0.7 at most) from a name this
    /// language writes very often (Zipf 3.5 or more) and from nothing else, not even an
    /// ordinary word. Lower-case words are not name slots, so the bar is higher than for
    /// capitalised ones.
    func lowerCaseChange(_ words: [Token], at position: Int, language: String) -> NameChange? {
        let word = words[position]
        let written = word.text
        // Most lower-case words are words of the text's own language: ask its list first.
        guard language != "ru", written.count >= 6, written.allSatisfy(\.isLetter), frequencies[language] != nil,
            !isKnownWord(written, language: language),
            !wordLists.contains(where: { isKnownWord(written, language: $0.key) }),
            gazetteer.formsByText[String(written)] == nil
        else { return nil }
        let key = keys.key(written)
        let index = languageIndex(for: language)
        var readings: [Reading] = []
        for candidate in index.index?.candidates(for: key) ?? [] {
            let form = gazetteer.forms[Int(candidate)]
            guard form.wordCount == 1, let indexed = index.indexedKeys[candidate],
                EditDistance.distance(key, indexed, limit: 1) == 1
            else { continue }
            let cost = EditDistance.typoCost(key, indexed)
            guard cost <= 1 else { continue }
            readings.append(Reading(form: form, replacement: form.text, distance: 1, score: -cost, cost: cost,
                                    frequency: nameFrequency(form.text, language: language)))
        }
        let names = Set(readings.map(\.form.text))
        guard names.count == 1, let best = readings.min(by: { $0.cost < $1.cost }), best.cost <= 0.7, best.frequency >= 3.5,
            let list = wordLists[language], !list.containsCommonWord(lowerKey(best.form.text, language: language)),
            nearestOrdinaryWord(lowerKey(written, language: language), list: list, language: language, except: "") == nil
        else { return nil }
        return change(word.range, best.replacement, .misspelling, best.form, 0.75,
                      "\"\(written)\" is \"\(best.replacement)\" misspelt, in lower case")
    }

    /// True when `word` has a letter this language's alphabet lacks (`é` in English or
    /// Turkish, `ñ` in German): then an accented spelling is another language's.
    func hasForeignLetters(_ word: Substring, language: String) -> Bool {
        guard let alphabet = Self.alphabets[language] else { return true }
        let letters = Set(alphabet)
        return lowerKey(word, language: language).unicodeScalars.contains {
            ($0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark) && !letters.contains($0)
        }
    }

    /// True when two spellings with the same fold key differ in letters that this
    /// language keeps apart: `Küba` and `Kuba`, `Italiya` and `İtaliya` in Azerbaijani
    /// are different words, not one word with and without accents.
    func differsInLetters(_ a: String, _ b: String, language: String) -> Bool {
        guard let distinct = Self.distinctLetters[language] else { return false }
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
        Self.weight(ofFrequency: nameFrequency(name, language: language))
    }

    /// A Zipf value on the scale of entity weights (0 for an unknown frequency).
    static func weight(ofFrequency zipf: Double) -> Double {
        zipf > 0 ? min(100, max(0, (zipf - 1) * 25)) : 0
    }

    /// How often `name` occurs in this language's text (Zipf), or 0 when unknown or when
    /// the name is also a common word, whose uses the figure would count.
    func nameFrequency(_ name: String, language: String) -> Double {
        let lower = lowerKey(name, language: language)
        guard let zipf = frequencies[language]?[lower], wordLists[language]?.containsCommonWord(lower) != true else { return 0 }
        return zipf
    }

    /// True when running text writes `written` at least half as often as `form`, its
    /// accented spelling: then it is a variant of the language (`Rumania` beside `Rumanía`
    /// in Spanish), not a slip (`Bogota`, thirteen times rarer than `Bogotá`).
    func isUsedVariant<S: StringProtocol>(_ written: S, of form: String, language: String) -> Bool {
        guard let table = frequencies[language], let plain = table[lowerKey(written, language: language)] else { return false }
        return plain > (table[lowerKey(form, language: language)] ?? 0) - 0.3
    }

    /// True when `form` is `written` with accents added (never taken away: `Nigéria` and
    /// `Nigeria` may both be right, but a missing accent is the usual slip).
    func addsAccents(_ form: String, to written: Substring) -> Bool {
        func accented(_ text: some StringProtocol) -> Int { text.unicodeScalars.filter { !$0.isASCII }.count }
        return form != String(written) && accented(form) > accented(written)
    }

    /// The foreign-form change for `stem` (plus `suffix`, kept), a change of confidence 0
    /// when the word is a foreign form that must nevertheless stay, or nil when it is none.
    func foreignChange(
        _ word: Token, stem: Substring, suffix: Substring, language: String, isProperName: Bool, personContext: Bool
    ) -> NameChange? {
        let stemText = String(stem)
        guard let (form, target) = foreignTarget(key: nil, written: stemText, language: language) else { return nil }
        let entry = gazetteer.entry(of: form)
        let range = word.range.lowerBound..<(suffix.isEmpty ? word.range.upperBound : stem.endIndex)
        let knownHere = isProperName || exactForm(stemText, language: language) != nil
        // A spelling this language's text uses often is its own (`Bombay`, `Roma` in
        // English), whatever another language makes of it.
        if knownHere && nameFrequency(stemText, language: language) >= 3 {
            return change(range, target, .foreign, form, 0, "kept")
        }
        // A spelling this language's dictionary knows stands unless it names a major
        // entity (dictionaries list exonyms such as `Cameroun` or `Soudan` among English
        // names), and never yields to a form that differs from it by accents alone; a place
        // reading never replaces part of a person's name.
        let accentsOnly = keys.key(target) == keys.key(stemText) && !differsInLetters(target, stemText, language: language)
        // A word never becomes an official multi-word name (`Zelandia` → `Región de Selandia`),
        // and a small place's name in another language is as likely a name of its own here.
        // Nor does a short name become the long one it is part of (`Congo` is no misspelt
        // `Congo-Brazzaville`).
        if target.split(separator: " ").count > stemText.split(separator: " ").count + 1
            || target.contains("(") && !stemText.contains("(")
            || Self.isPart(stemText, of: target)
            || entry.kind.isPlace && entry.kind != .country && max(Double(entry.weight), usedWeight(target, language: language)) < 30
        {
            return change(range, target, .foreign, form, 0, "kept")
        }
        if knownHere && (entry.weight < Self.majorWeight || accentsOnly) || entry.kind.isPlace && personContext
            || accentsOnly && !hasForeignLetters(stem, language: language)
        {
            return change(range, target, .foreign, form, 0, "kept")
        }
        return change(range, target, .foreign, form, knownHere ? 0.8 : 0.9,
                      "\"\(stemText)\" is the \(form.language) form; \(language) writes \"\(target)\"")
    }

    // MARK: Shared rules

    /// Scores a reading: fewer edits first, then importance and the text's support.
    func score(_ form: Gazetteer.Form, distance: Int, context: DocumentContext, frequency: Double = 0) -> Double {
        let entry = gazetteer.entry(of: form)
        // One edit more outweighs any difference of importance; only the text's own names
        // can overturn it. A name is as important as its entity's weight, or as its use
        // in text makes it (Zipf 5, `Russian`, counts as a country).
        var value = -4.0 * Double(distance)
        value += max(Double(entry.weight), Self.weight(ofFrequency: frequency)) / 100 * 2.5
        if context.supports(entry) { value += 3 }
        if entry.kind.isPlace && context.placeCount > 0 { value += 0.5 }
        return value
    }

    /// The best reading when it stands clear of every rival with another spelling.
    func decide(_ readings: [Reading]) -> Reading? {
        // Readings that give the same replacement, or read the same name with and without
        // an ending (`Achilles`, `Achilles` + `s`), are one reading, not rivals.
        // A total order, so that the same text always gets the same answer.
        let sorted = readings.sorted {
            ($0.score, $1.replacement, $1.form.text, $1.cost, $1.form.entry) > ($1.score, $0.replacement, $0.form.text, $0.cost, $0.form.entry)
        }
        var ranked: [Reading] = []
        var replacements: Set<String> = []
        var names: Set<String> = []
        for reading in sorted where !replacements.contains(reading.replacement) && !names.contains(reading.form.text) {
            ranked.append(reading)
            replacements.insert(reading.replacement)
            names.insert(reading.form.text)
        }
        guard let first = ranked.first else { return nil }
        let contenders = ranked.prefix { $0.score > first.score - 1.5 }
        if contenders.count == 1 { return first }
        // Close rivals: the one reached by a clearly likelier slip wins (`Ukranian` is
        // `Ukrainian` with a letter dropped, `Uranian` with one changed), else none does.
        let cheapest = contenders.min { ($0.cost, $1.score, $0.replacement) < ($1.cost, $0.score, $1.replacement) }!
        let clear = contenders.allSatisfy { $0.form.text == cheapest.form.text || $0.cost >= cheapest.cost + 0.29 }
        if clear { return cheapest }
        // As likely single slips: the name met ten times as often as every other wins
        // (`Asian` for `Asain`, not `Asan`).
        guard cheapest.cost <= 1 else { return nil }
        let likeliest = contenders.filter { $0.cost < cheapest.cost + 0.29 }
        let common = likeliest.max { ($0.frequency, $1.replacement) < ($1.frequency, $0.replacement) }!
        let standsOut = likeliest.allSatisfy { $0.form.text == common.form.text || $0.frequency <= common.frequency - 1 }
        return standsOut ? common : nil
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
            guard !form.isLexical, Self.foreignSources.contains(form.language), let target = gazetteer.preferredForm(of: form.entry, language: language), target != written
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
        if ranked.count > 1 && ranked[1].value.1 * 2 > first.value.1 { return nil }
        return (first.value.0, first.key)
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
                language != "en" || !form.isLexical && gazetteer.entry(of: form).weight >= Self.majorWeight && Self.latinAccentsOnly(form.text),
                !(form.text.hasPrefix("İ") && language != "tr" && language != "az")
            else { continue }
            found[form.text] = found[form.text] ?? form
        }
        return found.count == 1 ? found.values.first : nil
    }

    /// The accented spelling of a person's name that `words[position]` writes without its
    /// marks, in a language that keeps other languages' accents (`Rene Descartes`,
    /// `Emily Bronte` in German): the word must stand beside the other part of the name,
    /// that part must be a name in a language whose dictionary writes this one with the
    /// marks, the word must be no word of this language, and exactly one accented
    /// spelling must qualify. English copy often drops such marks, so English is left
    /// alone, and a given name never takes marks from English (which has none of its own).
    func accentedPersonName(_ words: [Token], at position: Int, language: String) -> Gazetteer.Form? {
        let word = words[position]
        guard language != "en", Self.alphabets[language] != nil,
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
                form.text.unicodeScalars.count == written.unicodeScalars.count
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
        guard position > 0, let titles = NameSlots.titles[language] else { return false }
        let previous = words[position - 1]
        return titles.contains(lowerKey(previous.text, language: language)) && !words[position].startsSentence
    }

    /// True when the word is one part of a longer capitalised name (`Seol Ki-hyeon`,
    /// `Horst Görtz`, `Ben-Gurion`, `West Orange`): such a word belongs to a name of its
    /// own, which only a reading of the whole run may change. A sentence-initial ordinary
    /// word or a title before it does not count.
    func partOfLongerName(_ words: [Token], at position: Int, language: String) -> Bool {
        func namePart(_ index: Int, hyphenated: Bool) -> Bool {
            guard words.indices.contains(index), words[index].isCapitalised else { return false }
            if hyphenated { return true }
            // A particle before a surname (`Di Caprio`, `Van Gogh`, `De Gaulle`).
            if index < position, isConnector(Substring(words[index].text.lowercased())), words[index].text.count <= 3 {
                return true
            }
            let lower = lowerKey(words[index].text, language: language)
            if NameSlots.titles[language]?.contains(lower) ?? false { return false }
            // A common word capitalised inside a sentence is part of a name (`Credit
            // Suisse`, `East Anglia`); at the start of one it is just the first word.
            if wordLists[language]?.containsCommonWord(lower) == true { return !words[index].startsSentence }
            // A place of its own beside it (`Seol Pxenyana`) makes a list, not one long
            // name; a given name or surname beside it (`Jonny Wilkinson`) makes a person.
            return !isKnownPlace(words[index].text, language: language)
        }
        let next = position + 1
        if next < words.count, joinedAsName(words, from: position, count: 2),
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
                && Self.particles.contains(words[a + 1].text) && joinedAsName(words, from: a, count: 3)
        }
        return linked(position - 2, position) || linked(position, position + 2)
    }

    /// The typo cost (``EditDistance/typoCost(_:_:)``) of the likeliest ordinary word one
    /// edit from `lower`, or nil when there is none: probes every such word in the word
    /// list. `except` is the reading itself in lower case, which is no rival when the
    /// language also uses it as a common word (`August` and `august`). A reading stands
    /// against such a word only when it is the likelier slip by more than 0.2: `Sundey` is
    /// `Sunday` with a vowel changed, `sunder` with a consonant; `Gaus'` is `Gauss'` with a
    /// letter undoubled, `gays` with a vowel changed.
    func nearestOrdinaryWord(_ lower: String, list: WordList, language: String, except: String) -> Double? {
        let letters = Array(lower.unicodeScalars)
        let alphabet = Self.alphabets[language] ?? Self.alphabets["en"]!
        let written = letters.map(\.value)
        var nearest: Double?
        func probe(_ scalars: [Unicode.Scalar]) {
            var candidate = String.UnicodeScalarView()
            candidate.append(contentsOf: scalars)
            let word = String(candidate)
            guard word != except, list.containsCommonWord(word) else { return }
            let cost = EditDistance.typoCost(written, scalars.map(\.value))
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

    /// Entities of this weight and above (countries, capitals, major cities) are named in
    /// the gazetteer's form even where a dictionary lists another spelling.
    static let majorWeight = 60

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

    /// The letters of `text`, in lower case, without spaces, hyphens, dashes and dots.
    static func lettersOnly<S: StringProtocol>(_ text: S) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }))
    }

    /// Letters with a mark that a language counts as letters of their own, not as accented
    /// forms of another: `ü` and `u`, `ı` and `i` are different letters in Turkish, `é`
    /// and `e` are one letter in French.
    static let distinctLetters: [String: Set<Character>] = [
        "tr": ["ç", "ğ", "ı", "i", "ö", "ş", "ü"],
        "az": ["ç", "ğ", "ı", "i", "ö", "ş", "ü", "ə"],
        "de": ["ä", "ö", "ü", "ß"],
        "es": ["ñ"],
    ]

    static let alphabets: [String: [Unicode.Scalar]] = [
        "en": Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars),
        "de": Array("abcdefghijklmnopqrstuvwxyzäöüß".unicodeScalars),
        "fr": Array("abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüœ".unicodeScalars),
        "es": Array("abcdefghijklmnopqrstuvwxyzáéíóúñü".unicodeScalars),
        "tr": Array("abcçdefgğhıijklmnoöprsştuüvyz".unicodeScalars),
        "az": Array("abcçdeəfgğhxıijkqlmnoöprsştuüvyz".unicodeScalars),
        "ru": Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюя".unicodeScalars),
        "uk": Array("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя".unicodeScalars),
        "kk": Array("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя".unicodeScalars),
    ]

    func change(
        _ range: TextRange, _ replacement: String, _ kind: NameChange.Kind, _ form: Gazetteer.Form, _ confidence: Double,
        _ reason: String
    ) -> NameChange {
        NameChange(range: range, replacement: replacement, kind: kind, entity: gazetteer.entityID(of: form),
                   confidence: min(confidence, 0.99), reason: reason)
    }
}
