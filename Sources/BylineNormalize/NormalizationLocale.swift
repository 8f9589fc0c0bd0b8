import BylineText
import CBylineICU

/// How a ``LanguageTag`` maps onto the ICU locale that case mapping and transliteration use.
struct NormalizationLocale: Sendable, Hashable {
    /// The ICU locale id (`tr`, `az_Cyrl`, `""` for root).
    let identifier: String
    /// The language subtag, lower case (`az`).
    let language: String
    /// The script subtag if the tag gives one (`Cyrl`).
    let script: String?

    /// Resolves `tag`.
    /// - Throws: ``NormalizationError/unknownLanguage(_:)`` when ICU does not know the language.
    init(_ tag: LanguageTag) throws(NormalizationError) {
        language = tag.language
        script = tag.script
        if language == "und" || language == "root" || language.isEmpty {
            identifier = ""
            return
        }
        var buffer = [CChar](repeating: 0, count: 157)
        let length = byline_locale_from_tag(tag.description, &buffer, Int32(buffer.count))
        let identifier =
            length > 0 ? String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        guard !identifier.isEmpty, byline_locale_language_is_known(identifier) != 0,
            language.count >= 2, language.count <= 3, language.allSatisfy({ $0.isASCII && $0.isLetter })
        else { throw .unknownLanguage(tag.description) }
        self.identifier = identifier
    }

    /// True for the languages whose case rules pair I with ı and İ with i (as ICU's do).
    var isTurkic: Bool { language == "tr" || language == "az" }
}
