import BylineText

/// A replacement the name normalizer proposes: where, by what, why and how sure.
public struct NameChange: Sendable, Hashable {
    /// Why a name is replaced.
    public enum Kind: String, Sendable, Hashable {
        /// A misspelt name (`Seol` for `Seoul`), or one with its accents missing.
        case misspelling
        /// A correct name of another language (`Seul` in English).
        case foreign
    }

    /// The replaced piece of the input, never of the output.
    public var range: TextRange
    public var replacement: String
    public var kind: Kind
    /// The entity the replacement names (`geonames:1835848`).
    public var entity: String
    /// From 0 to 1; only changes above the normalizer's threshold are made.
    public var confidence: Double
    /// A sentence a correspondent can read: what matched and what decided it.
    public var reason: String
}

/// A name found as written: where, which entity, in which language's form.
public struct NameMention: Sendable, Hashable {
    public var range: TextRange
    public var entity: String
    public var kind: GazetteerEntry.Kind
}

/// What ``NameNormalizer/analyze(_:language:)`` finds in one text.
public struct NameAnalysis: Sendable {
    /// Names written correctly, in document order.
    public var mentions: [NameMention]
    /// Proposed replacements, in document order, never overlapping.
    public var changes: [NameChange]
    /// True when the language had no names of its own and English forms were used.
    public var usedFallbackLanguage: Bool
}
