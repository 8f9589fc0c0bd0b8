/// The inflection a name takes in running text, per language: Turkish and Azerbaijani
/// case suffixes (with or without an apostrophe: `Londra'ya`, `Seulda`), Russian case
/// endings (`Сеулом`, `Курске`, `Москвы`), possessive `'s`.
///
/// Splits are proposals: a name counts as inflected only when its stem is a known form.
struct Morphology {
    /// Each language's endings, longest first (among endings of one length, in the order
    /// the table lists them).
    let endings: [String: [String]]

    init(endings: [String: [String]]) {
        self.endings = endings.mapValues { list in list.sorted { $0.count > $1.count } }
    }

    /// What a Russian (or Ukrainian) dictionary form loses before an ending is added
    /// (`Москва` → `Москв-`).
    static let russianStemFinals: Set<Unicode.Scalar> = ["а", "я", "о", "е", "и", "ы", "й", "ь"]
    /// Ukrainian has three more (`Києві`, `Україні`); in Russian copy a final `і` is no ending
    /// but a Ukrainian spelling (`Чилі`).
    static let ukrainianStemFinals = russianStemFinals.union(["і", "ї", "є"])

    static func stemFinals(_ language: String) -> Set<Unicode.Scalar> {
        language == "uk" ? ukrainianStemFinals : russianStemFinals
    }

    /// The ways `token` may split into stem and ending in `language`, the whole token first.
    /// The stem keeps at least three letters.
    func splits(of token: Substring, language: String) -> [(stem: Substring, suffix: Substring)] {
        var result: [(Substring, Substring)] = [(token, token[token.endIndex...])]
        if let apostrophe = token.lastIndex(where: { $0 == "'" || $0 == "’" }), apostrophe > token.startIndex {
            let stem = token[..<apostrophe]
            if stem.count >= 3 { result.append((stem, token[apostrophe...])) }
            return result
        }
        for suffix in endings[language] ?? [] where token.count - suffix.count >= 3 && token.hasSuffix(suffix) {
            let cut = token.index(token.endIndex, offsetBy: -suffix.count)
            result.append((token[..<cut], token[cut...]))
        }
        return result
    }

    /// The stem of a Russian form's key: the key without its last vowel or soft sign.
    static func russianStem(_ key: [UInt32], language: String = "ru") -> [UInt32] {
        guard key.count > 3, let last = key.last, let scalar = Unicode.Scalar(last),
            stemFinals(language).contains(scalar)
        else { return key }
        return Array(key.dropLast())
    }

    /// The written stem of a Russian form (`Москв` for `Москва`), which an ending follows.
    static func russianWrittenStem(_ form: String, language: String = "ru") -> Substring {
        guard form.unicodeScalars.count > 3, let last = form.unicodeScalars.last,
            stemFinals(language).contains(Unicode.Scalar(last.properties.lowercaseMapping) ?? last)
        else { return form[...] }
        return form.dropLast()
    }

    /// True for the languages whose names decline as Russian ones do.
    static func declinesLikeRussian(_ language: String) -> Bool { ["ru", "uk", "be"].contains(language) }

    /// `suffix` as it follows `stem` in Turkish or Azerbaijani: its vowels in harmony with
    /// the stem's last vowel (front or back, and for the four-way vowels rounded or not),
    /// and a leading `d`/`t` voiced or not after the stem's last letter. A suffix that
    /// already agrees comes back unchanged; other languages' suffixes are left alone.
    ///
    /// ```swift
    /// Morphology.harmonized("'dan", after: "Londra", language: "tr")   // "'dan"
    /// Morphology.harmonized("da", after: "Seul", language: "az")       // "da"
    /// Morphology.harmonized("də", after: "Berlin", language: "az")     // "də"
    /// ```
    /// When the suffix does not follow the rule after the stem it was written after
    /// (`Seol'de`: the writer hears the name, not its letters), it is kept as written.
    static func harmonized(_ suffix: Substring, after stem: String, writtenAfter written: Substring, language: String) -> String {
        guard harmonized(suffix, after: String(written), language: language) == suffix else { return String(suffix) }
        return harmonized(suffix, after: stem, language: language)
    }

    static func harmonized(_ suffix: Substring, after stem: String, language: String) -> String {
        guard language == "tr" || language == "az" else { return String(suffix) }
        let front: Set<Character> = language == "az" ? ["e", "ə", "i", "ö", "ü"] : ["e", "i", "ö", "ü"]
        let rounded: Set<Character> = ["o", "ö", "u", "ü"]
        let vowels: Set<Character> = front.union(["a", "ı", "o", "u"])
        let lower = stem.lowercased()
        guard let last = lower.last(where: { vowels.contains($0) }) else { return String(suffix) }
        let isFront = front.contains(last), isRounded = rounded.contains(last)
        let open: Character = isFront ? (language == "az" ? "ə" : "e") : "a"
        let close: Character = isFront ? (isRounded ? "ü" : "i") : (isRounded ? "u" : "ı")
        let voiceless: Set<Character> = ["ç", "f", "h", "k", "p", "s", "ş", "t"]
        var result = ""
        var first = true
        for character in suffix {
            switch character {
            case "a", "e", "ə": result.append(open)
            case "ı", "i", "u", "ü": result.append(close)
            case "d", "t" where first:
                result.append(lower.last.map { voiceless.contains($0) } == true ? "t" : "d")
            default: result.append(character)
            }
            if character != "'" && character != "’" { first = false }
        }
        return result
    }

    /// True for languages whose names take endings the normalizer splits.
    static func inflects(_ language: String) -> Bool { ["az", "tr", "kk", "ru", "uk", "be"].contains(language) }
}
