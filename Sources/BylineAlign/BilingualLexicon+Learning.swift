import BylineNormalize
import BylineText

extension BilingualLexicon {
    /// Thresholds for learning word translations from stored translation units.
    public struct LearningThresholds: Sendable, Hashable {
        /// Units two stems must share before they count as translations.
        public var minimumPairCount = 2
        /// The Dice coefficient, 2·c(s,t) / (c(s) + c(t)), a pair must reach.
        public var minimumDice = 0.45
        /// Translations kept per source stem, best first.
        public var translationsPerStem = 3
        /// Only the most recent units are read, so learning stays bounded as the memory grows.
        public var maximumUnits = 50_000

        public init() {}
    }

    /// A lexicon learned from parallel segments (a translation memory's units for one pair):
    /// stems that keep occurring in the same units are taken as translations, by their Dice
    /// coefficient over units.
    ///
    /// This gives a pair without a public dictionary (Azerbaijani) the words its desk has
    /// already aligned or imported. Cost: one fold per side, then one counter per pair of
    /// distinct stems in a unit; function words (`stopWords`) and words of one letter are
    /// left out.
    ///
    /// ```swift
    /// let learned = try BilingualLexicon.learned(from: memoryPairs, source: "en", target: "az")
    /// ```
    /// - Throws: ``NormalizationError`` when ICU cannot fold the text.
    public static func learned(
        from pairs: [(source: String, target: String)], source: LanguageTag, target: LanguageTag,
        stopWords: [LanguageTag: Set<String>] = [:], stemLength: Int = AlignmentParameters().stemLength,
        thresholds: LearningThresholds = LearningThresholds()
    ) throws(NormalizationError) -> BilingualLexicon {
        var lexicon = BilingualLexicon(source: source, target: target, stemLength: stemLength)
        let recent = pairs.suffix(thresholds.maximumUnits)
        guard !recent.isEmpty else { return lexicon }
        let normalizer = TextNormalizer()
        func stems(_ texts: [Substring], _ language: LanguageTag) throws(NormalizationError) -> [[String]] {
            let folded = try fold(texts.map { Substring($0.replacing("\n", with: " ")) }, language: language, normalizer: normalizer)
            let stop = Set(
                try fold((stopWords[language] ?? []).sorted().map { Substring($0) }, language: language, normalizer: normalizer)
                    .map(String.init))
            return folded.map { text in
                var seen: Set<String> = []
                return TokenScanner.tokens(in: text).compactMap { token -> String? in
                    guard token.kind == .word, token.text.unicodeScalars.count > 1, !stop.contains(token.text) else { return nil }
                    let stem = Self.stem(token.text, length: stemLength)
                    return seen.insert(stem).inserted ? stem : nil
                }
            }
        }
        let sourceStems = try stems(recent.map { Substring($0.source) }, source)
        let targetStems = try stems(recent.map { Substring($0.target) }, target)
        guard sourceStems.count == targetStems.count else { return lexicon }

        var sourceCount: [String: Int] = [:], targetCount: [String: Int] = [:]
        var pairCount: [String: [String: Int]] = [:]
        for (sourceWords, targetWords) in zip(sourceStems, targetStems) {
            for word in sourceWords { sourceCount[word, default: 0] += 1 }
            for word in targetWords { targetCount[word, default: 0] += 1 }
            for word in sourceWords {
                for other in targetWords { pairCount[word, default: [:]][other, default: 0] += 1 }
            }
        }
        for (word, row) in pairCount.sorted(by: { $0.key < $1.key }) {
            let total = Double(sourceCount[word] ?? 0)
            let ranked = row.compactMap { other, count -> (String, Double)? in
                guard count >= thresholds.minimumPairCount else { return nil }
                let dice = 2 * Double(count) / (total + Double(targetCount[other] ?? 0))
                return dice >= thresholds.minimumDice ? (other, dice) : nil
            }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            for (other, _) in ranked.prefix(thresholds.translationsPerStem) { lexicon.add(stem: word, translation: other) }
        }
        return lexicon
    }
}
