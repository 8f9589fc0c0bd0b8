import BylineText
import Foundation

/// One lookup's decisions, apart from the database it reads: every store runs the same
/// steps on the rows it fetches, so the same memory gives the same matches and scores in
/// SQLite and in PostgreSQL.
///
/// A store drives it in this order, reading everything from one snapshot of the memory:
/// 1. ``exactCandidates(_:)`` on the variants with the query's ``matchKey`` in
///    ``sourceBase``; when there are some, ``translations(of:rows:)`` on the variants of
///    their units in ``targetBase`` (see ``unitIDs(of:)``). A non-empty result is the answer.
/// 2. Otherwise ``postingsToRead(frequencies:largestUnitID:)`` on the document frequency of
///    each of ``indexTerms``, then each chosen term's posting list goes into a
///    ``CandidateScratch`` (restricted to the units with a variant in ``targetBase``).
/// 3. ``fuzzyCandidates(_:)`` on the variants in ``sourceBase`` of the scratch's best
///    ``candidateLimit`` units, then ``translations(of:rows:)`` on theirs.
///
/// Nothing here scans the memory: the exact key, the rarest terms' postings and at most
/// ``candidateLimit`` units are read.
///
/// Into several languages, a store makes one plan and reads steps 1 and 2 once; the
/// per-language steps run on ``retargeted(to:)`` copies, which share the query's analysis.
package struct LookupPlan: Sendable {
    package let source: LanguageTag
    package private(set) var target: LanguageTag
    package let options: LookupOptions
    package let context: MatchContext
    package let query: String
    private let scorer = MatchScorer()
    private let normalized: String

    /// How many candidates, at most, are read and token-scored.
    package static let candidateLimit = 200
    /// How many of those, at most, also get the character score.
    static let fullyScored = 40

    /// A variant in the query's language: an exact candidate, or a fuzzy one with its words.
    package struct SourceRow: Sendable {
        package var variantID: Int64
        package var unitID: Int64
        package var text: String
        package var language: String
        package var wordCount: Int

        package init(variantID: Int64, unitID: Int64, text: String, language: String, wordCount: Int = 0) {
            self.variantID = variantID
            self.unitID = unitID
            self.text = text
            self.language = language
            self.wordCount = wordCount
        }
    }

    /// A variant in the target language with what its unit says about it.
    package struct TargetRow: Sendable {
        package var unitID: Int64
        package var language: String
        package var text: String
        package var markup: String?
        package var origin: String
        package var alternativeOf: Int64?
        package var properties: String?
        package var variantID: Int64

        package init(
            unitID: Int64, language: String, text: String, markup: String?, origin: String, alternativeOf: Int64?,
            properties: String?, variantID: Int64
        ) {
            self.unitID = unitID
            self.language = language
            self.text = text
            self.markup = markup
            self.origin = origin
            self.alternativeOf = alternativeOf
            self.properties = properties
            self.variantID = variantID
        }
    }

    /// A source variant that may be offered, with its comparison to the query.
    package struct Candidate: Sendable {
        var variantID: Int64
        var unitID: Int64
        var text: String
        var language: String
        var comparison: MatchScorer.Comparison?
        var exact: Bool
    }

    /// A posting list to read and the weight of each unit it lists.
    package struct PostingRead: Sendable {
        package var term: Int64
        package var weight: Float
    }

    package init(query: String, from source: LanguageTag, to target: LanguageTag, options: LookupOptions, context: MatchContext) {
        self.query = query
        self.source = source
        self.target = target
        self.options = options
        self.context = context
        normalized = MatchKey.normalized(query)
        let (terms, wordCount) = MatchTokenizer.indexTerms(query, language: source.language.lowercased())
        indexTerms = terms
        self.wordCount = wordCount
        // Stored sources are read in the query's language (`lang_base`), so one rule for
        // numbers grouped with a plain space serves both sides.
        plainSpaceGroupsDigits = MatchTokenizer.plainSpaceGroupsDigits(in: source)
        preparedQuery = scorer.prepare(MatchTokenizer.tokens(query, plainSpaceGroupsDigits: plainSpaceGroupsDigits))
    }

    /// The same query into another language: the query is analysed once for every target
    /// a desk asks for, and only the steps that depend on the target run again.
    package func retargeted(to target: LanguageTag) -> LookupPlan {
        var plan = self
        plan.target = target
        return plan
    }

    /// False for a query of white space only, which matches nothing.
    package var isSearchable: Bool { !normalized.isEmpty }
    /// The exact-match key of the query.
    package var matchKey: Int64 { MatchKey(query).value }
    /// The bare source and target languages, lower-cased, as the stores keep `lang_base`.
    package var sourceBase: String { source.language.lowercased() }
    package var targetBase: String { target.language.lowercased() }
    /// The query's fuzzy-index terms and its word count.
    package let indexTerms: [Int64]
    let wordCount: Int
    private let plainSpaceGroupsDigits: Bool
    /// The query's tokens, numbered once for scoring every candidate.
    private let preparedQuery: MatchScorer.PreparedQuery
    private var queryTokens: [MatchToken] { preparedQuery.tokens }

    /// The rows whose text equals the query's, white space aside (the key may collide).
    package func exactCandidates(_ rows: [SourceRow]) -> [Candidate] {
        rows.filter { MatchKey.normalized($0.text) == normalized }.map {
            Candidate(variantID: $0.variantID, unitID: $0.unitID, text: $0.text, language: $0.language, comparison: nil, exact: true)
        }
    }

    /// The units the candidates belong to, each once, for reading their target variants.
    package func unitIDs(of candidates: [Candidate]) -> [Int64] { Array(Set(candidates.map(\.unitID))).sorted() }

    /// How many of the query's terms a source scoring at least the minimum shares, at
    /// least (with slack for the character half of the score): by the pigeonhole principle
    /// it then contains one of the `terms − requiredTerms + 1` rarest, and only their lists
    /// are read (see ``postingsToRead(frequencies:largestUnitID:)``).
    package var requiredTerms: Int {
        max(1, Int((Double(indexTerms.count) * options.minimumScore / 100 * 0.6).rounded(.down)))
    }

    /// Terms listed by more units than this are left to scoring: they rank nothing and
    /// their lists are the longest. The rarest term is read however common it is.
    package static func commonLimit(largestUnitID: Int64) -> Int { max(1000, Int(Double(max(1, largestUnitID)) / 10)) }

    /// The posting lists to read, rarest first, with their weights, given how many units
    /// list each term (terms no unit lists are left out) and the largest unit id.
    package func postingsToRead(frequencies: [Int64: Int], largestUnitID: Int64) -> [PostingRead] {
        var found: [(term: Int64, count: Int)] = indexTerms.compactMap { term in
            frequencies[term].flatMap { $0 > 0 ? (term, $0) : nil }
        }
        guard !found.isEmpty else { return [] }
        found.sort { $0.count < $1.count || ($0.count == $1.count && $0.term < $1.term) }
        let prefixLength = max(1, found.count - requiredTerms + 1)
        let total = Double(max(1, largestUnitID))
        let commonLimit = Self.commonLimit(largestUnitID: largestUnitID)
        return found.prefix(prefixLength).enumerated().compactMap { position, entry in
            guard position == 0 || entry.count <= commonLimit else { return nil }
            return PostingRead(term: entry.term, weight: Float(log(total / Double(entry.count)) + 1))
        }
    }

    /// The source variants of the best-ranked units scored against the query, best first.
    package func fuzzyCandidates(_ rows: [SourceRow]) -> [Candidate] {
        var tokenRanked: [(score: Double, row: SourceRow, tokens: [MatchToken])] = []
        for row in rows {
            // Length window: a source much longer or shorter than the query cannot reach the minimum.
            let longer = Double(max(row.wordCount, wordCount))
            if longer > 0, Double(abs(row.wordCount - wordCount)) / longer > (1 - options.minimumScore / 100) + 0.25 { continue }
            let tokens = MatchTokenizer.tokens(row.text, plainSpaceGroupsDigits: plainSpaceGroupsDigits)
            // The token score is cheap; the character score only runs for the best.
            let tokenScore = scorer.tokenScore(preparedQuery, tokens, atLeast: options.minimumScore - 30)
            guard tokenScore >= options.minimumScore - 30 else { continue }
            tokenRanked.append((tokenScore, row, tokens))
        }
        tokenRanked.sort { ($0.score, -$0.row.variantID) > ($1.score, -$1.row.variantID) }
        var candidates: [Candidate] = []
        for entry in tokenRanked.prefix(Self.fullyScored) {
            let comparison = scorer.compare(query: preparedQuery, source: entry.tokens)
            guard comparison.score >= options.minimumScore - 5 else { continue }
            candidates.append(
                Candidate(
                    variantID: entry.row.variantID, unitID: entry.row.unitID, text: entry.row.text,
                    language: entry.row.language, comparison: comparison, exact: false))
        }
        candidates.sort { ($0.comparison?.score ?? 0, -$0.variantID) > ($1.comparison?.score ?? 0, -$1.variantID) }
        return Array(candidates.prefix(options.maximum * 4))
    }

    /// The candidates' translations, given the target variants of their units (ordered by
    /// unit, then position), scored with the fixed penalties, best first.
    package func translations(of candidates: [Candidate], rows: [TargetRow]) throws -> [Match] {
        var byUnit: [Int64: [TargetRow]] = [:]
        for row in rows { byUnit[row.unitID, default: []].append(row) }
        var matches: [Match] = []
        for candidate in candidates {
            // A variant is never its own translation: a unit with one language (a source
            // awaiting its translation) offers nothing.
            guard let rows = byUnit[candidate.unitID]?.filter({ $0.variantID != candidate.variantID }),
                let (row, fallback) = Self.bestVariant(rows, for: target)
            else { continue }
            var penalties: [Match.Penalty] = []
            if let fallback { penalties.append(fallback) }
            let sourceLanguage = LanguageTag(candidate.language)
            if sourceLanguage != source, sourceLanguage.language == source.language, source.description.contains("-") {
                penalties.append(Match.Penalty(points: 1, reason: "source in \(sourceLanguage), asked for \(source)"))
            }
            if row.origin == "aligned" { penalties.append(Match.Penalty(points: 2, reason: "aligned automatically, not reviewed")) }
            if row.alternativeOf != nil { penalties.append(Match.Penalty(points: 1, reason: "an alternative translation")) }
            let segment = try row.markup.map { try Segment(markup: $0) } ?? Segment(text: row.text)
            let codes = segment.codes.filter { $0.kind != .sub && $0.kind != .hi }.count
            if codes > 0 {
                penalties.append(Match.Penalty(points: Double(codes), reason: "\(codes) inline code(s) the query does not have"))
            }
            var targetText = row.text
            var repaired = false
            if let changes = candidate.comparison?.numberChanges, !changes.isEmpty {
                if let replaced = Placeables.substitute(
                    changes, in: targetText, sourceLanguage: source, targetLanguage: LanguageTag(row.language))
                {
                    targetText = replaced
                    repaired = true
                }
            }
            let inContext = candidate.exact && matchesContext(row.properties)
            let base = inContext ? 101 : candidate.exact ? 100 : (candidate.comparison?.score ?? 0)
            let score = max(0, (base - penalties.reduce(0) { $0 + $1.points }) * 10).rounded() / 10
            guard score >= options.minimumScore else { continue }
            matches.append(
                Match(
                    score: score, kind: inContext ? .context : candidate.exact ? .exact : .fuzzy, source: candidate.text,
                    sourceLanguage: sourceLanguage, target: targetText, targetLanguage: LanguageTag(row.language),
                    targetMarkup: row.markup ?? segment.markup, repaired: repaired, unitID: candidate.unitID, origin: row.origin,
                    diff: candidate.exact || !options.explain
                        ? []
                        : scorer.diff(
                            query: queryTokens,
                            source: MatchTokenizer.tokens(candidate.text, plainSpaceGroupsDigits: plainSpaceGroupsDigits)),
                    comparison: candidate.comparison, penalties: penalties))
        }
        matches.sort { ($0.score, -$0.unitID) > ($1.score, -$1.unitID) }
        return Array(matches.prefix(options.maximum))
    }

    /// True when the unit's recorded neighbours match the query's.
    private func matchesContext(_ properties: String?) -> Bool {
        guard context.previous != nil || context.next != nil, let properties,
            let pairs = try? JSONDecoder().decode([Attribute].self, from: Data(properties.utf8))
        else { return false }
        func same(_ stored: String?, _ given: String?) -> Bool? {
            guard let given else { return nil }
            guard let stored else { return false }
            return MatchKey.normalized(stored) == MatchKey.normalized(given)
        }
        let previous = same(pairs.first(where: { $0.name == "x-context-pre" })?.value, context.previous)
        let next = same(pairs.first(where: { $0.name == "x-context-post" })?.value, context.next)
        return (previous ?? true) && (next ?? true) && (previous != nil || next != nil)
    }

    /// The variant in the asked language: the same tag, else the bare language, else
    /// another region of it (`pt-BR` → `pt` → `pt-PT`), with a penalty for the fallback.
    static func bestVariant(_ rows: [TargetRow], for language: LanguageTag) -> (TargetRow, Match.Penalty?)? {
        let wanted = language.description.lowercased()
        if let row = rows.first(where: { $0.language.lowercased() == wanted }) { return (row, nil) }
        if let row = rows.first(where: { $0.language.lowercased() == language.language.lowercased() }) {
            return (row, wanted.contains("-") ? Match.Penalty(points: 0.5, reason: "target in \(row.language), asked for \(language)") : nil)
        }
        guard let row = rows.first else { return nil }
        return (row, Match.Penalty(points: 1, reason: "target in \(row.language), asked for \(language)"))
    }
}
