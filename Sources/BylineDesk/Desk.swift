import BylineNames
import BylineNormalize
import BylineResources
import BylineSegment
import BylineSummarize
import BylineTM
import BylineText
import Foundation

/// What a desk asks of a report.
public struct DeskOptions: Sendable {
    /// Sentences in the summary.
    public var sentences: Int
    /// Languages to suggest translations into; nil for every other language the memory holds.
    public var targets: [LanguageTag]?
    /// The lowest match percentage suggested.
    public var minimumMatch: Double
    /// Suggestions per summary sentence and language, best first.
    public var suggestionsPerLanguage: Int
    /// Name changes below this confidence are left out.
    public var minimumNameConfidence: Double

    public init(
        sentences: Int = 3, targets: [LanguageTag]? = nil, minimumMatch: Double = 70, suggestionsPerLanguage: Int = 2,
        minimumNameConfidence: Double = 0.6
    ) {
        self.sentences = sentences
        self.targets = targets
        self.minimumMatch = minimumMatch
        self.suggestionsPerLanguage = suggestionsPerLanguage
        self.minimumNameConfidence = minimumNameConfidence
    }
}

/// A report after the desk: every range points into ``source``, the text as received.
public struct DeskReport: Sendable {
    /// One name change, its range in the text as received.
    public struct NameFix: Sendable {
        public var range: TextRange
        public var replacement: String
        public var kind: NameChange.Kind
        public var entity: String
        public var confidence: Double
        public var reason: String
    }

    /// Translations the memory holds for a summary sentence, in one language.
    public struct Suggestions: Sendable {
        public var language: LanguageTag
        public var matches: [Match]
    }

    /// One summary sentence.
    public struct Pick: Sendable {
        /// The sentence in the text as received.
        public var range: TextRange
        /// The sentence with its names corrected (and Unicode repaired): what was looked up.
        public var text: String
        public var score: Double
        public var features: SentenceFeatures?
        /// The sentence's position among all candidate sentences (0-based).
        public var index: Int
        public var suggestions: [Suggestions]
    }

    /// A line or sentence left out of the summary as page furniture.
    public struct Furniture: Sendable {
        public var range: TextRange
        public var kind: String
        public var reason: String
    }

    /// The text as received.
    public var source: String
    /// The language used, given or detected.
    public var language: LanguageTag
    /// The detector's guess when no language was given.
    public var detected: LanguageGuess?
    /// Unicode repairs (mojibake, entities, invisible characters), in the text as received.
    public var repairs: [NormalizationChange]
    /// The text with Unicode repaired and names corrected.
    public var corrected: String
    /// Every sentence, in the text as received.
    public var sentences: [TextRange]
    /// Name changes.
    public var names: [NameFix]
    /// False when the language has no names of its own and names were not checked.
    public var namesChecked: Bool
    /// The summary, in the order of the text.
    public var summary: [Pick]
    /// Candidate sentences the summary was chosen from.
    public var candidateCount: Int
    /// Page furniture left out.
    public var furniture: [Furniture]
    /// Languages suggestions were asked for.
    public var targets: [LanguageTag]
    /// What a reader should know about the run (a skipped stage, a memory that is off).
    public var warnings: [String]
}

/// The desk: one report from the text as received to corrected names, a summary and the
/// memory's translations of it, with the resources loaded once for any number of reports.
///
/// ```swift
/// let desk = try Desk(memory: SQLiteStore(path: "tm.sqlite", access: .readOnly))
/// let report = try await desk.run(text, language: nil, options: DeskOptions(sentences: 3))
/// for pick in report.summary { print(pick.text, pick.suggestions.first?.matches.first?.target ?? "") }
/// ```
///
/// Stages: Unicode `fix` (its edit map carries every later range back to the text as
/// received) → sentences and words → names flagged and fixed → summary → for each
/// summary sentence the best matches in each target language. Any store will do (the
/// embedded SQLite file, a shared PostgreSQL memory). Not thread-safe: one desk per task.
public final class Desk {
    public let resources: ResourceBundle
    public let segmentation: SegmentationContext
    public let names: NamesContext
    public let summarization: SummarizationContext
    public let memory: (any TranslationMemoryStore)?
    /// Segmenters that keep a dateline apart, to look a lede up without its dateline (and
    /// to cut a document into segments as translation tools do).
    public let datelineSegmentation: SegmentationContext
    private let normalizer = TextNormalizer()
    private var detector: LanguageDetector?
    private var memoryLanguages: [LanguageTag]?

    /// - Parameters:
    ///   - memory: the translation memory to suggest from; nil for no suggestions.
    ///   - notice: told of things worth a line on standard error (a name index being built).
    public init(
        resources: ResourceBundle? = nil, memory: (any TranslationMemoryStore)? = nil, gazetteerFiles: [String] = [],
        notice: @escaping (String) -> Void = { _ in }
    ) throws {
        let resources = try resources ?? ResourceBundle.locate()
        self.resources = resources
        segmentation = try SegmentationContext(resources: resources, notice: notice)
        names = try NamesContext(resources: resources, extraFiles: gazetteerFiles, note: notice)
        summarization = try SummarizationContext(segmentation: segmentation, names: names)
        datelineSegmentation = try SegmentationContext(
            resources: resources, options: SentenceSegmenter.Options(attachDatelines: false))
        self.memory = memory
    }

    /// The language detector, made on first use.
    public func languageDetector() throws -> LanguageDetector {
        if let detector { return detector }
        let made = try LanguageDetector(resources: resources)
        detector = made
        return made
    }

    /// Runs `text` through the desk.
    /// - Parameter language: the report's language; nil to detect it (``DeskError/unsureLanguage(_:)``
    ///   when the guess is not sure).
    public func run(_ text: String, language given: LanguageTag?, options: DeskOptions = DeskOptions()) async throws
        -> DeskReport
    {
        var warnings: [String] = []
        var guess: LanguageGuess?
        let language: LanguageTag
        if let given {
            language = given
        } else {
            guess = try languageDetector().detect(text)
            guard let guess, guess.isSure else { throw DeskError.unsureLanguage(guess) }
            language = guess.language
        }

        // Unicode repair first; every later range is in the repaired text and maps back.
        let fixed: NormalizedText
        do {
            fixed = try normalizer.normalize(text, operation: .fix, language: language)
        } catch {
            fixed = try normalizer.normalize(text, operation: .fix, language: "und")
        }
        let clean = fixed.text
        let map = fixed.editMap

        let sentences = try segmentation.sentenceSegmenter(for: language).sentences(in: clean)
        let words = try segmentation.wordSegmenter(for: language).words(in: clean)

        let analysis = try names.analyze(clean, language: language)
        var changes = analysis.changes.filter { $0.confidence >= options.minimumNameConfidence }
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        var namesChecked = true
        if analysis.usedFallbackLanguage {
            changes = []
            namesChecked = false
            warnings.append("no names for language \"\(language)\"; names were not checked")
        }
        let corrected = NameNormalizer.apply(changes, to: clean)

        let summary = try summarization.ranker(for: language).summarize(
            clean, sentences: sentences, words: words, length: .sentences(options.sentences))

        var targets: [LanguageTag] = []
        do {
            targets = try await suggestionLanguages(for: language, options: options, warnings: &warnings)
        } catch {
            warnings.append("\(error); translation suggestions are off for this report")
        }
        var picks: [DeskReport.Pick] = []
        var memoryFailed = false
        let candidatesByStart = Dictionary(summary.candidates.map { ($0.range.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
        let sentenceTexts = sentences.map { Self.apply(changes, to: clean, in: $0.range) }
        let sentenceIndex = Dictionary(sentences.enumerated().map { ($1.range.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
        for pick in summary.picks {
            let candidate = candidatesByStart[pick.range.lowerBound]
            let sentenceText = Self.apply(changes, to: clean, in: pick.range)
            let query = try withoutDateline(sentenceText, language: language)
            var suggestions: [DeskReport.Suggestions] = []
            if let memory, !targets.isEmpty, !memoryFailed {
                let position = sentenceIndex[pick.range.lowerBound]
                let context = MatchContext(
                    previous: position.flatMap { $0 > 0 ? sentenceTexts[$0 - 1] : nil },
                    next: position.flatMap { $0 + 1 < sentenceTexts.count ? sentenceTexts[$0 + 1] : nil })
                do {
                    // One lookup for every target language: the store analyses the sentence
                    // and reads its index terms once.
                    let found = try await memory.matches(
                        for: query, from: language, to: targets,
                        options: LookupOptions(
                            minimumScore: options.minimumMatch, maximum: options.suggestionsPerLanguage, explain: true),
                        context: context)
                    for (target, matches) in zip(targets, found) {
                        suggestions.append(DeskReport.Suggestions(language: target, matches: matches))
                    }
                } catch {
                    // A memory that fails (locked by a long write, damaged) costs the
                    // suggestions, never the report.
                    memoryFailed = true
                    suggestions = []
                    warnings.append("\(error); translation suggestions are off for this report")
                }
            }
            picks.append(
                DeskReport.Pick(
                    range: map.sourceRange(of: pick.range), text: sentenceText, score: pick.score,
                    features: candidate?.features, index: candidate?.index ?? 0,
                    suggestions: suggestions))
        }

        return DeskReport(
            source: text, language: language, detected: guess, repairs: fixed.changes, corrected: corrected,
            sentences: sentences.map { map.sourceRange(of: $0.range) },
            names: changes.map { change in
                DeskReport.NameFix(
                    range: map.sourceRange(of: change.range), replacement: change.replacement, kind: change.kind,
                    entity: change.entity, confidence: change.confidence, reason: change.reason)
            },
            namesChecked: namesChecked, summary: picks, candidateCount: summary.candidates.count,
            furniture: summary.excluded.map {
                DeskReport.Furniture(range: map.sourceRange(of: $0.range), kind: $0.kind, reason: $0.explanation)
            },
            targets: targets, warnings: warnings)
    }

    /// The languages to suggest into: those asked for, or every other language the memory
    /// holds (most units first).
    private func suggestionLanguages(for language: LanguageTag, options: DeskOptions, warnings: inout [String]) async throws
        -> [LanguageTag]
    {
        guard let memory else { return [] }
        if memoryLanguages == nil {
            memoryLanguages = try await memory.statistics().languages.map(\.0)
        }
        let held = memoryLanguages ?? []
        guard let asked = options.targets else {
            return held.filter { $0.language != language.language }
        }
        for target in asked where !held.contains(where: { $0.language == target.language }) {
            warnings.append("the translation memory holds nothing in \"\(target)\"")
        }
        return asked.filter { $0.language != language.language }
    }

    /// A sentence without the dateline the segmenter attached to it (`BAKU, Nov 1 (TURAN) —`):
    /// the only split a dateline-keeping segmenter makes in one sentence of the other.
    private func withoutDateline(_ sentence: String, language: LanguageTag) throws -> String {
        let pieces = try datelineSegmentation.sentenceSegmenter(for: language).sentences(in: sentence)
        guard pieces.count >= 2 else { return sentence }
        return String(sentence[pieces[1].range.lowerBound...])
    }

    /// `text[range]` with the changes inside it applied.
    static func apply(_ changes: [NameChange], to text: String, in range: TextRange) -> String {
        var output = ""
        var position = range.lowerBound
        for change in changes where change.range.lowerBound >= position && change.range.upperBound <= range.upperBound {
            output += text[position..<change.range.lowerBound]
            output += change.replacement
            position = change.range.upperBound
        }
        output += text[position..<range.upperBound]
        return output
    }
}

/// Why the desk could not run a report.
public enum DeskError: Error, CustomStringConvertible {
    /// No language was given and the detector was not sure (nil: the text has no letters).
    case unsureLanguage(LanguageGuess?)

    public var description: String {
        switch self {
        case .unsureLanguage(nil):
            return "cannot tell the language of a text without letters; give --lang"
        case .unsureLanguage(let guess?):
            let percent = String(format: "%.0f", guess.confidence * 100)
            var text = "cannot tell the language for sure (likeliest \(guess.language) at \(percent) %"
            if let runnerUp = guess.runnerUp { text += ", then \(runnerUp)" }
            return text + "); give --lang"
        }
    }
}
