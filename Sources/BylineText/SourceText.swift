/// A report exactly as it was received: decoded, never cleaned.
///
/// Every sentence, word, change and summary pick points back into `string`. Nothing is
/// normalised, trimmed or unwrapped here; invalid UTF-8 is an error that says where it is,
/// unless the caller asks for ``init(decodingLossy:language:origin:)``.
///
/// ```swift
/// let text = try SourceText(decoding: bytes, language: "az", origin: "report.txt")
/// ```
public struct SourceText: Sendable {
    /// The text as received; never mutated.
    public let string: String
    /// The language the text is written in.
    public let language: LanguageTag
    /// Where the text came from (a file path, `-`, or `batch line 12`), for diagnostics.
    public let origin: String?

    public init(_ string: String, language: LanguageTag, origin: String? = nil) {
        self.string = string
        self.language = language
        self.origin = origin
    }

    /// Decodes UTF-8 bytes strictly.
    ///
    /// A leading byte-order mark is kept as part of the text (U+FEFF), so offsets still
    /// count every scalar of the input.
    /// - Throws: ``TextDecodingError/invalidUTF8(_:byteOffset:)`` at the first bad sequence.
    public init<Bytes: Collection<UInt8>>(
        decoding bytes: Bytes, language: LanguageTag, origin: String? = nil
    ) throws(TextDecodingError) {
        // The standard library's validation is the fast path; the scalar-by-scalar
        // parser runs only to say where a bad sequence is.
        guard let string = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Offset(in: bytes) ?? 0
            let location = SourceLocation.of(utf8Offset: offset, in: bytes, file: origin ?? "-")
            throw .invalidUTF8(location, byteOffset: offset)
        }
        self.init(string, language: language, origin: origin)
    }

    /// Decodes UTF-8 bytes, replacing every invalid sequence with U+FFFD.
    ///
    /// Returns the text and the byte offset of each replaced sequence in the input.
    public static func decodingLossy<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, language: LanguageTag, origin: String? = nil
    ) -> (text: SourceText, replacedByteOffsets: [Int]) {
        let (text, replaced) = decodingLossyLocated(bytes, language: language, origin: origin)
        return (text, replaced.map(\.byteOffset))
    }

    /// Decodes UTF-8 bytes, replacing every invalid sequence with U+FFFD, and says where
    /// each replacement is.
    ///
    /// Each maximal ill-formed subsequence becomes one U+FFFD (as `String(decoding:as:)`
    /// does), so a location's column counts the scalars of the decoded text, replacements
    /// included. One pass over the bytes, however many are bad.
    public static func decodingLossyLocated<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, language: LanguageTag, origin: String? = nil
    ) -> (text: SourceText, replaced: [ReplacedSequence]) {
        var replaced: [ReplacedSequence] = []
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        parsing: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1, encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error(let length):
                let location = SourceLocation(file: origin ?? "-", line: line, column: column)
                replaced.append(ReplacedSequence(byteOffset: offset, location: location))
                offset += length
                column += 1
            case .emptyInput:
                break parsing
            }
        }
        let string = String(decoding: bytes, as: UTF8.self)
        return (SourceText(string, language: language, origin: origin), replaced)
    }

    /// An ill-formed UTF-8 sequence that lossy decoding replaced with U+FFFD.
    public struct ReplacedSequence: Sendable, Hashable {
        /// Where the sequence starts in the input bytes (0-based).
        public var byteOffset: Int
        /// Where its U+FFFD stands in the decoded text (column in scalars).
        public var location: SourceLocation
    }

    /// The byte offset of the first ill-formed UTF-8 sequence, or nil when all is well-formed.
    public static func firstInvalidUTF8Offset<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error(let length):
                _ = length
                return offset
            }
        }
    }
}

/// Why bytes could not become a ``SourceText``.
public enum TextDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not well-formed UTF-8 at `byteOffset` (0-based), found at `location`.
    case invalidUTF8(SourceLocation, byteOffset: Int)

    /// Where the bad input is.
    public var location: SourceLocation {
        switch self {
        case let .invalidUTF8(location, _): location
        }
    }

    public var description: String {
        switch self {
        case let .invalidUTF8(location, byteOffset):
            "\(location): invalid UTF-8 at byte offset \(byteOffset) (use --lossy to replace bad bytes with U+FFFD)"
        }
    }
}
