import BylineText

/// Why a TMX file cannot be imported; every case says where.
public enum TMXError: Error, Sendable, CustomStringConvertible {
    /// The file is not well-formed XML (or not in its declared encoding).
    case malformedXML(SourceLocation, reason: String)
    /// Well-formed, but not a TMX document (wrong root, no body).
    case notTMX(SourceLocation, reason: String)
    /// The file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The destination of an export cannot take what is written (a full disk, a pipe or
    /// FIFO whose reader has gone away: `brokenPipe`).
    case unwritable(path: String, reason: String, brokenPipe: Bool)

    /// Where the problem is.
    public var location: SourceLocation {
        switch self {
        case let .malformedXML(location, _), let .notTMX(location, _): location
        case let .unreadable(path, _), let .unwritable(path, _, _): SourceLocation(file: path, line: 1, column: 1)
        }
    }

    public var description: String {
        switch self {
        case let .malformedXML(location, reason): "\(location): \(reason)"
        case let .notTMX(location, reason): "\(location): \(reason)"
        case let .unreadable(path, reason): "\(path):1:1: cannot read: \(reason)"
        case let .unwritable(path, reason, _): "\(path): cannot write: \(reason)"
        }
    }
}

/// Something an import reads past but reports: a DTD violation, an unknown element, a
/// variant without a language.
public struct TMXWarning: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): warning: \(message)" }
}
