import BylineText
import Foundation
import GRDB

extension SQLiteStore {
    /// Suggestions for `query`, translated from `source` into `target`, best first.
    ///
    /// An exact match (same text, white space aside) is answered from the exact-match key
    /// alone. Otherwise candidates come from the fuzzy index: the query's rarest terms are
    /// read first (a stored source that reaches the minimum score must share at least
    /// one of them), their posting lists are merged, and only the sources sharing the
    /// most terms are scored with ``MatchScorer``. Nothing scans the memory.
    ///
    /// An exact match whose unit records the same neighbouring segment as `context` gives
    /// (`x-context-pre` / `x-context-post` properties, as memoQ writes them) scores 101.
    public func matches(
        for query: String, from source: LanguageTag, to target: LanguageTag, options: LookupOptions,
        context: MatchContext = MatchContext()
    ) throws -> [Match] {
        do {
            return try queue.read { db in
                try Lookup(
                    db: db, source: source, target: target, options: options, context: context, scratch: scratch,
                    targetUnits: targetUnits
                ).run(query)
            }
        } catch let error as DatabaseError {
            throw TMStoreError(error, path: path)
        }
    }
}

/// One lookup, inside one read transaction.
struct Lookup {
    let db: Database
    let source: LanguageTag
    let target: LanguageTag
    let options: LookupOptions
    let context: MatchContext
    let scorer = MatchScorer()
    let scratch: CandidateScratch
    let targetUnits: TargetUnits

    /// How many candidates, at most, are read and token-scored.
    static let candidateLimit = 200
    /// How many of those, at most, also get the character score.
    static let fullyScored = 40

    private struct Candidate {
        var variantID: Int64
        var unitID: Int64
        var text: String
        var language: String
        var comparison: MatchScorer.Comparison?
        var exact: Bool
    }

    func run(_ query: String) throws -> [Match] {
        let sourceBase = source.language.lowercased()
        let normalized = MatchKey.normalized(query)
        guard !normalized.isEmpty else { return [] }
        let exact = try Row.fetchAll(
            db, sql: "SELECT id, unit_id, text, lang FROM variants WHERE match_key = ? AND lang_base = ?",
            arguments: [MatchKey(query).value, sourceBase]
        ).filter { MatchKey.normalized($0[2]) == normalized }
        if !exact.isEmpty {
            let candidates = exact.map {
                Candidate(variantID: $0[0], unitID: $0[1], text: $0[2], language: $0[3], comparison: nil, exact: true)
            }
            // A source stored only with other languages leaves the query to fuzzy matching.
            let found = try translations(of: candidates, queryTokens: [])
            if !found.isEmpty { return found }
        }
        return try fuzzy(query, base: sourceBase)
    }

    private func fuzzy(_ query: String, base: String) throws -> [Match] {
        let queryTokens = MatchTokenizer.tokens(query)
        let (terms, wordCount) = MatchTokenizer.indexTerms(query, language: base)
        guard !terms.isEmpty else { return [] }
        let index = try FuzzyIndexReader(db: db)
        var frequencies: [(term: Int64, count: Int)] = []
        for term in terms {
            let count = try index.documentFrequency(term)
            if count > 0 { frequencies.append((term, count)) }
        }
        guard !frequencies.isEmpty else { return [] }
        frequencies.sort { $0.count < $1.count || ($0.count == $1.count && $0.term < $1.term) }
        // A source scoring at least the minimum shares at least `required` of the query's
        // terms (with slack for the character half of the score); by the pigeonhole
        // principle it then contains one of the `terms − required + 1` rarest.
        let required = max(1, Int((Double(terms.count) * options.minimumScore / 100 * 0.6).rounded(.down)))
        let prefixLength = max(1, frequencies.count - required + 1)
        let total = Double(try Int.fetchOne(db, sql: "SELECT max(id) FROM units") ?? 1)
        let withTarget = try targetUnits.units(in: target.language.lowercased(), db: db)
        // Terms in more than a tenth of all variants are left to scoring: they rank nothing
        // and their lists are the longest. The rarest term is always read.
        let commonLimit = max(1000, Int(total / 10))
        scratch.reset(capacity: Int(total) + 1)
        for (position, (term, count)) in frequencies.prefix(prefixLength).enumerated() where position == 0 || count <= commonLimit {
            scratch.add(try index.units(term), weight: Float(log(total / Double(count)) + 1), allowed: withTarget)
        }
        let ranked = scratch.best(Self.candidateLimit)
        guard !ranked.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, unit_id, text, lang, word_count FROM variants
                WHERE unit_id IN (\(placeholders)) AND lang_base = ?
                """,
            arguments: StatementArguments(ranked.map { Int64($0) } + [base]))
        var candidates: [Candidate] = []
        var tokenRanked: [(score: Double, id: Int64, unit: Int64, text: String, language: String, tokens: [MatchToken])] = []
        for row in rows {
            let words: Int = row[4]
            // Length window: a source much longer or shorter than the query cannot reach the minimum.
            let longer = Double(max(words, wordCount))
            if longer > 0, Double(abs(words - wordCount)) / longer > (1 - options.minimumScore / 100) + 0.25 { continue }
            let text: String = row[2]
            let tokens = MatchTokenizer.tokens(text)
            // The token score is cheap; the character score only runs for the best.
            let tokenScore = scorer.tokenScore(queryTokens, tokens, atLeast: options.minimumScore - 30)
            guard tokenScore >= options.minimumScore - 30 else { continue }
            tokenRanked.append((tokenScore, row[0], row[1], text, row[3], tokens))
        }
        tokenRanked.sort { ($0.score, -$0.id) > ($1.score, -$1.id) }
        for entry in tokenRanked.prefix(Self.fullyScored) {
            let comparison = scorer.compare(query: queryTokens, source: entry.tokens)
            guard comparison.score >= options.minimumScore - 5 else { continue }
            candidates.append(
                Candidate(variantID: entry.id, unitID: entry.unit, text: entry.text, language: entry.language, comparison: comparison, exact: false))
        }
        candidates.sort { ($0.comparison?.score ?? 0, -$0.variantID) > ($1.comparison?.score ?? 0, -$1.variantID) }
        return try translations(of: Array(candidates.prefix(options.maximum * 4)), queryTokens: queryTokens)
    }

    /// The target variants of the candidates' units, scored with the fixed penalties.
    private func translations(of candidates: [Candidate], queryTokens: [MatchToken]) throws -> [Match] {
        guard !candidates.isEmpty else { return [] }
        let unitIDs = Array(Set(candidates.map(\.unitID)))
        let placeholders = Array(repeating: "?", count: unitIDs.count).joined(separator: ",")
        let targetBase = target.language.lowercased()
        let variants = try Row.fetchAll(
            db,
            sql: """
                SELECT v.unit_id, v.lang, v.text, v.markup, u.origin, u.alternative_of, u.properties, v.id
                FROM variants v JOIN units u ON u.id = v.unit_id
                WHERE v.unit_id IN (\(placeholders)) AND v.lang_base = ?
                ORDER BY v.unit_id, v.position
                """,
            arguments: StatementArguments(unitIDs + [targetBase]))
        var byUnit: [Int64: [Row]] = [:]
        for row in variants { byUnit[row[0], default: []].append(row) }
        var matches: [Match] = []
        for candidate in candidates {
            // A variant is never its own translation: a unit with one language (a source
            // awaiting its translation) offers nothing.
            guard let rows = byUnit[candidate.unitID]?.filter({ ($0[7] as Int64) != candidate.variantID }),
                let (row, fallback) = Self.bestVariant(rows, for: target)
            else { continue }
            var penalties: [Match.Penalty] = []
            if let fallback { penalties.append(fallback) }
            let sourceLanguage = LanguageTag(candidate.language)
            if sourceLanguage != source, sourceLanguage.language == source.language, source.description.contains("-") {
                penalties.append(Match.Penalty(points: 1, reason: "source in \(sourceLanguage), asked for \(source)"))
            }
            let origin: String = row[4]
            if origin == "aligned" { penalties.append(Match.Penalty(points: 2, reason: "aligned automatically, not reviewed")) }
            if (row[5] as Int64?) != nil { penalties.append(Match.Penalty(points: 1, reason: "an alternative translation")) }
            let markup: String? = row[3]
            let segment = try markup.map { try Segment(markup: $0) } ?? Segment(text: row[2])
            let codes = segment.codes.filter { $0.kind != .sub && $0.kind != .hi }.count
            if codes > 0 {
                penalties.append(Match.Penalty(points: Double(codes), reason: "\(codes) inline code(s) the query does not have"))
            }
            var targetText: String = row[2]
            var repaired = false
            if let changes = candidate.comparison?.numberChanges, !changes.isEmpty {
                if let replaced = Placeables.substitute(
                    changes, in: targetText, sourceLanguage: source, targetLanguage: LanguageTag(row[1] as String))
                {
                    targetText = replaced
                    repaired = true
                }
            }
            let inContext = candidate.exact && matchesContext(row[6])
            let base = inContext ? 101 : candidate.exact ? 100 : (candidate.comparison?.score ?? 0)
            let score = max(0, (base - penalties.reduce(0) { $0 + $1.points }) * 10).rounded() / 10
            guard score >= options.minimumScore else { continue }
            matches.append(
                Match(
                    score: score, kind: inContext ? .context : candidate.exact ? .exact : .fuzzy, source: candidate.text,
                    sourceLanguage: sourceLanguage, target: targetText, targetLanguage: LanguageTag(row[1]),
                    targetMarkup: markup ?? segment.markup, repaired: repaired, unitID: candidate.unitID, origin: origin,
                    diff: candidate.exact || !options.explain
                        ? [] : scorer.diff(query: queryTokens, source: MatchTokenizer.tokens(candidate.text)),
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
    static func bestVariant(_ rows: [Row], for language: LanguageTag) -> (Row, Match.Penalty?)? {
        let wanted = language.description.lowercased()
        if let row = rows.first(where: { ($0[1] as String).lowercased() == wanted }) { return (row, nil) }
        if let row = rows.first(where: { ($0[1] as String).lowercased() == language.language.lowercased() }) {
            return (row, wanted.contains("-") ? Match.Penalty(points: 0.5, reason: "target in \(row[1] as String), asked for \(language)") : nil)
        }
        guard let row = rows.first else { return nil }
        return (row, Match.Penalty(points: 1, reason: "target in \(row[1] as String), asked for \(language)"))
    }
}

/// Weighted overlap counts per variant id, in a dense array reused from query to query:
/// adding a posting is one array write, far cheaper than a dictionary or a heap merge.
final class CandidateScratch: @unchecked Sendable {
    private var weights: [Float] = []
    private var touched: [UInt32] = []

    func reset(capacity: Int) {
        for id in touched { weights[Int(id)] = 0 }
        touched.removeAll(keepingCapacity: true)
        if weights.count < capacity { weights = [Float](repeating: 0, count: capacity) }
    }

    /// Adds `weight` to each id that `allowed` contains.
    func add(_ ids: [UInt32], weight: Float, allowed: UnitSet) {
        weights.withUnsafeMutableBufferPointer { buffer in
            for id in ids where Int(id) < buffer.count && allowed.contains(id) {
                if buffer[Int(id)] == 0 { touched.append(id) }
                buffer[Int(id)] += weight
            }
        }
    }

    /// The `limit` ids with the highest weight, ties broken by the lower id.
    func best(_ limit: Int) -> [UInt32] {
        guard touched.count > limit else {
            return touched.sorted { (weights[Int($0)], $1) > (weights[Int($1)], $0) }
        }
        // A threshold from a sorted sample keeps the full sort small.
        var top = touched.map { weights[Int($0)] }
        let cutoff: Float
        if top.count > limit * 8 {
            top.sort(by: >)
            cutoff = top[limit - 1]
        } else {
            cutoff = -.infinity
        }
        return touched.filter { weights[Int($0)] >= cutoff }
            .sorted { (weights[Int($0)], $1) > (weights[Int($1)], $0) }
            .prefix(limit).map { $0 }
    }
}

/// A set of unit ids as a bitmap: membership is one load and a mask.
struct UnitSet: Sendable {
    private var words: [UInt64]

    init(_ ids: [Int64]) {
        let largest = ids.max() ?? 0
        words = [UInt64](repeating: 0, count: Int(largest / 64) + 1)
        for id in ids where id >= 0 { words[Int(id / 64)] |= 1 << UInt64(id % 64) }
    }

    @inline(__always) func contains(_ id: UInt32) -> Bool {
        let word = Int(id / 64)
        return word < words.count && words[word] & (1 << UInt64(id % 64)) != 0
    }
}

/// The units that have a variant in a language, per language, read once per store and
/// kept until the store is written to.
final class TargetUnits: @unchecked Sendable {
    private var cache: [String: UnitSet] = [:]
    private let lock = NSLock()

    func units(in language: String, db: Database) throws -> UnitSet {
        if let cached = lock.withLock({ cache[language] }) { return cached }
        let ids = try Int64.fetchAll(db, sql: "SELECT unit_id FROM variants WHERE lang_base = ?", arguments: [language])
        let set = UnitSet(ids)
        lock.withLock { cache[language] = set }
        return set
    }

    func invalidate() { lock.withLock { cache.removeAll() } }
}
