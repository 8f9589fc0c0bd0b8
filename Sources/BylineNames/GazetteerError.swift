import BylineText

/// Why a gazetteer file could not be read. Nothing of a file with an error is loaded.
public enum GazetteerError: Error, Sendable, CustomStringConvertible {
    /// A line is not `id<TAB>kind<TAB>weight<TAB>form=lang,lang|…[<TAB>related,…]`.
    case malformed(SourceLocation, reason: String)

    public var description: String {
        switch self {
        case let .malformed(location, reason): "\(location): \(reason)"
        }
    }
}
