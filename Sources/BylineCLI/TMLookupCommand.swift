import ArgumentParser
import BylineTM
import BylineText
import Foundation

struct TMLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Find exact and fuzzy matches for a segment, with a match percentage.",
        discussion: """
            Exact matches score 100. Fuzzy matches are scored by the formula in \
            docs/tm-matching.md: token and character edit distance, with small costs for case, \
            punctuation and numbers (numbers are placeables: the query's values are put into the \
            target), and fixed penalties for inline codes, aligned units, alternative \
            translations and language-variant fallback.

            Context matches (101 %): an exact match whose unit records the segments around it \
            in its story scores 101 when the query gives the same neighbours. A unit records them \
            as the TMX properties x-context-pre and x-context-post (as memoQ and other tools \
            write them, kept by `tm import`); a lookup gives them with --previous and --next, or \
            "prev" and "next" in --batch. An exact match that loses points only for inline codes \
            (tags) is labelled "exact text, tags differ".

            With --batch, reads JSON Lines {"id", "text"} (optionally "prev" and "next", the \
            neighbouring segments, for context matches at 101) and writes {"id", "matches": \
            [{"score", "source", "target", "type", "label"}]} per line, answering each line as \
            it arrives.
            """)

    @Argument(help: "The segment to look up (omit with --batch).")
    var text: String?

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("from"), help: "Language of the segment.")
    var sourceLanguage: String

    @Option(name: .customLong("to"), help: "Language of the translations wanted.")
    var targetLanguage: String

    @Option(name: .customLong("min"), help: "Lowest match percentage returned.")
    var minimum: Double = 75

    @Option(name: .customLong("max"), help: "At most this many matches, best first.")
    var maximum: Int = 5

    @Option(help: "The segment before this one in the story, for context matches (101 %; see below).")
    var previous: String?

    @Option(help: "The segment after this one in the story, for context matches.")
    var next: String?

    @Flag(help: "Show each match's text scores, token diff and penalties.")
    var explain = false

    @OptionGroup var batchOptions: BatchOptions

    @Option(help: "Output format: text (aligned, for a person) or json (one object), without --batch.")
    var format: ReportFormat = .text

    func validate() throws {
        guard (0...100).contains(minimum) else { throw ValidationError("--min must be between 0 and 100") }
        guard maximum >= 1 else { throw ValidationError("--max must be at least 1") }
        if batchOptions.batch, text != nil { throw ValidationError("give the segment or --batch, not both") }
        if !batchOptions.batch, text == nil { throw ValidationError("give a segment to look up, or --batch") }
    }

    func run() throws {
        let store = try database.openStore()
        let options = LookupOptions(minimumScore: minimum, maximum: maximum, explain: explain)
        let source = LanguageTag(sourceLanguage)
        let target = LanguageTag(targetLanguage)
        if batchOptions.batch {
            let runner = BatchRunner<LookupRequest>(options: batchOptions) { request, _, reply in
                let context = MatchContext(previous: request.previous, next: request.next)
                let matches = try awaitResult {
                    try await store.matches(for: request.text, from: source, to: target, options: options, context: context)
                }
                reply.raw(", \"matches\": ")
                Self.write(matches, to: &reply, explain: explain)
            }
            if try !runner.run() { throw ExitCode(1) }
            return
        }
        let query = text ?? ""
        let context = MatchContext(previous: previous, next: next)
        let matches = try awaitOrExit {
            try await store.matches(for: query, from: source, to: target, options: options, context: context)
        }
        var output = StandardOutput()
        try output.write { buffer in
            if format != .text {
                buffer.raw("{\"matches\": ")
                Self.write(matches, to: &buffer, explain: explain)
                buffer.raw("}\n")
                return
            }
            if matches.isEmpty { buffer.raw("no match at \(Int(minimum)) % or above\n") }
            for match in matches {
                let score = String(format: "%5.1f", match.score)
                buffer.raw("\(score)  \(match.label)\(match.repaired ? ", numbers replaced" : "")\n")
                buffer.raw("       \(match.sourceLanguage)  \(match.source)\n")
                buffer.raw("       \(match.targetLanguage)  \(match.target)\n")
                if explain {
                    if let comparison = match.comparison {
                        buffer.raw(String(format: "       tokens %.1f, characters %.1f\n", comparison.tokenScore, comparison.characterScore))
                    }
                    if !match.diff.isEmpty { buffer.raw("       diff  " + Self.describe(match.diff) + "\n") }
                    for penalty in match.penalties {
                        buffer.raw(String(format: "       −%.1f  ", penalty.points) + penalty.reason + "\n")
                    }
                }
            }
        }
        try output.finish()
    }

    static func write(_ matches: [Match], to buffer: inout JSONBuffer, explain: Bool) {
        buffer.raw("[")
        for (index, match) in matches.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{\"score\": ")
            buffer.number(match.score, digits: 1)
            buffer.raw(", \"source\": ")
            buffer.string(match.source)
            buffer.raw(", \"target\": ")
            buffer.string(match.target)
            buffer.raw(", \"type\": ")
            buffer.string(match.kind.rawValue)
            buffer.raw(", \"label\": ")
            buffer.string(match.label)
            buffer.raw(", \"repaired\": \(match.repaired), \"unit\": \(match.unitID)")
            buffer.raw(", \"source_lang\": ")
            buffer.string(match.sourceLanguage.description)
            buffer.raw(", \"target_lang\": ")
            buffer.string(match.targetLanguage.description)
            if explain {
                if let comparison = match.comparison {
                    buffer.raw(", \"token_score\": ")
                    buffer.number(comparison.tokenScore, digits: 1)
                    buffer.raw(", \"character_score\": ")
                    buffer.number(comparison.characterScore, digits: 1)
                }
                buffer.raw(", \"diff\": ")
                buffer.string(Self.describe(match.diff))
                buffer.raw(", \"penalties\": [")
                for (position, penalty) in match.penalties.enumerated() {
                    if position > 0 { buffer.raw(", ") }
                    buffer.raw("{\"points\": ")
                    buffer.number(penalty.points, digits: 1)
                    buffer.raw(", \"reason\": ")
                    buffer.string(penalty.reason)
                    buffer.raw("}")
                }
                buffer.raw("]")
            }
            buffer.raw("}")
        }
        buffer.raw("]")
    }
}

extension TMLookupCommand {
    /// The alignment as one line: `[-stored +query]` for a replacement, `[+added]`,
    /// `[-removed]`, and the shared tokens as they are.
    static func describe(_ diff: [MatchScorer.DiffStep]) -> String {
        diff.map { step in
            switch step {
            case .same(let token): token
            case .replaced(let source, let query): "[-\(source) +\(query)]"
            case .added(let token): "[+\(token)]"
            case .removed(let token): "[-\(token)]"
            }
        }.joined(separator: " ")
    }
}

/// A `tm lookup --batch` request line.
struct LookupRequest: BatchRequest {
    var text: String
    var previous: String?
    var next: String?

    init(line: BatchLine) throws(BatchLineError) {
        text = try line.requiredString("text")
        previous = try line.string("prev")
        next = try line.string("next")
    }
}
