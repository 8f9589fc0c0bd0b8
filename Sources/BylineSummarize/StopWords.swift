/// The words of a language that say little about what a sentence is about (`the`, `и`,
/// `və`), left out when sentences are compared.
///
/// Entries are lower case; Turkish and Azerbaijani entries use the dotless and dotted
/// `ı`/`i` as written. `BylineResources` fills one from `Resources/data/stopwords/<lang>.txt`.
///
/// ```swift
/// let stopWords = StopWords(["the", "a", "of"])
/// stopWords.contains("the")   // true
/// ```
public struct StopWords: Sendable, Hashable {
    /// The lower-cased words.
    public var words: Set<String>

    public init<S: Sequence<String>>(_ words: S) { self.words = Set(words) }

    /// True when the lower-cased `word` is a stop word.
    public func contains(_ word: String) -> Bool { words.contains(word) }
}
