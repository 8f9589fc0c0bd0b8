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
/// Cost: linear in the words, a few hash probes each.
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
        let tokens = Self.tokens(of: text, words: words)
        guard !tokens.isEmpty else { return [] }
        let capitals = tokens.reduce(0) { $0 + ($1.isCapitalised ? 1 : 0) }
        let lowerCased = capitals * 50 < tokens.count
        let code = language.language
        let wordList = wordLists[LanguageTag(code)]
        var scan = Scan(text: text, tokens: tokens, finder: self, language: code, wordList: wordList)
        if lowerCased { scan.lowerCased() } else { scan.cased() }
        return scan.mentions
    }

    private static func tokens(of text: String, words: [Word]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(words.count / 2)
        var joinable = false
        for word in words {
            guard word.kind == .letters else {
                let piece = text.utf8[word.range]
                joinable = word.kind == .other && joinable && piece.count == 1 && (piece.first == 0x20 || piece.first == 0x2D)
                if word.kind != .other { joinable = false }
                continue
            }
            let first = text.unicodeScalars[word.range.lowerBound]
            tokens.append(Token(range: word.range, joinsPrevious: joinable, isCapitalised: first.properties.isUppercase))
            joinable = true
        }
        return tokens
    }

    /// One pass over a text's tokens.
    private struct Scan {
        let text: String
        let tokens: [Token]
        let finder: NameMentionFinder
        let language: String
        let wordList: WordList?
        var mentions: [NameMention] = []
        /// Last words of full names already seen, with their entity.
        var surnames: [String: String] = [:]
        let lowered: [String]
        let ordinary: [Bool]
        /// The language's number in the index (nil when it has no names).
        let languageNumber: UInt32?

        init(text: String, tokens: [Token], finder: NameMentionFinder, language: String, wordList: WordList?) {
            self.text = text
            self.tokens = tokens
            self.finder = finder
            self.language = language
            self.wordList = wordList
            lowered = tokens.map { String(Self.withoutPossessive(text[$0.range])).lowercased() }
            ordinary = lowered.map { wordList?.containsCommonWord($0) ?? false }
            languageNumber = finder.gazetteer.index.languageNumbers[language]
        }

        /// How many tokens from `start` are joined by single spaces or hyphens, up to the longest form.
        func joined(from start: Int) -> Int {
            var count = 1
            while count < finder.longestForm, start + count < tokens.count, tokens[start + count].joinsPrevious { count += 1 }
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

        mutating func cased() {
            var index = 0
            while index < tokens.count {
                guard tokens[index].isCapitalised else {
                    index += 1
                    continue
                }
                if let found = gazetteerMatch(at: index, lowerCased: false) {
                    index = found
                    continue
                }
                // A run of capitalised words that are no ordinary words: a name the gazetteer lacks.
                var end = index
                while end < tokens.count, tokens[end].isCapitalised, end == index || tokens[end].joinsPrevious,
                      wordList != nil, !isOrdinaryToken(end) {
                    end += 1
                }
                if end > index {
                    addName(index, end - 1)
                    index = end
                } else {
                    index += 1
                }
            }
        }

        mutating func lowerCased() {
            var index = 0
            while index < tokens.count {
                if let found = gazetteerMatch(at: index, lowerCased: true) {
                    index = found
                    continue
                }
                var end = index
                while end < tokens.count, end == index || tokens[end].joinsPrevious, let wordList {
                    guard !isOrdinaryToken(end), wordList.containsProperName(lower(end)) else { break }
                    end += 1
                }
                if end > index {
                    addName(index, end - 1)
                    index = end
                } else {
                    index += 1
                }
            }
        }

        /// Tries the gazetteer's forms at `start`, the longest first, and a surname seen
        /// before; returns the token after the mention when one is found.
        mutating func gazetteerMatch(at start: Int, lowerCased: Bool) -> Int? {
            let available = joined(from: start)
            for count in stride(from: available, through: 1, by: -1) {
                // A name never ends on a small word (`Paris and`) in cased copy, nor on a short
                // ordinary word (`of`, `the`) in any copy.
                if !lowerCased, !tokens[start + count - 1].isCapitalised { continue }
                if count > 1, ordinary[start + count - 1], lowered[start + count - 1].utf8.count <= 3 { continue }
                if count == 1, let known = surnames[lower(start)] {
                    add(start, start, entity: known, kind: .name)
                    return start + 1
                }
                // Lower-cased copy: an ordinary word alone is no name (`reunion` is not Réunion).
                if count == 1, lowerCased, isOrdinaryToken(start) { continue }
                guard let entity = gazetteerEntity(from: start, count: count, lowerCased: lowerCased) else { continue }
                if entity.kind == .calendar { return start + count }
                add(start, start + count - 1, entity: entity.id, kind: entity.kind)
                if count > 1, entity.kind == .person { surnames[lower(start + count - 1)] = entity.id }
                return start + count
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
