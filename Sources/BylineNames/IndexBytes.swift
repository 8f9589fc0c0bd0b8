/// Read-only bytes that an index is read from in place: a memory-mapped file or a copy in
/// memory. The owner frees them when the last reader is gone.
///
/// ```swift
/// let bytes = IndexBytes(copying: builtIndex)                     // in memory
/// let mapped = IndexBytes(base: pointer, release: { munmap(…) })  // a mapped file
/// ```
public final class IndexBytes: @unchecked Sendable {
    /// The bytes; valid as long as this object lives, never written.
    public let buffer: UnsafeRawBufferPointer
    private let release: @Sendable () -> Void
    private let discardPages: (@Sendable (UnsafeRawBufferPointer) -> Void)?

    /// Bytes someone else owns (a mapping), freed by `release` when this object goes away.
    /// - Parameter discard: lets go of the pages of a range read once (a checksum), so they
    ///   do not count against the process until read again; nil for bytes in memory.
    public init(
        base: UnsafeRawBufferPointer, release: @escaping @Sendable () -> Void,
        discard: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil
    ) {
        self.buffer = base
        self.release = release
        self.discardPages = discard
    }

    func discard(_ range: UnsafeRawBufferPointer) { discardPages?(range) }

    /// Lets go of every page read so far (a mapping's pages stay in the system's file
    /// cache, and the next read maps them again); nothing for bytes in memory.
    func discardAll() { discardPages?(buffer) }

    /// A private, 16-byte-aligned copy of `bytes`.
    public convenience init(copying bytes: [UInt8]) {
        nonisolated(unsafe) let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { storage.copyMemory(from: $0) }
        let base = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<bytes.count])
        self.init(base: base, release: { storage.deallocate() })
    }

    deinit { release() }
}
