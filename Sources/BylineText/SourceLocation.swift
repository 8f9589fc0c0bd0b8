/// A place in an input, as diagnostics print it: `file:line:column`.
///
/// Lines and columns are 1-based; columns count Unicode scalars, so an error on a line
/// of Cyrillic or Azerbaijani text points at the same column an editor shows.
///
/// ```swift
/// SourceLocation(file: "report.txt", line: 3, column: 14).description  // "report.txt:3:14"
/// ```
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path, or `-` for standard input.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    /// The location of UTF-8 offset `utf8Offset` in `bytes`, counting lines at LF.
    ///
    /// Costs one pass over the bytes before the offset; meant for error paths only.
    public static func of<Bytes: Collection<UInt8>>(
        utf8Offset: Int, in bytes: Bytes, file: String
    ) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(utf8Offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Count scalars: every byte that is not a continuation byte starts one.
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
