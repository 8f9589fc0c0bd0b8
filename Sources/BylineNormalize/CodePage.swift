import CBylineICU

/// A single-byte legacy code page, as ICU's converter decodes it, read "sloppily": bytes
/// the code page leaves undefined decode to the C1 control of the same value, as Latin-1
/// readers and browsers do, so text that went through either path can be encoded back.
struct CodePage: Sendable {
    /// ICU's converter name.
    let name: String
    /// The scalar each byte decodes to.
    let decode: [UInt32]
    /// The byte each non-ASCII scalar of the code page encodes to.
    let encode: [UInt32: UInt8]

    init?(name: String) {
        var table = [Int32](repeating: -1, count: 256)
        guard byline_codepage_table(name, &table) == 0 else { return nil }
        var decode = [UInt32](repeating: 0, count: 256)
        var encode: [UInt32: UInt8] = [:]
        for byte in 0..<256 {
            let scalar: UInt32
            if byte < 0x80 {
                scalar = UInt32(byte)
            } else if table[byte] >= 0 {
                scalar = UInt32(table[byte])
            } else {
                scalar = UInt32(byte)
            }
            decode[byte] = scalar
            if byte >= 0x80, encode[scalar] == nil { encode[scalar] = UInt8(byte) }
        }
        // Text read as Latin-1 rather than Windows-125x holds C1 controls where the code
        // page has punctuation; they stand for the same bytes.
        if name.hasPrefix("windows-") {
            for byte in 0x80..<0xA0 where encode[UInt32(byte)] == nil { encode[UInt32(byte)] = UInt8(byte) }
        }
        self.name = name
        self.decode = decode
        self.encode = encode
    }

    /// The code pages whose misreading of UTF-8 the repair undoes, most common first.
    static let mojibakeSources: [CodePage] = [
        "windows-1252", "windows-1251", "ibm-437", "macintosh", "windows-1250", "iso-8859-2",
        "windows-1253", "windows-1254", "windows-1257",
    ].compactMap { CodePage(name: $0) }
}
