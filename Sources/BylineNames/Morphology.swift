/// The inflection a name takes in running text, per language: Turkish and Azerbaijani
/// case suffixes (with or without an apostrophe: `Londra'ya`, `Seulda`), Russian case
/// endings (`Сеулом`, `Курске`, `Москвы`), possessive `'s`.
///
/// Splits are proposals: a name counts as inflected only when its stem is a known form.
enum Morphology {
    /// Azerbaijani case, plural and possessive endings that follow a place name.
    static let azerbaijaniSuffixes = suffixList("""
        a ə ya yə da də ta tə dan dən tan tən nda ndə ndan ndən na nə ı i u ü nı ni nu nü yı yi yu yü \
        ın in un ün nın nin nun nün la lə yla ylə dakı dəki takı təki lı li lu lü lar lər ları ləri \
        larda lərdə lardan lərdən lara lərə ların lərin sı si su sü
        """)
    /// Turkish case, plural and possessive endings that follow a place name.
    static let turkishSuffixes = suffixList("""
        a e ya ye da de ta te dan den tan ten nda nde ndan nden na ne ı i u ü nı ni nu nü yı yi yu yü \
        ın in un ün nın nin nun nün la le yla yle daki deki taki teki lı li lu lü lar ler ları leri \
        larda lerde lardan lerden lara lere ların lerin sı si su sü
        """)
    /// Russian noun endings of the singular and plural cases.
    static let russianEndings = suffixList(
        "а я у ю е и ы о ом ем ём ой ей ою ею ам ям ах ях ами ями ов ев ь ым им ых их ого его ому ему ую юю ая яя")
    /// What a Russian dictionary form loses before an ending is added (`Москва` → `Москв-`).
    static let russianStemFinals: Set<Unicode.Scalar> = ["а", "я", "о", "е", "и", "ы", "й", "ь"]

    private static func suffixList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).sorted { $0.count > $1.count }
    }

    /// The ways `token` may split into stem and ending in `language`, the whole token first.
    /// The stem keeps at least three letters.
    static func splits(of token: Substring, language: String) -> [(stem: Substring, suffix: Substring)] {
        var result: [(Substring, Substring)] = [(token, token[token.endIndex...])]
        if let apostrophe = token.lastIndex(where: { $0 == "'" || $0 == "’" }), apostrophe > token.startIndex {
            let stem = token[..<apostrophe]
            if stem.count >= 3 { result.append((stem, token[apostrophe...])) }
            return result
        }
        let suffixes: [String]
        switch language {
        case "az": suffixes = azerbaijaniSuffixes
        case "tr": suffixes = turkishSuffixes
        case "ru", "uk", "be": suffixes = russianEndings
        case "de", "en": suffixes = ["s"]
        default: suffixes = []
        }
        for suffix in suffixes where token.count - suffix.count >= 3 && token.hasSuffix(suffix) {
            let cut = token.index(token.endIndex, offsetBy: -suffix.count)
            result.append((token[..<cut], token[cut...]))
        }
        return result
    }

    /// The stem of a Russian form's key: the key without its last vowel or soft sign.
    static func russianStem(_ key: [UInt32]) -> [UInt32] {
        guard key.count > 3, let last = key.last, let scalar = Unicode.Scalar(last),
            russianStemFinals.contains(scalar)
        else { return key }
        return Array(key.dropLast())
    }

    /// The written stem of a Russian form (`Москв` for `Москва`), which an ending follows.
    static func russianWrittenStem(_ form: String) -> Substring {
        guard form.unicodeScalars.count > 3, let last = form.unicodeScalars.last,
            russianStemFinals.contains(Unicode.Scalar(last.properties.lowercaseMapping) ?? last)
        else { return form[...] }
        return form.dropLast()
    }

    /// True for languages whose names take endings the normalizer splits.
    static func inflects(_ language: String) -> Bool { ["az", "tr", "ru", "uk", "be"].contains(language) }
}
