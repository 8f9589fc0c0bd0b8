import BylineText

extension NameNormalizer {
    /// Context gathered from the names a text writes correctly.
    struct DocumentContext {
        var entities: Set<String> = []
        var related: Set<String> = []
        var placeCount = 0
        /// Words the text writes inside a run of capitalised words (`Roy Keane`) or after a
        /// title (`Mr Ancram`): a person's or a firm's name, which the same word alone
        /// (`Keane said`) repeats.
        var namedInRuns: Set<Substring> = []
        /// How often the text writes each word: a name spelt the same way twice is a name
        /// of its own, not a slip.
        var timesWritten: [Substring: Int] = [:]

        func supports(_ entry: Gazetteer.Entity) -> Bool {
            entities.contains(entry.id) || related.contains(entry.id)
                || entry.related.contains(where: { entities.contains($0) || related.contains($0) })
        }
    }

    /// Finds the names of `text` and the changes to make, in document order.
    ///
    /// Cost: one ICU word-break pass, a hash look-up per capitalised word, and an index
    /// query only for capitalised words that are neither names nor dictionary words.
    /// - Parameter explaining: also list the words that looked like names and were kept,
    ///   with the rule that kept each (``NameAnalysis/kept``); it costs nothing otherwise.
    public func analyze(_ text: String, language tag: LanguageTag, explaining: Bool = false) -> NameAnalysis {
        let language = formLanguage(for: tag)
        let words = tokens(in: text, language: tag.language)
        var resolved = [Bool](repeating: false, count: words.count)
        // Words that a mention of two words or more took: no phrase may start inside one.
        var inLongerMention = [Bool](repeating: false, count: words.count)
        var mentions: [NameMention] = []
        var context = DocumentContext()
        for word in words { context.timesWritten[word.text, default: 0] += 1 }

        // Both passes over the words look at the resident size every so many words.
        var nextCheck = 0
        func lookAtResidentSize(_ index: Int) {
            guard index >= nextCheck else { return }
            keepWithinResidentBudget()
            nextCheck = index + Self.residentCheckWords
        }

        // Names written as the language writes them, longest first.
        var index = 0
        while index < words.count {
            lookAtResidentSize(index)
            guard words[index].isCapitalised else {
                index += 1
                continue
            }
            var matched = 0
            for length in stride(from: min(4, words.count - index), through: 1, by: -1) {
                guard length == 1 || joinedAsName(words, from: index, count: length) else { continue }
                let range = words[index].range.lowerBound..<words[index + length - 1].range.upperBound
                let piece = text[range]
                if let form = length == 1 ? knownForm(of: piece, language: language) : exactForm(String(Self.withoutPossessive(piece)), language: language),
                    !(form.isLexical && (namesMajorEntityElsewhere(String(piece), language: language)
                        || length == 1 && isRareVariant(piece, language: language)))
                {
                    let entry = gazetteer.entry(of: form)
                    if !form.isLexical {
                        mentions.append(NameMention(range: range, entity: entry.id, kind: entry.kind))
                        context.entities.insert(entry.id)
                        context.related.formUnion(entry.related)
                        if entry.kind.isPlace { context.placeCount += 1 }
                    }
                    matched = length
                    break
                }
            }
            for offset in 0..<matched {
                resolved[index + offset] = true
                inLongerMention[index + offset] = matched > 1
            }
            index += max(matched, 1)
        }

        // Two names of places side by side (`Seol Pxenyana` in Azerbaijani word order) are
        // a list, not one name.
        for position in words.indices.dropLast() where words[position].isCapitalised && words[position + 1].isCapitalised
            && !words[position].isAllCapitals && joinedAsName(words, from: position, count: 2)
            && !(words[position].startsSentence && isCommonWord(words[position].text, language: language))
            && !isKnownPlace(words[position].text, language: language) && !isKnownPlace(words[position + 1].text, language: language)
            && !isPlaceGeneric(words[position + 1], language: language)
        {
            context.namedInRuns.insert(words[position].text)
            context.namedInRuns.insert(words[position + 1].text)
        }
        // A word after a title (`Mr Ancram`) is someone's name too.
        for position in words.indices.dropFirst() where words[position].isCapitalised
            && isPersonSlot(words, at: position, language: language)
        {
            context.namedInRuns.insert(words[position].text)
        }

        var changes: [NameChange] = []
        var kept: [NameKeep] = []
        index = 0
        nextCheck = 0
        while index < words.count {
            lookAtResidentSize(index)
            // A correct name may still begin another language's longer one (`North Korea`
            // in German, `Saudi-Arabien` in English).
            guard words[index].isCapitalised, !inLongerMention[index] else {
                if !words[index].isCapitalised, let change = lowerCaseChange(words, at: index, language: language) {
                    changes.append(change)
                }
                index += 1
                continue
            }
            if let (change, length) = bracketedNameChange(words, from: index, text: text, language: language)
                ?? phraseChange(words, from: index, resolved: resolved, text: text, language: language, context: context)
            {
                changes.append(change)
                index += length
                continue
            }
            if !resolved[index] {
                let decision = wordDecision(words, at: index, resolved: resolved, language: language, context: context)
                switch decision.outcome {
                case .fix(let change): changes.append(change)
                // Short words, capitals and ordinary words are kept by the hundred; the words
                // worth a line are those that might have been names.
                case .keep(let reason) where explaining && decision.rule != WordRule.wordShape.rawValue
                    && decision.rule != WordRule.ordinaryWord.rawValue:
                    kept.append(NameKeep(range: words[index].range, rule: decision.rule, reason: reason))
                case .pass where explaining:
                    kept.append(NameKeep(range: words[index].range, rule: "none", reason: "no name of the gazetteer or the dictionaries is near enough"))
                case .keep, .pass: break
                }
            }
            index += 1
        }
        if explaining {
            for change in changes where change.confidence < minimumConfidence {
                kept.append(NameKeep(range: change.range, rule: "minimum-confidence",
                                     reason: "→ \(change.replacement) at confidence \(Self.twoDecimals(change.confidence)), below \(Self.twoDecimals(minimumConfidence)): \(change.reason)"))
            }
            kept.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        changes = changes.filter { $0.confidence >= minimumConfidence }
        return NameAnalysis(mentions: mentions, changes: changes, usedFallbackLanguage: language != tag.language, kept: kept)
    }

    /// `0.75` for 0.75: a confidence as the change list writes it.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }

    /// True when `word` names a place of some standing (a weight of 30 or more) and no
    /// dictionary of the language lists it as a name of its own: `Pxenyana` is a place,
    /// `Michael` (a hamlet too) is a given name.
    func isKnownPlace(_ word: Substring, language: String) -> Bool {
        guard let form = knownForm(of: word, language: language), !form.isLexical else { return false }
        let entry = gazetteer.entry(of: form)
        guard entry.kind.isPlace, entry.weight >= thresholds.smallPlaceWeight else { return false }
        return wordLists[language]?.containsProperName(lowerKey(word, language: language)) != true
            || entry.weight >= thresholds.majorWeight
    }

    /// `Vladimir Putin’s` without its possessive ending.
    static func withoutPossessive(_ text: Substring) -> Substring {
        // Compared as bytes: every ending begins a character of its own, so a match is
        // the last characters of the text, and something is left before it.
        let bytes = text.utf8
        for ending in possessiveEndings where bytes.count > ending.count {
            let tail = bytes.index(bytes.endIndex, offsetBy: -ending.count)
            if bytes[tail...].elementsEqual(ending) { return text[..<tail] }
        }
        return text
    }

    private static let possessiveEndings: [[UInt8]] = ["'s", "’s", "'", "’"].map { Array($0.utf8) }

    /// True when `count` words from `start` are joined only by one space or hyphen, as the
    /// words of one name are. With `dashes`, a spaced dash joins too, as in ICU's
    /// `Congo - Kinshasa`.
    func joinedAsName(_ words: [Token], from start: Int, count: Int, dashes: Bool = false) -> Bool {
        guard start + count <= words.count else { return false }
        for offset in 1..<count {
            let gap = words[start + offset].gapBefore
            guard gap == " " || gap == "-" || gap == "\u{00A0}" || dashes && (gap == " - " || gap == " – ") else { return false }
        }
        return true
    }

    /// The language's form that `word` writes, itself or inflected (`Seulda`, `Сеулом`,
    /// `Seoul's`).
    func knownForm(of word: Substring, language: String) -> Gazetteer.Form? {
        let exact = exactForm(String(word), language: language)
        // The Russian dictionary lists declined names (`Москве`) as names of their own: an
        // entity read through the stem says which place the text names.
        if let exact, !(exact.isLexical && Morphology.declinesLikeRussian(language)) { return exact }
        let splits = morphology.splits(of: word, language: language)
        for (stem, suffix) in splits.dropFirst() where !suffix.isEmpty {
            if let form = exactForm(String(stem), language: language) { return form }
        }
        if Morphology.declinesLikeRussian(language) {
            let index = languageIndex(for: language)
            for (stem, _) in splits {
                let key = keys.key(stem)
                guard let stemmed = index.stems[morphology.russianStem(key, language: language)] ?? index.stems[key] else { continue }
                let found = stemmed.filter { takesEnding(gazetteer.forms[Int($0)].text, written: word, language: language) }
                if exact != nil {
                    // The heaviest entity with that stem, or the dictionary's own name.
                    let entities = found.map { gazetteer.forms[Int($0)] }.filter { !$0.isLexical }
                    return entities.max { gazetteer.entry(of: $0).weight < gazetteer.entry(of: $1).weight } ?? exact
                }
                if let first = found.first { return gazetteer.forms[Int(first)] }
            }
        }
        return exact
    }

    /// True when `text`, a dictionary name of `language`, is another language's form of
    /// a major entity that `language` names differently (`Soudan` in English): the
    /// gazetteer, not the dictionary, decides such a word. Accents alone (`Agen`, `Agén`)
    /// and a short name for a long one (`Congo`) are no difference.
    func namesMajorEntityElsewhere(_ text: String, language: String) -> Bool {
        guard let (form, target) = foreignTarget(key: nil, written: text, language: language),
            keys.key(target) != keys.key(text) || differsInLetters(target, text, language: language)
        else { return false }
        return gazetteer.entry(of: form).weight >= thresholds.majorWeight && !Self.isPart(text, of: target)
    }

    /// Whether `written` can be a form of `name`: any form of most names, but a name in -о
    /// or -е only with the endings such a name takes where it declines at all
    /// (``NameLanguageTables/neuterEndings``): `в Иванове` is `Иваново`, `в Росии` is no
    /// `Росо` (Rosso, which does not decline).
    func takesEnding<S: StringProtocol>(_ name: String, written: S, language: String) -> Bool {
        guard let endings = tables.neuterEndings[language], !endings.isEmpty else { return true }
        let nameKey = lowerKey(name, language: language), writtenKey = lowerKey(written, language: language)
        guard let last = nameKey.last, last == "о" || last == "е" else { return true }
        let stem = nameKey.dropLast()
        guard writtenKey.hasPrefix(stem) else { return true }
        let ending = writtenKey.dropFirst(stem.count)
        return endings.contains { $0 == ending }
    }

    /// True when `written`, a rare name only a dictionary lists and no public person bears,
    /// is one edit inside the word (neither its first nor its last letter) from a name of
    /// the gazetteer in the same language that running text writes often and far more often
    /// (``NameThresholds/rareVariantTargetZipf``, ``NameThresholds/rareVariantZipfGap``): a
    /// misspelling some dictionaries carry among their names (`Guatamala`, `Massachusets`),
    /// which the misspelling rule then reads, and which is never a reading of another word.
    /// A different last letter is an ending (`Texan`, `Junes`, `Caribbeans`). Frequency, not
    /// the gazetteer's weight, says which name is well known: GeoNames weighs
    /// `Massachusetts` 17.
    func isRareVariant<S: StringProtocol>(_ written: S, language: String) -> Bool { !rareVariantTargets(written, language: language).isEmpty }

    /// The names `written` is a rare variant of (see ``isRareVariant(_:language:)``).
    func rareVariantTargets<S: StringProtocol>(_ written: S, language: String) -> Set<String> {
        guard frequencies[language] != nil, gazetteer.formsByText[String(written)]?.contains(where: {
            let form = gazetteer.forms[Int($0)]
            return form.language == language && !form.isLexical
        }) != true else { return [] }
        let own = writtenFrequency(written, language: language)
        let key = keys.key(written)
        guard own < thresholds.rareVariantOwnZipf, key.count >= thresholds.minimumLetters else { return [] }
        var targets: Set<String> = []
        let index = languageIndex(for: language)
        for candidate in index.index?.candidates(for: key) ?? [] {
            let outline = gazetteer.index.outline(candidate)
            guard outline.wordCount == 1, !outline.isLexical, let indexed = index.indexedKeys[candidate], indexed.first == key.first,
                indexed.last == key.last, EditDistance.distance(key, indexed, limit: 1) == 1
            else { continue }
            let form = gazetteer.forms[Int(candidate)]
            guard form.language == language else { continue }
            let zipf = nameFrequency(form.text, language: language)
            if zipf >= thresholds.rareVariantTargetZipf, zipf >= own + thresholds.rareVariantZipfGap { targets.insert(form.text) }
        }
        // Asked last: the list of people is the largest thing read.
        if !targets.isEmpty, isPublicPersonsName(Substring(written)) { return [] }
        return targets
    }

    /// No-break, narrow no-break and figure spaces.
    static let noBreakSpaces: Set<Character> = ["\u{00A0}", "\u{202F}", "\u{2007}"]

    func exactForm(_ text: String, language: String) -> Gazetteer.Form? {
        // A no-break space inside a name (`New York`, French typography's between given
        // name and surname) is the name's space: the name is written as the gazetteer has it.
        let text = text.contains(where: Self.noBreakSpaces.contains) ? String(text.map { Self.noBreakSpaces.contains($0) ? " " : $0 }) : text
        guard let candidates = gazetteer.formsByText[text] else { return nil }
        var best: Gazetteer.Form?
        for index in candidates {
            let form = gazetteer.forms[Int(index)]
            guard form.language == language else { continue }
            if best == nil || (best!.isLexical && !form.isLexical)
                || (!form.isLexical && gazetteer.entry(of: form).weight > gazetteer.entry(of: best!).weight)
            {
                best = form
            }
        }
        return best
    }
}
