extension String {
    /// Calls `body` with the string's UTF-8 bytes, contiguous (a bridged or lazy string is
    /// copied once to make them so).
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
