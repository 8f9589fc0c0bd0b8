/// Why a text could not be normalized.
public enum NormalizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No operation has this name.
    case unknownOperation(String)
    /// ICU does not know the language of the text, so language-specific rules cannot apply.
    case unknownLanguage(String)
    /// An ICU call failed; `name` is ICU's error name.
    case icu(operation: String, name: String)

    public var description: String {
        switch self {
        case let .unknownOperation(name):
            "unknown op \"\(name)\" (expected one of \(NormalizationOperation.names.joined(separator: ", ")))"
        case let .unknownLanguage(tag):
            "unknown language \"\(tag)\" (give a BCP 47 tag ICU knows, such as en, ru, az, az-Cyrl, tr, or und)"
        case let .icu(operation, name):
            "\(operation) failed in ICU: \(name)"
        }
    }
}
