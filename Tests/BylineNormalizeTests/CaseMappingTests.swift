import BylineNormalize
import BylineText
import Testing

@Suite("Case mapping")
struct CaseMappingTests {
    let normalizer = TextNormalizer()

    @Test("Case mapping follows the text's language", arguments: [
        ("tr", NormalizationOperation.upper, "istanbul", "İSTANBUL"),
        ("tr", .lower, "IŞIK", "ışık"),
        ("tr", .lower, "İSTANBUL", "istanbul"),
        ("az", .upper, "ılıq əlavə", "ILIQ ƏLAVƏ"),
        ("az", .casefold, "İNSAN IŞIQ", "insan ışıq"),
        ("und", .casefold, "İNSAN IŞIQ", "i̇nsan işiq"),
        ("de", .upper, "Straße", "STRASSE"),
        ("en", .upper, "istanbul", "ISTANBUL"),
        ("ru", .title, "москва и санкт-петербург", "Москва И Санкт-Петербург"),
        ("nl", .title, "ijsselmeer", "IJsselmeer"),
        ("el", .upper, "Μάιος", "ΜΑΪΟΣ"),
        ("fr", .lower, "ÉLÈVE", "élève"),
    ])
    func localeAware(language: String, operation: NormalizationOperation, input: String, expected: String) throws {
        let result = try normalizer.normalize(input, operation: operation, language: LanguageTag(language))
        #expect(Array(result.text.unicodeScalars) == Array(expected.unicodeScalars))
    }
}
