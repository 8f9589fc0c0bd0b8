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
    /// most terms are scored with ``MatchScorer``. Nothing scans the memory. The steps are
    /// ``LookupPlan``'s, read in one transaction on the store's queue.
    ///
    /// An exact match whose unit records the same neighbouring segment as `context` gives
    /// (`x-context-pre` / `x-context-post` properties, as memoQ writes them) scores 101.
    public func matches(
        for query: String, from source: LanguageTag, to target: LanguageTag, options: LookupOptions,
        context: MatchContext = MatchContext()
    ) async throws -> [Match] {
        try await matches(for: query, from: source, to: [target], options: options, context: context)[0]
    }

    /// Suggestions for `query` into each of `targets`, in one read transaction: the query
    /// is tokenized once, and its exact candidates, its terms' document frequencies and
    /// the posting lists it needs are read once for all the languages; only the ranking
    /// (restricted to the units each language has), the candidates' rows and their scores
    /// are per language. Each list is what a lookup into that language alone gives.
    public func matches(
        for query: String, from source: LanguageTag, to targets: [LanguageTag], options: LookupOptions,
        context: MatchContext
    ) async throws -> [[Match]] {
        guard let first = targets.first else { return [] }
        let plan = LookupPlan(query: query, from: source, to: first, options: options, context: context)
        guard plan.isSearchable else { return targets.map { _ in [] } }
        do {
            return try await queue.read { [scratch, targetUnits] db in
                try SQLiteLookup(db: db, scratch: scratch, targetUnits: targetUnits).run(plan, targets: targets)
            }
        } catch let error as DatabaseError {
            throw TMStoreError(error, path: path)
        }
    }
}

/// ``LookupPlan``'s steps read from SQLite, inside one read transaction.
struct SQLiteLookup {
    let db: Database
    let scratch: CandidateScratch
    let targetUnits: TargetUnits

    /// The matches into each of `targets`, in order (`plan`'s own target is not used).
    func run(_ plan: LookupPlan, targets: [LanguageTag]) throws -> [[Match]] {
        var results = [[Match]](repeating: [], count: targets.count)
        let exactRows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, unit_id, text, lang FROM variants WHERE match_key = ? AND lang_base = ?"),
            arguments: [plan.matchKey, plan.sourceBase]
        ).map { LookupPlan.SourceRow(variantID: $0[0], unitID: $0[1], text: $0[2], language: $0[3]) }
        let exact = plan.exactCandidates(exactRows)
        // The targets left to fuzzy matching.
        var fuzzy: [Int] = []
        for (position, target) in targets.enumerated() {
            if !exact.isEmpty {
                // A source stored only with other languages leaves the query to fuzzy matching.
                let targeted = plan.retargeted(to: target)
                let found = try targeted.translations(
                    of: exact, rows: targetRows(targeted.unitIDs(of: exact), targeted.targetBase))
                if !found.isEmpty {
                    results[position] = found
                    continue
                }
            }
            fuzzy.append(position)
        }
        guard !fuzzy.isEmpty, !plan.indexTerms.isEmpty else { return results }
        let index = try FuzzyIndexReader(db: db)
        var frequencies: [Int64: Int] = [:]
        for term in plan.indexTerms where frequencies[term] == nil { frequencies[term] = try index.documentFrequency(term) }
        let largest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM units")) ?? 1
        let reads = plan.postingsToRead(frequencies: frequencies, largestUnitID: largest)
        guard !reads.isEmpty else { return results }
        // Each posting list is read once, whatever the number of languages.
        let postings = try reads.map { try index.units($0.term) }
        for position in fuzzy {
            let targeted = plan.retargeted(to: targets[position])
            let withTarget = try targetUnits.units(in: targeted.targetBase, db: db)
            scratch.reset(capacity: Int(max(1, largest)) + 1)
            for (read, units) in zip(reads, postings) { scratch.add(units, weight: read.weight, allowed: withTarget) }
            let ranked = scratch.best(LookupPlan.candidateLimit)
            guard !ranked.isEmpty else { continue }
            let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, unit_id, text, lang, word_count FROM variants
                        WHERE unit_id IN (\(placeholders)) AND lang_base = ?
                        """),
                arguments: StatementArguments(ranked.map { Int64($0) } + [targeted.sourceBase])
            ).map { LookupPlan.SourceRow(variantID: $0[0], unitID: $0[1], text: $0[2], language: $0[3], wordCount: $0[4]) }
            let candidates = targeted.fuzzyCandidates(rows)
            guard !candidates.isEmpty else { continue }
            results[position] = try targeted.translations(
                of: candidates, rows: targetRows(targeted.unitIDs(of: candidates), targeted.targetBase))
        }
        return results
    }

    /// The variants of `units` in `base`, with their units' origin, ordered by unit and position.
    private func targetRows(_ units: [Int64], _ base: String) throws -> [LookupPlan.TargetRow] {
        let placeholders = Array(repeating: "?", count: units.count).joined(separator: ",")
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT v.unit_id, v.lang, v.text, v.markup, u.origin, u.alternative_of, u.properties, v.id
                    FROM variants v JOIN units u ON u.id = v.unit_id
                    WHERE v.unit_id IN (\(placeholders)) AND v.lang_base = ?
                    ORDER BY v.unit_id, v.position
                    """),
            arguments: StatementArguments(units + [base])
        ).map {
            LookupPlan.TargetRow(
                unitID: $0[0], language: $0[1], text: $0[2], markup: $0[3], origin: $0[4], alternativeOf: $0[5],
                properties: $0[6], variantID: $0[7])
        }
    }
}

/// Weighted overlap counts per variant id, in a dense array reused from query to query:
/// adding a posting is one array write, far cheaper than a dictionary or a heap merge.
package final class CandidateScratch: @unchecked Sendable {
    private var weights: [Float] = []
    private var touched: [UInt32] = []

    package init() {}

    package func reset(capacity: Int) {
        for id in touched { weights[Int(id)] = 0 }
        touched.removeAll(keepingCapacity: true)
        if weights.count < capacity { weights = [Float](repeating: 0, count: capacity) }
    }

    /// Adds `weight` to each id that `allowed` contains.
    package func add(_ ids: [UInt32], weight: Float, allowed: UnitSet) {
        weights.withUnsafeMutableBufferPointer { buffer in
            for id in ids where Int(id) < buffer.count && allowed.contains(id) {
                if buffer[Int(id)] == 0 { touched.append(id) }
                buffer[Int(id)] += weight
            }
        }
    }

    /// The `limit` ids with the highest weight, ties broken by the lower id.
    package func best(_ limit: Int) -> [UInt32] {
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
package struct UnitSet: Sendable {
    private var words: [UInt64]

    package init(_ ids: [Int64]) {
        let largest = ids.max() ?? 0
        words = [UInt64](repeating: 0, count: Int(largest / 64) + 1)
        for id in ids where id >= 0 { words[Int(id / 64)] |= 1 << UInt64(id % 64) }
    }

    /// Adds `ids` (which may be larger than any held so far).
    package mutating func insert(_ ids: [Int64]) {
        guard let largest = ids.max() else { return }
        if Int(largest / 64) >= words.count { words += [UInt64](repeating: 0, count: Int(largest / 64) + 1 - words.count) }
        for id in ids where id >= 0 { words[Int(id / 64)] |= 1 << UInt64(id % 64) }
    }

    @inline(__always) package func contains(_ id: UInt32) -> Bool {
        let word = Int(id / 64)
        return word < words.count && words[word] & (1 << UInt64(id % 64)) != 0
    }
}

/// The units that have a variant in a language, per language, read once per store and
/// kept until the store is written to.
final class TargetUnits: @unchecked Sendable {
    private var cache: [String: UnitSet] = [:]
    private let lock = NSLock()

    /// The connection's `data_version` when the cache was filled: it changes when another
    /// connection (another process, or a server's writer) commits, which empties the cache.
    private var dataVersion: Int?

    func units(in language: String, db: Database) throws -> UnitSet {
        let version = try Int.fetchOne(db, sql: "PRAGMA data_version")
        lock.withLock {
            if version != dataVersion {
                cache.removeAll()
                dataVersion = version
            }
        }
        if let cached = lock.withLock({ cache[language] }) { return cached }
        let ids = try Int64.fetchAll(db, sql: "SELECT unit_id FROM variants WHERE lang_base = ?", arguments: [language])
        let set = UnitSet(ids)
        lock.withLock { cache[language] = set }
        return set
    }

    func invalidate() { lock.withLock { cache.removeAll() } }
}
