import ArgumentParser
import BylineAlign
import BylineNames
import BylineResources
import BylineSegment
import BylineTM
import BylineTMX
import BylineText
import Foundation

/// How `byline align` prints its beads.
enum AlignFormat: String, ExpressibleByArgument, CaseIterable {
    /// `[2, 3]:[2]`, one bead a line (the batch interface).
    case beads
    /// Source text, target text, confidence, bead shape: one bead a line.
    case tsv
    /// A TMX 1.4 file of the linking beads.
    case tmx
    /// One JSON document with every bead, its texts and confidence.
    case json
}

struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Align the sentences of two versions of a report (and store them in the translation memory).",
        discussion: """
            Both files are segmented into sentences (a dateline stays with the lede), unless \
            --lines says they already hold one sentence a line. Beads are 1-1, 1-0, 0-1, 2-1, \
            1-2, 2-2, 1-3 or 3-1, and more rarely 2-3, 3-2, 3-3, 1-4, 4-1, 1-5 or 5-1 (a \
            translator who splits long sentences, a list cut at every semicolon), found by \
            dynamic programming over sentence lengths, numbers, names across scripts, shared \
            words, the bundled dictionary of the pair and, with --db, the words the \
            translation memory has learned for the pair. Each bead has a \
            confidence from 0 to 1. --into-tm stores the linking beads as units of origin \
            "aligned", with their confidence, story and neighbouring sentences, in one \
            transaction.
            """)

    @Argument(help: "The source text (UTF-8).")
    var sourceFile: String

    @Argument(help: "The target text (UTF-8).")
    var targetFile: String

    @Option(name: .customLong("from"), help: "Language of the source text.")
    var sourceLanguage: String

    @Option(name: .customLong("to"), help: "Language of the target text.")
    var targetLanguage: String

    @Flag(help: "Take each line as one sentence, as given.")
    var lines = false

    @Option(help: "Output: \(AlignFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: AlignFormat = .beads

    @Option(name: [.short, .customLong("output")], help: "Write the output to this file (written whole, then moved into place).")
    var output: String?

    @Flag(help: "Store the linking beads in the translation memory.")
    var intoTm = false

    @Option(
        name: .customLong("db"),
        help: "The translation memory to learn from (and, with --into-tm, to fill). Default with --into-tm: as for byline tm.")
    var database: String?

    @Option(help: "File the stored units under this story id.")
    var story: String?

    @Flag(help: "Match names through the gazetteer's entities as well as by transliteration (the compiled name index).")
    var gazetteer = false

    @Flag(help: "Do not use the bundled word list of the pair (or of a close language, read by consonant outline).")
    var noDictionary = false

    func validate() throws {
        if story != nil, !intoTm { throw ValidationError("--story files stored units; give --into-tm as well") }
    }

    /// The word list bundled for a pair, or, for a pair without one, a close language's
    /// read as consonant outlines (``BilingualLexicon/outlines(of:standingFor:)``); both nil
    /// when there is neither.
    static func bundledWordLists(between from: LanguageTag, and to: LanguageTag, resources: ResourceBundle) throws
        -> (lexicon: BilingualLexicon?, outlines: BilingualLexicon?)
    {
        if let file = try resources.lexiconFile(between: from, and: to) {
            return (try BilingualLexicon(tsv: file.text, source: file.source, target: file.target), nil)
        }
        if let file = try resources.closeLanguageLexiconFile(between: from, and: to) {
            let related = try BilingualLexicon(tsv: file.text, source: file.source, target: file.target)
            return (nil, related.outlines(of: file.related, standingFor: file.standsFor))
        }
        return (nil, nil)
    }

    func run() throws {
        let from = LanguageTag(sourceLanguage), to = LanguageTag(targetLanguage)
        let resources = try ResourceBundle.locate()
        let sourceSentences = try readSentences(sourceFile, language: from, resources: resources)
        let targetSentences = try readSentences(targetFile, language: to, resources: resources)

        let store = try openStoreIfAsked()
        let memory = try store.map { try MemoryPairs(store: $0, from: from, to: to) }
        var stopWords = [from: try resources.stopWords(for: from).words]
        stopWords[to] = try resources.stopWords(for: to).words
        let bundled = noDictionary ? (lexicon: nil, outlines: nil) : try Self.bundledWordLists(between: from, and: to, resources: resources)
        var lexicon = bundled.lexicon
        if let memory, !memory.pairs.isEmpty {
            let learned = try BilingualLexicon.learned(from: memory.pairs, source: from, target: to, stopWords: stopWords)
            lexicon = lexicon.map { $0.merging(learned.source == $0.source ? learned : learned.reversed()) } ?? learned
        }
        let names: (any EntityNames)? = gazetteer ? Gazetteer(index: try NameIndexStore(resources: resources).load(note: { Diagnostics.note($0) })) : nil
        let aligner = Aligner(lexicon: lexicon, outlines: bundled.outlines, names: names, stopWords: stopWords)
        let alignment = try aligner.align(
            source: sourceSentences, from: from, target: targetSentences, to: to, lengthRatio: memory?.lengthRatio)
        warnAboutDoubts(alignment, sourceCount: sourceSentences.count, targetCount: targetSentences.count, to: to)

        let document = AlignedDocument(
            alignment: alignment, source: sourceSentences, target: targetSentences, from: from, to: to)
        // Without --into-tm the memory was opened to learn from, for reading only.
        if intoTm, let store {
            let report = try document.store(in: store, story: story)
            Diagnostics.error(
                "\(store.location): stored \(report.created) aligned unit(s) (\(report.duplicates) already there)")
        }
        try write(document)
    }

    private func readSentences(_ file: String, language: LanguageTag, resources: ResourceBundle) throws -> [String] {
        let text: SourceText
        do {
            text = try SourceText(decoding: try InputReader.readAll(file), language: language, origin: file)
        } catch let error as CLIError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        } catch let error as TextDecodingError {
            Diagnostics.error(error.location.description + ": invalid UTF-8; nothing was aligned")
            throw ExitCode(1)
        }
        if lines {
            var result = text.string.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }
            if result.last == "" { result.removeLast() }
            return result
        }
        let segmenter = try SentenceSegmenter(rules: try resources.segmentationRules(for: language))
        return segmenter.sentences(in: text.string).map { String(text.string[$0.range]) }
    }

    private func openStoreIfAsked() throws -> (any TranslationMemoryStore)? {
        guard intoTm || database != nil else { return nil }
        var options = DatabaseOptions()
        options.database = database
        // Storing beads may create the memory; learning from it only reads one that exists.
        return intoTm ? try options.openStoreForWriting() : try options.openStore()
    }

    /// Says on standard error when the result deserves a look: texts that seem unrelated
    /// (a file in another language, another story) or of very different lengths.
    private func warnAboutDoubts(_ alignment: Alignment, sourceCount: Int, targetCount: Int, to: LanguageTag) {
        if alignment.looksUnrelated, sourceCount > 0, targetCount > 0 {
            let links = alignment.beads.filter(\.isLink).count
            Diagnostics.warning(
                "\(targetFile): low confidence (mean \(format(alignment.meanConfidence)), \(links) of "
                    + "\(max(sourceCount, targetCount)) sentences linked); is it the same story, written in \(to)?")
        }
        let shorter = min(sourceCount, targetCount), longer = max(sourceCount, targetCount)
        if shorter > 0, longer >= 3 * shorter, longer >= 6 {
            Diagnostics.warning(
                "\(sourceFile) has \(sourceCount) sentences and \(targetFile) \(targetCount); most of the longer one stays unmatched")
        }
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }

    private func write(_ document: AlignedDocument) throws {
        if format == .tmx {
            let path = output ?? NSTemporaryDirectory() + "byline-align-\(getpid()).tmx"
            try document.writeTMX(to: path)
            if output == nil {
                defer { try? FileManager.default.removeItem(atPath: path) }
                var out = StandardOutput()
                try out.write { $0.raw((try? String(contentsOfFile: path, encoding: .utf8)) ?? "") }
                try out.finish()
            }
            return
        }
        var buffer = JSONBuffer()
        switch format {
        case .beads: document.writeBeads(to: &buffer)
        case .tsv: document.writeTSV(to: &buffer)
        case .json: document.writeJSON(to: &buffer)
        case .tmx: break
        }
        if let output {
            try AtomicFile.write(buffer.bytes, to: output)
        } else {
            var out = StandardOutput()
            try out.write { $0.bytes.append(contentsOf: buffer.bytes) }
            try out.finish()
        }
    }
}

/// The memory's units of one language pair, read once for the aligner.
struct MemoryPairs {
    var pairs: [(source: String, target: String)] = []
    /// Target characters per source character over the stored pairs, when there are enough.
    var lengthRatio: Double?

    /// Fewer units than this leave the ratio to the texts being aligned.
    static let minimumForRatio = 20

    init(store: any TranslationMemoryStore, from: LanguageTag, to: LanguageTag) throws {
        var sourceLength = 0, targetLength = 0
        let collected = Lent<[(source: String, target: String)]>([])
        do {
            _ = try awaitResult {
                try await store.exportUnits(matching: ExportFilter(languages: [from, to])) { unit in
                    guard let source = unit.variant(in: from)?.segment.plainText,
                        let target = unit.variant(in: to)?.segment.plainText, !source.isEmpty, !target.isEmpty
                    else { return }
                    collected.value.append((source, target))
                }
            }
            pairs = collected.value
            for (source, target) in pairs {
                sourceLength += source.unicodeScalars.count
                targetLength += target.unicodeScalars.count
            }
        } catch let error as TMStoreError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        }
        if pairs.count >= Self.minimumForRatio, sourceLength > 0 {
            lengthRatio = Double(targetLength) / Double(sourceLength)
        }
    }
}

/// Writes a file whole: to a temporary file beside it, then renamed into place.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw CLIError.input("\(path): cannot write: \(reason)")
            }
        } catch let error as CLIError {
            Diagnostics.error(error.description)
            throw ExitCode(1)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            Diagnostics.error("\(path): cannot write: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
