import GRDB

/// The inverted index fuzzy lookup reads: for each term (a word or number of one
/// language, see ``MatchTokenizer/indexTerms(_:language:)``), the ids of the units with a
/// variant in that language containing it, as 4-byte little-endian integers, ascending.
/// Unit ids rather than variant ids, so that a lookup can keep only units that also have
/// the target language before it ranks anything.
///
/// Postings are collected in memory and written in chunks: each flush adds one row per
/// term. Rows are keyed by (chunk, term), so a flush appends at the end of the table
/// instead of touching pages all over it; the `fuzzy_terms` index on (term, chunk) finds a
/// term's chunks, in order, at lookup. An import never reads back or rewrites what it
/// wrote, and memory stays bounded.
final class FuzzyIndexWriter {
    private let db: Database
    private let insert: Statement
    /// Pending postings as (term, unit) pairs, in arrival order.
    private var pending: [Posting] = []
    private var lastUnit: Int64 = 0
    /// Postings held before a flush: a million pairs, 16 MB.
    private let flushThreshold = 1_000_000

    private struct Posting {
        var term: Int64
        var unit: UInt32
    }

    init(db: Database) throws {
        self.db = db
        insert = try db.cachedStatement(sql: "INSERT INTO fuzzy_postings (chunk, term, postings) VALUES (?, ?, ?)")
        pending.reserveCapacity(flushThreshold)
    }

    /// Records that unit `id` has a variant containing `terms`. Ids must not decrease.
    func add(unit id: Int64, terms: [Int64]) throws {
        let unit = UInt32(truncatingIfNeeded: id)
        for term in terms { pending.append(Posting(term: term, unit: unit)) }
        lastUnit = id
        if pending.count >= flushThreshold { try flush() }
    }

    /// Writes what is pending as one chunk per term, numbered by the last unit id in it,
    /// so chunks sort in id order. A unit's postings never straddle two chunks; a unit
    /// listed twice for a term (two variants in one language) is written once.
    func flush() throws {
        guard !pending.isEmpty else { return }
        pending.sort { $0.term < $1.term || ($0.term == $1.term && $0.unit < $1.unit) }
        var statement = RawStatement(insert)
        var bytes: [UInt8] = []
        var index = 0
        while index < pending.count {
            let term = pending[index].term
            bytes.removeAll(keepingCapacity: true)
            var previous: UInt32?
            while index < pending.count, pending[index].term == term {
                let unit = pending[index].unit
                if unit != previous {
                    withUnsafeBytes(of: unit.littleEndian) { bytes.append(contentsOf: $0) }
                    previous = unit
                }
                index += 1
            }
            statement.reset()
            statement.bind(lastUnit)
            statement.bind(term)
            statement.bind(blob: bytes)
            try statement.execute()
        }
        pending.removeAll(keepingCapacity: true)
    }
}

/// Reads posting lists.
struct FuzzyIndexReader {
    let frequency: Statement
    let postings: Statement

    init(db: Database) throws {
        frequency = try db.cachedStatement(sql: "SELECT sum(length(postings)) / 4 FROM fuzzy_postings WHERE term = ?")
        postings = try db.cachedStatement(sql: "SELECT postings FROM fuzzy_postings WHERE term = ? ORDER BY chunk")
    }

    /// How many units list `term` (0 when none).
    func documentFrequency(_ term: Int64) throws -> Int {
        var statement = RawStatement(frequency)
        statement.reset()
        statement.bind(term)
        return Int(try statement.firstInteger() ?? 0)
    }

    /// The unit ids listed for `term`, ascending.
    func units(_ term: Int64) throws -> [UInt32] {
        var statement = RawStatement(postings)
        statement.reset()
        statement.bind(term)
        var ids: [UInt32] = []
        try statement.forEachBlob { bytes in
            let count = bytes.count / 4
            let start = ids.count
            ids.append(contentsOf: repeatElement(0, count: count))
            ids.withUnsafeMutableBytes { target in
                UnsafeMutableRawBufferPointer(rebasing: target[(start * 4)..<((start + count) * 4)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<(count * 4)]))
            }
        }
        // Stored little-endian; every platform Byline runs on is little-endian too.
        return ids.map { UInt32(littleEndian: $0) }
    }
}
