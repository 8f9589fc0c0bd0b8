import BylineText

/// Takes a closed compound (`Biwakplatz`, `Expeditionsleiters`, `Lebensversicherung`) apart
/// into words a dictionary lists, so that its parts find their translations (`bivouac`,
/// `place`; `chef`; `assurance`) where the whole word has no entry.
///
/// Languages that write compounds as one word coin them freely, and no dictionary lists
/// them all: in German mountaineering prose a third of the long nouns are compounds a
/// bilingual dictionary lacks. The splitter looks for the longest last part (the head,
/// which carries the compound's meaning) that is a listed word, with up to
/// ``endingLetters`` letters of ending (`leiter`+`s`, `versuch`+`e`), before a first part
/// that is a listed word too, with up to as many linking letters (`expedition`+`s`,
/// `leben`+`s`), or is itself such a compound. A word the dictionary lists whole is left
/// whole.
///
/// Cost: one set look-up per split point and ending, on words of ``minimumLength`` letters
/// or more that the dictionary lacks.
///
/// ```swift
/// let splitter = CompoundSplitter(words: ["biwak", "platz"])
/// splitter.parts(of: "biwakplatz")   // ["platz", "biwak"]
/// ```
struct CompoundSplitter {
    /// Languages that write their compounds as one word.
    static let compoundingLanguages: Set<String> = ["de", "nl", "sv", "da", "nb", "nn", "no", "is", "lb", "af"]
    /// The shortest word taken apart, and the shortest parts.
    static let minimumLength = 8
    static let minimumHead = 4
    static let minimumModifier = 3
    /// Letters of inflection after the head, or of linking after the first part, that a
    /// listed word may be followed by.
    static let endingLetters = 2

    let words: Set<String>

    /// Languages that capitalise their nouns: there only a capitalised word is taken apart,
    /// since their compounds that matter are nouns, and a small word's adjective and verb
    /// endings (`-ische`, `-chen`) and prefixes (`auf-`, `vor-`) look like words of their own
    /// (`amerikan`+`ische`).
    static let nounCapitalisingLanguages: Set<String> = ["de", "lb"]

    /// Whether `language` writes compounds closed.
    static func splits(_ language: LanguageTag) -> Bool { compoundingLanguages.contains(language.language) }

    /// Whether a word so written in `language` may be a compound.
    static func mayBeCompound(capitalised: Bool, language: LanguageTag) -> Bool {
        capitalised || !nounCapitalisingLanguages.contains(language.language)
    }

    /// The listed words a folded word is made of, head first, then the first part's own
    /// parts; empty when the word is listed whole or cannot be taken apart.
    func parts(of word: String) -> [String] {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= Self.minimumLength, !words.contains(word) else { return [] }
        return split(scalars, depth: 0) ?? []
    }

    private func split(_ scalars: [Unicode.Scalar], depth: Int) -> [String]? {
        let count = scalars.count
        guard count >= Self.minimumHead + Self.minimumModifier else { return nil }
        for cut in Self.minimumModifier...(count - Self.minimumHead) {
            guard let head = listed(scalars[cut...], minimum: Self.minimumHead) else { continue }
            let modifier = scalars[..<cut]
            if let first = listed(modifier, minimum: Self.minimumModifier) { return [head, first] }
            if depth == 0, let inner = split(Array(modifier), depth: 1) { return [head] + inner }
        }
        return nil
    }

    /// The listed word `piece` is, or begins with before at most ``endingLetters`` more.
    private func listed(_ piece: ArraySlice<Unicode.Scalar>, minimum: Int) -> String? {
        var view = String.UnicodeScalarView(piece)
        for _ in 0...Self.endingLetters {
            guard view.count >= minimum else { return nil }
            let candidate = String(view)
            if words.contains(candidate) { return candidate }
            view.removeLast()
        }
        return nil
    }
}
