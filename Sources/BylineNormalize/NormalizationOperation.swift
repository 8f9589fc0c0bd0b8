/// One of the operations `byline normalize --op` offers.
///
/// Each returns the transformed text together with an ``EditMap`` back to its input. The
/// names are the ones the batch interface uses (`nfkc_casefold`, `strip_accents`).
///
/// ```swift
/// let operation = try NormalizationOperation(name: "nfkc_casefold")
/// ```
public enum NormalizationOperation: String, CaseIterable, Sendable, Hashable {
    /// Canonical composition (UAX #15); the storage form of every text.
    case nfc
    /// Canonical decomposition.
    case nfd
    /// Compatibility composition: ligatures, full-width forms and odd spaces become plain.
    case nfkc
    /// Compatibility decomposition.
    case nfkd
    /// NFKC with case folding and default ignorables removed (UAX #44 NFKC_Casefold).
    case nfkcCasefold = "nfkc_casefold"
    /// Repairs copy as a desk receives it: mojibake, entities, controls, invisibles, odd spaces; then NFC.
    case fix
    /// A search key: case, accents, width, dashes and digits folded, ignorables removed.
    case fold
    /// Full lower case for the text's language.
    case lower
    /// Full upper case for the text's language.
    case upper
    /// Title case for the text's language, words found by its word break rules.
    case title
    /// Full case folding (Turkic rules for tr and az).
    case casefold
    /// Transliteration to Latin with the BGN/PCGN rules of the text's language.
    case latin
    /// Nonspacing marks removed (NFD, remove Mn, NFC).
    case stripAccents = "strip_accents"
    /// Look-alike letters from another script inside a word replaced by the word's own script.
    case confusables

    /// The operation named `name`.
    /// - Throws: ``NormalizationError/unknownOperation(_:)`` listing the names there are.
    public init(name: String) throws(NormalizationError) {
        guard let operation = NormalizationOperation(rawValue: name) else { throw .unknownOperation(name) }
        self = operation
    }

    /// Every operation name, in the order the interface lists them.
    public static var names: [String] { allCases.map(\.rawValue) }
}
