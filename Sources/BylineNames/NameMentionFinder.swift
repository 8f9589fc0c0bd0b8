import BylineSegment
import BylineText

/// Finds the entities a report names, for ranking rather than fixing: gazetteer forms
/// (exact in cased copy, by fold key in lower-cased copy) and people's and organisations'
/// names that the gazetteer lacks.
///
/// Rules, in order, at each word:
/// - **A gazetteer form** of up to ``longestForm`` words in the text's language, the longest
///   first (`United States` before `United`). A one-word form that is also an ordinary
///   word (`Police`, `Reading`, `Bath`) counts only for a country; months and weekdays
///   count not at all.
/// - **An earlier full name's last word** (`Lloyd Austin` … `Austin`): the same entity, so a
///   surname does not turn into a city.
/// - **A name in the text:** a run of capitalised words that are no ordinary words of the
///   language (the word list's common words); in lower-cased copy, words the dictionary
///   knows only as proper names. Its entity is its last word, which is how reports
///   return to a person.
///
/// Copy counts as lower-cased when fewer than one letter-word in fifty starts with a
/// capital; then forms are matched on lower-cased keys and one-word forms must not be
/// ordinary words, countries included (`reunion`, `turkey`). Without a word list for the language only gazetteer forms are found.
///
/// A value over the memory-mapped index and word lists: share one between workers.
/// Cost: linear in the words, a few hash probes per capitalised word (per word in
/// lower-cased copy). Memory: the mentions, plus the tokens of the name being read when the
/// tokens come a piece at a time (``nameMentions(in:language:passes:)``).
///
/// ```swift
/// let finder = NameMentionFinder(gazetteer: gazetteer, wordLists: ["en": english])
/// let words = try WordSegmenter(language: "en").words(in: text)
/// for mention in finder.nameMentions(in: text, words: words, language: "en") { print(mention.entity) }
/// ```
public struct NameMentionFinder: Sendable {
    public let gazetteer: Gazetteer
    public let wordLists: [LanguageTag: WordList]
    /// The most words a gazetteer form may have to be found (`Bosnia and Herzegovina` has three).
    public var longestForm = 4

    public init(gazetteer: Gazetteer, wordLists: [LanguageTag: WordList] = [:]) {
        self.gazetteer = gazetteer
        self.wordLists = wordLists
    }

    /// A letter token and whether only a space or a hyphen separates it from the previous one.
    private struct Token {
        var range: TextRange
        var joinsPrevious: Bool
        var isCapitalised: Bool
    }

    /// The mentions in `text`, in text order, without overlaps. A name found in the text
    /// (no gazetteer entity) has kind `.name` and the entity `name:<last word, lower-cased>`,
    /// so `Andros Townsend` and a later `Townsend` are one entity.
    /// - Parameter words: the text's tokens (``WordSegmenter``).
    public func nameMentions(in text: String, words: [Word], language: LanguageTag) -> [NameMention] {
        var letters = 0
        var capitals = 0
        for word in words where word.kind == .letters {
            letters += 1
            if ScalarCase.isUppercase(text.unicodeScalars[word.range.lowerBound]) { capitals += 1 }
        }
        var scan = Scan(text: text, finder: self, language: language, lowerCased: Self.isLowerCased(letters: letters, capitals: capitals))
        scan.add(words)
        return scan.finish()
    }

    /// The same mentions as ``nameMentions(in:words:language:)``, for a text whose tokens
    /// come a piece at a time, so that a long text's tokens need never be held at once.
    ///
    /// - Parameter passes: hands every token of the text, in order, to the function it is
    ///   given, in pieces of any size (a sentence's tokens, say); called once, and a second
    ///   time when the first pass shows the copy to be lower-cased, which is scanned by other
    ///   rules. Tokens of ASCII white space may be left out, as long as both passes agree.
    public func nameMentions(
        in text: String, language: LanguageTag, passes: (_ body: ([Word]) -> Void) -> Void
    ) -> [NameMention] {
        // Cased copy is the usual case: scan as cased while counting capitals, and scan
        // again only if the count says otherwise.
        var scan = Scan(text: text, finder: self, language: language, lowerCased: false)
        passes { scan.add($0) }
        let found = scan.finish()
        guard Self.isLowerCased(letters: scan.letterTokens, capitals: scan.capitalTokens) else { return found }
        var lower = Scan(text: text, finder: self, language: language, lowerCased: true)
        passes { lower.add($0) }
        return lower.finish()
    }

    /// Copy is lower-cased when fewer than one letter-word in fifty starts with a capital.
    private static func isLowerCased(letters: Int, capitals: Int) -> Bool { capitals * 50 < letters }

    /// What a scan decided at one token.
    private enum Step {
        /// The next token to look at.
        case advance(to: Int)
        /// The decision needs tokens that have not come yet.
        case needMore
    }

    /// One pass over a text's tokens, which come a piece at a time. A decision at a token
    /// looks ahead only over tokens joined to it, so the scan stops where it would need a
    /// token not yet given, keeps the tokens from there, and goes on when more come: the
    /// mentions are those of one scan over all the tokens at once.
    private struct Scan {
        let text: String
        let finder: NameMentionFinder
        let language: String
        let wordList: WordList?
        let lowerCased: Bool
        /// The language's number in the index (nil when it has no names).
        let languageNumber: UInt32?
        var mentions: [NameMention] = []
        /// Last words of full names already seen, with their entity.
        var surnames: [String: String] = [:]
        /// Tokens not yet decided on, and for each its lower-cased form and whether it is an
        /// ordinary word (for cased copy, made only for capitalised tokens: the only ones
        /// asked about there).
        var tokens: [Token] = []
        var lowered: [String] = []
        var ordinary: [Bool] = []
        /// Whether the next letter token joins the last one (only a space or hyphen between).
        var joinable = false
        private(set) var letterTokens = 0
        private(set) var capitalTokens = 0
        /// A name's run of tokens checked so far from `runStart` to `runEnd`, kept when the
        /// scan waits for more tokens, so that a long run is not checked again.
        var runStart = -1
        var runEnd = -1

        init(text: String, finder: NameMentionFinder, language: LanguageTag, lowerCased: Bool) {
            self.text = text
            self.finder = finder
            self.language = language.language
            wordList = finder.wordLists[LanguageTag(self.language)]
            self.lowerCased = lowerCased
            languageNumber = finder.gazetteer.index.languageNumbers[self.language]
        }

        /// Takes the next tokens of the text and decides what it can.
        mutating func add(_ words: [Word]) {
            for word in words {
                guard word.kind == .letters else {
                    let piece = text.utf8[word.range]
                    joinable = word.kind == .other && joinable && piece.count == 1 && (piece.first == 0x20 || piece.first == 0x2D)
                    continue
                }
                let isCapitalised = ScalarCase.isUppercase(text.unicodeScalars[word.range.lowerBound])
                letterTokens += 1
                if isCapitalised { capitalTokens += 1 }
                tokens.append(Token(range: word.range, joinsPrevious: joinable, isCapitalised: isCapitalised))
                if lowerCased || isCapitalised {
                    let lower = String(Self.withoutPossessive(text[word.range])).lowercased()
                    lowered.append(lower)
                    ordinary.append(wordList?.containsCommonWord(lower) ?? false)
                } else {
                    lowered.append("")
                    ordinary.append(false)
                }
                joinable = true
            }
            scan(final: false)
        }

        /// Decides on the tokens left; returns every mention of the text.
        mutating func finish() -> [NameMention] {
            scan(final: true)
            return mentions
        }

        private mutating func scan(final: Bool) {
            var index = 0
            while index < tokens.count {
                let step = lowerCased ? lowerCasedStep(at: index, final: final) : casedStep(at: index, final: final)
                guard case .advance(let next) = step else { break }
                index = next
            }
            guard index > 0 else { return }
            tokens.removeFirst(index)
            lowered.removeFirst(index)
            ordinary.removeFirst(index)
            runStart -= index
            runEnd -= index
        }

        /// How many tokens from `start` are joined by single spaces or hyphens, up to the
        /// longest form; nil when the tokens given end first and more may join.
        func joined(from start: Int, final: Bool) -> Int? {
            var count = 1
            while count < finder.longestForm, start + count < tokens.count, tokens[start + count].joinsPrevious { count += 1 }
            if count < finder.longestForm, start + count == tokens.count, !final { return nil }
            return count
        }

        /// The token lower-cased, without a possessive ending (`Kremlin’s` is `kremlin`),
        /// made once per token.
        func lower(_ index: Int) -> String { lowered[index] }

        /// Whether the token is an ordinary word of the language, asked once per token.
        func isOrdinaryToken(_ index: Int) -> Bool { ordinary[index] }

        static func withoutPossessive(_ word: Substring) -> Substring {
            let bytes = word.utf8
            guard bytes.count > 2, bytes.last == 0x73 || bytes.last == 0x53 else { return word }
            let beforeS = bytes.index(before: bytes.endIndex)
            if bytes[bytes.index(before: beforeS)] == 0x27 { return word[..<bytes.index(before: beforeS)] }
            // `’` is E2 80 99 in UTF-8.
            guard bytes.count > 4 else { return word }
            let apostrophe = bytes.index(beforeS, offsetBy: -3)
            if bytes[apostrophe] == 0xE2, bytes[bytes.index(after: apostrophe)] == 0x80,
               bytes[bytes.index(apostrophe, offsetBy: 2)] == 0x99 {
                return word[..<apostrophe]
            }
            return word
        }

        /// The best entity among form numbers: the text's language, no dictionary-only
        /// names, the heaviest entity first.
        func entity(among forms: [Int32]) -> Gazetteer.Entity? {
            let index = finder.gazetteer.index
            var best: (entry: Int32, weight: Int)?
            for number in forms {
                let form = index.formHeader(number)
                guard !form.isLexical, form.language == languageNumber || language == "und" else { continue }
                let weight = index.entityWeight(form.entry)
                if best == nil || weight > best!.weight { best = (form.entry, weight) }
            }
            return best.map { index.entity($0.entry) }
        }

        mutating func add(_ first: Int, _ last: Int, entity: String, kind: GazetteerEntry.Kind) {
            mentions.append(NameMention(range: tokens[first].range.lowerBound..<tokens[last].range.upperBound,
                                        entity: entity, kind: kind))
        }

        /// A gazetteer form of `count` tokens from `start`; nil when none, or when a one-word
        /// form is an ordinary word and no country.
        func gazetteerEntity(from start: Int, count: Int, lowerCased: Bool) -> Gazetteer.Entity? {
            let range = tokens[start].range.lowerBound..<tokens[start + count - 1].range.upperBound
            let forms: [Int32]?
            if lowerCased {
                // The match key of the words as lowered once per token, joined by spaces.
                var key: [UInt32] = []
                key.reserveCapacity(24)
                for index in start..<start + count {
                    if index > start { key.append(0x20) }
                    for scalar in lowered[index].unicodeScalars {
                        switch scalar.value {
                        case 0x2D: key.append(0x20)
                        case 0x2E, 0x27: continue
                        default: key.append(scalar.value)
                        }
                    }
                }
                forms = finder.gazetteer.index.forms(key: key, in: finder.gazetteer.index.keyTable)
            } else {
                forms = finder.gazetteer.index.forms(text: String(Self.withoutPossessive(text[range])))
            }
            guard let forms, let entity = entity(among: forms) else { return nil }
            if entity.kind == .calendar { return entity }
            if count == 1, entity.kind != .country, isOrdinaryToken(start) { return nil }
            return entity
        }

        mutating func casedStep(at index: Int, final: Bool) -> Step {
            guard tokens[index].isCapitalised else { return .advance(to: index + 1) }
            switch gazetteerMatch(at: index, lowerCased: false, final: final) {
            case .needMore: return .needMore
            case .advance(let next): return .advance(to: next)
            case nil: break
            }
            // A run of capitalised words that are no ordinary words: a name the gazetteer lacks.
            var end = runStart == index ? runEnd : index
            while end < tokens.count, tokens[end].isCapitalised, end == index || tokens[end].joinsPrevious,
                  wordList != nil, !isOrdinaryToken(end) {
                end += 1
            }
            return closeRun(index, end, final: final)
        }

        mutating func lowerCasedStep(at index: Int, final: Bool) -> Step {
            switch gazetteerMatch(at: index, lowerCased: true, final: final) {
            case .needMore: return .needMore
            case .advance(let next): return .advance(to: next)
            case nil: break
            }
            var end = runStart == index ? runEnd : index
            while end < tokens.count, end == index || tokens[end].joinsPrevious, let wordList {
                guard !isOrdinaryToken(end), wordList.containsProperName(lower(end)) else { break }
                end += 1
            }
            return closeRun(index, end, final: final)
        }

        /// A run of name tokens from `index` up to `end`: a name, unless the run reached the
        /// last token given and more may continue it.
        private mutating func closeRun(_ index: Int, _ end: Int, final: Bool) -> Step {
            if end == tokens.count, !final {
                runStart = index
                runEnd = end
                return .needMore
            }
            runStart = -1
            runEnd = -1
            guard end > index else { return .advance(to: index + 1) }
            addName(index, end - 1)
            return .advance(to: end)
        }

        /// Tries the gazetteer's forms at `start`, the longest first, and a surname seen
        /// before; returns the token after the mention when one is found, nil when none is.
        mutating func gazetteerMatch(at start: Int, lowerCased: Bool, final: Bool) -> Step? {
            guard let available = joined(from: start, final: final) else { return .needMore }
            for count in stride(from: available, through: 1, by: -1) {
                // A name never ends on a small word (`Paris and`) in cased copy, nor on a short
                // ordinary word (`of`, `the`) in any copy.
                if !lowerCased, !tokens[start + count - 1].isCapitalised { continue }
                if count > 1, ordinary[start + count - 1], lowered[start + count - 1].utf8.count <= 3 { continue }
                if count == 1, let known = surnames[lower(start)] {
                    add(start, start, entity: known, kind: .name)
                    return .advance(to: start + 1)
                }
                // Lower-cased copy: an ordinary word alone is no name (`reunion` is not Réunion).
                if count == 1, lowerCased, isOrdinaryToken(start) { continue }
                guard let entity = gazetteerEntity(from: start, count: count, lowerCased: lowerCased) else { continue }
                if entity.kind == .calendar { return .advance(to: start + count) }
                add(start, start + count - 1, entity: entity.id, kind: entity.kind)
                if count > 1, entity.kind == .person { surnames[lower(start + count - 1)] = entity.id }
                return .advance(to: start + count)
            }
            return nil
        }

        mutating func addName(_ first: Int, _ last: Int) {
            let surname = lower(last)
            let entity = surnames[surname] ?? "name:" + surname
            if last > first { surnames[surname] = entity }
            add(first, last, entity: entity, kind: .name)
        }
    }
}
