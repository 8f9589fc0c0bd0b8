import Dispatch

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

/// A value handed to another thread while its owner waits for that thread to finish
/// with it: the owner neither reads nor writes it meanwhile, which is what makes the
/// unchecked `Sendable` sound. Used to lend an `inout` source or a non-`Sendable`
/// callback to ``OffThread``.
package final class Lent<Value>: @unchecked Sendable {
    package var value: Value
    package init(_ value: Value) { self.value = value }
}
