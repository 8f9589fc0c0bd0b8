import GRDB

/// The inverted index fuzzy lookup reads: for each term (a word or number of one
/// language, see ``MatchTokenizer/indexTerms(_:language:)``), the ids of the units with a
/// variant in that language containing it, as 4-byte little-endian integers, ascending.
/// Unit ids rather than variant ids, so that a lookup can keep only units that also have
/// the target language before it ranks anything.
///
/// Postings are collected in memory and written in chunks: each flush adds one row per
/// term, keyed by (term, chunk), so an import never reads back or rewrites what it wrote,
/// and memory stays bounded. A term's list is its chunks in order.
final class FuzzyIndexWriter {
    private let db: Database
    private let insert: Statement
    private var pending: [Int64: [UInt8]] = [:]
    private var pendingPostings = 0
    private var lastUnit: Int64 = 0
    /// Postings held before a flush: about 4 MB of ids.
    private let flushThreshold = 1_000_000

    init(db: Database) throws {
        self.db = db
        insert = try db.cachedStatement(sql: "INSERT INTO fuzzy_postings (term, chunk, postings) VALUES (?, ?, ?)")
    }

    /// Records that unit `id` has a variant containing `terms`. Ids must not decrease.
    func add(unit id: Int64, terms: [Int64]) throws {
        let value = UInt32(truncatingIfNeeded: id)
        let bytes: [UInt8] = [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
        for term in terms {
            // Two variants of one unit in the same language list the unit once.
            if id == lastUnit, let list = pending[term], list.count >= 4, Array(list.suffix(4)) == bytes { continue }
            pending[term, default: []].append(contentsOf: bytes)
            pendingPostings += 1
        }
        lastUnit = id
        if pendingPostings >= flushThreshold { try flush() }
    }

    /// Writes what is pending as one chunk per term, numbered by the last unit id in it,
    /// so chunks sort in id order. A unit's postings never straddle two chunks.
    func flush() throws {
        var statement = RawStatement(insert)
        for (term, postings) in pending.sorted(by: { $0.key < $1.key }) {
            statement.reset()
            statement.bind(term)
            statement.bind(lastUnit)
            statement.bind(blob: postings)
            try statement.execute()
        }
        pending.removeAll(keepingCapacity: true)
        pendingPostings = 0
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
