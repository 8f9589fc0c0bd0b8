import BylineText

/// One replacement a normalization made, located in the text as received.
///
/// `range` indexes the input, never the output; applying every change of a
/// ``NormalizedText`` to its input, from the last to the first, gives its output.
///
/// ```swift
/// let result = try normalizer.normalize("Ä°stanbul", operation: .fix, language: "tr")
/// result.changes.first?.kind         // .mojibake
/// result.changes.first?.replacement  // "İ"
/// ```
public struct NormalizationChange: Sendable, Hashable {
    /// What kind of repair or mapping a change is.
    public enum Kind: Int, CaseIterable, Sendable, Hashable {
        /// UTF-8 that had been decoded with a legacy code page, decoded again correctly.
        case mojibake = 1
        /// An HTML character reference (`&amp;`, `&#39;`) replaced by its character.
        case entity
        /// An invisible character removed: zero-width space, soft hyphen, BOM, word joiner.
        case invisible
        /// An odd space made a plain space.
        case space
        /// A control character removed or made a line break.
        case control
        /// A look-alike letter of another script replaced by the word's own script.
        case confusable
        /// A normalization form's mapping (composition, decomposition, compatibility).
        case normalization
        /// A case mapping.
        case `case`
        /// A search-key folding beyond case: accents, letter forms, dashes, digits.
        case folding
        /// A transliteration to another script.
        case transliteration
        /// A nonspacing mark removed.
        case accent

        /// The name JSON output uses.
        public var name: String {
            switch self {
            case .mojibake: "mojibake"
            case .entity: "entity"
            case .invisible: "invisible"
            case .space: "space"
            case .control: "control"
            case .confusable: "confusable"
            case .normalization: "normalization"
            case .case: "case"
            case .folding: "folding"
            case .transliteration: "transliteration"
            case .accent: "accent"
            }
        }
    }

    /// The replaced piece of the input.
    public var range: TextRange
    /// What replaced it (empty for a removal).
    public var replacement: String
    public var kind: Kind

    public init(range: TextRange, replacement: String, kind: Kind) {
        self.range = range
        self.replacement = replacement
        self.kind = kind
    }
}
