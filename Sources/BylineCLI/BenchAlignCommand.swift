import ArgumentParser
import BylineAlign
import BylineResources
import BylineText
import Foundation

/// Times the sentence aligner on one core against the same alignment with lengths alone,
/// both in this run, so the ratio holds however loaded the machine is.
struct BenchAlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Sentence alignment speed (sentences/s) and peak memory on one core.",
        discussion: """
            SRC and TGT hold one sentence a line. --copies N aligns N copies of each file \
            joined end to end (a long pair from a short one). Reports the median of --repeats \
            timed alignments, dictionary and features included, next to a length-only run of \
            the same dynamic programme. Build with -c release first.
            """)

    @Argument(help: "Source sentences, one a line.")
    var sourceFile: String

    @Argument(help: "Target sentences, one a line.")
    var targetFile: String

    @Option(name: .customLong("from"), help: "Language of the source.")
    var sourceLanguage: String

    @Option(name: .customLong("to"), help: "Language of the target.")
    var targetLanguage: String

    @Option(help: "Join this many copies of each file.")
    var copies: Int = 1

    @Option(help: "Timed runs; the median is reported.")
    var repeats: Int = 5

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard repeats >= 1, copies >= 1 else { throw ValidationError("--repeats and --copies must be at least 1") }
    }

    func run() throws {
        let from = LanguageTag(sourceLanguage), to = LanguageTag(targetLanguage)
        let resources = try ResourceBundle.locate()
        func lines(_ file: String, _ language: LanguageTag) throws -> [String] {
            let text = try SourceText(decoding: try InputReader.readAll(file), language: language, origin: file)
            var result = text.string.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if result.last == "" { result.removeLast() }
            return Array([[String]](repeating: result, count: copies).joined())
        }
        let source = try lines(sourceFile, from), target = try lines(targetFile, to)
        var stopWords = [from: try resources.stopWords(for: from).words]
        stopWords[to] = try resources.stopWords(for: to).words
        let loadStart = DispatchTime.now().uptimeNanoseconds
        let lexicon = try resources.lexiconFile(between: from, and: to).map {
            try BilingualLexicon(tsv: $0.text, source: $0.source, target: $0.target)
        }
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
        let aligner = Aligner(lexicon: lexicon, stopWords: stopWords)
        var lengthsOnly = AlignmentParameters()
        lengthsOnly.lexicalWeight = 0
        let baseline = Aligner(parameters: lengthsOnly)

        func time(_ aligner: Aligner) throws -> (Double, Int) {
            var seconds: [Double] = []
            var beads = 0
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                beads = try aligner.align(source: source, from: from, target: target, to: to).beads.count
                seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return (seconds.sorted()[seconds.count / 2], beads)
        }
        let (full, beads) = try time(aligner)
        let (lengths, _) = try time(baseline)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMegabytes = Double(usage.ru_maxrss) / 1024
        let sentences = source.count + target.count
        var output = StandardOutput()
        try output.write { buffer in
            switch format {
            case .json, .jsonl:
                buffer.raw("{\"source_sentences\": \(source.count), \"target_sentences\": \(target.count), \"beads\": \(beads)")
                buffer.raw(", \"repeats\": \(repeats), \"seconds\": ")
                buffer.number(full, digits: 6)
                buffer.raw(", \"sentences_per_s\": ")
                buffer.number(Double(sentences) / full, digits: 0)
                buffer.raw(", \"length_only_seconds\": ")
                buffer.number(lengths, digits: 6)
                buffer.raw(", \"dictionary_load_seconds\": ")
                buffer.number(loadSeconds, digits: 6)
                buffer.raw(", \"peak_rss_mb\": ")
                buffer.number(peakMegabytes, digits: 1)
                buffer.raw("}\n")
            case .text:
                let rows = [
                    ("input", "\(source.count) + \(target.count) sentences (\(from) → \(to)), \(beads) beads"),
                    ("align", String(format: "%8.3f s  %9.0f sentences/s  (median of %d, one core)", full, Double(sentences) / full, repeats)),
                    ("lengths", String(format: "%8.3f s  (same search, length model alone; %.1f× faster)", lengths, full / max(lengths, 1e-9))),
                    ("dictionary", String(format: "%8.3f s  to load the bundled word list", loadSeconds)),
                    ("memory", String(format: "%8.1f MB peak resident", peakMegabytes)),
                ]
                for (label, value) in rows { buffer.raw(label.padding(toLength: 11, withPad: " ", startingAt: 0) + value + "\n") }
            }
        }
        try output.finish()
    }
}
