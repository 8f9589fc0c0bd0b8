import GRDB

/// What `byline tm check` found.
public struct StoreCheck: Sendable {
    /// What SQLite's integrity check reported, in its words; empty when the file is sound.
    public var problems: [String]
    /// The counts, when the tables could be read.
    public var statistics: Statistics?
    public var pageSize: Int
    public var pages: Int
    /// Pages that hold nothing (left by deleted rows or an interrupted import).
    public var freePages: Int
    /// `wal` or `delete` (the rollback journal an import into an empty store uses).
    public var journalMode: String
    /// Variants stored but not yet in the concordance's full-text index.
    public var unindexedVariants: Int

    /// True when nothing is wrong.
    public var isSound: Bool { problems.isEmpty }
}

extension SQLiteStore {
    /// Checks every page of the file (SQLite's `PRAGMA integrity_check`) and counts what
    /// the store holds; reads only. Cost: one pass over the whole file.
    public func check() throws(TMStoreError) -> StoreCheck {
        do {
            return try queue.read { db in
                var problems: [String] = []
                do {
                    for line in try String.fetchAll(db, sql: "PRAGMA integrity_check(100)") where line != "ok" {
                        problems.append(line)
                    }
                } catch {
                    problems.append((error as? DatabaseError)?.message ?? "\(error)")
                }
                var statistics: Statistics?
                var unindexed = 0
                do {
                    statistics = try Self.statistics(db)
                    let through = try Int64.fetchOne(db, sql: "SELECT indexed_through FROM fts_state") ?? 0
                    unindexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM variants WHERE id > ?", arguments: [through]) ?? 0
                } catch {
                    problems.append("counting units: " + ((error as? DatabaseError)?.message ?? "\(error)"))
                }
                // The file's layout, read even from a damaged file where it can be.
                return StoreCheck(
                    problems: problems, statistics: statistics,
                    pageSize: (try? Int.fetchOne(db, sql: "PRAGMA page_size")) ?? 0,
                    pages: (try? Int.fetchOne(db, sql: "PRAGMA page_count")) ?? 0,
                    freePages: (try? Int.fetchOne(db, sql: "PRAGMA freelist_count")) ?? 0,
                    journalMode: (try? String.fetchOne(db, sql: "PRAGMA journal_mode")) ?? "",
                    unindexedVariants: unindexed)
            }
        } catch {
            throw TMStoreError(error, path: path)
        }
    }
}
