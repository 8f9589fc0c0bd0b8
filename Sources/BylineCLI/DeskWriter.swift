import BylineDesk
import BylineNames
import BylineSummarize
import BylineTM
import BylineText
import Foundation

/// ANSI styles for the desk's text report, or none.
struct DeskStyle {
    let colour: Bool

    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    func removed(_ text: String) -> String { colour ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
    func added(_ text: String) -> String { colour ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
}

/// Writes a desk report as JSON fields and as a report for a person.
enum DeskWriter {
    // MARK: JSON

    /// The whole report as one object.
    static func writeJSON(_ report: DeskReport, origin: String, memory: String?, to buffer: inout JSONBuffer) {
        buffer.raw("{\"file\": ")
        buffer.string(origin)
        writeFields(report, memory: memory, to: &buffer)
        buffer.raw("}")
    }

    /// `, "language": …` and every other field; offsets count Unicode scalars of the text
    /// as received, end exclusive.
    static func writeFields(_ report: DeskReport, memory: String?, to buffer: inout JSONBuffer) {
        let text = report.source
        buffer.raw(", \"language\": ")
        buffer.string(report.language.description)
        buffer.raw(", \"detected\": ")
        if let guess = report.detected {
            buffer.raw("{\"language\": ")
            buffer.string(guess.language.description)
            buffer.raw(", \"confidence\": ")
            buffer.number(guess.confidence, digits: 3)
            buffer.raw(", \"runner_up\": ")
            if let runnerUp = guess.runnerUp { buffer.string(runnerUp.description) } else { buffer.raw("null") }
            buffer.raw("}")
        } else {
            buffer.raw("null")
        }
        buffer.raw(", \"characters\": ")
        buffer.int(text.unicodeScalars.count)

        buffer.raw(", \"repairs\": [")
        var cursor = ScalarOffsetCursor(text)
        for (index, repair) in report.repairs.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{")
            buffer.span(repair.range, of: text, cursor: &cursor, textKey: "from")
            buffer.raw(", \"to\": ")
            buffer.string(repair.replacement)
            buffer.raw(", \"kind\": ")
            buffer.string(repair.kind.name)
            buffer.raw("}")
        }
        buffer.raw("], \"sentences\": [")
        cursor = ScalarOffsetCursor(text)
        for (index, range) in report.sentences.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{\"start\": ")
            buffer.int(cursor.offset(of: range.lowerBound))
            buffer.raw(", \"end\": ")
            buffer.int(cursor.offset(of: range.upperBound))
            buffer.raw("}")
        }
        buffer.raw("], \"names_checked\": ")
        buffer.raw(report.namesChecked ? "true" : "false")
        buffer.raw(", \"names\": [")
        cursor = ScalarOffsetCursor(text)
        for (index, name) in report.names.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{")
            buffer.span(name.range, of: text, cursor: &cursor, textKey: "from")
            buffer.raw(", \"to\": ")
            buffer.string(name.replacement)
            buffer.raw(", \"kind\": ")
            buffer.string(name.kind.rawValue)
            buffer.raw(", \"entity\": ")
            buffer.string(name.entity)
            buffer.raw(", \"confidence\": ")
            buffer.number(name.confidence, digits: 2)
            buffer.raw(", \"reason\": ")
            buffer.string(name.reason)
            buffer.raw("}")
        }
        buffer.raw("], \"corrected\": ")
        buffer.string(report.corrected)

        buffer.raw(", \"summary\": [")
        cursor = ScalarOffsetCursor(text)
        for (index, pick) in report.summary.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{\"start\": ")
            buffer.int(cursor.offset(of: pick.range.lowerBound))
            buffer.raw(", \"end\": ")
            buffer.int(cursor.offset(of: pick.range.upperBound))
            buffer.raw(", \"text\": ")
            buffer.string(pick.text)
            buffer.raw(", \"sentence\": ")
            buffer.int(pick.index + 1)
            buffer.raw(", \"score\": ")
            buffer.number(pick.score)
            buffer.raw(", \"features\": {")
            for (featureIndex, (name, value)) in features(pick.features).enumerated() {
                if featureIndex > 0 { buffer.raw(", ") }
                buffer.string(name)
                buffer.raw(": ")
                buffer.number(value)
            }
            buffer.raw("}, \"suggestions\": {")
            for (languageIndex, group) in pick.suggestions.enumerated() {
                if languageIndex > 0 { buffer.raw(", ") }
                buffer.string(group.language.description)
                buffer.raw(": [")
                for (matchIndex, match) in group.matches.enumerated() {
                    if matchIndex > 0 { buffer.raw(", ") }
                    writeMatch(match, to: &buffer)
                }
                buffer.raw("]")
            }
            buffer.raw("}}")
        }
        buffer.raw("], \"candidates\": ")
        buffer.int(report.candidateCount)
        buffer.raw(", \"furniture\": ")
        SummaryWriter.writeExcluded(report.furniture.map { ($0.range, $0.kind, $0.reason) }, of: text, to: &buffer)
        buffer.raw(", \"targets\": [")
        for (index, target) in report.targets.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.string(target.description)
        }
        buffer.raw("], \"memory\": ")
        if let memory { buffer.string(memory) } else { buffer.raw("null") }
        buffer.raw(", \"warnings\": [")
        for (index, warning) in report.warnings.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.string(warning)
        }
        buffer.raw("]")
    }

    static func writeMatch(_ match: Match, to buffer: inout JSONBuffer) {
        buffer.raw("{\"score\": ")
        buffer.number(match.score, digits: 1)
        buffer.raw(", \"label\": ")
        buffer.string(match.label)
        buffer.raw(", \"source\": ")
        buffer.string(match.source)
        buffer.raw(", \"target\": ")
        buffer.string(match.target)
        buffer.raw(", \"numbers_replaced\": ")
        buffer.raw(match.repaired ? "true" : "false")
        buffer.raw(", \"origin\": ")
        buffer.string(match.origin)
        buffer.raw(", \"diff\": [")
        for (index, step) in match.diff.enumerated() {
            if index > 0 { buffer.raw(", ") }
            switch step {
            case .same(let token):
                buffer.raw("{\"same\": ")
                buffer.string(token)
            case .replaced(let source, let query):
                buffer.raw("{\"stored\": ")
                buffer.string(source)
                buffer.raw(", \"report\": ")
                buffer.string(query)
            case .added(let token):
                buffer.raw("{\"report\": ")
                buffer.string(token)
            case .removed(let token):
                buffer.raw("{\"stored\": ")
                buffer.string(token)
            }
            buffer.raw("}")
        }
        buffer.raw("]}")
    }

    static func features(_ features: SentenceFeatures?) -> [(String, Double)] {
        guard let features else { return [] }
        return [
            ("position", features.position), ("centrality", features.centrality), ("entities", features.entities),
            ("numbers", features.numbers),
        ]
    }

    // MARK: Text

    /// A report for a person: the names changed with their reasons, the summary with its
    /// scores and suggestions, the furniture left out.
    static func writeText(
        _ report: DeskReport, origin: String, memory: DeskMemory?, style: inout DeskStyle, to buffer: inout JSONBuffer
    ) {
        let text = report.source
        var language = report.language.description
        if let guess = report.detected { language += String(format: ", detected %.0f %%", guess.confidence * 100) }
        buffer.raw(style.bold(origin) + "  " + style.dim("\(language) · \(report.sentences.count) sentences · ")
            + style.dim("\(text.unicodeScalars.count) characters") + "\n")

        // Names.
        buffer.raw("\n" + style.bold("Names") + "  ")
        if !report.namesChecked {
            buffer.raw("not checked (no names for \(report.language))\n")
        } else if report.names.isEmpty {
            buffer.raw("no change\n")
        } else {
            buffer.raw("\(report.names.count) change\(report.names.count == 1 ? "" : "s")\n")
            var cursor = LineColumnCursor(text, file: "")
            let places = report.names.map { String(cursor.location(of: $0.range.lowerBound).dropFirst()) }
            let width = places.map(\.count).max() ?? 0
            for (name, place) in zip(report.names, places) {
                let line = "  " + place.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + style.removed(String(text[name.range])) + " → " + style.added(name.replacement)
                    + style.dim(String(format: "  %@, %@, %.2f", name.kind.rawValue, name.entity, name.confidence))
                buffer.raw(line + "\n")
                buffer.raw(String(repeating: " ", count: width + 4) + style.dim(name.reason) + "\n")
            }
        }
        if !report.repairs.isEmpty {
            buffer.raw("\n" + style.bold("Unicode") + "  \(report.repairs.count) repair\(report.repairs.count == 1 ? "" : "s")")
            let kinds = Dictionary(grouping: report.repairs, by: { $0.kind.name }).map { "\($0.value.count) \($0.key)" }.sorted()
            buffer.raw(" (" + kinds.joined(separator: ", ") + ")\n")
        }

        // Summary.
        buffer.raw("\n" + style.bold("Summary") + "  \(report.summary.count) of \(report.candidateCount) sentences")
        buffer.raw(style.dim("  (score = position, centrality, entities, numbers; see summarize --explain)") + "\n")
        for (index, pick) in report.summary.enumerated() {
            let scores = features(pick.features).map { String(format: "%@ %.2f", $0.0, $0.1) }.joined(separator: " · ")
            buffer.raw(String(format: "  %d. ", index + 1) + pick.text + "\n")
            buffer.raw("     " + style.dim(String(format: "sentence %d, score %.2f", pick.index + 1, pick.score)
                + (scores.isEmpty ? "" : ": " + scores)) + "\n")
            var lastDiff = ""
            for group in pick.suggestions {
                guard let best = group.matches.first else {
                    buffer.raw("     " + style.bold(group.language.description.padding(toLength: 3, withPad: " ", startingAt: 0))
                        + style.dim("        no match") + "\n")
                    continue
                }
                for match in group.matches where match.score >= best.score - 10 || match.unitID == best.unitID {
                    let percent = String(format: "%3.0f %%", match.score)
                    buffer.raw("     " + style.bold(group.language.description.padding(toLength: 3, withPad: " ", startingAt: 0))
                        + " " + percent + "  " + match.target
                        + (match.repaired ? style.dim("  (numbers replaced)") : "") + "\n")
                    // Units with several languages share their English source: one diff is enough.
                    let diff = wordDiff(match.diff, style: style)
                    if !diff.isEmpty, diff != lastDiff { buffer.raw("             " + style.dim("stored: ") + diff + "\n") }
                    lastDiff = diff
                }
            }
        }
        if report.summary.isEmpty { buffer.raw("  (nothing to summarise)\n") }

        // Furniture.
        if !report.furniture.isEmpty {
            buffer.raw("\n" + style.bold("Left out") + "  \(report.furniture.count) line\(report.furniture.count == 1 ? "" : "s") of page furniture\n")
            var cursor = LineColumnCursor(text, file: "")
            let rows = report.furniture.map { piece in
                (String(cursor.location(of: piece.range.lowerBound).dropFirst()), piece.reason, String(text[piece.range]))
            }
            let placeWidth = rows.map(\.0.count).max() ?? 0
            let reasonWidth = rows.map(\.1.count).max() ?? 0
            for (place, reason, line) in rows {
                buffer.raw("  " + place.padding(toLength: placeWidth, withPad: " ", startingAt: 0) + "  "
                    + style.dim(reason.padding(toLength: reasonWidth, withPad: " ", startingAt: 0)) + "  " + line + "\n")
            }
        }

        // Memory.
        buffer.raw("\n" + style.bold("Memory") + "  ")
        if let path = memory?.store?.location {
            let targets = report.targets.map(\.description).joined(separator: ", ")
            buffer.raw(path + (targets.isEmpty ? " (no other language)" : " → " + targets) + "\n")
        } else {
            buffer.raw("off\n")
        }
    }

    /// The stored source against the report's sentence, word by word: `[-old-]{+new+}`
    /// (red and green on a terminal); empty when they are the same.
    static func wordDiff(_ steps: [MatchScorer.DiffStep], style: DeskStyle) -> String {
        guard steps.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }
        var parts: [String] = []
        for step in steps {
            switch step {
            case .same(let token): parts.append(token)
            case .replaced(let source, let query):
                parts.append(style.colour ? style.removed(source) + style.added(query) : "[-\(source)-]{+\(query)+}")
            case .added(let token): parts.append(style.colour ? style.added(token) : "{+\(token)+}")
            case .removed(let token): parts.append(style.colour ? style.removed(token) : "[-\(token)-]")
            }
        }
        return parts.joined(separator: " ")
    }
}
