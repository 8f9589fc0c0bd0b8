import BylineTM
import BylineText
import Foundation
import Testing

/// A service's lookups keep their speed during an import only if the import's threads,
/// and only they, run at the lower priority.
@Suite("Import priority")
struct ImportPriorityTests {
    /// Units that note the nice value of the thread reading them.
    final class Source: UnitSource, @unchecked Sendable {
        var left: Int
        var seen: Set<Int32> = []
        init(units: Int) { left = units }
        func nextUnit() -> TranslationUnit? {
            seen.insert(niceValue())
            guard left > 0 else { return nil }
            left -= 1
            return TranslationUnit(variants: [
                Variant(language: "en", segment: Segment(text: "Unit \(left) of the talks.")),
                Variant(language: "ru", segment: Segment(text: "Единица \(left) переговоров.")),
            ])
        }
    }

    final class Niceness: @unchecked Sendable {
        let lock = NSLock()
        var values: Set<Int32> = []
        func note() { lock.withLock { _ = values.insert(niceValue()) } }
    }

    #if os(Linux)
    @Test("A background import reads and writes on lowered threads, and leaves the others as they were", arguments: try StoreKind.available())
    func backgroundImport(kind: StoreKind) async throws {
        let scratch = try Scratch()
        let store = try await kind.makeStore(in: scratch)
        let before = try await OffThread.run { niceValue() }

        let source = Source(units: 600)
        var reading = source
        let writer = Niceness()
        let options = ImportOptions(origin: .manual, priority: .background, progress: { _ in writer.note() })
        let report = try await store.importUnits(from: &reading, options: options)
        #expect(report.created == 600)
        #expect(source.seen == [OffThread.backgroundNice])
        if kind == .sqlite { #expect(writer.values == [OffThread.backgroundNice]) }

        // The threads lent to other work afterwards run as before (dispatch's threads at the
        // nice value of their quality of service).
        for _ in 0..<8 {
            #expect(try await OffThread.run { niceValue() } == before)
        }
        let normal = Source(units: 10)
        var again = normal
        _ = try await store.importUnits(from: &again, options: ImportOptions(origin: .manual))
        #expect(normal.seen.count == 1)
        #expect(!normal.seen.contains(OffThread.backgroundNice))
    }
    #endif
}

private func niceValue() -> Int32 {
    #if os(Linux)
    getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    #else
    0
    #endif
}
