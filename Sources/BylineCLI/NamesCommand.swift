import ArgumentParser
import BylineNames
import BylineResources
import BylineText
import Foundation

struct NamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "Flag and fix misspelt or foreign names in the text language's own form.",
        discussion: """
            A capitalised word that is neither an ordinary word of the language nor a name it \
            knows is compared with the gazetteer (GeoNames, ICU's region and city names, \
            iso-codes subdivisions, curated people and organisations, the dictionaries' proper \
            names): "Seol" becomes "Seoul" in English, "Seul" in Azerbaijani and Turkish, \
            "Сеул" in Russian; a correct name of another language ("Seul" in English) is \
            replaced as foreign. Inflected names keep their ending ("Seolda" → "Seulda").

            With --batch, reads JSON Lines {"id", "lang", "text"} on standard input and writes \
            {"id", "text", "changes": [{"start", "end", "from", "to", "kind", "entity", \
            "confidence"}]} per line; offsets count Unicode scalars of the input.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("lang"), help: "BCP 47 language tag of the text (en, ru, az, tr, de, fr, es, …).")
    var language: String = "en"

    @Flag(help: "Report the changes without applying them.")
    var flagOnly = false

    @Flag(help: "Say why each change was made, and list the names found as written.")
    var explain = false

    @Option(name: .customLong("gazetteer"), help: ArgumentHelp("Add a desk's own entries (same format as Resources/data/gazetteer/curated.tsv); repeatable.", valueName: "file"))
    var gazetteerFiles: [String] = []

    @Option(help: ArgumentHelp("Make only changes of at least this confidence (0–1); 0.85 keeps the surer ones (fixes the text's other names support, whole multi-word names, foreign forms no dictionary lists) and drops lone slips toward dictionary names.", valueName: "c"))
    var minConfidence: Double = 0.6

    @Option(help: "Output format: text (the corrected text, then one line per change) or json (one object).")
    var format: ReportFormat = .text

    @OptionGroup var batchOptions: BatchOptions

    func validate() throws {
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence takes a number from 0 to 1, not \(minConfidence)") }
    }

    func run() throws {
        let context: NamesContext
        do {
            context = try NamesContext(extraFiles: gazetteerFiles)
            context.normalizer.minimumConfidence = minConfidence
        } catch let error as ResourceError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
        let defaultLanguage = LanguageTag(language)
        if batchOptions.batch {
            var warned: Set<String> = []
            let runner = BatchRunner<NamesRequest>(options: batchOptions) { request, _, reply in
                guard let text = request.text else { throw BatchLineError(message: "missing field \"text\"") }
                let language = request.lang.map { LanguageTag($0) } ?? defaultLanguage
                let analysis = try context.analyze(text, language: language)
                if analysis.usedFallbackLanguage, warned.insert(language.description).inserted {
                    Diagnostics.warning("no names for language \"\(language)\"; matching with the English forms")
                }
                NamesWriter.writeBatchFields(analysis, of: text, flagOnly: flagOnly, explain: explain, to: &reply)
            }
            if try !runner.run() { throw ExitCode(1) }
            return
        }
        let source = try input.readOrExit(language: defaultLanguage)
        let analysis = try context.analyze(source.string, language: defaultLanguage)
        if analysis.usedFallbackLanguage {
            Diagnostics.warning("no names for language \"\(defaultLanguage)\"; matching with the English forms")
        }
        var output = StandardOutput()
        try output.write { buffer in
            switch format {
            case .json:
                buffer.raw("{\"language\": ")
                buffer.string(defaultLanguage.description)
                NamesWriter.writeBatchFields(analysis, of: source.string, flagOnly: flagOnly, explain: explain, to: &buffer)
                buffer.raw("}\n")
            case .text:
                NamesWriter.writeReport(analysis, of: source, flagOnly: flagOnly, explain: explain, to: &buffer)
            }
        }
        try output.finish()
    }
}

/// A `names --batch` request line.
struct NamesRequest: BatchRequest {
    var lang: String?
    var text: String?

    init(line: BatchLine) throws(BatchLineError) {
        lang = try line.string("lang")
        text = try line.string("text")
    }
}

/// The gazetteer, word lists and normalizer of a run, loaded once.
final class NamesContext {
    let resources: ResourceBundle
    let normalizer: NameNormalizer
    let gazetteer: Gazetteer

    init(extraFiles: [String]) throws {
        resources = try ResourceBundle.locate()
        var extra: [GazetteerEntry] = []
        for file in extraFiles { extra.append(contentsOf: try ResourceBundle.gazetteerEntries(at: file)) }
        gazetteer = try resources.gazetteer(adding: extra)
        var lists: [LanguageTag: WordList] = [:]
        for language in ["az", "de", "en", "es", "fr", "ru", "tr"] {
            if let list = try resources.wordList(for: LanguageTag(language)) { lists[LanguageTag(language)] = list }
        }
        normalizer = NameNormalizer(gazetteer: gazetteer, wordLists: lists, frequencies: try resources.nameFrequencies())
    }

    func analyze(_ text: String, language: LanguageTag) throws -> NameAnalysis {
        normalizer.analyze(text, language: language)
    }
}

/// Writes name analyses as JSON fields and as a report for a person.
enum NamesWriter {
    /// `, "text": …, "changes": [...]` (and `"mentions"` with --explain), offsets in scalars.
    static func writeBatchFields(_ analysis: NameAnalysis, of text: String, flagOnly: Bool, explain: Bool, to buffer: inout JSONBuffer) {
        buffer.raw(", \"text\": ")
        buffer.string(flagOnly ? text : NameNormalizer.apply(analysis.changes, to: text))
        buffer.raw(", \"changes\": [")
        var cursor = ScalarOffsetCursor(text)
        for (index, change) in analysis.changes.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{")
            buffer.span(change.range, of: text, cursor: &cursor, textKey: "from")
            buffer.raw(", \"to\": ")
            buffer.string(change.replacement)
            buffer.raw(", \"kind\": ")
            buffer.string(change.kind.rawValue)
            buffer.raw(", \"entity\": ")
            buffer.string(change.entity)
            buffer.raw(", \"confidence\": ")
            buffer.number(change.confidence, digits: 2)
            if explain {
                buffer.raw(", \"reason\": ")
                buffer.string(change.reason)
            }
            buffer.raw("}")
        }
        buffer.raw("]")
        if explain {
            buffer.raw(", \"mentions\": [")
            var mentionCursor = ScalarOffsetCursor(text)
            for (index, mention) in analysis.mentions.enumerated() {
                if index > 0 { buffer.raw(", ") }
                buffer.raw("{")
                buffer.span(mention.range, of: text, cursor: &mentionCursor)
                buffer.raw(", \"entity\": ")
                buffer.string(mention.entity)
                buffer.raw("}")
            }
            buffer.raw("]")
        }
    }

    /// The corrected text (or, with --flag-only, nothing), then one line per change on
    /// `FILE:LINE:COLUMN: from → to (kind, entity, confidence)`.
    static func writeReport(_ analysis: NameAnalysis, of source: SourceText, flagOnly: Bool, explain: Bool, to buffer: inout JSONBuffer) {
        if !flagOnly {
            buffer.raw(NameNormalizer.apply(analysis.changes, to: source.string))
            if !source.string.hasSuffix("\n") { buffer.raw("\n") }
            if !analysis.changes.isEmpty { buffer.raw("\n") }
        }
        for change in analysis.changes {
            let location = location(of: change.range.lowerBound, in: source.string, file: source.origin ?? "-")
            buffer.raw("\(location): \(source.string[change.range]) → \(change.replacement) ")
            buffer.raw("(\(change.kind.rawValue), \(change.entity), \(String(format: "%.2f", change.confidence)))\n")
            if explain { buffer.raw("    \(change.reason)\n") }
        }
        if explain {
            for mention in analysis.mentions {
                let location = location(of: mention.range.lowerBound, in: source.string, file: source.origin ?? "-")
                buffer.raw("\(location): \(source.string[mention.range]) = \(mention.entity)\n")
            }
        }
    }

    private static func location(of index: String.Index, in text: String, file: String) -> String {
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars[..<index] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "\(file):\(line):\(column)"
    }
}
