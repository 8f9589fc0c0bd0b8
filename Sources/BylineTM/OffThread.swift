import Dispatch
import Foundation

/// Runs blocking work (SQLite through GRDB, a file read) on a dispatch thread while the
/// caller's task is suspended, so that no thread of Swift's cooperative pool waits on it.
package enum OffThread {
    private static let queue = DispatchQueue(label: "byline.tm.blocking", qos: .userInitiated, attributes: .concurrent)

    package static func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

extension OffThread {
    /// Runs `body` on a thread of its own that `priority` may lower; a lowered thread
    /// cannot be raised again by an unprivileged process, so it is never a pooled one.
    package static func run<Value: Sendable>(
        priority: ImportPriority, _ body: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        guard priority == .background else { return try await run(body) }
        return try await onOwnThread {
            lowerCurrentThreadPriority(priority)
            return try body()
        }
    }

    /// Runs blocking `body` on a thread of its own, neither one of Swift's task pool nor a
    /// pooled dispatch thread: for work that may block for as long as a client sends, or that
    /// changes its thread's state.
    package static func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Lowers the calling thread's scheduling priority for `.background` work. On Linux the
    /// nice value belongs to the thread (`setpriority` with id 0 names the calling thread);
    /// where it cannot be changed, the work runs as it is.
    package static func lowerCurrentThreadPriority(_ priority: ImportPriority) {
        guard priority == .background else { return }
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, backgroundNice)
        #endif
    }

    /// The nice value of background work, the lowest: a thread at 19 gets about a
    /// seventieth of the processor time of one at 0 when both want it, and all of it when
    /// nothing else runs.
    package static let backgroundNice: Int32 = 19
}

/// A value handed to another thread while its owner waits for that thread to finish
/// with it: the owner neither reads nor writes it meanwhile, which is what makes the
/// unchecked `Sendable` sound. Used to lend an `inout` source or a non-`Sendable`
/// callback to ``OffThread``.
package final class Lent<Value>: @unchecked Sendable {
    package var value: Value
    package init(_ value: Value) { self.value = value }
}
