import BylineText
import CBylineICU

/// An ICU break iterator that owns its C handle; one per worker, never shared.
///
/// ICU's iterators are not thread-safe, so the segmenters keep one each and hand out
/// clones (``clone()``) to other threads. Text is given as the caller's own UTF-8 bytes
/// (`utext_openUTF8` behind the shim), and boundaries come back as UTF-8 byte offsets.
public final class ICUBreaker {
    /// The kind of units ICU finds.
    public enum Kind: Int32, Sendable {
        case character = 0, word = 1, line = 2, sentence = 3
    }

    private let handle: OpaquePointer
    private var offsets: [Int64]
    private var statuses: [Int32]

    /// Opens an iterator for an ICU locale id (`tr`, `az_Cyrl`, or `""` for root).
    public init(kind: Kind, icuLocale: String) throws(SegmentationError) {
        var code: Int32 = 0
        guard let handle = byline_breaker_open(kind.rawValue, icuLocale, &code) else {
            throw .icu(function: "ubrk_open", code: code, name: String(cString: byline_icu_error_name(code)))
        }
        self.handle = handle
        offsets = Array(repeating: 0, count: 1024)
        statuses = Array(repeating: 0, count: 1024)
    }

    private init(handle: OpaquePointer) {
        self.handle = handle
        offsets = Array(repeating: 0, count: 1024)
        statuses = Array(repeating: 0, count: 1024)
    }

    deinit { byline_breaker_close(handle) }

    /// A new iterator sharing the compiled rules, for another worker.
    public func clone() throws(SegmentationError) -> ICUBreaker {
        var code: Int32 = 0
        guard let copy = byline_breaker_clone(handle, &code) else {
            throw .icu(function: "ubrk_clone", code: code, name: String(cString: byline_icu_error_name(code)))
        }
        return ICUBreaker(handle: copy)
    }

    /// Calls `body` with every boundary after 0 (UTF-8 offsets, ascending, the last one
    /// equal to `bytes.count`) and its rule status.
    ///
    /// The bytes must stay valid for the call; nothing is copied.
    public func forEachBoundary(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ utf8Offset: Int, _ ruleStatus: Int32) -> Void
    ) {
        guard !bytes.isEmpty else { return }
        _ = byline_breaker_set_utf8(handle, bytes.baseAddress, Int64(bytes.count))
        var from: Int64 = 0
        let capacity = Int32(offsets.count)
        while true {
            let count = offsets.withUnsafeMutableBufferPointer { offsetBuffer in
                statuses.withUnsafeMutableBufferPointer { statusBuffer in
                    byline_breaker_fill(handle, from, offsetBuffer.baseAddress, statusBuffer.baseAddress, capacity)
                }
            }
            for index in 0..<Int(count) {
                body(Int(offsets[index]), statuses[index])
            }
            if count < capacity { break }
            from = offsets[Int(count) - 1]
        }
        // Detach from the caller's bytes so a later call cannot read freed memory.
        _ = byline_breaker_set_utf8(handle, nil, 0)
    }
}

/// Errors raised while segmenting.
public enum SegmentationError: Error, Sendable, CustomStringConvertible {
    /// ICU refused a call; `name` is ICU's name for `code` (`U_MISSING_RESOURCE_ERROR`).
    case icu(function: String, code: Int32, name: String)

    public var description: String {
        switch self {
        case let .icu(function, code, name): "ICU \(function) failed: \(name) (\(code))"
        }
    }
}
