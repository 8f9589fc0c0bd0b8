import ArgumentParser
import BylineNormalize
import BylineText
import Foundation

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalize, repair, fold, case-map or transliterate text, reporting every change.",
        discussion: """
            Operations (--op): \(NormalizationOperation.names.joined(separator: ", ")). \
            fix repairs mojibake, HTML entities, controls, invisible characters and odd spaces, then \
            applies NFC; fold makes a search key; latin uses the BGN/PCGN table of --lang.

            Prints the normalized text. With --changes (or --format json) prints JSON: the text and \
            every change as {"start", "end", "from", "to", "kind"}, offsets in Unicode scalars of \
            the input, end exclusive.

            With --batch, reads JSON Lines {"id", "lang", "op", "text"} on standard input and writes \
            {"id", "text"} per line ("changes" too with --changes); a line's "op" and "lang" \
            override --op and --lang.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("lang"), help: "BCP 47 language tag of the text (en, ru, az, az-Cyrl, tr, …; und for none). Left out, the language-sensitive operations (fix, fold, lower, upper, title, casefold, latin) detect it and say so on standard error (exit 64 when unsure); the others need none.")
    var language: String?

    @Option(name: .customLong("op"), help: "The operation (required without --batch; a batch line's \"op\" overrides it).")
    var operation: NormalizationOperation?

    @Flag(help: "Report every change with its offsets in the input, as JSON.")
    var changes = false

    @Option(help: "Output format: text (the normalized text) or json (the text and every change).")
    var format: ReportFormat = .text

    @OptionGroup var batchOptions: BatchOptions

    func validate() throws {
        if operation == nil, !batchOptions.batch {
            throw ValidationError("missing --op (one of \(NormalizationOperation.names.joined(separator: ", ")))")
        }
        if let language {
            do { try TextNormalizer.checkLanguage(LanguageTag(language)) } catch {
                throw ValidationError(error.description)
            }
        }
    }

    func run() throws {
        let normalizer = TextNormalizer()
        let given = language.map { LanguageTag($0) }
        let defaultOperation = operation
        if batchOptions.batch {
            let runner = BatchRunner<NormalizeRequest>(options: batchOptions) { request, _, reply in
                guard let text = request.text else { throw BatchLineError(message: "missing field \"text\"") }
                guard let name = request.op ?? defaultOperation?.rawValue else {
                    throw BatchLineError(message: "missing field \"op\" (and no --op given)")
                }
                try Self.answer(text, operation: name, lang: request.lang, given: given, changes: changes, normalizer: normalizer, to: &reply)
            }
            if try !runner.run() { throw ExitCode(1) }
            return
        }
        guard let operation = defaultOperation else { throw ExitCode(64) }
        var source = try input.readOrExit(language: given ?? "und")
        let defaultLanguage = operation.dependsOnLanguage ? try LanguageChoice.resolve(given, for: source) : given ?? "und"
        source = SourceText(source.string, language: defaultLanguage, origin: source.origin)
        let result: NormalizedText
        do {
            result = try normalizer.normalize(source, operation: operation)
        } catch {
            Diagnostics.error("\(input.origin): \(error)")
            throw ExitCode(1)
        }
        // Written piece by piece, so output of any size costs the buffer's 64 KiB, not a copy.
        var output = StandardOutput()
        guard changes || format != .text else {
            try output.writeRaw(result.text)
            return try output.finish()
        }
        try output.write { buffer in
            buffer.raw("{\"language\": ")
            buffer.string(defaultLanguage.description)
            buffer.raw(", \"op\": ")
            buffer.string(operation.rawValue)
            buffer.raw(", \"text\": ")
        }
        try output.writeJSONString(result.text)
        try output.write { $0.raw(", \"changes\": [") }
        var writer = ChangeWriter(result)
        for index in result.editMap.edits.indices {
            try output.write { buffer in
                if index > 0 { buffer.raw(", ") }
                writer.write(result.editMap.edits[index], to: &buffer)
            }
        }
        try output.write { $0.raw("]}\n") }
        try output.finish()
    }

    /// `[{"start", "end", "from", "to", "kind"}, …]` with scalar offsets into the input.
    static func writeChanges(_ result: NormalizedText, to buffer: inout JSONBuffer) {
        var writer = ChangeWriter(result)
        buffer.raw("[")
        for (index, edit) in result.editMap.edits.enumerated() {
            if index > 0 { buffer.raw(", ") }
            writer.write(edit, to: &buffer)
        }
        buffer.raw("]")
    }
}

/// Writes a normalization's changes as JSON straight from its edit map, one at a time,
/// with scalar offsets from one forward cursor: no array of changes is built.
struct ChangeWriter {
    private let result: NormalizedText
    private var cursor: ScalarOffsetCursor

    init(_ result: NormalizedText) {
        self.result = result
        cursor = ScalarOffsetCursor(result.source)
    }

    /// `{"start", "end", "from", "to", "kind"}` for one edit; edits must come in input order.
    mutating func write(_ edit: EditMap.Edit, to buffer: inout JSONBuffer) {
        let source = result.source.utf8
        let output = result.text.utf8
        let lower = source.index(source.startIndex, offsetBy: edit.source.lowerBound)
        let upper = source.index(source.startIndex, offsetBy: edit.source.upperBound)
        let from = output.index(output.startIndex, offsetBy: edit.output.lowerBound)
        let to = output.index(output.startIndex, offsetBy: edit.output.upperBound)
        buffer.raw("{")
        buffer.span(lower..<upper, of: result.source, cursor: &cursor, textKey: "from")
        buffer.raw(", \"to\": ")
        buffer.string(result.text[from..<to])
        buffer.raw(", \"kind\": ")
        buffer.string((NormalizationChange.Kind(rawValue: edit.label) ?? .normalization).name)
        buffer.raw("}")
    }
}

extension NormalizeCommand {
    /// One request's reply fields: `, "text": …` and, with `changes`, the list of changes.
    static func answer(
        _ text: String, operation name: String, lang: String?, given: LanguageTag?, changes: Bool, normalizer: TextNormalizer,
        to reply: inout JSONBuffer
    ) throws {
        let operation = try NormalizationOperation(name: name)
        let language = operation.dependsOnLanguage
            ? try LanguageChoice.forLine(lang, given: given, text: text)
            : lang.map { LanguageTag($0) } ?? given ?? "und"
        let result = try normalizer.normalize(text, operation: operation, language: language)
        reply.raw(", \"text\": ")
        reply.string(result.text)
        if changes {
            reply.raw(", \"changes\": ")
            Self.writeChanges(result, to: &reply)
        }
    }
}

/// A `normalize --batch` request line.
struct NormalizeRequest: BatchRequest {
    var lang: String?
    var op: String?
    var text: String?

    init(line: BatchLine) throws(BatchLineError) {
        lang = try line.string("lang")
        op = try line.string("op")
        text = try line.string("text")
    }
}

extension NormalizationOperation {
    /// True for the operations whose result depends on the text's language.
    var dependsOnLanguage: Bool {
        switch self {
        case .fix, .fold, .lower, .upper, .title, .casefold, .latin: true
        case .nfc, .nfd, .nfkc, .nfkd, .nfkcCasefold, .stripAccents, .confusables: false
        }
    }
}
