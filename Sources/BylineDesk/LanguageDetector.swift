import BylineNames
import BylineNormalize
import BylineResources
import BylineSummarize
import BylineText
import CBylineICU
import Foundation

/// Which of the desk's languages a text is written in, and how sure that is.
public struct LanguageGuess: Sendable, Hashable {
    /// The likeliest language.
    public var language: LanguageTag
    /// How sure, from 0.5 (a coin toss between two) to 1.
    public var confidence: Double
    /// The next likeliest language, if any scored.
    public var runnerUp: LanguageTag?
    /// Words the guess rests on.
    public var words: Int
    /// Share of those words the chosen language knows (a stop word or a dictionary word).
    public var known: Double

    /// True when the guess is safe to act on: sure enough, and resting on words the
    /// language knows (a text in a language outside the profiles is not).
    public var isSure: Bool { confidence >= LanguageDetector.sureConfidence && known >= 0.5 && words >= 2 }
}

/// Tells the language of a report among the desk's languages, from three kinds of
/// evidence per word:
///
/// - **the alphabet**: a word with a letter outside the language's standard exemplar set
///   (CLDR, through ICU) counts against it: `ə` is Azerbaijani, not Turkish; `ы` is
///   Russian, not Ukrainian; `ң` is Kazakh;
/// - **stop words** (the summarizer's lists: stopwords-iso plus the hand-written
///   Azerbaijani and Kazakh ones), the surest sign in a short text;
/// - **the dictionary**: the names module's word list of the language (Hunspell; for
///   Azerbaijani, Tesseract's word list), for the words that are not stop words.
///
/// Each word gives every language −2 (a foreign letter), +3 (a stop word), +1 (a known
/// word) or 0, and the guess is the language with the highest total. Its confidence is
/// the logistic of half the lead over the runner-up, so that it grows with every word
/// that tells the two apart. Only the first ``sampleWords`` words are read, and the first
/// ``dictionaryWords`` of them looked up in the dictionaries, so the cost is bounded
/// whatever the length of the text.
///
/// ```swift
/// let detector = try LanguageDetector(resources: ResourceBundle.locate())
/// detector.detect("Президент подписал указ о помиловании.").language  // ru
/// ```
public final class LanguageDetector: @unchecked Sendable {
    /// The languages a guess is made among.
    public static let languages: [LanguageTag] = ["en", "ru", "az", "tr", "de", "fr", "es", "kk", "uk"]
    /// Below this confidence a guess is not acted on.
    public static let sureConfidence = 0.9
    /// Words read from the start of a text.
    public static let sampleWords = 300
    /// Of those, the words also looked up in the dictionaries (which touches their pages).
    public static let dictionaryWords = 100

    private struct Profile {
        let language: LanguageTag
        let turkicCase: Bool
        let stopWords: Set<String>
        let wordList: WordList?
        /// A frozen ICU set: safe to read from several threads.
        let alphabet: OpaquePointer?
    }

    /// Immutable after `init`, so one detector serves every thread.
    private let profiles: [Profile]

    public init(resources: ResourceBundle, languages: [LanguageTag] = LanguageDetector.languages) throws {
        profiles = try languages.map { language in
            Profile(
                language: language, turkicCase: language.language == "tr" || language.language == "az",
                stopWords: try resources.stopWords(for: language).words, wordList: try resources.wordList(for: language),
                alphabet: byline_exemplars_open_kinds(language.language, 0))
        }
    }

    deinit {
        for profile in profiles { byline_exemplars_close(profile.alphabet) }
    }

    /// The likeliest language of `text`; nil when it has no letters at all.
    public func detect(_ text: String) -> LanguageGuess? {
        let words = Self.words(in: text, limit: Self.sampleWords)
        guard !words.isEmpty else { return nil }
        var totals = [Double](repeating: 0, count: profiles.count)
        var knownCounts = [Int](repeating: 0, count: profiles.count)
        for (position, word) in words.enumerated() {
            let useDictionary = position < Self.dictionaryWords
            let plain = word.lowercased()
            let turkic = word.contains(where: { $0 == "I" || $0 == "İ" })
                ? TurkicCasing.lowercased(word, turkic: true)
                : plain
            for index in profiles.indices {
                let key = profiles[index].turkicCase ? turkic : plain
                let points = score(key, profile: index, useDictionary: useDictionary)
                totals[index] += points
                if points > 0 { knownCounts[index] += 1 }
            }
        }
        let order = totals.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
        let best = order[0]
        let lead = order.count > 1 ? totals[best] - totals[order[1]] : totals[best]
        let confidence = 1 / (1 + exp(-lead / 2))
        return LanguageGuess(
            language: profiles[best].language, confidence: confidence,
            runnerUp: order.count > 1 ? profiles[order[1]].language : nil, words: words.count,
            known: Double(knownCounts[best]) / Double(words.count))
    }

    private func score(_ word: String, profile index: Int, useDictionary: Bool) -> Double {
        for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
            if !hasLetter(scalar.value, profile: index) { return -2 }
        }
        if profiles[index].stopWords.contains(word) { return 3 }
        if useDictionary, let list = profiles[index].wordList, list.containsCommonWord(word) || list.containsProperName(word) { return 1 }
        return 0
    }

    private func hasLetter(_ scalar: UInt32, profile index: Int) -> Bool {
        guard let alphabet = profiles[index].alphabet else { return true }
        return byline_exemplars_contain(alphabet, Int32(bitPattern: scalar)) != 0
    }


    /// Runs of letters (with marks and inner apostrophes), at most `limit` of them.
    static func words(in text: String, limit: Int) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || (!current.isEmpty && properties.generalCategory == .nonspacingMark) {
                current.append(scalar)
            } else {
                flush()
                if words.count >= limit { break }
            }
        }
        flush()
        return Array(words.prefix(limit))
    }
}
