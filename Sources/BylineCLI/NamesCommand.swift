import ArgumentParser
import BylineDesk
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

    @Option(name: .customLong("lang"), help: "BCP 47 language tag of the text (en, ru, az, tr, de, fr, es, …). Detected when left out (the choice is said on standard error; exit 64 when unsure).")
    var language: String?

    @Flag(help: "Report the changes without applying them.")
    var flagOnly = false

    @Flag(help: "Say why each change was made, list the names found as written, and the words that might have been names and were kept, with the rule that kept each.")
    var explain = false

    @Flag(help: "Write the list of changes on standard output instead of the corrected text (without it, the list goes to standard error).")
    var changes = false

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
            context = try NamesContext(extraFiles: gazetteerFiles, note: { Diagnostics.note($0) })
            context.normalizer.minimumConfidence = minConfidence
        } catch let error as ResourceError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
        let given = language.map { LanguageTag($0) }
        if batchOptions.batch {
            var warned: Set<String> = []
            let runner = BatchRunner<NamesRequest>(options: batchOptions) { request, _, reply in
                guard let text = request.text else { throw BatchLineError(message: "missing field \"text\"") }
                let language = try LanguageChoice.forLine(request.lang, given: given, text: text)
                let analysis = try context.analyze(text, language: language, explaining: explain)
                if analysis.usedFallbackLanguage, warned.insert(language.description).inserted {
                    Diagnostics.warning("no names for language \"\(language)\"; matching with the English forms")
                }
                NamesWriter.writeBatchFields(analysis, of: text, flagOnly: flagOnly, explain: explain, to: &reply)
            }
            if try !runner.run() { throw ExitCode(1) }
            return
        }
        let source = try input.readOrExit(language: given ?? "und")
        let defaultLanguage = try LanguageChoice.resolve(given, for: source)
        let analysis = try context.analyze(source.string, language: defaultLanguage, explaining: explain)
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
                // The corrected text alone on standard output, so that it pipes into the next
                // command; the list of changes goes to standard error, or with --changes or
                // --flag-only in its place.
                if changes || flagOnly {
                    NamesWriter.writeChanges(analysis, of: source, explain: explain, to: &buffer)
                } else {
                    buffer.raw(NameNormalizer.apply(analysis.changes, to: source.string))
                }
            }
        }
        try output.finish()
        if format == .text && !changes && !flagOnly {
            var list = JSONBuffer()
            NamesWriter.writeChanges(analysis, of: source, explain: explain, to: &list)
            if !list.bytes.isEmpty { Diagnostics.report(String(decoding: list.bytes, as: UTF8.self)) }
        }
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

/// Writes name analyses as JSON fields and as a report for a person.
enum NamesWriter {
    /// `, "text": …, "changes": [...]` (and `"mentions"` and `"kept"` with --explain), offsets in scalars.
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
            writeSpans("mentions", analysis.mentions.map { ($0.range, [("entity", $0.entity)]) }, of: text, to: &buffer)
            writeSpans("kept", analysis.kept.map { ($0.range, [("rule", $0.rule), ("reason", $0.reason)]) }, of: text, to: &buffer)
        }
    }

    /// `, "name": [{"start", "end", "text", field: value, …}, …]` for pieces in document
    /// order, offsets in scalars.
    static func writeSpans(_ name: String, _ items: [(TextRange, [(String, String)])], of text: String, to buffer: inout JSONBuffer) {
        buffer.raw(", ")
        buffer.string(name)
        buffer.raw(": [")
        var cursor = ScalarOffsetCursor(text)
        for (index, (range, fields)) in items.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{")
            buffer.span(range, of: text, cursor: &cursor)
            for (key, value) in fields {
                buffer.raw(", ")
                buffer.string(key)
                buffer.raw(": ")
                buffer.string(value)
            }
            buffer.raw("}")
        }
        buffer.raw("]")
    }

    /// One line per change, `FILE:LINE:COLUMN: from → to (kind, entity, confidence)`, with
    /// --explain its reason, the names found as written, and the words that might have been
    /// names and were kept, with the rule that kept each.
    static func writeChanges(_ analysis: NameAnalysis, of source: SourceText, explain: Bool, to buffer: inout JSONBuffer) {
        var cursor = LineColumnCursor(source.string, file: source.origin ?? "-")
        for change in analysis.changes {
            buffer.raw("\(cursor.location(of: change.range.lowerBound)): \(source.string[change.range]) → \(change.replacement) ")
            buffer.raw("(\(change.kind.rawValue), \(change.entity), \(String(format: "%.2f", change.confidence)))\n")
            if explain { buffer.raw("    \(change.reason)\n") }
        }
        if explain {
            var cursor = LineColumnCursor(source.string, file: source.origin ?? "-")
            for mention in analysis.mentions {
                buffer.raw("\(cursor.location(of: mention.range.lowerBound)): \(source.string[mention.range]) = \(mention.entity)\n")
            }
            var keptCursor = LineColumnCursor(source.string, file: source.origin ?? "-")
            for keep in analysis.kept {
                buffer.raw("\(keptCursor.location(of: keep.range.lowerBound)): \(source.string[keep.range]) kept (\(keep.rule)): \(keep.reason)\n")
            }
        }
    }
}

/// `FILE:LINE:COLUMN` of positions given in document order, in one pass over the text
/// (columns in Unicode scalars).
struct LineColumnCursor {
    private let scalars: String.UnicodeScalarView
    private let file: String
    private var position: String.Index
    private var line = 1
    private var column = 1

    init(_ text: String, file: String) {
        scalars = text.unicodeScalars
        position = scalars.startIndex
        self.file = file
    }

    mutating func location(of index: String.Index) -> String {
        while position < index {
            if scalars[position] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            position = scalars.index(after: position)
        }
        return "\(file):\(line):\(column)"
    }
}
