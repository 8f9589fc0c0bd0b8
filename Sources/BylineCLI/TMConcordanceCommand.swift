import ArgumentParser
import BylineTM
import BylineText
import Foundation

struct TMConcordanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concordance",
        abstract: "Find stored segments containing words, with their translations.",
        discussion: """
            All the words must occur, in any order; "a phrase" in double quotes stays a \
            phrase. A word finds its inflected forms (процент finds процентов; a long word is \
            also searched by its stem). Case is folded by the language's rules (BAKIDA finds \
            Bakıda) and accents are ignored. Matches are highlighted on a terminal and given as \
            scalar ranges in JSON. Reads only.
            """)

    @Argument(help: "The words to find.")
    var words: String

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("lang"), help: "Search only variants in this language.")
    var language: String?

    @Option(name: .customLong("max"), help: "At most this many hits.")
    var maximum: Int = 20

    @Option(help: "Output format: text (aligned, for a person) or json (one object).")
    var format: ReportFormat = .text

    func run() throws {
        let store = try database.openStore()
        let (words, language, maximum) = (words, language.map { LanguageTag($0) }, maximum)
        let hits = try awaitOrExit { try await store.concordance(words, language: language, limit: maximum) }
        var output = StandardOutput()
        let colour = Terminal.columns != nil
        try output.write { buffer in
            if format != .text {
                Self.writeJSON(hits, to: &buffer)
                buffer.raw("\n")
                return
            }
            if hits.isEmpty { buffer.raw("no stored segment contains \(words)\n") }
            for hit in hits {
                var scalars = Array(hit.text.unicodeScalars)
                for range in hit.highlights.reversed() where range.upperBound <= scalars.count {
                    let open: [Unicode.Scalar] = colour ? Array("\u{1B}[1;4m".unicodeScalars) : ["["]
                    let close: [Unicode.Scalar] = colour ? Array("\u{1B}[0m".unicodeScalars) : ["]"]
                    scalars.insert(contentsOf: close, at: range.upperBound)
                    scalars.insert(contentsOf: open, at: range.lowerBound)
                }
                buffer.raw("\(hit.language.description.padding(toLength: 6, withPad: " ", startingAt: 0)) ")
                buffer.raw(String(String.UnicodeScalarView(scalars)) + "\n")
                for translation in hit.translations {
                    buffer.raw("  \(translation.language.description.padding(toLength: 6, withPad: " ", startingAt: 0))")
                    buffer.raw(translation.text + "\n")
                }
            }
        }
        try output.finish()
    }

    /// The hits as one JSON object.
    static func writeJSON(_ hits: [ConcordanceHit], to buffer: inout JSONBuffer) {
        buffer.raw("{\"hits\": [")
        for (index, hit) in hits.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.raw("{\"unit\": \(hit.unitID), \"lang\": ")
            buffer.string(hit.language.description)
            buffer.raw(", \"text\": ")
            buffer.string(hit.text)
            buffer.raw(", \"highlights\": [" + hit.highlights.map { "[\($0.lowerBound), \($0.upperBound)]" }.joined(separator: ", ") + "]")
            buffer.raw(", \"translations\": [")
            for (position, translation) in hit.translations.enumerated() {
                if position > 0 { buffer.raw(", ") }
                buffer.raw("{\"lang\": ")
                buffer.string(translation.language.description)
                buffer.raw(", \"text\": ")
                buffer.string(translation.text)
                buffer.raw("}")
            }
            buffer.raw("]}")
        }
        buffer.raw("]}")
    }
}
