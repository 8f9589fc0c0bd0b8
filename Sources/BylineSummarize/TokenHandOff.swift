import BylineSegment
import Foundation

/// Hands a long report's tokens, a sentence at a time, from the thread that analyses them
/// to a second thread that finds names in them: the two passes share nothing but the
/// tokens, so on two processors they overlap. Tokens arrive in text order, in batches;
/// the queue holds a few batches at most, so memory stays near one block of the text.
final class TokenHandOff: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[[Word]]] = []
    private var finished = false
    private let capacity = 8
    private let done = DispatchSemaphore(value: 0)
    private var pending: [[Word]] = []
    private let batchSize = 64

    /// Reports with fewer sentences than this are worked through on one thread: the
    /// hand-over costs more than it saves (a 100 MB report: 13.3–14.1 s on one core,
    /// 12.7–12.9 s on two).
    static let minimumSentences = 4_000

    /// The consumer's function, let go by the consumer before it says it is done, so that
    /// a caller may lend it a function that must not outlive the call
    /// (`withoutActuallyEscaping`).
    private var body: (([Word]) -> Void)?

    /// Starts the consumer, which calls `body` with each sentence's tokens in order.
    init(body: @escaping ([Word]) -> Void) {
        self.body = body
        let thread = Thread { [self] in
            if let body = self.body {
                while let batch = take() {
                    for words in batch { body(words) }
                }
            }
            self.body = nil
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues one sentence's tokens.
    func put(_ words: [Word]) {
        pending.append(words)
        if pending.count == batchSize { flush() }
    }

    /// Hands over what is queued, ends the stream and waits until the consumer is done.
    func finish() {
        flush()
        condition.withLock {
            finished = true
            condition.broadcast()
        }
        done.wait()
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        condition.lock()
        while batches.count >= capacity { condition.wait() }
        batches.append(pending)
        condition.broadcast()
        condition.unlock()
        pending = []
        pending.reserveCapacity(batchSize)
    }

    private func take() -> [[Word]]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if batches.isEmpty { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }
}
