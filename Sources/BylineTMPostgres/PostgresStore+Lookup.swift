import BylineTM
import BylineText
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Suggestions for `query`, translated from `source` into `target`, best first: the steps
    /// of ``LookupPlan``, as ``SQLiteStore`` takes them, read on the reading server (a
    /// replica when one was given). The same memory gives the same matches and scores in
    /// both stores.
    ///
    /// Cost: an exact match is one statement (the match key's variants, their units'
    /// translations and the largest unit id, together); a fuzzy lookup adds one for the
    /// frequencies of the query's terms with the posting lists of the rarest, one for the
    /// variants of at most ``LookupPlan/candidateLimit`` units and one for the best ones'
    /// translations. Every statement is prepared once per connection.
    ///
    /// The statements need no transaction to agree with each other: imports take turns,
    /// commit whole and give their units ids above every stored one, and nothing is
    /// deleted, so the memory as the first statement saw it is the units up to the largest
    /// id it read, and every later statement reads only those (a posting row is numbered by
    /// the largest unit id it lists, see `FuzzyIndexWriter`).
    public func matches(
        for query: String, from source: LanguageTag, to target: LanguageTag, options: LookupOptions,
        context: MatchContext = MatchContext()
    ) async throws -> [Match] {
        let plan = LookupPlan(query: query, from: source, to: target, options: options, context: context)
        guard plan.isSearchable else { return [] }
        return try await reading(transaction: false) { [self] connection in
            let scratch = scratches.take()
            defer { scratches.give(scratch) }
            return try await PostgresLookup(connection: connection, logger: logger, targetUnits: targetUnits, scratch: scratch)
                .run(plan)
        }
    }
}

/// ``LookupPlan``'s steps read from PostgreSQL.
struct PostgresLookup {
    let connection: PostgresConnection
    let logger: Logger
    let targetUnits: PostgresTargetUnits
    let scratch: CandidateScratch

    func run(_ plan: LookupPlan) async throws -> [Match] {
        var exactRows: [LookupPlan.SourceRow] = []
        var exactTargets: [LookupPlan.TargetRow] = []
        var largest: Int64 = 0
        for try await row in try await connection.execute(
            ExactStatement(matchKey: plan.matchKey, sourceBase: plan.sourceBase, targetBase: plan.targetBase), logger: logger)
        {
            let cells = row.makeRandomAccess()
            switch try cells[0].decode(Int32.self) {
            case 0:
                exactRows.append(
                    LookupPlan.SourceRow(
                        variantID: try cells[1].decode(Int64.self), unitID: try cells[2].decode(Int64.self),
                        text: try cells[3].decode(String.self), language: try cells[4].decode(String.self)))
            case 1:
                exactTargets.append(
                    LookupPlan.TargetRow(
                        unitID: try cells[2].decode(Int64.self), language: try cells[4].decode(String.self),
                        text: try cells[3].decode(String.self), markup: try cells[5].decode(String?.self),
                        origin: try cells[6].decode(String.self), alternativeOf: try cells[7].decode(Int64?.self),
                        properties: try cells[8].decode(String?.self), variantID: try cells[1].decode(Int64.self)))
            default:
                largest = try cells[1].decode(Int64.self)
            }
        }
        let exact = plan.exactCandidates(exactRows)
        if !exact.isEmpty {
            // A source stored only with other languages leaves the query to fuzzy matching.
            let units = Set(plan.unitIDs(of: exact))
            let found = try plan.translations(of: exact, rows: exactTargets.filter { units.contains($0.unitID) })
            if !found.isEmpty { return found }
        }
        guard !plan.indexTerms.isEmpty, largest > 0 else { return [] }
        // The frequencies, and the lists the plan will want (it decides below, from the
        // frequencies; a list it wants that was not sent is read on its own).
        var frequencies: [Int64: Int] = [:]
        var lists: [Int64: [UInt32]] = [:]
        for try await row in try await connection.execute(
            PostingsStatement(
                terms: Array(Set(plan.indexTerms)), largestUnitID: largest, requiredTerms: Int64(plan.requiredTerms),
                commonLimit: Int64(LookupPlan.commonLimit(largestUnitID: largest))),
            logger: logger)
        {
            let cells = row.makeRandomAccess()
            let term = try cells[1].decode(Int64.self)
            if try cells[0].decode(Int32.self) == 0 {
                frequencies[term] = Int(try cells[2].decode(Int64.self))
            } else {
                Self.append(try cells[3].decode(ByteBuffer.self), to: &lists[term, default: []])
            }
        }
        let reads = plan.postingsToRead(frequencies: frequencies, largestUnitID: largest)
        guard !reads.isEmpty else { return [] }
        for read in reads where lists[read.term] == nil {
            for try await bytes in try await connection.execute(
                PostingListStatement(term: read.term, largestUnitID: largest), logger: logger)
            {
                Self.append(bytes, to: &lists[read.term, default: []])
            }
        }
        let withTarget = try await targetUnits.units(
            in: plan.targetBase, largestUnitID: largest, connection: connection, logger: logger)
        // The lists are added in the plan's order, as SQLite adds them, so that the weights
        // sum to the same floating-point values and ties rank alike.
        scratch.reset(capacity: Int(largest) + 1)
        for read in reads { scratch.add(lists[read.term] ?? [], weight: read.weight, allowed: withTarget) }
        let ranked = scratch.best(LookupPlan.candidateLimit).map { Int64($0) }
        guard !ranked.isEmpty else { return [] }
        var candidateRows: [LookupPlan.SourceRow] = []
        for try await (id, unit, text, language, words) in try await connection.execute(
            CandidatesStatement(units: ranked, sourceBase: plan.sourceBase), logger: logger)
        {
            candidateRows.append(
                LookupPlan.SourceRow(variantID: id, unitID: unit, text: text, language: language, wordCount: Int(words)))
        }
        let candidates = plan.fuzzyCandidates(candidateRows)
        guard !candidates.isEmpty else { return [] }
        var targets: [LookupPlan.TargetRow] = []
        for try await (unit, language, text, markup, origin, alternativeOf, properties, id) in try await connection.execute(
            TargetsStatement(units: plan.unitIDs(of: candidates), targetBase: plan.targetBase), logger: logger)
        {
            targets.append(
                LookupPlan.TargetRow(
                    unitID: unit, language: language, text: text, markup: markup, origin: origin,
                    alternativeOf: alternativeOf, properties: properties, variantID: id))
        }
        return try plan.translations(of: candidates, rows: targets)
    }

    /// Appends the unit ids of one posting row (4-byte little-endian integers) to `ids`.
    static func append(_ postings: ByteBuffer, to ids: inout [UInt32]) {
        let count = postings.readableBytes / 4
        guard count > 0 else { return }
        let start = ids.count
        ids.append(contentsOf: repeatElement(0, count: count))
        ids.withUnsafeMutableBytes { target in
            postings.withUnsafeReadableBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: target[(start * 4)..<((start + count) * 4)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(count * 4)]))
            }
        }
        // Stored little-endian; on a big-endian machine the bytes turn round here.
        if UInt32(littleEndian: 1) != 1 {
            for index in start..<ids.count { ids[index] = UInt32(littleEndian: ids[index]) }
        }
    }
}

/// A lookup's first statement: the variants in the source language with the query's match
/// key (kind 0, by id), their units' variants in the target language with what the units
/// say of them (kind 1, by unit and position), and the largest unit id (kind 2).
struct ExactStatement: PostgresPreparedStatement {
    static let name = "byline_lookup_exact"
    static let sql = """
        WITH exact AS (SELECT id, unit_id, text, lang FROM variants WHERE match_key = $1 AND lang_base = $2)
        SELECT 0 AS kind, id, unit_id, text, lang, NULL::text AS markup, NULL::text AS origin,
            NULL::bigint AS alternative_of, NULL::text AS properties, id AS sort1, 0 AS sort2
        FROM exact
        UNION ALL
        SELECT 1, v.id, v.unit_id, v.text, v.lang, v.markup, u.origin, u.alternative_of, u.properties, v.unit_id, v.position
        FROM variants v JOIN units u ON u.id = v.unit_id
        WHERE v.unit_id IN (SELECT unit_id FROM exact) AND v.lang_base = $3
        UNION ALL
        SELECT 2, coalesce(max(id), 0), 0, '', '', NULL, NULL, NULL, NULL, 0, 0 FROM units
        ORDER BY kind, sort1, sort2
        """
    typealias Row = PostgresRow

    var matchKey: Int64
    var sourceBase: String
    var targetBase: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(matchKey)
        bindings.append(sourceBase)
        bindings.append(targetBase)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// The number of units listing each of `terms` (kind 0), and the posting rows, in order, of
/// the terms ``LookupPlan/postingsToRead(frequencies:largestUnitID:)`` will choose: the
/// `found − required + 1` rarest, leaving out those listed by more than `commonLimit`
/// units but the rarest (kind 1). Rows numbered above `largestUnitID` list only units an
/// import committed after the lookup's first statement, and are left out.
struct PostingsStatement: PostgresPreparedStatement {
    static let name = "byline_lookup_postings"
    static let sql = """
        WITH frequency AS (
            SELECT term, (sum(length(postings)) / 4)::bigint AS units FROM fuzzy_postings
            WHERE term = ANY($1) AND chunk <= $2 GROUP BY term
        ), ranked AS (
            SELECT term, units, row_number() OVER (ORDER BY units, term) AS rank, count(*) OVER () AS found
            FROM frequency WHERE units > 0
        )
        SELECT 0 AS kind, term, units, NULL::bytea AS postings, 0::bigint AS chunk FROM frequency
        UNION ALL
        SELECT 1, p.term, 0, p.postings, p.chunk FROM ranked r JOIN fuzzy_postings p ON p.term = r.term
        WHERE p.chunk <= $2 AND r.rank <= greatest(1, r.found - $3 + 1) AND (r.rank = 1 OR r.units <= $4)
        ORDER BY kind, term, chunk
        """
    typealias Row = PostgresRow

    var terms: [Int64]
    var largestUnitID: Int64
    var requiredTerms: Int64
    var commonLimit: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(terms)
        bindings.append(largestUnitID)
        bindings.append(requiredTerms)
        bindings.append(commonLimit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// One term's posting rows, in order.
struct PostingListStatement: PostgresPreparedStatement {
    static let name = "byline_lookup_posting_list"
    static let sql = "SELECT postings FROM fuzzy_postings WHERE term = $1 AND chunk <= $2 ORDER BY chunk"
    typealias Row = ByteBuffer

    var term: Int64
    var largestUnitID: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(term)
        bindings.append(largestUnitID)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> ByteBuffer { try row.decode(ByteBuffer.self) }
}

/// The variants in the source language of the best-ranked units.
struct CandidatesStatement: PostgresPreparedStatement {
    static let name = "byline_lookup_candidates"
    static let sql = "SELECT id, unit_id, text, lang, word_count FROM variants WHERE unit_id = ANY($1) AND lang_base = $2"
    typealias Row = (Int64, Int64, String, String, Int32)

    var units: [Int64]
    var sourceBase: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(units)
        bindings.append(sourceBase)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The variants of `units` in the target language, with their units' origin, ordered by
/// unit and position.
struct TargetsStatement: PostgresPreparedStatement {
    static let name = "byline_lookup_targets"
    static let sql = """
        SELECT v.unit_id, v.lang, v.text, v.markup, u.origin, u.alternative_of, u.properties, v.id
        FROM variants v JOIN units u ON u.id = v.unit_id
        WHERE v.unit_id = ANY($1) AND v.lang_base = $2
        ORDER BY v.unit_id, v.position
        """
    typealias Row = (Int64, String, String, String?, String, Int64?, String?, Int64)

    var units: [Int64]
    var targetBase: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(units)
        bindings.append(targetBase)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
