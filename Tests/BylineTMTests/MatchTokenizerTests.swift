import BylineTM
import Testing

@Suite("TM index terms")
struct MatchTokenizerTests {
    @Test("Every scalar the tokenizer keeps facts for is a letter, a digit or neither as Unicode says, and folds as Unicode lower-cases it")
    func scalarFacts() {
        var checked = 0
        for value in UInt32(0x80)..<0x3100 {
            guard let scalar = Unicode.Scalar(value), scalar != "’" else { continue }
            let properties = scalar.properties
            let (terms, words) = MatchTokenizer.indexTerms(String(scalar), language: "xx")
            let kept = properties.isAlphabetic || properties.numericType == .decimal
            #expect(words == (kept ? 1 : 0), "U+\(String(value, radix: 16, uppercase: true))")
            #expect(terms.count == words)
            // An upper-case letter indexes as its lower-case form does.
            let lower = Array(properties.lowercaseMapping.unicodeScalars)
            if properties.isAlphabetic, properties.changesWhenLowercased, lower.count == 1,
                lower[0].properties.isAlphabetic, !lower[0].properties.changesWhenLowercased
            {
                #expect(terms == MatchTokenizer.indexTerms(String(lower[0]), language: "xx").terms,
                    "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test("Case and the typographic apostrophe do not change a word's term")
    func folding() {
        let (upper, _) = MatchTokenizer.indexTerms("ÉTÉ Über ПЕРЕГОВОРЫ DON’T", language: "xx")
        let (lower, _) = MatchTokenizer.indexTerms("été über переговоры don't", language: "xx")
        #expect(upper == lower)
    }
}
