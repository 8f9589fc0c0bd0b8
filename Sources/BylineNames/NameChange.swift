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
    /// The entity the replacement names: a gazetteer id (`geonames:1835848`), a public
    /// person's (`enwiki:José_Mourinho`) or an acronym's (`acronym:ASCII`).
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

/// A word that looked like a name the normalizer might fix and was left as written: which
/// rule decided, and why (`Guass`: kept by `name-elsewhere`, "a word or name of another
/// language").
public struct NameKeep: Sendable, Hashable {
    public var range: TextRange
    /// The rule that decided (``NameNormalizer`` word rules, `minimum-confidence` for a
    /// change below the threshold, `none` when no rule found a reading).
    public var rule: String
    public var reason: String
}

/// What ``NameNormalizer/analyze(_:language:explaining:)`` finds in one text.
public struct NameAnalysis: Sendable {
    /// Names written correctly, in document order.
    public var mentions: [NameMention]
    /// Proposed replacements, in document order, never overlapping.
    public var changes: [NameChange]
    /// True when the language had no names of its own and English forms were used.
    public var usedFallbackLanguage: Bool
    /// With `explaining`, the capitalised words that were neither known names nor plainly
    /// ordinary words and were left as written, in document order; empty otherwise.
    public var kept: [NameKeep] = []
}
