import BylineText

/// One sentence of a text: a range of the original, without white space at either end.
public struct Sentence: Sendable, Hashable {
    /// The sentence in the original text.
    public var range: TextRange

    public init(range: TextRange) { self.range = range }
}

/// One token of a text found by ICU's word rules, with what ICU says it is.
public struct Word: Sendable, Hashable {
    /// What kind of token ICU's rule status says this is (UAX #29 word boundaries).
    public enum Kind: Sendable, Hashable {
        /// Letters (status 200–299): a word-like token.
        case letters
        /// A number (status 100–199), including `1,200` and `3.5`.
        case number
        /// Kana (status 300–399).
        case kana
        /// Ideographs (status 400–499).
        case ideographic
        /// Spaces, punctuation and symbols (status 0–99).
        case other

        init(ruleStatus: Int32) {
            switch ruleStatus {
            case 100..<200: self = .number
            case 200..<300: self = .letters
            case 300..<400: self = .kana
            case 400..<500: self = .ideographic
            default: self = .other
            }
        }

        /// True for letters, numbers, kana and ideographs: what a reader calls a word.
        public var isWordLike: Bool { self != .other }
    }

    /// The token in the original text.
    public var range: TextRange
    /// ICU's classification of the token.
    public var kind: Kind

    public init(range: TextRange, kind: Kind) {
        self.range = range
        self.kind = kind
    }
}
