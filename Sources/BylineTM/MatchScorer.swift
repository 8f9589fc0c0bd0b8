/// Byline's fuzzy match percentage: how much of a stored source a translator can reuse
/// for a new segment. The formula, its constants and the reasons are in `docs/tm-matching.md`.
///
/// `score = 100 − (token penalty + character penalty) / 2 − fixed penalties`, where
/// - the token penalty is `100 × cost / max(weight(query), weight(source))` for a weighted
///   edit distance over match tokens: a word or number inserted, deleted or replaced costs
///   1, punctuation 0.25, a word differing only in case 0.05, a number replaced by another
///   number 0.1 (numbers are placeables: the new value goes into the target);
/// - the character penalty is `100 × Levenshtein / max(length)` over the lower-cased texts
///   with every number written `#`, which tells `he was hot` from `he was lost` when both
///   differ by one word;
/// - fixed penalties come from the unit, not the text (inline codes, aligned units,
///   alternatives, language-variant fallback) and are added by the lookup.
public struct MatchScorer: Sendable {
    public struct Costs: Sendable, Hashable {
        public var word = 1.0
        public var punctuation = 0.25
        public var caseOnly = 0.05
        public var number = 0.1

        public init() {}
    }

    public var costs = Costs()

    public init() {}

    /// What the comparison found.
    public struct Comparison: Sendable, Hashable {
        /// The percentage from the text alone (0–100).
        public var score: Double
        public var tokenScore: Double
        public var characterScore: Double
        /// Pairs of differing numbers, query value first, in order.
        public var numberChanges: [(query: String, source: String)]

        public static func == (lhs: Comparison, rhs: Comparison) -> Bool {
            lhs.score == rhs.score && lhs.tokenScore == rhs.tokenScore && lhs.characterScore == rhs.characterScore
                && lhs.numberChanges.elementsEqual(rhs.numberChanges, by: { $0 == $1 })
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(score) }
    }

    /// Compares a query with a stored source, both already tokenised.
    public func compare(query: [MatchToken], source: [MatchToken]) -> Comparison {
        compare(query: prepare(query), source: source)
    }

    /// Compares a prepared query with a stored source.
    func compare(query: PreparedQuery, source: [MatchToken]) -> Comparison {
        let tokenScore = self.tokenScore(query, source)
        // Numbers are placeables: the character comparison sees each as one mark, so a
        // changed value is priced by the token cost alone.
        let characterScore = Self.characterScore(query.characterForm, Array(Self.characterForm(source).unicodeScalars))
        let numbers = numberChanges(query.tokens, source)
        let score = max(0, min(100, (tokenScore + characterScore) / 2))
        return Comparison(score: score, tokenScore: tokenScore, characterScore: characterScore, numberChanges: numbers)
    }

    func weight(_ token: MatchToken) -> Double {
        token.kind == .punctuation ? costs.punctuation : costs.word
    }

    func substitution(_ a: MatchToken, _ b: MatchToken) -> Double {
        if a.text == b.text { return 0 }
        if a.kind == .number, b.kind == .number { return costs.number }
        if a.folded == b.folded { return costs.caseOnly }
        if a.kind == .punctuation, b.kind == .punctuation { return costs.punctuation }
        return max(weight(a), weight(b))
    }

    /// A query's side of the token score, worked out once for all the stored sources a
    /// lookup compares it with: its tokens numbered by folded form and text, their weights,
    /// and its character form.
    struct PreparedQuery: Sendable {
        let tokens: [MatchToken]
        let weights: [Double]
        let totalWeight: Double
        let foldedIDs: [String: Int32]
        let textsByFolded: [[TextID]]
        let codes: [TokenCode]
        /// How many query tokens have each folded form, by its number.
        let foldedCounts: [Int]
        let characterForm: [Unicode.Scalar]
    }

    struct TextID: Sendable {
        var text: String
        var id: Int32
    }

    /// Numbers the query's tokens: equal texts, and equal folded forms, get equal numbers,
    /// by the same equality as `String`'s.
    func prepare(_ query: [MatchToken]) -> PreparedQuery {
        let weights = query.map(weight)
        var foldedIDs: [String: Int32] = [:]
        var textsByFolded: [[TextID]] = []
        var textCount: Int32 = 0
        foldedIDs.reserveCapacity(query.count)
        var codes: [TokenCode] = []
        codes.reserveCapacity(query.count)
        for token in query {
            let folded: Int32
            if let known = foldedIDs[token.folded] {
                folded = known
            } else {
                folded = Int32(textsByFolded.count)
                foldedIDs[token.folded] = folded
                textsByFolded.append([])
            }
            let text: Int32
            if let known = textsByFolded[Int(folded)].first(where: { $0.text == token.text }) {
                text = known.id
            } else {
                text = textCount
                textCount += 1
                textsByFolded[Int(folded)].append(TextID(text: token.text, id: text))
            }
            codes.append(TokenCode(text: text, folded: folded, kind: token.kind))
        }
        var foldedCounts = [Int](repeating: 0, count: textsByFolded.count)
        for code in codes { foldedCounts[Int(code.folded)] += 1 }
        return PreparedQuery(
            tokens: query, weights: weights, totalWeight: weights.reduce(0, +), foldedIDs: foldedIDs,
            textsByFolded: textsByFolded, codes: codes, foldedCounts: foldedCounts,
            characterForm: Array(Self.characterForm(query).unicodeScalars))
    }

    /// 100 × (1 − weighted edit distance / larger weighted length).
    ///
    /// The tokens are first turned into small integers (equal texts, and equal folded
    /// forms, get equal numbers, by the same equality as `String`'s), so the quadratic
    /// table compares integers; a lookup scores hundreds of stored sources this way.
    ///
    /// With `minimum`, a pair that cannot reach it is told apart without the table: every
    /// token of one side whose folded form the other side lacks costs at least its deletion,
    /// or the substitution cost of its kind (numbers, punctuation), so that sum bounds the
    /// distance from below. The bound (below `minimum`) is returned in place of the score.
    func tokenScore(_ query: [MatchToken], _ source: [MatchToken], atLeast minimum: Double? = nil) -> Double {
        tokenScore(prepare(query), source, atLeast: minimum)
    }

    /// ``tokenScore(_:_:atLeast:)`` for a prepared query.
    func tokenScore(_ prepared: PreparedQuery, _ source: [MatchToken], atLeast minimum: Double? = nil) -> Double {
        let queryWeights = prepared.weights
        let sourceWeights = source.map(weight)
        let total = max(prepared.totalWeight, sourceWeights.reduce(0, +))
        guard total > 0 else { return 100 }
        // Equal texts have equal folded forms, so a source token is looked up by its folded
        // form alone, and its text compared only with the query's texts of that form.
        let foldedIDs = prepared.foldedIDs
        let textsByFolded = prepared.textsByFolded
        let queryCodes = prepared.codes
        // A source token the query lacks gets numbers no query token has.
        let sourceCodes = source.enumerated().map { index, token in
            let unique = Int32(-1 - index)
            guard let folded = foldedIDs[token.folded] else { return TokenCode(text: unique, folded: unique, kind: token.kind) }
            let text = textsByFolded[Int(folded)].first(where: { $0.text == token.text })?.id ?? unique
            return TokenCode(text: text, folded: folded, kind: token.kind)
        }
        if let minimum {
            var balance = prepared.foldedCounts
            var sourceMissing = 0.0
            for code in sourceCodes {
                if code.folded >= 0, balance[Int(code.folded)] > 0 {
                    balance[Int(code.folded)] -= 1
                } else {
                    sourceMissing += leastCost(code.kind)
                }
            }
            // What is left in `balance` are query tokens the source lacks.
            var queryMissing = 0.0
            for code in queryCodes where balance[Int(code.folded)] > 0 {
                balance[Int(code.folded)] -= 1
                queryMissing += leastCost(code.kind)
            }
            let bound = 100 * (1 - max(queryMissing, sourceMissing) / total)
            if bound < minimum { return bound }
        }
        var previous = [Double](repeating: 0, count: source.count + 1)
        var current = previous
        for j in sourceCodes.indices { previous[j + 1] = previous[j] + sourceWeights[j] }
        for (i, a) in queryCodes.enumerated() {
            let weightA = queryWeights[i]
            current[0] = previous[0] + weightA
            for j in sourceCodes.indices {
                let b = sourceCodes[j]
                let substitution: Double
                if a.text == b.text {
                    substitution = 0
                } else if a.kind == .number, b.kind == .number {
                    substitution = costs.number
                } else if a.folded == b.folded {
                    substitution = costs.caseOnly
                } else if a.kind == .punctuation, b.kind == .punctuation {
                    substitution = costs.punctuation
                } else {
                    substitution = max(weightA, sourceWeights[j])
                }
                current[j + 1] = min(previous[j] + substitution, previous[j + 1] + weightA, current[j] + sourceWeights[j])
            }
            swap(&previous, &current)
        }
        return 100 * (1 - previous[source.count] / total)
    }

    /// The least a token without an equal (folded) partner on the other side costs.
    private func leastCost(_ kind: MatchToken.Kind) -> Double {
        switch kind {
        case .word: costs.word
        case .number: min(costs.word, costs.number)
        case .punctuation: costs.punctuation
        }
    }

    /// A token as ``tokenScore(_:_:atLeast:)`` compares it: numbers standing for its text and folded form.
    struct TokenCode: Sendable {
        var text: Int32
        var folded: Int32
        var kind: MatchToken.Kind
    }

    /// The lower-cased text the character score compares, a number standing as `#`.
    static func characterForm(_ tokens: [MatchToken]) -> String {
        tokens.map { $0.kind == .number ? "#" : $0.folded }.joined(separator: " ")
    }

    /// 100 × (1 − Levenshtein distance / longer length), in Unicode scalars.
    static func characterScore(_ a: String, _ b: String) -> Double {
        characterScore(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// ``characterScore(_:_:)`` on the texts' scalars.
    static func characterScore(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Double {
        let longer = max(left.count, right.count)
        guard longer > 0 else { return 100 }
        var previous = Array(0...right.count)
        var current = previous
        for i in 1...max(1, left.count) where !left.isEmpty {
            current[0] = i
            for j in 1...max(1, right.count) where !right.isEmpty {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        let distance = left.isEmpty ? right.count : previous[right.count]
        return 100 * (1 - Double(distance) / Double(longer))
    }

    /// The numbers that differ, paired in order of appearance when both sides have the
    /// same count of numbers.
    func numberChanges(_ query: [MatchToken], _ source: [MatchToken]) -> [(query: String, source: String)] {
        let queryNumbers = query.filter { $0.kind == .number }.map(\.text)
        let sourceNumbers = source.filter { $0.kind == .number }.map(\.text)
        guard queryNumbers.count == sourceNumbers.count else { return [] }
        return zip(queryNumbers, sourceNumbers).filter { $0 != $1 }.map { (query: $0, source: $1) }
    }
}

extension MatchScorer {
    /// One step of the token alignment behind a score.
    public enum DiffStep: Sendable, Hashable {
        /// The same token on both sides (or differing only in case).
        case same(String)
        /// A stored-source token the query replaces.
        case replaced(source: String, query: String)
        /// A query token the stored source lacks.
        case added(String)
        /// A stored-source token the query lacks.
        case removed(String)
    }

    /// The cheapest alignment of the query with the stored source, as the token score
    /// priced it: what a translator changes to reuse the stored translation.
    public func diff(query: [MatchToken], source: [MatchToken]) -> [DiffStep] {
        let rows = query.count + 1
        let columns = source.count + 1
        var cost = [Double](repeating: 0, count: rows * columns)
        for i in 1..<rows { cost[i * columns] = cost[(i - 1) * columns] + weight(query[i - 1]) }
        for j in 1..<columns { cost[j] = cost[j - 1] + weight(source[j - 1]) }
        for i in 1..<rows {
            for j in 1..<columns {
                cost[i * columns + j] = min(
                    cost[(i - 1) * columns + j - 1] + substitution(query[i - 1], source[j - 1]),
                    cost[(i - 1) * columns + j] + weight(query[i - 1]),
                    cost[i * columns + j - 1] + weight(source[j - 1]))
            }
        }
        var steps: [DiffStep] = []
        var i = query.count
        var j = source.count
        while i > 0 || j > 0 {
            if i > 0, j > 0,
                cost[i * columns + j] == cost[(i - 1) * columns + j - 1] + substitution(query[i - 1], source[j - 1])
            {
                let same = query[i - 1].folded == source[j - 1].folded
                steps.append(same ? .same(source[j - 1].text) : .replaced(source: source[j - 1].text, query: query[i - 1].text))
                i -= 1
                j -= 1
            } else if i > 0, cost[i * columns + j] == cost[(i - 1) * columns + j] + weight(query[i - 1]) {
                steps.append(.added(query[i - 1].text))
                i -= 1
            } else {
                steps.append(.removed(source[j - 1].text))
                j -= 1
            }
        }
        return steps.reversed()
    }
}
