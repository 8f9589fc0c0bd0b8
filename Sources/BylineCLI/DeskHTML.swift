import BylineDesk
import BylineTM
import BylineText
import Foundation

/// The desk's report as one self-contained HTML page: no script, font, style sheet or
/// image from anywhere else, so it opens the same offline and leaks nothing.
enum DeskHTML {
    static func page(_ report: DeskReport, origin: String, memory: String?) -> String {
        let text = report.source
        var html = """
            <!DOCTYPE html>
            <html lang="\(escape(report.language.description))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(origin)) — Byline desk</title>
            <style>
            body { font: 16px/1.5 Georgia, "Noto Serif", serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1c1c1c; }
            h1 { font-size: 1.3rem; margin-bottom: 0.2rem; } h2 { font-size: 1.05rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
            .meta, .scores, .reason, .furniture td { color: #666; font-size: 0.85rem; }
            mark.name { background: #fff1a8; border-bottom: 2px solid #c9a400; cursor: help; }
            .furniture-line { color: #999; text-decoration: line-through; }
            .pick { margin: 1rem 0; } .pick p { margin: 0.2rem 0; }
            .suggestion { margin: 0.3rem 0 0.3rem 1.5rem; } .percent { font-weight: bold; display: inline-block; min-width: 4.5rem; }
            del { color: #a40000; } ins { color: #006b1f; text-decoration: none; }
            .report p { margin: 0 0 0.8rem 0; white-space: pre-wrap; }
            table { border-collapse: collapse; } td { padding: 0.1rem 0.6rem 0.1rem 0; vertical-align: top; }
            </style>
            </head>
            <body>
            <h1>\(escape(origin))</h1>

            """
        var meta = "\(report.language)"
        if let guess = report.detected { meta += String(format: " (detected, %.0f %% sure)", guess.confidence * 100) }
        meta += " · \(report.sentences.count) sentences · \(text.unicodeScalars.count) characters"
        html += "<p class=\"meta\">\(escape(meta))</p>\n"
        for warning in report.warnings { html += "<p class=\"meta\">warning: \(escape(warning))</p>\n" }

        html += "<h2>Summary</h2>\n"
        for (index, pick) in report.summary.enumerated() {
            html += "<div class=\"pick\"><p>\(index + 1). \(escape(pick.text))</p>\n"
            let scores = DeskWriter.features(pick.features).map { String(format: "%@ %.2f", $0.0, $0.1) }
                .joined(separator: " · ")
            html += "<p class=\"scores\">sentence \(pick.index + 1), score \(String(format: "%.2f", pick.score))"
                + (scores.isEmpty ? "" : ": " + escape(scores)) + "</p>\n"
            for group in pick.suggestions {
                if group.matches.isEmpty {
                    html += "<p class=\"suggestion\"><span class=\"percent\">\(escape(group.language.description))</span> no match</p>\n"
                }
                for match in group.matches {
                    html += "<p class=\"suggestion\" lang=\"\(escape(group.language.description))\">"
                        + "<span class=\"percent\">\(escape(group.language.description)) \(String(format: "%.0f", match.score)) %</span>"
                        + escape(match.target) + "<br><span class=\"reason\">stored: " + diff(match.diff, fallback: match.source)
                        + "</span></p>\n"
                }
            }
            html += "</div>\n"
        }

        html += "<h2>Report, names corrected</h2>\n<div class=\"report\">\n"
        html += annotated(report)
        html += "</div>\n"

        if !report.furniture.isEmpty {
            html += "<h2>Page furniture left out</h2>\n<table class=\"furniture\">\n"
            for piece in report.furniture {
                html += "<tr><td>\(escape(String(text[piece.range])))</td><td>\(escape(piece.reason))</td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "<p class=\"meta\">Memory: \(escape(memory ?? "off"))"
        if !report.targets.isEmpty { html += " → " + escape(report.targets.map(\.description).joined(separator: ", ")) }
        html += "</p>\n</body>\n</html>\n"
        return html
    }

    /// The report as received, paragraph by paragraph, with each changed name marked and
    /// its reason on hover, and furniture struck through.
    private static func annotated(_ report: DeskReport) -> String {
        let text = report.source
        enum Mark { case name(DeskReport.NameFix), furniture }
        var marks: [(TextRange, Mark)] = report.names.map { ($0.range, .name($0)) }
        marks += report.furniture.map { ($0.range, .furniture) }
        marks.sort { $0.0.lowerBound < $1.0.lowerBound }
        var body = ""
        var position = text.startIndex
        for (range, mark) in marks where range.lowerBound >= position {
            body += escape(String(text[position..<range.lowerBound]))
            switch mark {
            case .name(let fix):
                body += "<mark class=\"name\" title=\"\(escape(String(text[range]))) → \(escape(fix.replacement)): "
                    + "\(escape(fix.reason))\">\(escape(fix.replacement))</mark>"
            case .furniture:
                body += "<span class=\"furniture-line\">\(escape(String(text[range])))</span>"
            }
            position = range.upperBound
        }
        body += escape(String(text[position...]))
        return body.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map { "<p>\($0.trimmingCharacters(in: .newlines))</p>\n" }.joined()
    }

    private static func diff(_ steps: [MatchScorer.DiffStep], fallback: String) -> String {
        guard !steps.isEmpty else { return escape(fallback) }
        return steps.map { step in
            switch step {
            case .same(let token): escape(token)
            case .replaced(let source, let query): "<del>\(escape(source))</del> <ins>\(escape(query))</ins>"
            case .added(let token): "<ins>\(escape(token))</ins>"
            case .removed(let token): "<del>\(escape(token))</del>"
            }
        }.joined(separator: " ")
    }

    /// Text safe inside an element or a quoted attribute.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
