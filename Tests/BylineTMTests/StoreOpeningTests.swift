import BylineTM
import BylineTMX
import BylineText
import Foundation
import Testing

/// Runs the system's `sqlite3` shell on `database`; nil when it is not installed.
private func sqliteShell(_ database: String, _ sql: String) throws -> Int32? {
    let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let shell else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: shell)
    process.arguments = [database, sql]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

@Suite("TM store: opening, damage, limits")
struct StoreOpeningTests {
    @Test("Opening for reading never creates a store and names what is wrong", arguments: [
        ("missing", TMStoreError.Kind.missing), ("directory", .notAMemory), ("text", .notAMemory), ("empty", .notAMemory),
    ])
    func readOnlyNeverCreates(what: String, kind: TMStoreError.Kind) async throws {
        let scratch = try Scratch()
        var path = scratch.path("tm.sqlite")
        switch what {
        case "directory":
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "text":
            path = try scratch.file("notes.txt", "These are notes, not a memory.\n")
        case "empty":
            path = try scratch.file("empty.sqlite", "")
        default:
            break
        }
        let error = #expect(throws: TMStoreError.self) { try SQLiteStore(path: path, access: .readOnly) }
        #expect(error?.kind == kind)
        #expect(error?.description.hasPrefix(path + ": ") == true)
        if what == "missing" {
            #expect(error?.description.contains("byline tm import") == true)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("Reading leaves the store as it was: lookups, counts, concordance and export write nothing")
    func readOnlyWritesNothing() async throws {
        let scratch = try Scratch()
        let path = scratch.path("tm.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            _ = try await importFile(fixture, into: store)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try SQLiteStore(path: path, access: .readOnly)
        #expect(try await !store.isEmpty())
        _ = try await store.matches(for: "Talks resumed.", from: "en", to: "ru", options: LookupOptions())
        _ = try await store.statistics()
        _ = try await store.concordance("talks", language: nil, limit: 5)
        _ = try await store.exportUnits(matching: ExportFilter()) { _ in }
        #expect(try await store.check().isSound)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        await #expect(throws: TMStoreError.self) {
            var reader = try TMXReader(path: fixture)
            _ = try await store.importUnits(from: &reader, options: ImportOptions(origin: .manual))
        }
    }

    @Test("Two stores created at once at the same path take turns: both open, the schema is made once")
    func concurrentCreation() async throws {
        for _ in 0..<10 {
            let scratch = try Scratch()
            let path = scratch.path("tm.sqlite")
            let results = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        do {
                            _ = try SQLiteStore(path: path)
                            return nil
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                var failures: [String] = []
                for await result in group { if let result { failures.append(result) } }
                return failures
            }
            #expect(results.isEmpty, "\(results)")
            #expect(try await SQLiteStore(path: path, access: .readOnly).isEmpty())
        }
    }

    @Test("A file cut short is noticed on opening; a damaged page by the check and by reading it")
    func damage() async throws {
        let scratch = try Scratch()
        let path = scratch.path("tm.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            var body = ""
            for index in 0..<3000 {
                body += "<tu><tuv xml:lang=\"en\"><seg>Report \(index) on the talks in Baku.</seg></tuv>"
                body += "<tuv xml:lang=\"az\"><seg>Bakıdakı danışıqlar haqqında \(index) saylı hesabat.</seg></tuv></tu>\n"
            }
            var reader = try TMXReader(path: try scratch.file("many.tmx", tmx(body)))
            _ = try await store.importUnits(from: &reader, options: ImportOptions(origin: .manual))
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count > 200_000)

        let truncated = try scratch.file("truncated.sqlite", bytes: Array(data.prefix(data.count / 2)))
        let error = #expect(throws: TMStoreError.self) { try SQLiteStore(path: truncated, access: .readOnly) }
        #expect(error?.kind == .damaged)
        #expect(error?.description.contains("cut short") == true)

        // Bytes of no meaning over pages in the middle of the file: noticed when the store
        // is opened, if the schema's pages are hit, or else by the check and by reading.
        var bytes = [UInt8](data)
        for offset in stride(from: (bytes.count / 4) & ~8191, to: bytes.count * 3 / 4, by: 8192) {
            // Every other page of the middle half, its first 512 bytes.
            for index in offset..<(offset + 512) { bytes[index] = UInt8(truncatingIfNeeded: index &* 131 &+ 7) }
        }
        let damaged = try scratch.file("damaged.sqlite", bytes: bytes)
        do {
            let store = try SQLiteStore(path: damaged, access: .readOnly)
            #expect(try !store.check().isSound)
            let readError = await #expect(throws: TMStoreError.self) {
                _ = try await store.exportUnits(matching: ExportFilter()) { _ in }
            }
            #expect(readError?.kind == .damaged)
            #expect(readError?.description.contains("byline tm check") == true)
        } catch let error as TMStoreError {
            #expect(error.kind == .damaged)
        }
    }

    @Test("A unit with more variants than SQLite takes parameters in one statement is stored whole")
    func manyVariants() async throws {
        let scratch = try Scratch()
        // 16,000 variants of 17 columns pass even the largest parameter limit (250,000).
        var body = "<tu><tuv xml:lang=\"en\"><seg>One source.</seg></tuv>"
        for index in 0..<16_000 { body += "<tuv xml:lang=\"x-v\(index)\"><seg>Variant \(index).</seg></tuv>" }
        body += "</tu>"
        let file = try scratch.file("wide.tmx", tmx(body))
        for seeded in [false, true] {
            let store = try SQLiteStore(path: scratch.path("tm-\(seeded).sqlite"))
            if seeded { _ = try await importFile(fixture, into: store) }
            let report = try await importFile(file, into: store)
            #expect(report.created == 1)
            #expect(try await allUnits(store).contains { $0.variants.count == 16_001 })
        }
    }

    @Test("A store error is located at the <tu> being written")
    func locatedStoreError() async throws {
        let scratch = try Scratch()
        let path = scratch.path("tm.sqlite")
        let store = try SQLiteStore(path: path)
        _ = try await importFile(fixture, into: store)
        let trigger = """
            CREATE TRIGGER refuse BEFORE INSERT ON variants WHEN NEW.text = 'Refuse me.' \
            BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END;
            """
        guard try sqliteShell(path, trigger) == 0 else {
            Issue.record("the sqlite3 shell is needed to plant a failing trigger")
            return
        }
        let file = try scratch.file(
            "bad.tmx",
            tmx(
                pair("Fine one.", "Хорошо.") + "\n" + pair("Refuse me.", "Откажи.") + "\n" + pair("Fine two.", "Хорошо два.")))
        let error = await #expect(throws: TMStoreError.self) { try await importFile(file, into: store) }
        #expect(error?.description.hasPrefix("\(file):6:1: this <tu> could not be stored in \(path): ") == true, "\(String(describing: error))")
        #expect(error?.description.contains("refused by a trigger") == true)
    }

    @Test("A store emptied by an interrupted import gives its pages back before the next import")
    func emptiedStoreReused() async throws {
        let scratch = try Scratch()
        let path = scratch.path("tm.sqlite")
        let store = try SQLiteStore(path: path)
        var body = ""
        for index in 0..<20_000 { body += pair("Unit \(index) of a long report.", "Часть \(index) длинного доклада.") + "\n" }
        _ = try await importFile(try scratch.file("big.tmx", tmx(body)), into: store)
        // What a killed import leaves: a file grown large with nothing in it.
        guard try sqliteShell(path, """
            DELETE FROM variants; DELETE FROM units; DELETE FROM fuzzy_postings; INSERT INTO variants_fts(variants_fts) VALUES('delete-all');
            UPDATE fts_state SET indexed_through = 0; PRAGMA wal_checkpoint(TRUNCATE);
            """) == 0 else {
            Issue.record("the sqlite3 shell is needed to empty the store")
            return
        }
        let grown = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(grown > 2_000_000)
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.isEmpty())
        _ = try await importFile(fixture, into: reopened)
        let after = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(after < grown / 4, "\(after) of \(grown) bytes")
    }
}
