/// Page furniture a desk's copy picks up from websites: photo credits, section labels,
/// calls to action, bylines, video prompts and links, as patterns over a line's words.
///
/// The patterns are data (`Resources/data/furniture/<lang>.txt`, curated by hand), so a
/// desk adds a new one without touching code. A pattern matches lower-cased words, so
/// `Photo TURAN`, `PHOTO: AP` and `photo turan` are the same to it.
///
/// ```swift
/// let rules = FurnitureRules(patterns: [
///     FurniturePattern(kind: "photo-credit", match: .prefix, phrase: ["photo"], maximumWords: 5),
/// ])
/// rules.match(words: ["photo", "turan"])?.kind   // "photo-credit"
/// ```
public struct FurnitureRules: Sendable, Hashable {
    /// The patterns, tried in order.
    public var patterns: [FurniturePattern]

    public init(patterns: [FurniturePattern]) { self.patterns = patterns }

    /// The first pattern that a line or sentence matches, given its first lower-cased
    /// `words` (at least as many as the longest phrase) and its `wordCount` in all.
    public func match(words: [String], wordCount: Int? = nil) -> FurniturePattern? {
        patterns.first { $0.matches(words, wordCount: wordCount ?? words.count) }
    }

    /// These rules followed by the patterns of `other` that are not already here.
    public func merging(_ other: FurnitureRules) -> FurnitureRules {
        var merged = patterns
        for pattern in other.patterns where !merged.contains(pattern) { merged.append(pattern) }
        return FurnitureRules(patterns: merged)
    }
}

/// One line of a furniture data file: `kind<TAB>match<TAB>phrase<TAB>max-words`.
public struct FurniturePattern: Sendable, Hashable {
    /// How the phrase must sit in the line.
    public enum Match: String, Sendable, Hashable {
        /// The line starts with the phrase (`Follow us on X`).
        case prefix
        /// The line is the phrase and nothing else (`Politics`).
        case line
    }

    /// Why a matching line is furniture, as `--explain` prints it (`photo-credit`).
    public var kind: String
    public var match: Match
    /// Lower-cased words.
    public var phrase: [String]
    /// The longest line the pattern applies to, in words; nil for any length. Keeps
    /// `Photo TURAN` apart from `Photos of the flood show …`.
    public var maximumWords: Int?

    public init(kind: String, match: Match, phrase: [String], maximumWords: Int? = nil) {
        self.kind = kind
        self.match = match
        self.phrase = phrase
        self.maximumWords = maximumWords
    }

    /// True when a piece whose first lower-cased words are `words` and whose length is
    /// `wordCount` words matches.
    public func matches(_ words: [String], wordCount: Int) -> Bool {
        if let maximumWords, wordCount > maximumWords { return false }
        switch match {
        case .prefix: return words.count >= phrase.count && words.starts(with: phrase)
        case .line: return wordCount == phrase.count && words.starts(with: phrase)
        }
    }

    /// The pattern as one readable phrase: `photo… (≤ 5 words)`.
    public var description: String {
        let text = phrase.joined(separator: " ") + (match == .prefix ? "…" : "")
        return maximumWords.map { "\(text) (≤ \($0) words)" } ?? text
    }
}
