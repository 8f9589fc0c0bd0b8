import BylineNormalize
import BylineText

/// Word translations between two languages, keyed by stem: the folded word cut to its first
/// few letters, so that inflected forms (`Berge`, `montagnes`) find the entry.
///
/// Built from a dictionary file (``init(tsv:source:target:stemLength:)``), learned from a
/// translation memory (``learned(from:source:target:stemLength:)``), or both
/// (``merging(_:)``). A value type: build it once and share it.
///
/// ```swift
/// let lexicon = try BilingualLexicon(tsv: "berg\tmontagne mont\n", source: "de", target: "fr")
/// lexicon.translations(ofStem: "berg")  // ["montag", "mont"]
/// ```
public struct BilingualLexicon: Sendable {
    /// The language of the keys.
    public let source: LanguageTag
    /// The language of the translations.
    public let target: LanguageTag
    /// Letters kept of each folded word.
    public let stemLength: Int
    private var entries: [String: [String]]
    /// The whole folded words of each side that a dictionary lists (not their stems), so
    /// that a compound of known words can be taken apart (``CompoundSplitter``): empty for a
    /// learned lexicon, which knows stems only.
    public private(set) var sourceWords: Set<String> = []
    public private(set) var targetWords: Set<String> = []

    /// An empty lexicon: alignment then rests on lengths, numbers, names and shared words.
    public init(source: LanguageTag, target: LanguageTag, stemLength: Int = AlignmentParameters().stemLength) {
        self.source = source
        self.target = target
        self.stemLength = stemLength
        entries = [:]
    }

    /// Reads `word<TAB>translation translation …` lines (`#` lines are comments), folding
    /// each side in its language's rules.
    ///
    /// Cost: one fold over each side's words, then one dictionary insertion per pair.
    /// - Throws: ``NormalizationError`` when ICU cannot fold the words.
    public init(tsv: String, source: LanguageTag, target: LanguageTag, stemLength: Int = AlignmentParameters().stemLength)
        throws(NormalizationError)
    {
        self.init(source: source, target: target, stemLength: stemLength)
        var keys: [Substring] = []
        var values: [Substring] = []
        for var line in Self.pieces(of: Substring(tsv), at: UInt8(ascii: "\n")) {
            if line.utf8.last == UInt8(ascii: "\r") { line = line[..<line.utf8.index(before: line.utf8.endIndex)] }
            guard !line.isEmpty, line.utf8.first != UInt8(ascii: "#"),
                let tab = line.utf8.firstIndex(of: UInt8(ascii: "\t"))
            else { continue }
            keys.append(line[..<tab])
            values.append(line[line.utf8.index(after: tab)...])
        }
        let normalizer = TextNormalizer()
        let foldedKeys = try Self.fold(keys, language: source, normalizer: normalizer)
        let foldedValues = try Self.fold(values, language: target, normalizer: normalizer)
        guard foldedKeys.count == keys.count, foldedValues.count == values.count else { return }
        entries.reserveCapacity(keys.count)
        sourceWords.reserveCapacity(keys.count)
        for (key, value) in zip(foldedKeys, foldedValues) {
            let stem = Self.stem(key, length: stemLength)
            sourceWords.insert(String(key))
            for word in Self.pieces(of: value, at: UInt8(ascii: " ")) where !word.isEmpty {
                targetWords.insert(String(word))
                add(stem: stem, translation: Self.stem(word, length: stemLength))
            }
        }
    }

    /// `text` cut at every `separator` byte (an ASCII character, so the pieces are whole
    /// scalars), empty pieces included: the bytes are scanned once, where splitting by
    /// `Character` would find every grapheme's end.
    static func pieces(of text: Substring, at separator: UInt8) -> [Substring] {
        var result: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == separator {
                result.append(text[start..<index])
                start = bytes.index(after: index)
            }
            bytes.formIndex(after: &index)
        }
        result.append(text[start..<bytes.endIndex])
        return result
    }

    /// The stems `stem` translates to, most likely first.
    public func translations(ofStem stem: String) -> [String] { entries[stem] ?? [] }

    /// The whole words the lexicon lists in `language` (one of its two), for
    /// ``CompoundSplitter``.
    public func words(of language: LanguageTag) -> Set<String> {
        if source.language == language.language { return sourceWords }
        if target.language == language.language { return targetWords }
        return []
    }

    /// The number of source stems with a translation.
    public var count: Int { entries.count }

    /// Records that `stem` may translate as `translation` (both already stems).
    public mutating func add(stem: String, translation: String) {
        if var known = entries[stem] {
            if !known.contains(translation) {
                known.append(translation)
                entries[stem] = known
            }
        } else {
            entries[stem] = [translation]
        }
    }

    /// The same lexicon read the other way round.
    public func reversed() -> BilingualLexicon {
        var result = BilingualLexicon(source: target, target: source, stemLength: stemLength)
        for (stem, translations) in entries.sorted(by: { $0.key < $1.key }) {
            for translation in translations { result.add(stem: translation, translation: stem) }
        }
        result.sourceWords = targetWords
        result.targetWords = sourceWords
        return result
    }

    /// This lexicon read for `language`, a language close to one of its two (Azerbaijani for
    /// Turkish): the words of `related` become their consonant outlines (the stem's letters
    /// in Latin script without vowels, as ``Aligner`` compares names), which many cognates of
    /// two such languages share (`devlet`, `dövlət` → `dflt`). The result has the other
    /// language as its source and `language` as its target, whichever way this one runs;
    /// give it to ``Aligner/init(lexicon:outlines:names:stopWords:parameters:)`` as `outlines`.
    /// Outlines of fewer than three consonants say too little and are left out.
    public func outlines(of related: LanguageTag, standingFor language: LanguageTag) -> BilingualLexicon {
        let oriented = source.language == related.language ? reversed() : self
        var result = BilingualLexicon(source: oriented.source, target: language, stemLength: stemLength)
        for (stem, translations) in oriented.entries.sorted(by: { $0.key < $1.key }) {
            for translation in translations {
                let outline = FeatureExtractor.skeleton(translation)
                if outline.unicodeScalars.count >= Self.minimumOutlineLength { result.add(stem: stem, translation: outline) }
            }
        }
        return result
    }

    /// Consonants an outline needs before it links two words.
    static let minimumOutlineLength = 3

    /// This lexicon with `other`'s translations added after its own.
    public func merging(_ other: BilingualLexicon) -> BilingualLexicon {
        var result = self
        for (stem, translations) in other.entries.sorted(by: { $0.key < $1.key }) {
            for translation in translations { result.add(stem: stem, translation: translation) }
        }
        result.sourceWords.formUnion(other.sourceWords)
        result.targetWords.formUnion(other.targetWords)
        return result
    }

    /// The stem of a folded word: its first `length` scalars.
    static func stem<S: StringProtocol>(_ word: S, length: Int) -> String where S.SubSequence == Substring {
        let scalars = word.unicodeScalars
        var end = scalars.startIndex
        var count = 0
        while count < length, end != scalars.endIndex {
            scalars.formIndex(after: &end)
            count += 1
        }
        return String(word[..<end])
    }

    /// Folds many short strings in one call: joined by line feeds, folded, split again.
    static func fold(_ pieces: [Substring], language: LanguageTag, normalizer: TextNormalizer) throws(NormalizationError)
        -> [Substring]
    {
        let joined = pieces.joined(separator: "\n")
        let folded = try normalizer.normalize(joined, operation: .fold, language: language).text
        return Self.pieces(of: Substring(folded), at: UInt8(ascii: "\n"))
    }
}
