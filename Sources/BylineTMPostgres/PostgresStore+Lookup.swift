import BylineTM
import BylineText
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Suggestions for `query`, translated from `source` into `target`, best first: the steps
    /// of ``LookupPlan``, as ``SQLiteStore`` takes them, read in one read-only transaction on
    /// the reading server (a replica when one was given). The same memory gives the same
    /// matches and scores in both stores.
    ///
    /// Cost: an exact match is one indexed read of the match key and one of its unit's
    /// variants; a fuzzy lookup reads the frequencies of the query's terms, the posting
    /// lists of the rarest, and the variants of at most ``LookupPlan/candidateLimit`` units.
    public func matches(
        for query: String, from source: LanguageTag, to target: LanguageTag, options: LookupOptions,
        context: MatchContext = MatchContext()
    ) async throws -> [Match] {
        let plan = LookupPlan(query: query, from: source, to: target, options: options, context: context)
        guard plan.isSearchable else { return [] }
        return try await reading { [self] connection in
            let scratch = scratches.take()
            defer { scratches.give(scratch) }
            return try await PostgresLookup(connection: connection, logger: logger, targetUnits: targetUnits, scratch: scratch)
                .run(plan)
        }
    }
}

/// ``LookupPlan``'s steps read from PostgreSQL, inside one transaction.
struct PostgresLookup {
    let connection: PostgresConnection
    let logger: Logger
    let targetUnits: PostgresTargetUnits
    let scratch: CandidateScratch

    func run(_ plan: LookupPlan) async throws -> [Match] {
        var exactRows: [LookupPlan.SourceRow] = []
        let rows = try await connection.query(
            "SELECT id, unit_id, text, lang FROM variants WHERE match_key = \(plan.matchKey) AND lang_base = \(plan.sourceBase)",
            logger: logger)
        for try await (id, unit, text, language) in rows.decode((Int64, Int64, String, String).self) {
            exactRows.append(LookupPlan.SourceRow(variantID: id, unitID: unit, text: text, language: language))
        }
        let exact = plan.exactCandidates(exactRows)
        if !exact.isEmpty {
            // A source stored only with other languages leaves the query to fuzzy matching.
            let found = try plan.translations(of: exact, rows: try await targetRows(plan.unitIDs(of: exact), plan.targetBase))
            if !found.isEmpty { return found }
        }
        guard !plan.indexTerms.isEmpty else { return [] }
        var frequencies: [Int64: Int] = [:]
        let distinct = Array(Set(plan.indexTerms))
        let counted = try await connection.query(
            "SELECT term, (sum(length(postings)) / 4)::bigint FROM fuzzy_postings WHERE term = ANY(\(distinct)) GROUP BY term",
            logger: logger)
        for try await (term, count) in counted.decode((Int64, Int64).self) { frequencies[term] = Int(count) }
        var largest: Int64 = 1
        let maximum = try await connection.query("SELECT coalesce(max(id), 1) FROM units", logger: logger)
        for try await value in maximum.decode(Int64.self) { largest = value }
        let reads = plan.postingsToRead(frequencies: frequencies, largestUnitID: largest)
        guard !reads.isEmpty else { return [] }
        let withTarget = try await targetUnits.units(
            in: plan.targetBase, largestUnitID: largest, connection: connection, logger: logger)
        var lists: [Int64: [UInt32]] = [:]
        let postingRows = try await connection.query(
            "SELECT term, postings FROM fuzzy_postings WHERE term = ANY(\(reads.map(\.term))) ORDER BY term, chunk",
            logger: logger)
        for try await (term, bytes) in postingRows.decode((Int64, ByteBuffer).self) {
            var buffer = bytes
            var ids = lists[term] ?? []
            ids.reserveCapacity(ids.count + buffer.readableBytes / 4)
            while let id = buffer.readInteger(endianness: .little, as: UInt32.self) { ids.append(id) }
            lists[term] = ids
        }
        // The lists are added in the plan's order, as SQLite adds them, so that the weights
        // sum to the same floating-point values and ties rank alike.
        scratch.reset(capacity: Int(max(1, largest)) + 1)
        for read in reads { scratch.add(lists[read.term] ?? [], weight: read.weight, allowed: withTarget) }
        let ranked = scratch.best(LookupPlan.candidateLimit).map { Int64($0) }
        guard !ranked.isEmpty else { return [] }
        var candidateRows: [LookupPlan.SourceRow] = []
        let variants = try await connection.query(
            """
            SELECT id, unit_id, text, lang, word_count FROM variants
            WHERE unit_id = ANY(\(ranked)) AND lang_base = \(plan.sourceBase)
            """, logger: logger)
        for try await (id, unit, text, language, words) in variants.decode((Int64, Int64, String, String, Int32).self) {
            candidateRows.append(
                LookupPlan.SourceRow(variantID: id, unitID: unit, text: text, language: language, wordCount: Int(words)))
        }
        let candidates = plan.fuzzyCandidates(candidateRows)
        guard !candidates.isEmpty else { return [] }
        return try plan.translations(of: candidates, rows: try await targetRows(plan.unitIDs(of: candidates), plan.targetBase))
    }

    /// The variants of `units` in `base`, with their units' origin, ordered by unit and position.
    private func targetRows(_ units: [Int64], _ base: String) async throws -> [LookupPlan.TargetRow] {
        var result: [LookupPlan.TargetRow] = []
        let rows = try await connection.query(
            """
            SELECT v.unit_id, v.lang, v.text, v.markup, u.origin, u.alternative_of, u.properties, v.id
            FROM variants v JOIN units u ON u.id = v.unit_id
            WHERE v.unit_id = ANY(\(units)) AND v.lang_base = \(base)
            ORDER BY v.unit_id, v.position
            """, logger: logger)
        for try await (unit, language, text, markup, origin, alternativeOf, properties, id) in rows.decode(
            (Int64, String, String, String?, String, Int64?, String?, Int64).self)
        {
            result.append(
                LookupPlan.TargetRow(
                    unitID: unit, language: language, text: text, markup: markup, origin: origin,
                    alternativeOf: alternativeOf, properties: properties, variantID: id))
        }
        return result
    }
}
