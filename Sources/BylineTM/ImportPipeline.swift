import Foundation

/// Reads and prepares units on a second thread while the importing thread writes them:
/// parsing TMX and deriving keys and index terms take about half of an import, and run
/// beside the database work instead of before it.
///
/// Units come out in the order the source gives them. The first error of the source ends
/// the stream and is thrown by ``next()``; ``cancel()`` stops the reader early. Written
/// batches go back to the reader through ``recycle(_:)``, to be freed where they were
/// allocated.
package final class ImportPipeline<Source: UnitSource>: @unchecked Sendable {
    package private(set) var source: Source
    private let condition = NSCondition()
    private var batches: [[PreparedUnit]] = []
    /// Batches the writer is done with, for the reader to free.
    private var spent: [[PreparedUnit]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let done = DispatchSemaphore(value: 0)
    /// Batches held at most; enough to keep the writer busy, little memory.
    private let capacity = 8
    /// The reader computes index terms (a fifth of its work; more with the concordance's
    /// words) while at least this many
    /// batches wait for the writer; with fewer, the writer is about to run dry, and it
    /// computes them itself for the next batch. The two threads so share the work whichever
    /// of them is the slower, on the file at hand and on a busy machine.
    private let indexingQueue = 2
    private let batchSize = 256
    /// Whether units are prepared with their concordance words as a `tsvector` (for
    /// PostgreSQL), shared between the threads like the index terms.
    private let concordance: Bool

    /// The priority of the reading thread (the writer's is its caller's).
    private let priority: ImportPriority

    package init(_ source: Source, concordance: Bool = false, priority: ImportPriority = .normal) {
        self.source = source
        self.concordance = concordance
        self.priority = priority
    }

    package func start() {
        let thread = Thread { [self] in
            OffThread.lowerCurrentThreadPriority(priority)
            produce()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    private func produce() {
        var batch: [PreparedUnit] = []
        batch.reserveCapacity(batchSize)
        var indexing = true
        do {
            while !isCancelled, let unit = try source.nextUnit() {
                batch.append(PreparedUnit(unit, indexing: indexing, concordance: concordance))
                if batch.count == batchSize {
                    indexing = push(batch) >= indexingQueue
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { push(batch) }
            end(nil)
        } catch {
            end(error)
        }
        done.signal()
    }

    private var isCancelled: Bool { condition.withLock { cancelled } }

    /// Queues `batch`; returns how many batches were waiting for the writer before it.
    @discardableResult
    private func push(_ batch: [PreparedUnit]) -> Int {
        condition.lock()
        while batches.count >= capacity && !cancelled { condition.wait() }
        let waiting = batches.count
        batches.append(batch)
        let done = spent
        spent.removeAll(keepingCapacity: true)
        condition.broadcast()
        condition.unlock()
        // Freed here, on the thread that allocated them: memory freed by another thread
        // goes back through its allocator's lock, and the two threads then queue for it.
        _ = consume done
        return waiting
    }

    private func end(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil at the end; throws the source's error.
    package func next() throws -> [PreparedUnit]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Hands a batch from ``next()`` back once its units are written, leaving `batch` empty.
    package func recycle(_ batch: inout [PreparedUnit]) {
        condition.lock()
        if !finished { spent.append(batch) }
        batch = []
        condition.unlock()
    }

    /// Stops the reader and waits for it, so the source is no longer in use.
    package func finish(cancelling: Bool) {
        if cancelling {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
        done.wait()
    }
}
