import Foundation
import Hummingbird
import NIOCore

/// A pipe between the service's network side and the TMX reader or writer, which read and
/// write blocking descriptors on threads of their own.
///
/// An upload is written into the pipe chunk by chunk as it arrives and read by the TMX
/// reader at the other end, so an import never holds the whole file; a write waits while
/// the pipe is full, which holds the upload back to the pace of the import. A download is
/// the other way round. The blocking reads and writes run on a queue of the pipe's own,
/// never on the threads that run the service's tasks.
final class ServePipe: @unchecked Sendable {
    let readEnd: Int32
    let writeEnd: Int32
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var closedRead = false
    private var closedWrite = false

    init() throws {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw ServeError(.internalServerError, "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        readEnd = descriptors[0]
        writeEnd = descriptors[1]
        queue = DispatchQueue(label: "byline.serve.pipe")
    }

    /// Writes all of `buffer`; false when the reader has gone (the import stopped early).
    func write(_ buffer: ByteBuffer) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async {
                let succeeded = buffer.withUnsafeReadableBytes { bytes -> Bool in
                    var offset = 0
                    while offset < bytes.count {
                        let written = Foundation.write(self.writeEnd, bytes.baseAddress! + offset, bytes.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            return false
                        }
                        offset += written
                    }
                    return true
                }
                continuation.resume(returning: succeeded)
            }
        }
    }

    /// The next chunk of what the writer wrote, empty at its end.
    func read(upTo count: Int = 1 << 16) async throws -> ByteBuffer {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                var buffer = ByteBufferAllocator().buffer(capacity: count)
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes -> Int in
                    while true {
                        let got = Foundation.read(self.readEnd, bytes.baseAddress!, count)
                        if got < 0, errno == EINTR { continue }
                        return max(got, 0)
                    }
                }
                continuation.resume(returning: buffer)
            }
        }
    }

    /// Ends what is written: the reader sees the end of the file.
    func closeWriteEnd() {
        lock.withLock {
            guard !closedWrite else { return }
            closedWrite = true
            close(writeEnd)
        }
    }

    /// Gives up reading: a writer still writing gets "broken pipe".
    func closeReadEnd() {
        lock.withLock {
            guard !closedRead else { return }
            closedRead = true
            close(readEnd)
        }
    }

    /// Marks the read end as owned elsewhere (the TMX reader closes it).
    func handOverReadEnd() { lock.withLock { closedRead = true } }
    /// Marks the write end as owned elsewhere (the TMX writer closes it).
    func handOverWriteEnd() { lock.withLock { closedWrite = true } }

    deinit {
        closeReadEnd()
        closeWriteEnd()
    }
}

/// Answers with `body`'s result, or with 503 once `seconds` have passed: work that cannot
/// be interrupted (a long summary) goes on, but the caller is told in time.
func withTimeLimit<Value: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> Value) async throws -> Value {
    let work = Task { try await body() }
    let gate = OnceGate()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            let timer = Task {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                guard !Task.isCancelled, gate.claim() else { return }
                work.cancel()
                var error = ServeError(
                    .serviceUnavailable,
                    "the request took longer than this service allows (\(formatSeconds(seconds)) s; `byline serve --timeout` sets it)")
                error.headers[.retryAfter] = "5"
                continuation.resume(throwing: error)
            }
            Task {
                let result = await work.result
                timer.cancel()
                if gate.claim() { continuation.resume(with: result) }
            }
        }
    } onCancel: {
        work.cancel()
    }
}

private func formatSeconds(_ seconds: Double) -> String {
    String(format: seconds == seconds.rounded() ? "%.0f" : "%.1f", seconds)
}

/// True for the first caller only.
final class OnceGate: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    func claim() -> Bool {
        lock.withLock {
            if claimed { return false }
            claimed = true
            return true
        }
    }
}
