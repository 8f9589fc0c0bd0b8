import BylineNormalize
import Foundation
import BylineText

/// Interns feature keys (`s:berg`, `n:8000`, `k:dln`) to dense integer ids, shared by both
/// texts of an alignment so that equal keys get equal ids.
final class KeyTable {
    private var ids: [String: Int32] = [:]

    var count: Int { ids.count }

    func id(_ key: String) -> Int32 {
        if let id = ids[key] { return id }
        let id = Int32(ids.count)
        ids[key] = id
        return id
    }

    func existingID(_ key: String) -> Int32? { ids[key] }
}

/// The comparable features of one text's sentences, in flat arrays indexed by sentence and
/// token, so that scoring a bead touches no strings.
///
/// For each token: its weight (rarer words weigh more; numbers and names more still), its
/// own keys (what it is: stem, cognate prefix, name skeleton, entity, number value) and,
/// on the source side, its projected keys (its own plus its translations' stems). A source
/// token and a target token link when a projected key of one is an own key of the other.
struct SideFeatures {
    /// Characters (Unicode scalars) per sentence, white space at the ends excluded.
    var lengths: [Int] = []
    /// Sentence `s` owns tokens `tokenStart[s]..<tokenStart[s + 1]`.
    var tokenStart: [Int32] = [0]
    var weights: [Float] = []
    /// Token `t` owns keys `keyStart[t]..<keyStart[t + 1]`.
    var keyStart: [Int32] = [0]
    var keys: [Int32] = []
    /// Token `t` projects to `projectedStart[t]..<projectedStart[t + 1]` (source side; on the
    /// target side the same as its own keys).
    var projectedStart: [Int32] = [0]
    var projected: [Int32] = []
    /// The sum of token weights per sentence.
    var totalWeight: [Float] = []
    /// The tokens of each sentence, heaviest (rarest) first: the order in which they take
    /// their one link, so that a rare word is not left without one by a common word a
    /// loose lexicon happens to translate the same way.
    var linkOrder: [Int32] = []
    /// Keys that may anchor the alignment (numbers, names, long words), per token.
    var anchorKey: [Int32] = []

    /// The cost, in nats, of a bead starting at each sentence: positive where the sentence
    /// continues the one before it (see ``AlignmentParameters/continuationStartCost``).
    var startCost: [Double] = []
    /// Per sentence, whether it holds no word of two letters or more and no number.
    var isNoise: [Bool] = []

    /// The mean weight of a token, so that evidence counts typical tokens as one each.
    var meanTokenWeight: Float = 1

    var sentenceCount: Int { lengths.count }
}

/// Turns sentences into ``SideFeatures``.
final class FeatureExtractor {
    let parameters: AlignmentParameters
    let keys = KeyTable()
    private let normalizer = TextNormalizer()
    private let names: (any EntityNames)?
    private var stopWordKeys: [LanguageTag: Set<String>] = [:]
    private let stopWords: [LanguageTag: Set<String>]

    init(parameters: AlignmentParameters, names: (any EntityNames)?, stopWords: [LanguageTag: Set<String>]) {
        self.parameters = parameters
        self.names = names
        self.stopWords = stopWords
    }

    /// One token before weighting.
    private struct Pending {
        var primary: Int32
        var own: [Int32]
        var projected: [Int32]
        var factor: Float
        var anchor: Int32
    }

    /// The features of `sentences` written in `language`; `lexicon` (source side only)
    /// adds each word's translations. With `outlines`, a word of its source language owns
    /// the outlines of its translations, and a word of its target language its own outline
    /// (keys `o:`), so that the two meet whichever side each text is on. With `compounds`,
    /// a compound word also owns (and projects) the stems of its parts.
    func features(
        of sentences: [String], language: LanguageTag, lexicon: BilingualLexicon?, outlines: BilingualLexicon? = nil,
        compounds: CompoundSplitter? = nil
    ) throws(NormalizationError) -> SideFeatures {
        var side = SideFeatures()
        let stop = try foldedStopWords(for: language)
        let folded = try foldLines(sentences, language: language)
        let latin = try latinForms(of: folded, language: language)

        side.startCost = parameters.startCosts(of: sentences)
        var pendingBySentence: [[Pending]] = []
        pendingBySentence.reserveCapacity(sentences.count)
        var documentFrequency: [Int32: Int32] = [:]
        for (index, sentence) in sentences.enumerated() {
            side.lengths.append(Self.trimmedLength(sentence))
            let foldedTokens = TokenScanner.tokens(in: folded[index])
            side.isNoise.append(!foldedTokens.contains { $0.kind == .number || ($0.kind == .word && $0.text.unicodeScalars.count > 1) })
            let originalTokens = TokenScanner.tokens(in: Substring(sentence))
            let originalWords = originalTokens.filter { $0.kind == .word }
            let foldedWordCount = foldedTokens.reduce(0) { $0 + ($1.kind == .word ? 1 : 0) }
            let caseKnown = originalWords.count == foldedWordCount
            var wordIndex = 0
            var pending: [Pending] = []
            var seen: Set<Int32> = []
            for (position, token) in foldedTokens.enumerated() {
                var item: Pending?
                switch token.kind {
                case .number:
                    let id = keys.id("n:" + token.text)
                    item = Pending(primary: id, own: [id], projected: [id], factor: Float(parameters.numberWeight), anchor: id)
                case .mark:
                    let id = keys.id("p:" + token.text)
                    item = Pending(primary: id, own: [id], projected: [id], factor: Float(parameters.punctuationWeight), anchor: -1)
                case .word:
                    let original = caseKnown ? originalWords[wordIndex] : nil
                    wordIndex += 1
                    item = word(
                        token.text, original: original, isFirst: position == 0, latin: latin[token.text],
                        stop: stop, language: language, lexicon: lexicon, outlines: outlines, compounds: compounds)
                }
                guard let item, seen.insert(item.primary).inserted else { continue }
                pending.append(item)
            }
            for item in pending { documentFrequency[item.primary, default: 0] += 1 }
            pendingBySentence.append(pending)
        }

        let sentenceCount = Float(max(1, sentences.count))
        for pending in pendingBySentence {
            var total: Float = 0
            for item in pending {
                let frequency = Float(documentFrequency[item.primary] ?? 1)
                let weight = item.factor * Self.logf(1 + sentenceCount / frequency)
                side.weights.append(weight)
                total += weight
                side.keys.append(contentsOf: item.own)
                side.keyStart.append(Int32(side.keys.count))
                side.projected.append(contentsOf: item.projected)
                side.projectedStart.append(Int32(side.projected.count))
                side.anchorKey.append(item.anchor)
            }
            side.totalWeight.append(total)
            let first = Int(side.tokenStart[side.tokenStart.count - 1])
            side.tokenStart.append(Int32(side.weights.count))
            let ranked = (first..<side.weights.count).sorted { (-side.weights[$0], $0) < (-side.weights[$1], $1) }
            side.linkOrder.append(contentsOf: ranked.map { Int32($0) })
        }
        if !side.weights.isEmpty { side.meanTokenWeight = side.weights.reduce(0, +) / Float(side.weights.count) }
        return side
    }

    /// The keys of one word, or nil for a stop word or a single letter.
    private func word(
        _ text: String, original: TokenScanner.Token?, isFirst: Bool, latin: String?, stop: Set<String>,
        language: LanguageTag, lexicon: BilingualLexicon?, outlines: BilingualLexicon?, compounds: CompoundSplitter?
    ) -> Pending? {
        let length = text.unicodeScalars.count
        guard length > 1, !stop.contains(text) else { return nil }
        let stem = BilingualLexicon.stem(text, length: parameters.stemLength)
        let primary = keys.id("s:" + stem)
        var own = [primary]
        let latinForm = latin ?? text
        let latinLength = latinForm.unicodeScalars.count
        if latinLength >= parameters.cognateMinimumLength {
            own.append(keys.id("c:" + BilingualLexicon.stem(latinForm, length: parameters.cognatePrefix)))
        }
        var factor: Float = 1
        var anchor: Int32 = length >= 5 ? primary : -1
        let skeleton = Self.skeleton(latinForm)
        let skeletonLength = skeleton.unicodeScalars.count
        if let original, original.isCapitalized, !isFirst {
            factor = Float(parameters.nameWeight)
            if skeletonLength >= 3 {
                let id = keys.id("k:" + skeleton)
                own.append(id)
                anchor = id
            }
        } else if latinLength >= 6, skeletonLength >= 4 {
            // Long words borrowed across scripts keep their consonants (президент, prezident,
            // president → prsdnt).
            own.append(keys.id("k:" + skeleton))
        }
        if let original, original.isCapitalized, let names {
            for entity in names.entityIDs(forName: original.text, language: language) {
                let id = keys.id("e:" + entity)
                own.append(id)
                anchor = id
            }
        }
        if let outlines {
            if outlines.source.language == language.language {
                for outline in outlines.translations(ofStem: stem) { own.append(keys.id("o:" + outline)) }
            } else if outlines.target.language == language.language {
                let outline = Self.skeleton(BilingualLexicon.stem(latinForm, length: outlines.stemLength))
                if outline.unicodeScalars.count >= BilingualLexicon.minimumOutlineLength { own.append(keys.id("o:" + outline)) }
            }
        }
        // A compound's parts (`biwak`, `platz` of `Biwakplatz`) stand for it too.
        var stems = [stem]
        if let compounds, CompoundSplitter.mayBeCompound(capitalised: original?.isCapitalized ?? true, language: language) {
            for part in compounds.parts(of: text) {
                let partStem = BilingualLexicon.stem(part, length: parameters.stemLength)
                guard !stems.contains(partStem) else { continue }
                stems.append(partStem)
                own.append(keys.id("s:" + partStem))
            }
        }
        var projected = own
        if let lexicon {
            for stem in stems {
                for translation in lexicon.translations(ofStem: stem) {
                    let id = keys.id("s:" + translation)
                    if !projected.contains(id) { projected.append(id) }
                }
            }
        }
        return Pending(primary: primary, own: own, projected: projected, factor: factor, anchor: anchor)
    }

    /// A word's consonant outline in Latin letters, so that spellings of one name in two
    /// languages meet (Winfrey, Уинфри → `nfr`).
    static func skeleton(_ latin: String) -> String {
        var result = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        for scalar in latin.unicodeScalars {
            var mapped = scalar
            switch scalar {
            case "a", "e", "i", "o", "u", "y", "h", "w", "j", "'", "ə", "ı": continue
            case "c", "q": mapped = "k"
            case "z": mapped = "s"
            case "v": mapped = "f"
            default: break
            }
            guard mapped != last else { continue }
            result.append(mapped)
            last = mapped
        }
        return String(result)
    }

    static func trimmedLength(_ sentence: String) -> Int {
        var count = 0
        var trailing = 0
        var started = false
        for scalar in sentence.unicodeScalars {
            if scalar.properties.isWhitespace {
                if started { trailing += 1 }
            } else {
                started = true
                count += trailing + 1
                trailing = 0
            }
        }
        return count
    }

    @inline(__always) static func logf(_ value: Float) -> Float { Float(log(Double(value))) }

    /// Folds every sentence in one call; a line feed inside a sentence becomes a space first.
    private func foldLines(_ sentences: [String], language: LanguageTag) throws(NormalizationError) -> [Substring] {
        let pieces = sentences.map { sentence -> Substring in
            sentence.contains(where: \.isNewline)
                ? Substring(String(sentence.map { $0.isNewline ? " " : $0 })) : Substring(sentence)
        }
        let folded = try BilingualLexicon.fold(pieces, language: language, normalizer: normalizer)
        // Folding keeps line feeds; should it ever not, each sentence is folded on its own.
        if folded.count == pieces.count { return folded }
        var result: [Substring] = []
        for piece in pieces {
            result.append(Substring(try normalizer.normalize(String(piece), operation: .fold, language: language).text))
        }
        return result
    }

    /// Latin forms of the folded words written in another script, transliterated in one
    /// call with the BGN/PCGN rules of `language`.
    private func latinForms(of folded: [Substring], language: LanguageTag) throws(NormalizationError) -> [String: String] {
        var words: [String] = []
        var seen: Set<String> = []
        for sentence in folded {
            for token in TokenScanner.tokens(in: sentence) where token.kind == .word {
                guard token.text.unicodeScalars.contains(where: TokenScanner.isNonLatinLetter),
                    seen.insert(token.text).inserted
                else { continue }
                words.append(token.text)
            }
        }
        guard !words.isEmpty else { return [:] }
        let joined = words.joined(separator: "\n")
        let latin = try normalizer.normalize(joined, operation: .latin, language: language).text
        let folded = try normalizer.normalize(latin, operation: .fold, language: "und").text
        let lines = folded.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == words.count else { return [:] }
        var result: [String: String] = [:]
        for (word, line) in zip(words, lines) {
            result[word] = String(String.UnicodeScalarView(line.unicodeScalars.filter(TokenScanner.isLetter)))
        }
        return result
    }

    private func foldedStopWords(for language: LanguageTag) throws(NormalizationError) -> Set<String> {
        if let known = stopWordKeys[language] { return known }
        let words = stopWords[language] ?? stopWords[LanguageTag(language.language)] ?? []
        let sorted = words.sorted().map { Substring($0) }
        let folded = try BilingualLexicon.fold(sorted, language: language, normalizer: normalizer)
        let result = Set(folded.map(String.init)).subtracting([""])
        stopWordKeys[language] = result
        return result
    }
}
