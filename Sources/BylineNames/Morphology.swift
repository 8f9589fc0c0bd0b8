/// The inflection a name takes in running text, per language: Turkish and Azerbaijani
/// case suffixes (with or without an apostrophe: `Londra'ya`, `Seulda`), Russian case
/// endings (`Сеулом`, `Курске`, `Москвы`), possessive `'s`.
///
/// Splits are proposals: a name counts as inflected only when its stem is a known form.
struct Morphology {
    /// Each language's endings, longest first (among endings of one length, in the order
    /// the table lists them).
    let endings: [String: [String]]
    /// Stem-final letters and suffix harmony, per language.
    let letters: MorphologyLetters

    init(endings: [String: [String]], letters: MorphologyLetters) {
        self.endings = endings.mapValues { list in list.sorted { $0.count > $1.count } }
        self.letters = letters
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
    func russianStem(_ key: [UInt32], language: String) -> [UInt32] {
        Self.stem(key, finals: letters.stemFinals[language])
    }

    /// `key` without its last letter when that letter is one of `finals` and three remain
    /// (`москва` → `москв`).
    static func stem(_ key: [UInt32], finals: Set<Unicode.Scalar>?) -> [UInt32] {
        guard key.count > 3, let finals, let last = key.last, let scalar = Unicode.Scalar(last), finals.contains(scalar)
        else { return key }
        return Array(key.dropLast())
    }

    /// The written stem of a Russian form (`Москв` for `Москва`), which an ending follows.
    func russianWrittenStem(_ form: String, language: String) -> Substring {
        guard form.unicodeScalars.count > 3, let last = form.unicodeScalars.last, let finals = letters.stemFinals[language],
            finals.contains(Unicode.Scalar(last.properties.lowercaseMapping) ?? last)
        else { return form[...] }
        return form.dropLast()
    }

    /// True for the languages whose names decline as Russian ones do.
    static func declinesLikeRussian(_ language: String) -> Bool { ["ru", "uk", "be"].contains(language) }

    /// `suffix` as it follows `stem` in a language with suffix harmony (Turkish,
    /// Azerbaijani): its vowels in harmony with the stem's last vowel (front or back, and
    /// for the four-way vowels rounded or not), and a leading `d`/`t` voiced or not after
    /// the stem's last letter. A suffix that already agrees comes back unchanged; other
    /// languages' suffixes are left alone.
    ///
    /// ```swift
    /// morphology.harmonized("'dan", after: "Londra", language: "tr")   // "'dan"
    /// morphology.harmonized("da", after: "Seul", language: "az")       // "da"
    /// morphology.harmonized("də", after: "Berlin", language: "az")     // "də"
    /// ```
    /// When the suffix does not follow the rule after the stem it was written after
    /// (`Seol'de`: the writer hears the name, not its letters), it is kept as written.
    func harmonized(_ suffix: Substring, after stem: String, writtenAfter written: Substring, language: String) -> String {
        guard harmonized(suffix, after: String(written), language: language) == suffix else { return String(suffix) }
        return harmonized(suffix, after: stem, language: language)
    }

    func harmonized(_ suffix: Substring, after stem: String, language: String) -> String {
        guard let harmony = letters.harmony[language] else { return String(suffix) }
        let lower = stem.lowercased()
        guard let last = lower.last(where: { harmony.front.contains($0) || harmony.back.contains($0) }) else { return String(suffix) }
        let isFront = harmony.front.contains(last), isRounded = harmony.rounded.contains(last)
        let open = harmony.open[isFront ? 1 : 0]
        let close = harmony.close[(isFront ? 1 : 0) + (isRounded ? 2 : 0)]
        var result = ""
        var first = true
        for character in suffix {
            if harmony.openSpellings.contains(character) {
                result.append(open)
            } else if harmony.closeSpellings.contains(character) {
                result.append(close)
            } else if first, harmony.alternating.contains(character) {
                result.append(harmony.alternating[lower.last.map { harmony.voiceless.contains($0) } == true ? 1 : 0])
            } else {
                result.append(character)
            }
            if character != "'" && character != "’" { first = false }
        }
        return result
    }

    /// True for languages whose names take endings the normalizer splits.
    static func inflects(_ language: String) -> Bool { ["az", "tr", "kk", "ru", "uk", "be"].contains(language) }
}

/// The letters the morphology reads, per language (`Resources/data/morphology/letters.tsv`):
/// what a Russian, Belarusian or Ukrainian dictionary form loses before a case ending, the
/// vowels and consonants of Turkish and Azerbaijani suffix harmony, and the vowels the
/// typo cost knows.
public struct MorphologyLetters: Sendable {
    /// The letters a dictionary form loses before a case ending (`Москва` → `Москв-`);
    /// names of these languages are indexed by their stems.
    public var stemFinals: [String: Set<Unicode.Scalar>]
    /// Suffix harmony, for the languages that have it.
    public var harmony: [String: SuffixHarmony]
    /// Each language's vowels as fold keys write them, for the typo cost (a vowel for a
    /// vowel is a cheap slip); names are compared across scripts, so the cost reads every
    /// language's together.
    public var vowels: [String: Set<Unicode.Scalar>]
    /// Pairs of letters that spell one sound in the variants of a given name (`c` and `k`
    /// in `Catherine`, `Katharine`), read for every language together as the vowels are.
    public var soundAlike: [String: [(Unicode.Scalar, Unicode.Scalar)]]
    /// Letters that a given name's variants add or drop (`h`: `Cristiano`, `Christiano`).
    public var silent: [String: Set<Unicode.Scalar>]

    public init(
        stemFinals: [String: Set<Unicode.Scalar>] = [:], harmony: [String: SuffixHarmony] = [:], vowels: [String: Set<Unicode.Scalar>] = [:],
        soundAlike: [String: [(Unicode.Scalar, Unicode.Scalar)]] = [:], silent: [String: Set<Unicode.Scalar>] = [:]
    ) {
        self.stemFinals = stemFinals
        self.harmony = harmony
        self.vowels = vowels
        self.soundAlike = soundAlike
        self.silent = silent
    }
}

/// How a language's suffix agrees with the stem before it: its vowel follows the stem's
/// last vowel, its first consonant the stem's last letter (Turkish `Berlin'den`,
/// `Paris'te`; Azerbaijani `Berlindən`).
public struct SuffixHarmony: Sendable {
    public var front: Set<Character>
    public var back: Set<Character>
    public var rounded: Set<Character>
    /// The consonants after which the first consonant of a suffix is written voiceless.
    public var voiceless: Set<Character>
    /// That consonant, voiced then voiceless (`d`, `t`).
    public var alternating: [Character]
    /// The two-way vowel after a back vowel, then after a front one (`a`, `e`).
    public var open: [Character]
    /// The four-way vowel after a back unrounded, front unrounded, back rounded and front
    /// rounded vowel (`ı`, `i`, `u`, `ü`).
    public var close: [Character]
    /// The letters of a written suffix that stand for the two-way vowel.
    public var openSpellings: Set<Character>
    /// The letters of a written suffix that stand for the four-way vowel.
    public var closeSpellings: Set<Character>

    /// - Precondition: `alternating` and `open` have two letters, `close` four.
    public init(
        front: Set<Character>, back: Set<Character>, rounded: Set<Character>, voiceless: Set<Character>,
        alternating: [Character], open: [Character], close: [Character], openSpellings: Set<Character>, closeSpellings: Set<Character>
    ) {
        precondition(alternating.count == 2 && open.count == 2 && close.count == 4, "alternating and open take two letters, close four")
        self.front = front
        self.back = back
        self.rounded = rounded
        self.voiceless = voiceless
        self.alternating = alternating
        self.open = open
        self.close = close
        self.openSpellings = openSpellings
        self.closeSpellings = closeSpellings
    }
}
