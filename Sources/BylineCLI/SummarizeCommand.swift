import ArgumentParser
import BylineDesk
import BylineNames
import BylineResources
import BylineSegment
import BylineSummarize
import BylineText
import Foundation

struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Cut a report to the sentences that carry its facts, in their original order.",
        discussion: """
            Sentences are chosen for a lead prior on the first body sentences, centrality \
            (with a direction: what the rest of the report takes up counts, a restatement of what \
            came before costs), \
            and the salient people, places, organisations and figures they add to the picks \
            before them (entities from the names module); a quotation over several sentences \
            is taken whole or not at all, near-repeats are skipped, and page furniture \
            (photo credits, section labels, calls to action, bylines, repeated and short \
            label lines) is never picked. Picks are exact slices of the input.

            With --batch, reads JSON Lines {"id", "lang", "text", "n"} on standard input ("article" \
            is taken for "text") and \
            writes {"id", "summary", "sentences": [{"start", "end", "score"}]} per line ("n" \
            overrides --sentences; offsets count Unicode scalars). --explain adds an "explain" \
            field with every feature, the facts the picks carry and every excluded line.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("lang"), help: "BCP 47 language tag of the text (en, ru, az, tr, de, …). Detected when left out (the choice is said on standard error; exit 64 when unsure).")
    var language: String?

    @Option(help: "Sentences to keep.")
    var sentences: Int = 3

    @Option(help: "Keep sentences while their words fit this budget (instead of --sentences); if none fits, the shortest, with a note.")
    var words: Int?

    @Flag(help: "Show each sentence's features, weights and total, and why lines were excluded.")
    var explain = false

    @Option(help: "Output format: text (the picked sentences, one a line; a table with --explain) or json (one object).")
    var format: ReportFormat = .text

    @Option(name: .customLong("weight"), help: ArgumentHelp(
        "Change a feature weight, NAME=VALUE (\(SummaryWeights.names.joined(separator: ", "))); repeatable.",
        valueName: "name=value"))
    var weightSettings: [String] = []

    @OptionGroup var batchOptions: BatchOptions

    func validate() throws {
        guard sentences >= 0 else { throw ValidationError("--sentences must not be negative") }
        if let words, words < 1 { throw ValidationError("--words must be at least 1") }
        _ = try parsedWeights()
    }

    private func parsedWeights() throws -> SummaryWeights {
        var weights = SummaryWeights()
        for setting in weightSettings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite, weights.set(parts[0], to: value) else {
                throw ValidationError(
                    "--weight \(setting): expected NAME=VALUE with NAME one of \(SummaryWeights.names.joined(separator: ", "))")
            }
        }
        return weights
    }

    func run() throws {
        let context = try SummarizationContext(weights: try parsedWeights(), note: { Diagnostics.note($0) })
        let given = language.map { LanguageTag($0) }
        if batchOptions.batch {
            let runner = BatchRunner<SummarizeRequest>(options: batchOptions) { request, _, reply in
                guard let article = request.text else { throw BatchLineError(message: "missing field \"text\"") }
                if let n = request.n, n < 0 { throw BatchLineError(message: "field \"n\" must not be negative") }
                let language = try LanguageChoice.forLine(request.lang, given: given, text: article)
                let length: SummaryLength = request.n.map { .sentences($0) } ?? words.map { .words($0) } ?? .sentences(sentences)
                let summary = try context.summarize(article, language: language, length: length)
                SummaryWriter.writeBatchFields(summary, of: article, explain: explain, weights: context.weights, to: &reply)
            }
            if try !runner.run() { throw ExitCode(1) }
            return
        }
        let source = try input.readOrExit(language: given ?? "und")
        let defaultLanguage = try LanguageChoice.resolve(given, for: source)
        let length: SummaryLength = words.map { .words($0) } ?? .sentences(sentences)
        let summary = try context.summarize(source.string, language: defaultLanguage, length: length)
        if summary.shortestExceedsBudget, let words, let pick = summary.candidates.first(where: { $0.pickRank != nil }) {
            Diagnostics.note("the shortest sentence has \(pick.wordCount) words, more than --words \(words); it is the summary")
        }
        var output = StandardOutput()
        try output.write { buffer in
            switch format {
            case .json:
                buffer.raw("{\"language\": ")
                buffer.string(defaultLanguage.description)
                SummaryWriter.writeBatchFields(summary, of: source.string, explain: explain, weights: context.weights, to: &buffer)
                buffer.raw("}\n")
            case .text:
                if explain {
                    SummaryWriter.writeExplanation(summary, of: source.string, weights: context.weights, to: &buffer)
                } else {
                    for pick in summary.picks {
                        buffer.raw(String(source.string[pick.range]))
                        buffer.raw("\n")
                    }
                }
            }
        }
        try output.finish()
    }
}

/// A `summarize --batch` request line: the report under `text`, or under `article` as
/// the evaluation sets name it.
struct SummarizeRequest: BatchRequest {
    var lang: String?
    var text: String?
    var n: Int?

    init(line: BatchLine) throws(BatchLineError) {
        lang = try line.string("lang")
        if let text = try line.string("text") { self.text = text } else { text = try line.string("article") }
        n = try line.integer("n")
    }
}

/// Writes summaries as batch fields, JSON and an aligned explanation table.
enum SummaryWriter {
    /// `, "summary": …, "sentences": [...]` and, when asked, `, "explain": {...}`.
    static func writeBatchFields(
        _ summary: Summary, of text: String, explain: Bool, weights: SummaryWeights, to buffer: inout JSONBuffer
    ) {
        buffer.raw(", \"summary\": ")
        var joined = ""
        for (index, pick) in summary.picks.enumerated() {
            if index > 0 { joined += "\n" }
            joined += text[pick.range]
        }
        buffer.string(joined)
        buffer.raw(", \"sentences\": [")
        var cursor = ScalarOffsetCursor(text)
        for (index, pick) in summary.picks.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{\"start\": ")
            buffer.int(cursor.offset(of: pick.range.lowerBound))
            buffer.raw(", \"end\": ")
            buffer.int(cursor.offset(of: pick.range.upperBound))
            buffer.raw(", \"score\": ")
            buffer.number(pick.score)
            buffer.raw("}")
        }
        buffer.raw("]")
        if explain {
            buffer.raw(", \"explain\": ")
            writeExplanationJSON(summary, of: text, weights: weights, to: &buffer)
        }
    }

    static func featureValues(_ features: SentenceFeatures, weights: SummaryWeights) -> [(String, Double, Double)] {
        [
            ("position", features.position, weights.position),
            ("centrality", features.centrality, weights.centrality),
            ("uptake", features.uptake, weights.uptake),
            ("repetition", features.repetition, -weights.repetition),
            ("entities", features.entities, weights.entities),
            ("numbers", features.numbers, weights.numbers),
            ("brevity", features.brevity, -weights.brevity),
            ("length", features.length, -weights.length),
            ("unterminated", features.unterminated, -weights.unterminated),
        ]
    }

    static func writeExplanationJSON(_ summary: Summary, of text: String, weights configured: SummaryWeights, to buffer: inout JSONBuffer) {
        // Uptake and repetition count only where capitals say nothing of names: the
        // explanation gives the weights this report was ranked by.
        let weights = configured.applied(usesCapitalisation: summary.usesCapitalisation)
        buffer.raw("{\"weights\": {")
        let weightList: [(String, Double)] = [
            ("position", weights.position), ("centrality", weights.centrality), ("uptake", weights.uptake),
            ("repetition", -weights.repetition), ("entities", weights.entities),
            ("numbers", weights.numbers), ("brevity", -weights.brevity), ("length", -weights.length),
            ("unterminated", -weights.unterminated), ("redundancy", -weights.redundancy), ("lead_quantity_share", weights.leadQuantityShare),
        ]
        for (index, (name, value)) in weightList.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.string(name)
            buffer.raw(": ")
            buffer.number(value)
        }
        buffer.raw("}, \"lead_prior\": [")
        for (index, value) in weights.leadPrior.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.number(value)
        }
        buffer.raw("], \"capitalisation\": ")
        buffer.raw(summary.usesCapitalisation ? "true" : "false")
        buffer.raw(", \"candidates\": [")
        var cursor = ScalarOffsetCursor(text)
        for (index, candidate) in summary.candidates.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{\"start\": ")
            buffer.int(cursor.offset(of: candidate.range.lowerBound))
            buffer.raw(", \"end\": ")
            buffer.int(cursor.offset(of: candidate.range.upperBound))
            buffer.raw(", \"words\": ")
            buffer.int(candidate.wordCount)
            buffer.raw(", \"features\": {")
            for (featureIndex, (name, value, weight)) in featureValues(candidate.features, weights: weights).enumerated() {
                if featureIndex > 0 { buffer.raw(", ") }
                buffer.string(name)
                buffer.raw(": {\"value\": ")
                buffer.number(value)
                buffer.raw(", \"weight\": ")
                buffer.number(weight)
                buffer.raw(", \"contribution\": ")
                buffer.number(value * weight)
                buffer.raw("}")
            }
            buffer.raw("}, \"total\": ")
            buffer.number(candidate.total)
            buffer.raw(", \"redundancy\": ")
            buffer.number(candidate.redundancy)
            buffer.raw(", \"picked\": ")
            buffer.raw(candidate.pickRank != nil ? "true" : "false")
            if let rank = candidate.pickRank {
                buffer.raw(", \"pick_rank\": ")
                buffer.int(rank + 1)
            }
            buffer.raw("}")
        }
        buffer.raw("], \"facts\": [")
        for (index, fact) in summary.facts.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{\"kind\": ")
            buffer.string(fact.kind == .entity ? "entity" : "quantity")
            buffer.raw(", \"key\": ")
            buffer.string(fact.key)
            buffer.raw(", \"value\": ")
            buffer.number(fact.value)
            buffer.raw(", \"candidates\": [\(fact.candidates.map { String($0 + 1) }.joined(separator: ", "))]}")
        }
        buffer.raw("], \"excluded\": ")
        writeExcluded(summary.excluded.map { ($0.range, $0.kind, $0.explanation) }, of: text, to: &buffer)
        buffer.raw("}")
    }

    /// `[{"start", "end", "text", "kind", "reason"}, …]` for lines left out as furniture,
    /// offsets in scalars of `text`.
    static func writeExcluded(_ pieces: [(range: TextRange, kind: String, reason: String)], of text: String, to buffer: inout JSONBuffer) {
        buffer.raw("[")
        var cursor = ScalarOffsetCursor(text)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{")
            buffer.span(piece.range, of: text, cursor: &cursor)
            buffer.raw(", \"kind\": ")
            buffer.string(piece.kind)
            buffer.raw(", \"reason\": ")
            buffer.string(piece.reason)
            buffer.raw("}")
        }
        buffer.raw("]")
    }

    /// The summary, then one row per candidate with each feature's value under a header
    /// that gives its weight, then the excluded lines with their reasons.
    static func writeExplanation(_ summary: Summary, of text: String, weights configured: SummaryWeights, to buffer: inout JSONBuffer) {
        let weights = configured.applied(usesCapitalisation: summary.usesCapitalisation)
        func shown(_ range: TextRange, limit: Int) -> String {
            var line = text[range].replacingOccurrences(of: "\r\n", with: "↵").replacingOccurrences(of: "\n", with: "↵")
            if line.count > limit { line = String(line.prefix(limit - 1)) + "…" }
            return line
        }
        func pad(_ value: String, _ width: Int, right: Bool = true) -> String {
            let padding = String(repeating: " ", count: max(0, width - value.count))
            return right ? padding + value : value + padding
        }
        func format(_ value: Double) -> String { String(format: "%.3f", value) }

        buffer.raw("summary (\(summary.picks.count) of \(summary.candidates.count) candidate sentences):\n")
        for pick in summary.picks { buffer.raw("  " + String(text[pick.range]) + "\n") }
        let leadPrior = weights.leadPrior.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        buffer.raw("\nweights: position \(format(weights.position)) (lead prior \(leadPrior); ")
        buffer.raw("after the lede \(String(format: "%.0f", weights.leadQuantityShare * 100)) % of it needs a quantity), ")
        if weights.uptake == 0 && weights.repetition == 0 && (configured.uptake != 0 || configured.repetition != 0) {
            buffer.raw("centrality \(format(weights.centrality)), uptake and repetition off (capitals mark the names here), ")
        } else {
            buffer.raw("centrality \(format(weights.centrality)), uptake \(format(weights.uptake)), repetition −\(format(weights.repetition)), ")
        }
        buffer.raw("entities \(format(weights.entities)), ")
        buffer.raw("numbers \(format(weights.numbers)), brevity −\(format(weights.brevity)) ")
        buffer.raw("(under \(weights.shortSentenceWords) words), length −\(format(weights.length)) ")
        buffer.raw("(log of words ÷ \(weights.longSentenceWords) above it), unterminated −\(format(weights.unterminated)) ")
        buffer.raw("(no sentence terminator, colon or semicolon at its end), redundancy −\(format(weights.redundancy))\n")
        buffer.raw("capitalisation: " + (summary.usesCapitalisation ? "used as evidence of names\n" : "not used (too few capitals)\n"))
        buffer.raw("total = Σ value × weight; a pick's rank is reduced by redundancy × its similarity to earlier picks, ")
        buffer.raw("and a sentence at \(format(weights.duplicateSimilarity)) similarity to a pick")
        if weights.duplicateContainment <= 1 {
            buffer.raw(", or with \(String(format: "%.0f", weights.duplicateContainment * 100)) % of its terms in one,")
        }
        buffer.raw(" waits until nothing else is left\n\n")

        var cursor = ScalarOffsetCursor(text)
        var spans: [String] = []
        for candidate in summary.candidates {
            let start = cursor.offset(of: candidate.range.lowerBound)
            spans.append("\(start)–\(cursor.offset(of: candidate.range.upperBound))")
        }
        let spanWidth = max(4, spans.map(\.count).max() ?? 0)
        let columns = ["position", "centrality", "uptake", "repetition", "entities", "numbers", "brevity", "length", "unterminated"]
        let widths = columns.map { max(10, $0.count) }
        var header = pad("#", 3) + "  " + pad("span", spanWidth, right: false)
        for (name, width) in zip(columns, widths) { header += "  " + pad(name, width) }
        header += "  " + pad("total", 7) + "  " + pad("similar", 7) + "  pick  sentence\n"
        buffer.raw(header)
        for (index, candidate) in summary.candidates.enumerated() {
            var row = pad(String(index + 1), 3) + "  " + pad(spans[index], spanWidth, right: false)
            for ((_, value, _), width) in zip(featureValues(candidate.features, weights: weights), widths) { row += "  " + pad(format(value), width) }
            row += "  " + pad(format(candidate.total), 7) + "  " + pad(format(candidate.redundancy), 7)
            row += "  " + pad(candidate.pickRank.map { String($0 + 1) } ?? "", 4) + "  " + shown(candidate.range, limit: 60) + "\n"
            buffer.raw(row)
        }
        if !summary.facts.isEmpty {
            buffer.raw("\nfacts the picks carry (value; candidates that state it, picks marked *):\n")
            for fact in summary.facts {
                let holders = fact.candidates.map { String($0 + 1) + (summary.candidates[$0].pickRank != nil ? "*" : "") }
                buffer.raw("  \(fact.kind == .entity ? "entity  " : "quantity") \(fact.key) (\(format(fact.value))): \(holders.joined(separator: ", "))\n")
            }
        }
        guard !summary.excluded.isEmpty else { return }
        buffer.raw("\nexcluded:\n")
        cursor = ScalarOffsetCursor(text)
        var rows: [(String, String, String)] = []
        for piece in summary.excluded {
            let start = cursor.offset(of: piece.range.lowerBound)
            rows.append(("\(start)–\(cursor.offset(of: piece.range.upperBound))", piece.explanation, shown(piece.range, limit: 60)))
        }
        let excludedSpanWidth = rows.map(\.0.count).max() ?? 0
        let reasonWidth = rows.map(\.1.count).max() ?? 0
        for (span, reason, line) in rows {
            buffer.raw("  " + pad(span, excludedSpanWidth, right: false) + "  " + pad(reason, reasonWidth, right: false) + "  " + line + "\n")
        }
    }
}
