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
///
/// Most terms of a chunk occur in it once or twice (names, numbers, rare words), and rows
/// that short were most of the table and of its index. A term with fewer than
/// `carryBelow` postings in a chunk therefore waits for the next flush, for at most
/// `carryLimit` flushes, and joins the row it has there. A term's rows still come in chunk
/// order, each with higher ids than the one before, so readers see the same lists.
package final class FuzzyIndexWriter<Sink: PostingSink> {
    /// Where the rows go.
    package private(set) var sink: Sink
    /// Pending postings as (term, unit) pairs: those carried over, then new ones in arrival
    /// order.
    private var pending: [Posting] = []
    /// How many of `pending` were carried over from the last flush.
    private var carried = 0
    /// The postings of the flush under way, sorted.
    private var sorted: [Posting] = []
    private var lastUnit: Int64 = 0
    /// New postings held before a flush: a million pairs, 16 MB (and as much again to sort
    /// them), besides those carried over, a few hundred thousand.
    private let flushThreshold = 1_000_000
    private let carryBelow = 4
    private let carryLimit: UInt8 = 2

    struct Posting {
        var term: Int64
        var unit: UInt32
        /// How many flushes the posting has been carried over.
        var age: UInt8 = 0
    }

    package init(sink: Sink) {
        self.sink = sink
        // Both buffers are sized once, for the new postings and a generous carry-over,
        // rather than grown: each reallocation of blocks this large leaves the allocator
        // keeping more memory than it hands out.
        pending.reserveCapacity(flushThreshold * 3 / 2)
        sorted.reserveCapacity(flushThreshold * 3 / 2)
    }

    /// Records that unit `id` has a variant containing `terms`. Ids must not decrease.
    package func add(unit id: Int64, terms: [Int64]) throws {
        let unit = UInt32(truncatingIfNeeded: id)
        for term in terms { pending.append(Posting(term: term, unit: unit)) }
        lastUnit = id
        if pending.count - carried >= flushThreshold { try write(carrying: true) }
    }

    /// Writes everything pending.
    package func flush() throws { try write(carrying: false) }

    /// Writes what is pending as one chunk per term, numbered by the last unit id in it,
    /// so chunks sort in id order, except, when `carrying`, the terms with few postings
    /// that may wait. A unit listed twice for a term (two variants in one language) is
    /// written once.
    private func write(carrying: Bool) throws {
        guard !pending.isEmpty else { return }
        Self.sort(pending, into: &sorted)
        pending.removeAll(keepingCapacity: true)
        carried = 0
        var bytes: [UInt8] = []
        var index = 0
        while index < sorted.count {
            let first = index
            let term = sorted[index].term
            bytes.removeAll(keepingCapacity: true)
            var previous: UInt32?
            var age: UInt8 = 0
            while index < sorted.count, sorted[index].term == term {
                let posting = sorted[index]
                if posting.unit != previous {
                    withUnsafeBytes(of: posting.unit.littleEndian) { bytes.append(contentsOf: $0) }
                    previous = posting.unit
                }
                age = max(age, posting.age)
                index += 1
            }
            if carrying, bytes.count < carryBelow * 4, age < carryLimit {
                for var posting in sorted[first..<index] {
                    posting.age = age + 1
                    pending.append(posting)
                }
                carried += index - first
                continue
            }
            try sink.write(chunk: lastUnit, term: term, postings: bytes)
        }
        try sink.endOfFlush()
    }

    /// Writes what is pending and lets go of the buffers; call once, at the end.
    package func finish() throws {
        try flush()
        pending = []
        sorted = []
    }

    /// `postings` sorted by term, then unit, as SQLite orders the keys (signed), written
    /// to `sorted` (whose storage is reused from flush to flush). Terms are hashes, spread
    /// evenly: one pass on their top 16 bits moves each posting to its bucket, in arrival
    /// order, so units stay ascending within a term, and leaves a few postings per bucket,
    /// finished by insertion sort; a common word's long bucket gets the standard sort. A
    /// comparison sort of the whole million took most of a flush.
    static func sort(_ postings: [Posting], into sorted: inout [Posting]) {
        let bucketCount = 1 << 16
        @inline(__always) func bucket(_ term: Int64) -> Int {
            Int(truncatingIfNeeded: (UInt64(bitPattern: term) ^ (1 << 63)) >> 48)
        }
        @inline(__always) func precedes(_ a: Posting, _ b: Posting) -> Bool {
            a.term < b.term || (a.term == b.term && a.unit < b.unit)
        }
        var bounds = [Int](repeating: 0, count: bucketCount + 1)
        for posting in postings { bounds[bucket(posting.term) + 1] += 1 }
        for index in 0..<bucketCount { bounds[index + 1] += bounds[index] }
        var next = Array(bounds[0..<bucketCount])
        sorted.removeAll(keepingCapacity: true)
        sorted.append(contentsOf: postings)
        sorted.withUnsafeMutableBufferPointer { sorted in
            next.withUnsafeMutableBufferPointer { next in
                for posting in postings {
                    let target = bucket(posting.term)
                    sorted[next[target]] = posting
                    next[target] += 1
                }
            }
            for home in 0..<bucketCount {
                let start = bounds[home]
                let end = bounds[home + 1]
                if end - start > 32 {
                    var long = UnsafeMutableBufferPointer(rebasing: sorted[start..<end])
                    long.sort(by: precedes)
                    continue
                }
                var index = start + 1
                while index < end {
                    let posting = sorted[index]
                    var slot = index
                    while slot > start, precedes(posting, sorted[slot - 1]) {
                        sorted[slot] = sorted[slot - 1]
                        slot -= 1
                    }
                    sorted[slot] = posting
                    index += 1
                }
            }
        }
    }
}

/// Where ``FuzzyIndexWriter`` puts its rows: `fuzzy_postings (chunk, term, postings)`.
package protocol PostingSink {
    /// One row: the unit ids listing `term` in this chunk, 4-byte little-endian, ascending.
    mutating func write(chunk: Int64, term: Int64, postings: [UInt8]) throws
    /// Called after the rows of one flush.
    mutating func endOfFlush() throws
}

/// The rows written into SQLite, many to a statement.
struct SQLitePostingSink: PostingSink {
    var rows: RowInserter

    init(db: Database) {
        rows = RowInserter(db: db, table: "fuzzy_postings", columns: ["chunk", "term", "postings"])
    }

    mutating func write(chunk: Int64, term: Int64, postings: [UInt8]) throws {
        rows.bind(chunk)
        rows.bind(term)
        rows.bind(blob: postings)
        rows.endRow()
        if rows.pending == 32 { try rows.flush() }
    }

    mutating func endOfFlush() throws { try rows.flush() }
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
