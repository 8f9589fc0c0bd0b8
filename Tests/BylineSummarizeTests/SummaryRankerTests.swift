import BylineResources
import BylineSegment
import BylineText
@testable import BylineSummarize
import Foundation
import Testing

@Suite("Summary ranking")
struct SummaryRankerTests {
    static let wireReport = """
        BAKU, Nov 1 (TURAN) — Azerbaijan's central bank kept its refinancing rate at 7.25% on Friday, citing inflation of 5.1% in September.
        The bank said prices for food rose 6.4% over the year, while services rose 2.9%.
        Analysts had expected no change.
        "We see inflation returning to the target range by the middle of next year," the bank's chairman Taleh Kazimov told reporters.
        The next rate decision is due on January 24.
        The manat has been pegged at 1.7 to the US dollar since 2017.
        """

    @Test("A dateline stays with its lede, and picks come back in the order of the text")
    func datelineAndOrder() throws {
        let text = Self.wireReport
        let summary = try summarize(text, language: "en", length: .sentences(3))
        let picked = pickedTexts(summary, in: text)
        #expect(picked.count == 3)
        #expect(picked.first?.hasPrefix("BAKU, Nov 1 (TURAN) — Azerbaijan's central bank") == true)
        let starts = summary.picks.map(\.range.lowerBound)
        #expect(starts == starts.sorted())
    }

    @Test("A quotation keeps its attribution")
    func quoteAttribution() throws {
        let text = Self.wireReport
        let summary = try summarize(text, language: "en", length: .sentences(6))
        #expect(pickedTexts(summary, in: text).contains {
            $0.hasPrefix("\"We see inflation") && $0.hasSuffix("told reporters.")
        })
    }

    @Test("Picks are trimmed ranges of the input that never include a line break")
    func exactRanges() throws {
        let text = "  \n\nPhoto AP\n   The first sentence has facts: 40 people were hurt.   \n\n  The second one has more, with 12 arrests.  \n"
        let summary = try summarize(text, language: "en", length: .sentences(2))
        for piece in pickedTexts(summary, in: text) {
            #expect(piece == piece.trimmingWhitespace)
            #expect(!piece.contains("\n"))
        }
        #expect(pickedTexts(summary, in: text).count == 2)
    }

    @Test("Asking for more sentences than the report has returns every candidate")
    func moreThanAvailable() throws {
        let text = "Photo TURAN\n\nOnly one sentence carries the news today.\n\nFollow us on social networks\n"
        let summary = try summarize(text, language: "en", length: .sentences(10))
        #expect(pickedTexts(summary, in: text) == ["Only one sentence carries the news today."])
    }

    @Test("Empty and blank input give an empty summary", arguments: ["", "   \n\n  "])
    func emptyInput(text: String) throws {
        let summary = try summarize(text, language: "en", length: .sentences(3))
        #expect(summary.picks.isEmpty)
        #expect(summary.candidates.isEmpty)
    }

    @Test("A word budget keeps sentences while they fit, and at least one")
    func wordBudget() throws {
        let text = Self.wireReport
        let small = try summarize(text, language: "en", length: .words(5))
        #expect(small.picks.count == 1)
        let larger = try summarize(text, language: "en", length: .words(45))
        let words = larger.candidates.filter { $0.pickRank != nil }.reduce(0) { $0 + $1.wordCount }
        #expect(words <= 45)
        #expect(larger.picks.count >= 2)
    }

    @Test("Lower-cased copy turns capitalisation evidence off instead of misreading it")
    func lowerCasedCopy() throws {
        let text = Self.wireReport.lowercased()
        let summary = try summarize(text, language: "en", length: .sentences(3))
        #expect(!summary.usesCapitalisation)
        #expect(summary.picks.count == 3)
        let cased = try summarize(Self.wireReport, language: "en", length: .sentences(3))
        #expect(cased.usesCapitalisation)
    }

    @Test("Money and percentages weigh more than years and times")
    func numberWeights() throws {
        let quantities = "The fund lost $4.5bn, or 12%, of its value."
        let dates = "The fund was set up in 1998, at 10:30 on a Monday."
        let text = quantities + "\n" + dates + "\n"
        let summary = try summarize(text, language: "en", length: .sentences(2))
        let byText = Dictionary(uniqueKeysWithValues: summary.candidates.map { (String(text[$0.range]), $0.features.numbers) })
        #expect(try #require(byText[quantities]) > (try #require(byText[dates])))
    }

    @Test("A counted quantity outweighs a bare year or date", arguments: [
        ("Rescuers have now counted 1,200 casualties in the eastern towns.", "Rescuers were last sent to the eastern towns in 1998."),
        ("Rescuers have now counted 1,200 casualties in the eastern towns.", "Rescuers were sent to the eastern towns on 5 March."),
        ("Police said 17 people were hurt in the crash on the bridge.", "Police said a 17-year-old was hurt in the crash on the bridge."),
    ])
    func countedQuantityOutweighsDate(counted: String, dated: String) throws {
        let lede = "A storm flooded the coast overnight, the regional government said on Monday."
        func second(_ sentence: String) throws -> SentenceFeatures {
            let text = lede + "\n" + sentence + "\n"
            let summary = try summarize(text, language: "en", length: .sentences(1))
            #expect(summary.candidates.count == 2)
            return try #require(summary.candidates.last).features
        }
        let quantity = try second(counted)
        let date = try second(dated)
        #expect(quantity.numbers > date.numbers)
        // In the same place after the lede, the sentence with a quantity keeps more of its lead prior.
        #expect(quantity.position > date.position)
        #expect(date.position < SummaryWeights().leadPrior[1] * 0.5)
    }

    @Test("A mention finder adds entities that capitals miss")
    func mentionFinder() throws {
        struct Finder: EntityMentionFinder {
            func mentions(in text: String, words: [Word], language: LanguageTag) -> [EntityMention] {
                guard let found = text.range(of: "pyongyang") else { return [] }
                return [EntityMention(range: found, entity: "Q18808")]
            }
        }
        let text = "officials in pyongyang said nothing about the launch on tuesday."
        let sentences = [Sentence(range: text.startIndex..<text.endIndex)]
        let words = try WordSegmenter(language: "en").words(in: text)
        let rules = SummarizationRules(language: "en", stopWords: StopWords(["in", "the", "on", "about"]),
                                       furniture: FurnitureRules(patterns: []))
        let without = SummaryRanker(rules: rules).summarize(text, sentences: sentences, words: words, length: .sentences(1))
        let with = SummaryRanker(rules: rules, mentionFinder: Finder())
            .summarize(text, sentences: sentences, words: words, length: .sentences(1))
        #expect(without.candidates[0].features.entities == 0)
        #expect(with.candidates[0].features.entities > 0)
    }
}

@Suite("Summary coverage, quotations and budgets")
struct SummaryCoverageTests {
    static let rules = SummarizationRules(language: "en", stopWords: StopWords(["the", "a", "of", "in", "on", "and", "said", "to"]),
                                          furniture: FurnitureRules(patterns: []))

    func summary(_ text: String, length: SummaryLength, weights: SummaryWeights = SummaryWeights()) throws -> (Summary, [String]) {
        let summary = try summarize(text, language: "en", length: length, weights: weights)
        return (summary, pickedTexts(summary, in: text))
    }

    @Test("A pick never starts inside a quotation: a quote over several sentences is taken whole or not at all")
    func quotationWhole() throws {
        let text = """
            Secretary of State Antony Blinken warned Moscow on Monday over its use of North Korean troops in Kursk.
            “Russia has lost 1,200 soldiers a day. Now he's turning to North Korean troops, a sign of weakness,” Blinken said.
            The State Department gave no figures for the troops.
            Officials in Seoul said 8,000 troops had arrived.
            """
        for count in 1...3 {
            let (_, picks) = try summary(text, length: .sentences(count))
            for pick in picks {
                #expect(!pick.hasPrefix("Now he's turning"), "a pick started inside the quotation: \(pick)")
                if pick.contains("Russia has lost") { #expect(pick.hasSuffix("Blinken said.")) }
            }
        }
    }

    @Test("A word budget is respected, and a budget below every sentence is reported")
    func wordBudget() throws {
        let text = SummaryRankerTests.wireReport
        let (fitting, picks) = try summary(text, length: .words(40))
        let words = fitting.candidates.filter { $0.pickRank != nil }.map(\.wordCount).reduce(0, +)
        #expect(!picks.isEmpty && words <= 40)
        #expect(!fitting.shortestExceedsBudget)
        let (tight, tightPicks) = try summary(text, length: .words(2))
        #expect(tight.shortestExceedsBudget)
        #expect(tightPicks == ["Analysts had expected no change."])
    }

    @Test("After the lede, coverage prefers a sentence with new facts to one that repeats the lede's")
    func coverageAddsFacts() throws {
        let text = """
            Azerbaijan's central bank kept its rate at 7.25% on Friday in Baku, its chairman Taleh Kazimov said.
            Kazimov said the central bank in Baku kept the rate at 7.25% on Friday as expected.
            Turkey's central bank cut its rate to 42.5% in Ankara, and Kazakhstan's raised it to 15.75%.
            The decision was widely expected by traders in the region this week.
            Markets were calm after the announcement and prices barely moved.
            More decisions are due later in the month from other banks.
            Traders said they would watch the next meeting closely for a change.
            """
        var weights = SummaryWeights()
        weights.entities = 0.5
        weights.numbers = 0.5
        let (summary, picks) = try self.summary(text, length: .sentences(2), weights: weights)
        #expect(picks.count == 2)
        #expect(picks.last?.hasPrefix("Turkey's central bank") == true)
        // The explanation lists the figures the picks carry and every sentence stating them.
        let rate = try #require(summary.facts.first { $0.kind == .quantity && $0.key == "7.25" })
        #expect(rate.candidates == [0, 1])
    }

    @Test("A candidate without a sentence's final mark (a caption) is penalised, and loses to a finished sentence near it")
    func unterminatedCandidates() throws {
        let text = """
            The central bank kept its rate on Friday in Baku, its chairman said.
            Traders at the exchange in Baku watching the screens after the rate announcement
            The bank's board will meet again in the spring to review the rate.
            He said: “The rate will stay where it is. Prices are stable.”
            Was the decision expected by the markets?
            Traders said they would watch the next meeting closely ( file photo )
            Economists had expected the decision after a quiet month for prices.
            Exporters have asked for a weaker currency for most of the year.
            Importers say the current level suits them well enough for now.
            """
        let (summary, picks) = try self.summary(text, length: .sentences(2))
        #expect(summary.candidates.map(\.features.unterminated) == [0, 1, 0, 0, 0, 1, 0, 0, 0])
        #expect(picks.last == "The bank's board will meet again in the spring to review the rate.")
        // Without the penalty the caption's place near the top wins.
        var weights = SummaryWeights()
        weights.unterminated = 0
        #expect(try self.summary(text, length: .sentences(2), weights: weights).1.last
            == "Traders at the exchange in Baku watching the screens after the rate announcement")
    }

    @Test("A sentence's last mark is read as the segmenter reads it: any terminator, a colon or semicolon, closers passed over")
    func finalMarks() {
        for finished in ["Prices rose‼", "He said: «Всё хорошо.»", "The list follows:", "Так сказал он ; ", "यह सही है।", "It was done . ’ ", "(It ended.)"] {
            #expect(!DocumentAnalysis.isUnterminated(Substring(finished)), "\(finished)")
        }
        for unfinished in ["Scroll down for video", "Traders watching the screens ( file photo )", "“Watch this space”"] {
            #expect(DocumentAnalysis.isUnterminated(Substring(unfinished)), "\(unfinished)")
        }
    }

    @Test("A sentence whose every content word a pick already has (a caption restating the lede) waits until nothing else is left")
    func containedSentenceWaits() throws {
        let text = """
            Sean Bowen kept his three-winner lead (45-42) over Nico de Boinville in the fiercely contested conditional jockeys' title race when both riders had one winner each at the two meetings on Monday.
            Sean Bowen kept his three-winner lead (45-42) over Nico de Boinville.
            The ground at Kempton was soft after a week of rain in the south.
            Bookmakers expect a large crowd at the spring meeting next month.
            The weather service promised a dry and sunny weekend for the region.
            Tickets for the summer festival go on sale at the end of the week.
            Parking near the course will be free for the first time this year.
            The new grandstand opens to the public in the autumn, its owners said.
            """
        let second = "The ground at Kempton was soft after a week of rain in the south."
        #expect(try self.summary(text, length: .sentences(2)).1.last == second)
        // Cosine similarity alone (0.8) lets the restatement through: it is short, and the lede long.
        var weights = SummaryWeights()
        weights.duplicateContainment = 1.01
        #expect(try self.summary(text, length: .sentences(2), weights: weights).1.last
            == "Sean Bowen kept his three-winner lead (45-42) over Nico de Boinville.")
        // Asked for every sentence, it comes last, not never.
        #expect(try self.summary(text, length: .sentences(8)).1.count == 8)
    }

    @Test("A quotation over two sentences is one candidate, whichever marks it uses", arguments: [
        ("“", "”"), ("„", "“"), ("«", "»"), ("\"", "\""), ("``", "''"),
    ])
    func quotationMarks(open: String, close: String) throws {
        let text = """
            The minister spoke to reporters in the capital on Monday after the talks.
            \(open)We have made progress on the first question. The second one is harder\(close), she said.
            Talks resume next week in the same place with the same delegations.
            """
        let summary = try summarize(text, language: "en", length: .sentences(1))
        #expect(summary.candidates.count == 3)
        let quote = try #require(summary.candidates.dropFirst().first)
        #expect(text[quote.range].hasPrefix(open + "We have made progress"))
        #expect(text[quote.range].hasSuffix("she said."))
    }

    @Test("A figure written with and without group separators is one fact")
    func figureWithSeparators() throws {
        let text = """
            Rescuers said 1,200 people had been moved from the flooded villages on Monday.
            By Tuesday the count of 1200 people moved had not changed, officials said.
            The river was expected to fall later in the week, forecasters said.
            """
        let (summary, _) = try self.summary(text, length: .sentences(1))
        let figure = try #require(summary.facts.first { $0.kind == .quantity })
        #expect(figure.key == "1200")
        #expect(figure.candidates == [0, 1])
    }

    @Test("Capitals name an entity without its possessive; a weekday, a month or a title before a name is none")
    func capitalisedEntityKeys() throws {
        let text = """
            The Kremlin said on Thursday that talks with Kyiv would go on in March.
            The Kremlin’s spokesman repeated the offer, Secretary Blinken told Ashgabat reporters.
            Reporters in Ashgabat heard nothing new from either side that week.
            """
        let summary = try summarize(text, language: "en", length: .sentences(3))
        let entities = summary.facts.filter { $0.kind == .entity }.map(\.key)
        let kremlin = try #require(summary.facts.first { $0.key == "name:kremlin" })
        #expect(kremlin.candidates == [0, 1])
        #expect(!entities.contains { $0.hasPrefix("name:kremlin’") || $0 == "name:thursday" || $0 == "name:march" || $0 == "name:secretary" })
        let ashgabat = try #require(summary.facts.first { $0.key == "name:ashgabat" })
        #expect(ashgabat.candidates == [1, 2])
    }

    @Test("A summary that takes a large share of a report gives up the lead prior for centrality")
    func priorFades() {
        let weights = SummaryWeights()
        #expect(weights.faded(share: 0.1).position == weights.position)
        #expect(weights.faded(share: 0.6).position == 0)
        #expect(weights.faded(share: 0.6).centrality == weights.centrality)
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

@Suite("Summary centrality")
struct SummaryCentralityTests {
    @Test("Centrality summed per term equals the pairwise sum over every other sentence", arguments: [1, 2, 3])
    func centralityMatchesPairwiseSum(seed: UInt64) throws {
        let (text, sentences) = madeUpReport(seed: seed, sentences: 12, shortest: 5)
        let summary = try summarize(text, language: "en", length: .sentences(3))
        #expect(summary.candidates.count == sentences.count)
        let terms = sentences.map { Set($0) }
        var expected = [Double](repeating: 0, count: terms.count)
        for left in terms.indices {
            for right in terms.indices where right != left {
                let shared = Double(terms[left].intersection(terms[right]).count)
                expected[left] += shared / (log(Double(terms[left].count) + 1) + log(Double(terms[right].count) + 1))
            }
        }
        let top = expected.max() ?? 1
        for (candidate, value) in zip(summary.candidates, expected) {
            #expect(abs(candidate.features.centrality - value / top) < 1e-9)
        }
    }
}

@Suite("Summary uptake and repetition")
struct SummaryDirectionTests {
    @Test("Uptake and repetition count each term's holders after and before a sentence, as the pairwise sums do", arguments: [1, 2, 3])
    func directedSharingMatchesPairwiseSums(seed: UInt64) throws {
        let (text, sentences) = madeUpReport(seed: seed &+ 100, sentences: 10, shortest: 4)
        let summary = try summarize(text, language: "en", length: .sentences(3))
        #expect(summary.candidates.count == sentences.count)
        let terms = sentences.map { Set($0) }
        var later = [Double](repeating: 0, count: terms.count), earlier = later
        for index in terms.indices {
            let norm = log(Double(terms[index].count) + 1) + 1
            for other in terms.indices where other != index {
                let shared = Double(terms[index].intersection(terms[other]).count) / norm
                if other > index { later[index] += shared } else { earlier[index] += shared }
            }
        }
        let topLater = later.max() ?? 1, topEarlier = earlier.max() ?? 1
        for (index, candidate) in summary.candidates.enumerated() {
            #expect(abs(candidate.features.uptake - later[index] / topLater) < 1e-9)
            #expect(abs(candidate.features.repetition - earlier[index] / topEarlier) < 1e-9)
        }
        // The first sentence repeats nothing; the last is taken up by nothing.
        #expect(summary.candidates.first?.features.repetition == 0)
        #expect(summary.candidates.last?.features.uptake == 0)
    }

    @Test("A sentence that restates earlier ones loses to one with the same lead prior that the report goes on to take up")
    func restatementCosts() throws {
        let text = """
            Officials in Baku said the pipeline deal with Georgia and Turkey was signed on Friday.
            The pipeline deal with Georgia and Turkey was signed in Baku on Friday, officials said.
            Engineers will start laying steel sections across the mountains next spring.
            The steel sections come from a plant near Rustavi, and laying them will take two years.
            Crews laying the sections will work through the winter in the mountains if the weather allows.
            Separately, a new bridge over the Kura river opened to traffic in the east of the country.
            A festival of folk music drew large crowds to a square in the old quarter of Sheki.
            Schools reopened after a holiday that had lasted a week longer than usual this year.
            """
        var weights = SummaryWeights()
        weights.leadPrior = [1, 0.5, 0.5]
        weights.entities = 0
        weights.numbers = 0
        weights.centrality = 0
        weights.redundancy = 0
        // Cased copy leaves the direction to entity coverage unless asked.
        let cased = try summarize(text, language: "en", length: .sentences(2), weights: weights)
        #expect(cased.candidates.allSatisfy { $0.total == weights.position * $0.features.position - weights.brevity * $0.features.brevity - weights.length * $0.features.length })
        weights.directionOnlyWithoutCapitals = false
        let summary = try summarize(text, language: "en", length: .sentences(2), weights: weights)
        #expect(summary.picks.map { String(text[$0.range]) }.last?.hasPrefix("Engineers will start") == true)
        let restatement = summary.candidates[1].features, engineers = summary.candidates[2].features
        #expect(restatement.repetition > engineers.repetition)
        #expect(restatement.uptake < engineers.uptake)
        // Lower-cased copy uses it by default.
        let lower = try summarize(text.lowercased(), language: "en", length: .sentences(2), weights: { var w = weights; w.directionOnlyWithoutCapitals = true; return w }())
        #expect(lower.picks.map { String(text.lowercased()[$0.range]) }.last?.hasPrefix("engineers will start") == true)
    }
}

/// A report of `sentences` sentences of made-up words that no stop list, stemmer or
/// gazetteer changes, so that each word is one term: `shortest` to `shortest + 5` words each,
/// drawn by a generator seeded with `seed`. Returns the text and each sentence's words.
private func madeUpReport(seed: UInt64, sentences count: Int, shortest: Int) -> (String, [[String]]) {
    let pool = ["zork", "quib", "flam", "drav", "plon", "treck", "vusk", "mirl", "gobo", "tazz", "wupt", "kelm"]
    var generator = SplitMix(state: seed)
    var sentences: [[String]] = []
    for _ in 0..<count {
        let length = shortest + Int(generator.next() % 6)
        sentences.append((0..<length).map { _ in pool[Int(generator.next() % UInt64(pool.count))] })
    }
    let text = sentences.map { words in
        words.first!.prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
    }.joined(separator: " ")
    return (text, sentences)
}

/// A small deterministic generator, so each argument is one fixed document.
private struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

@Suite("Long reports")
struct LongReportTests {
    /// Finds "Kazimov" and the word before it as it is handed the tokens, noting each
    /// token and whether it came on the thread that asked for the mentions.
    final class RecordingFinder: EntityMentionFinder, @unchecked Sendable {
        let lock = NSLock()
        var seen: [TextRange] = []
        var offThread = false

        func mentions(in text: String, words: [Word], language: LanguageTag) -> [EntityMention] {
            var found: [EntityMention] = []
            for (index, word) in words.enumerated() where text[word.range] == "Kazimov" && index >= 2 {
                found.append(EntityMention(range: words[index - 2].range.lowerBound..<word.range.upperBound, entity: "person:kazimov"))
            }
            return found
        }

        func mentions(in text: String, language: LanguageTag, passes: (_ body: ([Word]) -> Void) -> Void) -> [EntityMention] {
            let caller = Thread.current
            var words: [Word] = []
            passes { piece in
                words += piece
                lock.withLock {
                    seen += piece.map(\.range)
                    if Thread.current != caller { offThread = true }
                }
            }
            return mentions(in: text, words: words, language: language)
        }
    }

    @Test("Names found on a second thread as the tokens come give the summary found on one")
    func concurrentNames() throws {
        var text = ""
        for index in 0..<700 {
            text += "Talks resumed in Baku on day \(index) as \(index % 7 == 0 ? "Taleh Kazimov" : "the bank") spoke. "
            text += "Prices rose \(index % 13).\(index % 10)% in the quarter.\n"
        }
        let sentences = try SentenceSegmenter(rules: try ResourceBundle.locate().segmentationRules(for: "en")).sentences(in: text)
        let words = try WordSegmenter(language: "en").words(in: text)
        let rules = SummarizationRules(language: "en", stopWords: StopWords(["in", "the", "on", "as", "of"]),
                                       furniture: FurnitureRules(patterns: []))
        func run(from threshold: Int) -> (Summary, RecordingFinder) {
            let finder = RecordingFinder()
            var ranker = SummaryRanker(rules: rules, mentionFinder: finder)
            ranker.concurrentNamesFrom = threshold
            return (ranker.summarize(text, sentences: sentences, words: words, length: .sentences(3)), finder)
        }
        let (alone, aloneFinder) = run(from: .max)
        let (shared, sharedFinder) = run(from: 1)
        #expect(!aloneFinder.offThread)
        #expect(sharedFinder.offThread)
        #expect(sharedFinder.seen == aloneFinder.seen)
        #expect(sharedFinder.seen.count > 10_000)
        #expect(shared.picks.map(\.range) == alone.picks.map(\.range))
        #expect(shared.candidates.map(\.features) == alone.candidates.map(\.features))
        #expect(alone.candidates.contains { $0.features.entities > 0 })
    }
}
