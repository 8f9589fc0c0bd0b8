import BylineText
import CBylineICU

/// Every `normalize` operation, each returning its text plus an edit map back to the input.
///
/// Keeps ICU handles, transliterators and per-scalar tables between calls, so make one per
/// worker and reuse it; it is not thread-safe. Two outputs are kept apart on purpose: the
/// display and storage form (``displayForm(of:)``, NFC and nothing else) and the search key
/// (``matchKey(for:language:)``, `fold`), which is never shown to a reader.
///
/// ```swift
/// let normalizer = TextNormalizer()
/// try normalizer.normalize("İSTANBUL", operation: .lower, language: "tr").text  // "istanbul"
/// try normalizer.normalize("РґРѕСЂРѕРіРµ", operation: .fix, language: "ru").text  // "дороге"
/// ```
public final class TextNormalizer {
    private let icu = ICUEditBuffer()
    private var foldMappers: [Bool: ScalarMapper] = [:]
    private var accentMapper: ScalarMapper?
    private var repair: TextRepair?
    private var transliteration = Transliteration()
    private var confusables: ConfusableRepair?
    private var locales: [LanguageTag: NormalizationLocale] = [:]

    public init() {}

    /// Applies `operation` to `text` written in `language`.
    ///
    /// Cost: one pass over the text for most operations; NFC of text that is already NFC
    /// reads it once and copies nothing.
    /// - Throws: ``NormalizationError/unknownLanguage(_:)`` for a tag ICU does not know,
    ///   ``NormalizationError/icu(operation:name:)`` if ICU fails.
    public func normalize(
        _ text: String, operation: NormalizationOperation, language: LanguageTag
    ) throws(NormalizationError) -> NormalizedText {
        let locale: NormalizationLocale
        if let known = locales[language] {
            locale = known
        } else {
            locale = try NormalizationLocale(language)
            locales[language] = locale
        }
        let map: EditMap
        switch operation {
        case .nfc: map = try icu.normalize(text, form: Int32(BYLINE_FORM_NFC), operation: "nfc")
        case .nfd: map = try icu.normalize(text, form: Int32(BYLINE_FORM_NFD), operation: "nfd")
        case .nfkc: map = try icu.normalize(text, form: Int32(BYLINE_FORM_NFKC), operation: "nfkc")
        case .nfkd: map = try icu.normalize(text, form: Int32(BYLINE_FORM_NFKD), operation: "nfkd")
        case .nfkcCasefold:
            map = try icu.normalize(text, form: Int32(BYLINE_FORM_NFKC_CASEFOLD), operation: "nfkc_casefold")
        case .lower: map = try icu.mapCase(text, kind: Int32(BYLINE_CASE_LOWER), locale: locale.identifier, operation: "lower")
        case .upper: map = try icu.mapCase(text, kind: Int32(BYLINE_CASE_UPPER), locale: locale.identifier, operation: "upper")
        case .title: map = try icu.mapCase(text, kind: Int32(BYLINE_CASE_TITLE), locale: locale.identifier, operation: "title")
        case .casefold:
            let kind = locale.isTurkic ? BYLINE_CASE_FOLD_TURKIC : BYLINE_CASE_FOLD
            map = try icu.mapCase(text, kind: Int32(kind), locale: locale.identifier, operation: "casefold")
        case .fold: map = try fold(text, locale: locale)
        case .stripAccents: map = try stripAccents(text)
        case .fix:
            if repair == nil { repair = TextRepair() }
            map = try repair!.repair(text, locale: locale, icu: icu)
        case .latin: map = try transliteration.toLatin(text, locale: locale)
        case .confusables:
            if confusables == nil { confusables = ConfusableRepair() }
            map = confusables!.repair(text)
        }
        return NormalizedText(editMap: map)
    }

    /// Checks that ICU knows `language`, as every operation does before it runs.
    /// - Throws: ``NormalizationError/unknownLanguage(_:)``.
    public static func checkLanguage(_ language: LanguageTag) throws(NormalizationError) {
        _ = try NormalizationLocale(language)
    }

    /// Applies `operation` to a source text in its own language.
    public func normalize(_ source: SourceText, operation: NormalizationOperation) throws(NormalizationError)
        -> NormalizedText
    {
        try normalize(source.string, operation: operation, language: source.language)
    }

    /// The form to store and display: NFC, with nothing removed or repaired.
    public func displayForm(of text: String) throws(NormalizationError) -> NormalizedText {
        NormalizedText(editMap: try icu.normalize(text, form: Int32(BYLINE_FORM_NFC), operation: "nfc"))
    }

    /// The search key of `text`: the `fold` operation's output, typed so that it is not shown.
    public func matchKey(for text: String, language: LanguageTag) throws(NormalizationError) -> MatchKey {
        MatchKey(folded: try normalize(text, operation: .fold, language: language).text)
    }

    // MARK: Per-scalar operations

    private func fold(_ text: String, locale: NormalizationLocale) throws(NormalizationError) -> EditMap {
        let turkic = locale.isTurkic
        let mapper: ScalarMapper
        if let existing = foldMappers[turkic] {
            mapper = existing
        } else {
            mapper = ScalarMapper(kind: .folding, mapping: Folding.mapping(turkic: turkic))
            foldMappers[turkic] = mapper
        }
        // In Turkic text a capital I followed by a combining dot above is a decomposed İ,
        // whose key is i, not the ı that I alone folds to.
        let (map, needsComposition) = mapper.map(text, trigger: turkic ? 0x49 : 0) { bytes, index in
            guard index + 2 < bytes.count, bytes[index + 1] == 0xCC, bytes[index + 2] == 0x87 else { return nil }
            return (3, [0x69])
        }
        return try composed(map, needsComposition: needsComposition)
    }

    private func stripAccents(_ text: String) throws(NormalizationError) -> EditMap {
        if accentMapper == nil {
            accentMapper = ScalarMapper(kind: .accent) { scalar in
                guard scalar >= 0xC0 else { return nil }
                var buffer = [UInt8](repeating: 0, count: 96)
                let length = Int(byline_strip_marks_code_point(Int32(bitPattern: scalar), &buffer, 96))
                guard length >= 0 else { return nil }
                let result = Array(buffer.prefix(length))
                return result == Unicode.Scalar(scalar).map(\.utf8Bytes) ? nil : result
            }
        }
        let (map, needsComposition) = accentMapper!.map(text)
        return try composed(map, needsComposition: needsComposition)
    }

    /// `map` followed by NFC when a mapped scalar may combine with its neighbours.
    private func composed(_ map: EditMap, needsComposition: Bool) throws(NormalizationError) -> EditMap {
        guard needsComposition else { return map }
        return map.followed(by: try icu.normalize(map.output, form: Int32(BYLINE_FORM_NFC), operation: "nfc"))
    }
}
