import ArgumentParser
import BylineDesk
import BylineSegment
import BylineText
import Foundation

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for a person.
    case text
    /// One JSON document.
    case json
    /// One JSON object per line.
    case jsonl
}

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Split a report into sentences (and words), with offsets into the original.",
        discussion: """
            Sentences follow ICU's rules for the language plus newsroom rules: abbreviations, \
            initials, ordinals, quotations with their attribution, dialogue dashes, datelines. \
            A line break ends a sentence unless --unwrap is given.

            With --batch, reads JSON Lines {"id", "lang", "text"} on standard input and writes \
            {"id", "sentences": [{"text", "start", "end"}]} per line; offsets count Unicode scalars.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("lang"), help: "BCP 47 language tag of the text (en, ru, az, tr, de, …; und for none). Detected when left out (the choice is said on standard error; exit 64 when unsure).")
    var language: String?

    @Flag(help: "List the words of each sentence (letters, numbers, kana, ideographs).")
    var words = false

    @Option(help: "Output format: text (aligned rows for a person), json (one object) or jsonl (one sentence a line).")
    var format: OutputFormat = .text

    @Flag(help: "Join hard-wrapped lines (wire copy, PDF text) before segmenting.")
    var unwrap = false

    @Flag(help: "Make a dateline (\"BAKU, Nov 1 (TURAN) —\") a sentence of its own instead of part of the lede.")
    var separateDatelines = false

    @OptionGroup var batchOptions: BatchOptions

    func run() throws {
        let context = try SegmentationContext(
            options: SentenceSegmenter.Options(unwrap: unwrap, attachDatelines: !separateDatelines),
            notice: { Diagnostics.warning($0) })
        let given = language.map { LanguageTag($0) }
        if batchOptions.batch {
            let runner = BatchRunner<SegmentRequest>(options: batchOptions) { request, _, reply in
                guard let text = request.text else { throw BatchLineError(message: "missing field \"text\"") }
                let language = try LanguageChoice.forLine(request.lang, given: given, text: text)
                let result = try Self.segment(text, language: language, context: context, words: words)
                reply.raw(", \"sentences\": ")
                Self.writeSentences(result, in: text, to: &reply, withWords: words)
            }
            if try !runner.run() { throw ExitCode(1) }
            return
        }
        let source = try input.readOrExit(language: given ?? "und")
        let defaultLanguage = try LanguageChoice.resolve(given, for: source)
        var output = StandardOutput()
        switch format {
        case .json, .jsonl:
            let sentences = try context.sentenceSegmenter(for: defaultLanguage).sentences(in: source.string)
            if format == .json {
                try output.write { buffer in
                    buffer.raw("{\"language\": ")
                    buffer.string(defaultLanguage.description)
                    buffer.raw(", \"sentences\": [")
                }
            }
            var stream = SentenceStream(text: source.string, sentences: sentences, separator: format == .json ? ", " : "\n",
                                        withWords: words)
            if words {
                let segmenter = try context.wordSegmenter(for: defaultLanguage)
                var text = source.string
                var failure: (any Error)?
                text.withUTF8 { bytes in
                    var lower = source.string.utf8.startIndex
                    segmenter.forEachToken(in: bytes) { range, kind in
                        let upper = source.string.utf8.index(lower, offsetBy: range.count)
                        defer { lower = upper }
                        guard failure == nil, kind.isWordLike else { return }
                        do { try stream.add(Word(range: lower..<upper, kind: kind), to: &output) } catch { failure = error }
                    }
                }
                if let failure { throw failure }
            }
            try stream.finish(to: &output)
            try output.write { $0.raw(format == .json ? "]}\n" : (sentences.isEmpty ? "" : "\n")) }
        case .text:
            let sentences = try context.sentenceSegmenter(for: defaultLanguage).sentences(in: source.string)
            let wordSegmenter = words ? try context.wordSegmenter(for: defaultLanguage) : nil
            try writeTable(sentences, wordSegmenter: wordSegmenter, in: source.string, to: &output)
        }
        try output.finish()
    }

    /// A sentence and, when asked for, its word-like tokens.
    struct SegmentedSentence {
        var sentence: Sentence
        var words: [Word]
    }

    static func segment(_ text: String, language: LanguageTag, context: SegmentationContext, words: Bool) throws
        -> [SegmentedSentence]
    {
        let sentences = try context.sentenceSegmenter(for: language).sentences(in: text)
        guard words else { return sentences.map { SegmentedSentence(sentence: $0, words: []) } }
        let tokens = try context.wordSegmenter(for: language).words(in: text).filter(\.kind.isWordLike)
        var result: [SegmentedSentence] = []
        result.reserveCapacity(sentences.count)
        var index = 0
        for sentence in sentences {
            while index < tokens.count, tokens[index].range.lowerBound < sentence.range.lowerBound { index += 1 }
            var inside: [Word] = []
            while index < tokens.count, tokens[index].range.upperBound <= sentence.range.upperBound {
                inside.append(tokens[index])
                index += 1
            }
            result.append(SegmentedSentence(sentence: sentence, words: inside))
        }
        return result
    }

    static func writeSentences(_ result: [SegmentedSentence], in text: String, to buffer: inout JSONBuffer, withWords: Bool) {
        var cursor = ScalarOffsetCursor(text)
        buffer.raw("[")
        for (index, item) in result.enumerated() {
            if index > 0 { buffer.raw(", ") }
            writeSentence(item, in: text, cursor: &cursor, to: &buffer, withWords: withWords)
        }
        buffer.raw("]")
    }

    private static func writeSentence(
        _ item: SegmentedSentence, in text: String, cursor: inout ScalarOffsetCursor, to buffer: inout JSONBuffer,
        withWords: Bool
    ) {
        buffer.raw("{\"text\": ")
        buffer.string(text[item.sentence.range])
        buffer.raw(", \"start\": ")
        buffer.int(cursor.offset(of: item.sentence.range.lowerBound))
        var wordsJSON = JSONBuffer(capacity: 0)
        if withWords {
            wordsJSON.raw(", \"words\": [")
            for (index, word) in item.words.enumerated() {
                if index > 0 { wordsJSON.raw(", ") }
                wordsJSON.raw("{\"text\": ")
                wordsJSON.string(text[word.range])
                wordsJSON.raw(", \"start\": ")
                wordsJSON.int(cursor.offset(of: word.range.lowerBound))
                wordsJSON.raw(", \"end\": ")
                wordsJSON.int(cursor.offset(of: word.range.upperBound))
                wordsJSON.raw(", \"kind\": ")
                wordsJSON.string(word.kind.name)
                wordsJSON.raw("}")
            }
            wordsJSON.raw("]")
        }
        buffer.raw(", \"end\": ")
        buffer.int(cursor.offset(of: item.sentence.range.upperBound))
        buffer.bytes.append(contentsOf: wordsJSON.bytes)
        buffer.raw("}")
    }

    /// Aligned columns: number, scalar range, sentence (line breaks shown as ↵); words
    /// indented below when asked for.
    ///
    /// The column widths come from a first pass over the sentence boundaries alone; the rows
    /// are then written while the word segmenter walks the text, holding one sentence's
    /// words at a time.
    private func writeTable(
        _ sentences: [Sentence], wordSegmenter: WordSegmenter?, in text: String, to output: inout StandardOutput
    ) throws {
        var cursor = ScalarOffsetCursor(text)
        var spans: [String] = []
        spans.reserveCapacity(sentences.count)
        for sentence in sentences {
            let start = cursor.offset(of: sentence.range.lowerBound)
            spans.append("\(start)–\(cursor.offset(of: sentence.range.upperBound))")
        }
        let numberWidth = String(sentences.count).count
        let spanWidth = spans.map(\.count).max() ?? 1
        let bodyWidth = Terminal.columns.map { max(20, $0 - numberWidth - spanWidth - 4) }
        var wordCursor = ScalarOffsetCursor(text)
        var current = 0
        var wordRows: [(span: String, kind: String, word: Substring)] = []

        func writeRows(endingBy position: String.Index) throws {
            while current < sentences.count, sentences[current].range.upperBound <= position {
                let number = String(current + 1)
                let span = spans[current]
                let body = text[sentences[current].range].replacingOccurrences(of: "\r\n", with: "↵")
                    .replacingOccurrences(of: "\n", with: "↵")
                try output.write { buffer in
                    buffer.raw(String(repeating: " ", count: numberWidth - number.count) + number + "  ")
                    buffer.raw(span + String(repeating: " ", count: spanWidth - span.count) + "  ")
                    buffer.raw(Terminal.fit(body, width: bodyWidth) + "\n")
                    let wordSpanWidth = wordRows.map(\.span.count).max() ?? 0
                    for row in wordRows {
                        buffer.raw(String(repeating: " ", count: numberWidth + 2))
                        buffer.raw(row.span + String(repeating: " ", count: wordSpanWidth - row.span.count))
                        buffer.raw("  " + row.kind + String(repeating: " ", count: 11 - row.kind.count))
                        buffer.bytes.append(contentsOf: row.word.utf8)
                        buffer.raw("\n")
                    }
                }
                wordRows.removeAll(keepingCapacity: true)
                current += 1
            }
        }

        if let wordSegmenter {
            var copy = text
            var failure: (any Error)?
            copy.withUTF8 { bytes in
                var lower = text.utf8.startIndex
                wordSegmenter.forEachToken(in: bytes) { range, kind in
                    let upper = text.utf8.index(lower, offsetBy: range.count)
                    defer { lower = upper }
                    guard failure == nil, kind.isWordLike else { return }
                    do {
                        try writeRows(endingBy: lower)
                        guard current < sentences.count, sentences[current].range.lowerBound <= lower,
                            upper <= sentences[current].range.upperBound
                        else { return }
                        let start = wordCursor.offset(of: lower)
                        wordRows.append(("\(start)–\(wordCursor.offset(of: upper))", kind.name, text[lower..<upper]))
                    } catch {
                        failure = error
                    }
                }
            }
            if let failure { throw failure }
        }
        try writeRows(endingBy: text.endIndex)
    }
}

/// Writes sentences, and the words inside each, as JSON while the word segmenter walks
/// the text, so output of any size never sits in memory whole.
///
/// Offsets come from two forward cursors, one over sentence boundaries and one over
/// words, so a sentence's `end` can precede its words in the object.
struct SentenceStream {
    private let text: String
    private let sentences: [Sentence]
    private let separator: String
    private let withWords: Bool
    private var sentenceCursor: ScalarOffsetCursor
    private var wordCursor: ScalarOffsetCursor
    /// The sentence words are being added to, and whether its object is open.
    private var current = 0
    private var isOpen = false
    private var wordsInCurrent = 0

    init(text: String, sentences: [Sentence], separator: String, withWords: Bool) {
        self.text = text
        self.sentences = sentences
        self.separator = separator
        self.withWords = withWords
        sentenceCursor = ScalarOffsetCursor(text)
        wordCursor = ScalarOffsetCursor(text)
    }

    /// Adds a word-like token; tokens come in text order, and one outside every sentence
    /// (or across two) is left out.
    mutating func add(_ word: Word, to output: inout StandardOutput) throws {
        try closeSentences(endingBy: word.range.lowerBound, to: &output)
        guard current < sentences.count, sentences[current].range.lowerBound <= word.range.lowerBound,
            word.range.upperBound <= sentences[current].range.upperBound
        else { return }
        try output.write { buffer in
            if !isOpen { open(to: &buffer) }
            if wordsInCurrent > 0 { buffer.raw(", ") }
            wordsInCurrent += 1
            buffer.raw("{\"text\": ")
            buffer.string(text[word.range])
            buffer.raw(", \"start\": ")
            buffer.int(wordCursor.offset(of: word.range.lowerBound))
            buffer.raw(", \"end\": ")
            buffer.int(wordCursor.offset(of: word.range.upperBound))
            buffer.raw(", \"kind\": ")
            buffer.string(word.kind.name)
            buffer.raw("}")
        }
    }

    /// Writes every sentence not written yet.
    mutating func finish(to output: inout StandardOutput) throws {
        try closeSentences(endingBy: text.endIndex, to: &output)
    }

    private mutating func closeSentences(endingBy position: String.Index, to output: inout StandardOutput) throws {
        while current < sentences.count, sentences[current].range.upperBound <= position {
            try output.write { buffer in
                if !isOpen { open(to: &buffer) }
                buffer.raw(withWords ? "]}" : "}")
            }
            current += 1
            isOpen = false
            wordsInCurrent = 0
        }
    }

    private mutating func open(to buffer: inout JSONBuffer) {
        let range = sentences[current].range
        if current > 0 { buffer.raw(separator) }
        buffer.raw("{\"text\": ")
        buffer.string(text[range])
        buffer.raw(", \"start\": ")
        buffer.int(sentenceCursor.offset(of: range.lowerBound))
        buffer.raw(", \"end\": ")
        buffer.int(sentenceCursor.offset(of: range.upperBound))
        if withWords { buffer.raw(", \"words\": [") }
        isOpen = true
    }
}

/// A `segment --batch` request line.
struct SegmentRequest: BatchRequest {
    var lang: String?
    var text: String?

    init(line: BatchLine) throws(BatchLineError) {
        lang = try line.string("lang")
        text = try line.string("text")
    }
}

extension Word.Kind {
    /// The name JSON and tables use.
    var name: String {
        switch self {
        case .letters: "letters"
        case .number: "number"
        case .kana: "kana"
        case .ideographic: "ideographic"
        case .other: "other"
        }
    }
}
