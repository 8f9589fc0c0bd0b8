import BylineNormalize
import BylineSegment
import BylineText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-report work behind a summary: tokens folded, stemmed and interned, entities
/// and numbers counted, features computed for every candidate sentence.
struct DocumentAnalysis {
    let text: String
    let sentences: [Sentence]
    let ranker: SummaryRanker
    /// Sorted, distinct content-term ids per sentence.
    private(set) var terms: [[Int32]] = []
    private(set) var wordCounts: [Int] = []
    /// Distinct entity ids per sentence (names-module mentions, then capital runs no mention covers).
    private(set) var entityIDs: [[Int32]] = []
    /// Per entity id: how salient it is, from how many sentences name it (0…1, 1 for the most named).
    private(set) var entitySalience: [Double] = []
    /// Per entity id: its key (`region:RU`, `name:townsend`) and the sentences that name it.
    private(set) var entityKeys: [String] = []
    private(set) var entitySentences: [[Int32]] = []
    /// Distinct quantity ids per sentence (a figure's digits, so `1,200` and `1200` are one).
    private(set) var quantityIDs: [[Int32]] = []
    /// Per quantity id: its weight (``NumberWeights``), raised when the report repeats it.
    private(set) var quantityValue: [Double] = []
    private(set) var quantityKeys: [String] = []
    private(set) var quantitySentences: [[Int32]] = []
    private(set) var numberWeights: [Double] = []
    /// Weights of the sentence's quantities alone (money, percentages, measures, counts).
    private(set) var quantityWeights: [Double] = []
    private(set) var usesCapitalisation = false

    /// A capitalised word-like token in a sentence.
    private struct Capital {
        var range: TextRange
        var folded: String
        var isInitial: Bool
        /// Only white space separates it from the previous capitalised token.
        var continuesRun: Bool
        var isAcronym: Bool
    }

    /// - Parameter wordCursor: makes a function that gives the tokens within a sentence's
    ///   range, in order, asked once per sentence in the order of the text; called once per
    ///   pass over the text (a second pass finds names in lower-cased copy).
    init(text: String, sentences: [Sentence], wordCursor: () -> (TextRange) -> [Word], ranker: SummaryRanker) {
        self.text = text
        self.sentences = sentences
        self.ranker = ranker
        analyse(wordCursor)
    }

    private mutating func analyse(_ wordCursor: () -> (TextRange) -> [Word]) {
        let rules = ranker.rules
        var interned: [String: Int32] = [:]
        var capitalsPerSentence: [[Capital]] = []
        var capitalisedElsewhere: Set<String> = []
        var letterTokens = 0
        var capitalTokens = 0
        var quantityIntern: [String: Int32] = [:]
        var figureWeight: [Double] = []
        terms.reserveCapacity(sentences.count)
        // Tokens come a sentence at a time and are let go after it; the names module sees
        // them in the same pass (and asks for a second when the copy is lower-cased).
        // What a word's spelling gives (its folded form, stop word or not, its term, its
        // capitals), made once per distinct spelling: a report repeats its words, and
        // folding, stemming and interning each token anew was a fifth of the analysis.
        var spellings: [ByteKey: SpellingFacts] = [:]
        func spellingFacts(_ piece: Substring) -> SpellingFacts {
            let folded = TurkicCasing.lowercased(String(piece), turkic: rules.usesTurkicCasing)
            let isStopWord = rules.stopWords.contains(folded)
            var term: Int32 = -1
            if !isStopWord, folded.unicodeScalars.count > 1 {
                let stem = rules.stemmer.stem(folded)
                if let known = interned[stem] { term = known } else {
                    term = Int32(interned.count)
                    interned[stem] = term
                }
            }
            let isCapital = Self.isUppercase(piece.unicodeScalars.first!)
            let isAcronym = isCapital && piece.unicodeScalars.count >= 2
                && piece.unicodeScalars.allSatisfy { !Self.isLowercase($0) }
            // A name's key leaves its possessive out (`Kremlin’s` is the `Kremlin`); a date's
            // month or weekday and a title before a name are no entities.
            let key = isCapital ? Self.withoutPossessive(folded) : folded
            let namesNothing = isCapital && !isAcronym
                && (rules.monthNames.contains(key) || rules.weekdayNames.contains(key) || rules.titles.contains(key))
            return SpellingFacts(folded: key, isStopWord: isStopWord, term: term, isCapital: isCapital, isAcronym: isAcronym,
                                 namesNothing: namesNothing)
        }
        // The helpers it calls are static and take the text: a method of `self` called from
        // here copied the whole analysis (every array retained and released) per number.
        let text = self.text
        func analyseSentence(_ sentence: Sentence, _ words: [Word]) {
            var sentenceQuantities: [Int32] = []
            var sentenceTerms: [Int32] = []
            var capitals: [Capital] = []
            var wordCount = 0
            var numberWeight = 0.0
            var quantityWeight = 0.0
            var previousWasCapital = false
            var gapIsSpace = true
            var atStart = true
            var previousWord: Substring?
            var first = 0
            var sentenceLetters = 0
            var sentenceUpper = 0
            while first < words.count, words[first].range.upperBound <= sentence.range.upperBound {
                let word = words[first]
                first += 1
                guard word.kind.isWordLike else {
                    let piece = text[word.range]
                    if !Self.isWhiteSpace(piece) {
                        gapIsSpace = false
                        // After an opening quote, a colon or a dash a capital is sentence-initial again.
                        if piece.unicodeScalars.contains(where: { Self.restartsCapitals.contains($0) }) { atStart = true }
                    }
                    continue
                }
                wordCount += 1
                let piece = text[word.range]
                if word.kind == .number {
                    let kind = NumberWeights.kind(
                        of: piece, before: previousWord, after: Self.nextWord(after: first, in: words, sentence: sentence, text: text),
                        hyphenatedAfter: Self.hyphenatedWord(after: first, in: words, sentence: sentence, text: text),
                        symbolBefore: Self.symbol(before: word.range.lowerBound, limit: sentence.range.lowerBound, text: text),
                        symbolAfter: Self.symbol(after: word.range.upperBound, limit: sentence.range.upperBound, text: text),
                        monthNames: rules.monthNames)
                    numberWeight += kind.weight
                    if kind.isQuantity { quantityWeight += kind.weight }
                    let key = Self.quantityKey(piece)
                    let id: Int32
                    if let known = quantityIntern[key] { id = known } else {
                        id = Int32(quantityIntern.count)
                        quantityIntern[key] = id
                        figureWeight.append(0)
                        quantityKeys.append(key)
                    }
                    figureWeight[Int(id)] = max(figureWeight[Int(id)], kind.weight)
                    sentenceQuantities.append(id)
                    previousWasCapital = false
                } else {
                    let spelling = ByteKey(piece)
                    let facts: SpellingFacts
                    if let known = spellings[spelling] { facts = known } else {
                        facts = spellingFacts(piece)
                        spellings[spelling] = facts
                    }
                    if facts.term >= 0 { sentenceTerms.append(facts.term) }
                    sentenceLetters += 1
                    if facts.isCapital {
                        sentenceUpper += 1
                        let mayName = (!facts.isStopWord || facts.isAcronym) && !facts.namesNothing
                        if mayName {
                            capitals.append(Capital(range: word.range, folded: facts.folded, isInitial: atStart,
                                                    continuesRun: previousWasCapital && gapIsSpace, isAcronym: facts.isAcronym))
                            if !atStart { capitalisedElsewhere.insert(facts.folded) }
                        }
                        previousWasCapital = mayName
                    } else {
                        previousWasCapital = false
                    }
                }
                previousWord = piece
                atStart = false
                gapIsSpace = true
            }
            letterTokens += sentenceLetters
            // A line in capitals (a shouted headline) says nothing about names.
            if sentenceLetters >= 4, sentenceUpper * 10 > sentenceLetters * 8 { capitals.removeAll() }
            capitalTokens += capitals.count
            sentenceTerms.sort()
            terms.append(Self.distinct(sentenceTerms))
            wordCounts.append(wordCount)
            numberWeights.append(numberWeight)
            quantityWeights.append(quantityWeight)
            capitalsPerSentence.append(capitals)
            sentenceQuantities.sort()
            quantityIDs.append(Self.distinct(sentenceQuantities))
        }
        var mentions: [EntityMention] = []
        if let finder = ranker.mentionFinder {
            var firstPass = true
            let sentences = self.sentences
            mentions = finder.mentions(in: text, language: rules.language) { body in
                let wordsIn = wordCursor()
                if sentences.count >= ranker.concurrentNamesFrom {
                    // A long report: names are found on a second thread as the tokens come.
                    withoutActuallyEscaping(body) { body in
                        let handOff = TokenHandOff(body: body)
                        for sentence in sentences {
                            let words = wordsIn(sentence.range)
                            if firstPass { analyseSentence(sentence, words) }
                            handOff.put(words)
                        }
                        handOff.finish()
                    }
                } else {
                    for sentence in sentences {
                        let words = wordsIn(sentence.range)
                        if firstPass { analyseSentence(sentence, words) }
                        body(words)
                    }
                }
                firstPass = false
            }
        } else {
            let wordsIn = wordCursor()
            for sentence in sentences { analyseSentence(sentence, wordsIn(sentence.range)) }
        }
        // Lower-cased copy has (almost) no capitals; then they mark nothing.
        usesCapitalisation = letterTokens > 0 && capitalTokens * 50 >= letterTokens
        var entityIntern: [String: Int32] = [:]
        // Each sentence's mentions: those that lie within it, found with one cursor.
        var mentionIndex = 0
        for (index, capitals) in capitalsPerSentence.enumerated() {
            let sentence = sentences[index]
            while mentionIndex < mentions.count, mentions[mentionIndex].range.lowerBound < sentence.range.lowerBound { mentionIndex += 1 }
            let firstMention = mentionIndex
            while mentionIndex < mentions.count, mentions[mentionIndex].range.upperBound <= sentence.range.upperBound { mentionIndex += 1 }
            var ids: [Int32] = []
            for key in entityKeys(capitals, mentions: mentions[firstMention..<mentionIndex], elsewhere: capitalisedElsewhere) {
                if let known = entityIntern[key] { ids.append(known) } else {
                    let id = Int32(entityIntern.count)
                    entityIntern[key] = id
                    entityKeys.append(key)
                    ids.append(id)
                }
            }
            ids.sort()
            entityIDs.append(Self.distinct(ids))
        }
        entitySentences = Self.postings(entityIDs, count: entityKeys.count)
        quantitySentences = Self.postings(quantityIDs, count: quantityKeys.count)
        // An entity the report returns to matters more: log of the sentences naming it,
        // relative to the most named one.
        let mostNamed = entitySentences.map(\.count).max() ?? 1
        entitySalience = entitySentences.map { log(1 + Double($0.count)) / log(1 + Double(max(1, mostNamed))) }
        let repeated = ranker.weights.repeatedQuantity
        quantityValue = zip(figureWeight, quantitySentences).map { weight, holders in
            holders.count > 1 ? weight : weight / repeated
        }
    }

    /// The entities and figures `picked` sentences carry, with every sentence stating each.
    func facts(of picked: [Int]) -> [SummaryFact] {
        var facts: [(first: Int32, fact: SummaryFact)] = []
        var seenEntities: Set<Int32> = []
        var seenQuantities: Set<Int32> = []
        for index in picked {
            for id in entityIDs[index] where seenEntities.insert(id).inserted {
                let holders = entitySentences[Int(id)]
                facts.append((holders[0], SummaryFact(kind: .entity, key: entityKeys[Int(id)], value: entitySalience[Int(id)],
                                                      candidates: holders.map(Int.init))))
            }
            for id in quantityIDs[index] where seenQuantities.insert(id).inserted {
                let holders = quantitySentences[Int(id)]
                facts.append((holders[0], SummaryFact(kind: .quantity, key: quantityKeys[Int(id)], value: quantityValue[Int(id)],
                                                      candidates: holders.map(Int.init))))
            }
        }
        return facts.sorted { $0.first < $1.first }.map(\.fact)
    }

    /// For each id, the sentences (ascending) whose lists hold it.
    static func postings(_ lists: [[Int32]], count: Int) -> [[Int32]] {
        var result = [[Int32]](repeating: [], count: count)
        for (sentence, ids) in lists.enumerated() { for id in ids { result[Int(id)].append(Int32(sentence)) } }
        return result
    }

    /// The salience of the entities in `ids` not yet covered, and of the quantities.
    func entityGain(_ sentence: Int, covered: [Bool]) -> Double {
        var gain = 0.0
        for id in entityIDs[sentence] where !covered[Int(id)] { gain += entitySalience[Int(id)] }
        return gain
    }

    func quantityGain(_ sentence: Int, covered: [Bool]) -> Double {
        var gain = 0.0
        for id in quantityIDs[sentence] where !covered[Int(id)] { gain += quantityValue[Int(id)] }
        return gain
    }

    /// The entities of one sentence: the mention finder's ids, plus runs of capitalised
    /// words that no mention covers, keyed by their last word (`Andros Townsend` and a
    /// later `Townsend` are one person), as the names module keys the names it finds.
    private func entityKeys(_ capitals: [Capital], mentions: ArraySlice<EntityMention>, elsewhere: Set<String>) -> [String] {
        var entities: [String] = mentions.map(\.entity)
        guard usesCapitalisation else { return entities }
        let capitalisesNouns = ranker.rules.capitalisesNouns
        var run: [String] = []
        var runIsEvidence = false
        func closeRun() {
            // Two capitalised words in a row (`North Korean`, `Lloyd Austin`) name something
            // even where a single capital proves nothing.
            if let last = run.last, runIsEvidence || run.count >= 2 { entities.append("name:" + last) }
            run.removeAll(keepingCapacity: true)
            runIsEvidence = false
        }
        for capital in capitals {
            if !capital.continuesRun { closeRun() }
            if mentions.contains(where: { $0.range.overlaps(capital.range) }) {
                // Capitals that run into a mention belong to it (`North` of `North Korean`,
                // `Pentagon Chief` before `Lloyd Austin`), not to an entity of their own.
                if capital.continuesRun {
                    run.removeAll(keepingCapacity: true)
                    runIsEvidence = false
                } else {
                    closeRun()
                }
                continue
            }
            // A capital opening a sentence is evidence only if the word is capitalised
            // elsewhere too; where every noun has a capital, only an acronym is.
            let evidence = capital.isAcronym
                || (!capitalisesNouns && (!capital.isInitial || elsewhere.contains(capital.folded)))
            run.append(capital.folded)
            runIsEvidence = runIsEvidence || evidence
        }
        closeRun()
        return entities
    }

    /// Whether `sentence` ends without a sentence's final mark (``SentenceFeatures/unterminated``):
    /// a terminator as the segmenter reads one (`. ! ? …`, `。`, `؟`, `।`), or a colon or a
    /// semicolon, which end a sentence that leads into a list or a quotation. Closing
    /// quotation marks and brackets after the mark, as the segmenter reads those too, set
    /// off by spaces or not, are passed over (`pounds . ’`, `it.")`; `«` and `“` close German
    /// and Danish quotations).
    static func isUnterminated(_ sentence: Substring) -> Bool {
        var scalars = sentence.unicodeScalars.reversed().drop(while: \.properties.isWhitespace)
        while let last = scalars.first, last.isCloser { scalars = scalars.dropFirst().drop(while: \.properties.isWhitespace) }
        guard let last = scalars.first else { return false }
        return !(last.isSentenceTerminator || last == ":" || last == ";")
    }

    /// The candidate sentences with their features and totals.
    /// - Parameter weights: the ranker's weights as the summary's length leaves them
    ///   (``SummaryWeights/faded(share:)``).
    mutating func scoredSentences(weights: SummaryWeights) -> [ScoredSentence] {
        let centrality = self.centrality()
        let (uptake, repetition) = directedSharing()
        let noEntities = [Bool](repeating: false, count: entityKeys.count)
        let noQuantities = [Bool](repeating: false, count: quantityKeys.count)
        var result: [ScoredSentence] = []
        result.reserveCapacity(sentences.count)
        for index in sentences.indices {
            let words = max(1, wordCounts[index])
            var prior = index < weights.leadPrior.count ? weights.leadPrior[index] : 0
            if index > 0 {
                // After the lede, a sentence earns part of its place only by carrying a quantity.
                prior *= 1 - weights.leadQuantityShare * (1 - min(1, quantityWeights[index]))
            }
            let features = SentenceFeatures(
                position: prior,
                centrality: centrality[index],
                uptake: uptake[index],
                repetition: repetition[index],
                entities: min(weights.factCap, entityGain(index, covered: noEntities)) / weights.factCap,
                numbers: min(weights.factCap, quantityGain(index, covered: noQuantities)) / weights.factCap,
                brevity: wordCounts[index] < weights.shortSentenceWords ? 1 : 0,
                length: max(0, log(Double(words) / Double(max(1, weights.longSentenceWords)))),
                unterminated: Self.isUnterminated(text[sentences[index].range]) ? 1 : 0)
            let total = weights.position * features.position + weights.centrality * features.centrality
                + weights.uptake * features.uptake - weights.repetition * features.repetition
                + weights.entities * features.entities + weights.numbers * features.numbers
                - weights.brevity * features.brevity - weights.length * features.length
                - weights.unterminated * features.unterminated
            result.append(ScoredSentence(range: sentences[index].range, index: index, wordCount: wordCounts[index],
                                         features: features, total: total, redundancy: 0, pickRank: nil))
        }
        return result
    }

    /// For each sentence, the sum over the others of shared terms divided by the sum of
    /// the logarithms of both lengths (the similarity of TextRank and of sumy's Reduction),
    /// scaled so that the most central sentence has 1.
    ///
    /// The pairwise sum is computed without visiting pairs. A pair's denominator depends
    /// only on the two sentences' term counts, so for each term it is enough to know how
    /// many sentences of each term count hold it: sentence *i* with *n* terms scores
    /// Σ over its terms *t*, Σ over term counts *m*, holders(*t*, *m*) ÷ (log(*n*+1) + log(*m*+1)),
    /// the sentence itself left out. The cost is the number of (term, term count) pairs a
    /// sentence's terms reach: linear in the text, as term counts of sentences take few
    /// values, where comparing every pair of sentences made a 4 MB report take a minute.
    private func centrality() -> [Double] {
        let count = terms.count
        var scores = [Double](repeating: 0, count: count)
        let termCount = self.termCount
        guard termCount > 0 else { return scores }
        let lengths = terms.map { Int32($0.count) }
        let logLength = terms.map { log(Double($0.count) + 1) }

        // Holders of each term, grouped by term (a counting sort), then by term count:
        // postings[postingStart[t]..<postingStart[t + 1]] are (term count, holders) pairs.
        var holderStart = [Int](repeating: 0, count: termCount + 1)
        for sentenceTerms in terms { for term in sentenceTerms { holderStart[Int(term) + 1] += 1 } }
        for term in 0..<termCount { holderStart[term + 1] += holderStart[term] }
        var holderLengths = [Int32](repeating: 0, count: holderStart[termCount])
        var fill = holderStart
        for (index, sentenceTerms) in terms.enumerated() {
            for term in sentenceTerms {
                holderLengths[fill[Int(term)]] = lengths[index]
                fill[Int(term)] += 1
            }
        }
        var postingStart = [Int](repeating: 0, count: termCount + 1)
        var postingLengths: [Int32] = []
        var postingHolders: [Double] = []
        var holdersOfLength: [Int32: Int] = [:]
        for term in 0..<termCount {
            if holderStart[term + 1] - holderStart[term] == 1 {
                postingLengths.append(holderLengths[holderStart[term]])
                postingHolders.append(1)
                postingStart[term + 1] = postingLengths.count
                continue
            }
            holdersOfLength.removeAll(keepingCapacity: true)
            for length in holderLengths[holderStart[term]..<holderStart[term + 1]] { holdersOfLength[length, default: 0] += 1 }
            for (length, holders) in holdersOfLength.sorted(by: { $0.key < $1.key }) {
                postingLengths.append(length)
                postingHolders.append(Double(holders))
            }
            postingStart[term + 1] = postingLengths.count
        }
        let logOfLength = postingLengths.map { log(Double($0) + 1) }

        for (index, sentenceTerms) in terms.enumerated() where !sentenceTerms.isEmpty {
            let own = logLength[index]
            let ownLength = lengths[index]
            var score = 0.0
            for term in sentenceTerms {
                for posting in postingStart[Int(term)]..<postingStart[Int(term) + 1] {
                    // The sentence is one of the holders at its own length; it is no neighbour of itself.
                    let holders = postingLengths[posting] == ownLength ? postingHolders[posting] - 1 : postingHolders[posting]
                    score += holders / (own + logOfLength[posting])
                }
            }
            scores[index] = score
        }
        let top = scores.max() ?? 0
        return top > 0 ? scores.map { $0 / top } : scores
    }

    /// For each sentence, how many times the sentences after it hold its terms (uptake) and
    /// how many times the sentences before it do (repetition), each divided by log(terms +
    /// 1) + 1 and scaled so that the highest is 1. Centrality counts both directions as one;
    /// in news they differ: the lede and the sentences that set out a fact are taken up by
    /// what follows, while a recap repeats what came before. Two passes over the terms, one
    /// each way, with a count per term: linear in the text.
    func directedSharing() -> (uptake: [Double], repetition: [Double]) {
        var uptake = [Double](repeating: 0, count: terms.count)
        var repetition = [Double](repeating: 0, count: terms.count)
        let termCount = self.termCount
        guard termCount > 0 else { return (uptake, repetition) }
        var holders = [Int32](repeating: 0, count: termCount)
        func pass(_ order: some Sequence<Int>, into scores: inout [Double]) {
            for index in order where !terms[index].isEmpty {
                var shared = 0
                for term in terms[index] { shared += Int(holders[Int(term)]) }
                scores[index] = Double(shared) / (log(Double(terms[index].count) + 1) + 1)
                for term in terms[index] { holders[Int(term)] += 1 }
            }
            let top = scores.max() ?? 0
            if top > 0 { for index in scores.indices { scores[index] /= top } }
        }
        pass(terms.indices.reversed(), into: &uptake)
        for index in holders.indices { holders[index] = 0 }
        pass(terms.indices, into: &repetition)
        return (uptake, repetition)
    }

    /// One more than the highest term id (the terms of each sentence are sorted).
    private var termCount: Int {
        var limit: Int32 = -1
        for sentenceTerms in terms { if let last = sentenceTerms.last { limit = max(limit, last) } }
        return Int(limit) + 1
    }

    /// How far sentence `other` repeats the pick `pick`, from one count of their shared
    /// terms: the cosine similarity of their term sets (the redundancy check), and the share
    /// of `other`'s terms that `pick` has too (1 when everything `other` says of substance
    /// the pick says already: a caption that restates the lede).
    func overlap(of other: Int, with pick: Int) -> (similarity: Double, containment: Double) {
        let a = terms[pick]
        let b = terms[other]
        guard !a.isEmpty, !b.isEmpty else { return (0, 0) }
        let shared = Double(Self.sharedCount(a, b))
        return (shared / (Double(a.count) * Double(b.count)).squareRoot(), shared / Double(b.count))
    }

    static func sharedCount(_ a: [Int32], _ b: [Int32]) -> Int {
        var i = 0
        var j = 0
        var shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }

    static func distinct(_ sorted: [Int32]) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(sorted.count)
        for value in sorted where result.last != value { result.append(value) }
        return result
    }

    /// A figure's key: its text without group separators (`,`, space, no-break space), so
    /// `1,200` and `1200` are one quantity. Made from the UTF-8 bytes; U+00A0 is C2 A0.
    static func quantityKey(_ piece: Substring) -> String {
        let bytes = piece.utf8
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x20 || $0 == 0xC2 }) else { return String(piece) }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte == 0x2C || byte == 0x20 {
                index = next
                continue
            }
            if byte == 0xC2, next < bytes.endIndex, bytes[next] == 0xA0 {
                index = bytes.index(after: next)
                continue
            }
            kept.append(byte)
            index = next
        }
        return String(decoding: kept, as: UTF8.self)
    }

    static let restartsCapitals: Set<Unicode.Scalar> = Set("\"“”«„‘:—–(".unicodeScalars)

    private static func nextWord(after index: Int, in words: [Word], sentence: Sentence, text: String) -> Substring? {
        var next = index
        while next < words.count, words[next].range.upperBound <= sentence.range.upperBound {
            if words[next].kind.isWordLike { return text[words[next].range] }
            if !Self.isWhiteSpace(text[words[next].range]) { return nil }
            next += 1
        }
        return nil
    }

    /// The word joined to the token before `index` by a hyphen alone (`year` in `17-year-old`).
    /// The three tokens must touch, since white space may have been left out of `words`.
    private static func hyphenatedWord(after index: Int, in words: [Word], sentence: Sentence, text: String) -> Substring? {
        guard index > 0, index + 1 < words.count, words[index + 1].range.upperBound <= sentence.range.upperBound,
              words[index].range.lowerBound == words[index - 1].range.upperBound,
              words[index + 1].range.lowerBound == words[index].range.upperBound,
              text[words[index].range] == "-", words[index + 1].kind.isWordLike
        else { return nil }
        return text[words[index + 1].range]
    }

    /// The non-space scalar just before `index` (within the sentence), if any.
    private static func symbol(before index: String.Index, limit: String.Index, text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        var position = index
        while position > limit {
            position = scalars.index(before: position)
            let scalar = scalars[position]
            if scalar != " " { return scalar }
        }
        return nil
    }

    /// The non-space scalar just after `index` (within the sentence), if any.
    private static func symbol(after index: String.Index, limit: String.Index, text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        var position = index
        while position < limit {
            let scalar = scalars[position]
            if scalar != " " { return scalar }
            position = scalars.index(after: position)
        }
        return nil
    }
}
