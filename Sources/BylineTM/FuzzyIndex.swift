import GRDB

/// The inverted index fuzzy lookup reads: for each term (a word or number of one
/// language, see ``MatchTokenizer/terms(_:language:)``), the ids of the variants that
/// contain it, as 4-byte little-endian integers in ascending order.
///
/// Postings are collected in memory and appended to their rows in batches, so an import
/// writes each term a few times rather than once per variant, and memory stays bounded.
final class FuzzyIndexWriter {
    private let db: Database
    private let upsert: Statement
    private var pending: [Int64: [UInt8]] = [:]
    private var pendingPostings = 0
    /// Postings held before a flush: about 8 MB of ids.
    private let flushThreshold = 2_000_000

    init(db: Database) throws {
        self.db = db
        upsert = try db.cachedStatement(
            sql: """
                INSERT INTO fuzzy_terms (term, postings) VALUES (?, ?)
                ON CONFLICT(term) DO UPDATE SET postings = postings || excluded.postings
                """)
    }

    /// Records that variant `id` contains `terms`. Ids must come in ascending order.
    func add(variant id: Int64, terms: [Int64]) throws {
        let value = UInt32(truncatingIfNeeded: id)
        let bytes: [UInt8] = [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
        for term in terms {
            pending[term, default: []].append(contentsOf: bytes)
        }
        pendingPostings += terms.count
        if pendingPostings >= flushThreshold { try flush() }
    }

    /// Appends what is pending to the stored rows.
    func flush() throws {
        var statement = RawStatement(upsert)
        for (term, postings) in pending.sorted(by: { $0.key < $1.key }) {
            statement.reset()
            statement.bind(term)
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
        frequency = try db.cachedStatement(sql: "SELECT length(postings) / 4 FROM fuzzy_terms WHERE term = ?")
        postings = try db.cachedStatement(sql: "SELECT postings FROM fuzzy_terms WHERE term = ?")
    }

    /// How many variants contain `term` (0 when none).
    func documentFrequency(_ term: Int64) throws -> Int {
        var statement = RawStatement(frequency)
        statement.reset()
        statement.bind(term)
        return Int(try statement.firstInteger() ?? 0)
    }

    /// The variant ids containing `term`, ascending.
    func variants(_ term: Int64) throws -> [UInt32] {
        var statement = RawStatement(postings)
        statement.reset()
        statement.bind(term)
        return try statement.firstBlob { bytes in
            let count = bytes.count / 4
            var ids = [UInt32](repeating: 0, count: count)
            ids.withUnsafeMutableBytes { target in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<(count * 4)]))
            }
            // Stored little-endian; every platform Byline runs on is little-endian too.
            return ids.map { UInt32(littleEndian: $0) }
        } ?? []
    }
}
