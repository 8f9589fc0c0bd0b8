import BylineText

/// Splits text into sentences: ICU's sentence rules (UAX #29) for the locale, then the
/// newsroom passes that ICU lacks.
///
/// The passes, each driven by ``SegmentationRules`` data rather than code tables:
/// - abbreviations are matched as whole tokens (`Dr.`, `etc.`, `т.е.`), single letters
///   as initials (`Jonas E. Smith`), numbers before a period as ordinals where the
///   language writes them so (`am 3. Oktober`, `2. kez`);
/// - `?` or `!` before a lower-case word, or before a quotation's attribution
///   (`"Why?" he asked.`, `"Neden?" diye sordu.`), does not end the sentence;
/// - a dash after terminal punctuation starts a new sentence (dialogue), except inside
///   an open «…» or “…” quotation or before a lower-case attribution;
/// - a period followed by a number ends a sentence (`… belgisi. 2007 yılında …`);
/// - a dateline (`WASHINGTON (Reuters) -`, `Москва, 5 марта.`) stays with its lede, a list
///   marker (`1.`) with its item, and stray punctuation with its sentence;
/// - a line break ends a sentence, unless ``Options/unwrap`` first joined hard-wrapped lines.
///
/// Boundaries are computed on the text's own UTF-8 bytes; every sentence is a range of
/// the original with no white space at either end. Not thread-safe: one per worker.
///
/// ```swift
/// let segmenter = try SentenceSegmenter(rules: SegmentationRules(language: "en"))
/// for sentence in segmenter.sentences(in: "Hello World. My name is Jonas.") { … }
/// ```
public final class SentenceSegmenter {
    /// Choices a caller can make about the passes.
    public struct Options: Sendable, Hashable {
        /// Join hard-wrapped lines (wire copy, PDF text) before segmenting; offsets
        /// still point into the original.
        public var unwrap: Bool
        /// Keep a dateline with the sentence it introduces.
        public var attachDatelines: Bool

        public init(unwrap: Bool = false, attachDatelines: Bool = true) {
            self.unwrap = unwrap
            self.attachDatelines = attachDatelines
        }
    }

    /// The language data the passes use.
    public let rules: SegmentationRules
    /// The ICU locale the rules resolved to; `isKnown` is false for a root fallback.
    public let locale: ICULocale
    /// The current options.
    public var options: Options

    let breaker: ICUBreaker
    /// Whether a lower-case word after a plain word and a period opens a new sentence.
    var lowercaseStartsSentence = true

    /// Opens ICU's sentence iterator for the rules' language.
    /// - Throws: ``SegmentationError/icu(function:code:name:)`` when ICU has no data.
    public init(rules: SegmentationRules, options: Options = Options()) throws(SegmentationError) {
        self.rules = rules
        self.options = options
        locale = ICULocale(rules.language)
        breaker = try ICUBreaker(kind: .sentence, icuLocale: locale.identifier)
    }

    /// The sentences of `text`, in order, as ranges of it.
    public func sentences(in text: String) -> [Sentence] {
        var copy = text
        let byteRanges = copy.withUTF8 { utf8Ranges(in: $0) }
        let utf8 = text.utf8
        return byteRanges.map { range in
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let upper = utf8.index(lower, offsetBy: range.count)
            return Sentence(range: lower..<upper)
        }
    }

    /// The sentences of UTF-8 `bytes` as byte ranges; the allocation-light core that
    /// ``sentences(in:)`` wraps. The bytes must be well-formed UTF-8.
    public func utf8Ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard !bytes.isEmpty else { return [] }
        if options.unwrap {
            var working = Array(bytes)
            Self.unwrapLines(&working)
            return working.withUnsafeBufferPointer { segment(UTF8Bytes(bytes: $0)) }
        }
        return segment(UTF8Bytes(bytes: bytes))
    }

    /// A place where a sentence may end: `end` is just after its last scalar, `next`
    /// where the following sentence starts; white space lies between.
    struct Candidate {
        var end: Int
        var next: Int
        var fromICU: Bool
    }

    private func segment(_ text: UTF8Bytes) -> [Range<Int>] {
        let candidates = collectCandidates(text)
        var breaks: [Candidate] = []
        breaks.reserveCapacity(candidates.count)
        for candidate in candidates where isBreak(candidate, in: text) {
            breaks.append(candidate)
        }
        return pieces(of: text, breaks: mergePieces(of: text, breaks: breaks))
    }

    /// ICU's boundaries plus every terminator followed by white space, ordered by `next`.
    private func collectCandidates(_ text: UTF8Bytes) -> [Candidate] {
        var fromICU: [Candidate] = []
        breaker.forEachBoundary(in: text.bytes) { offset, _ in
            guard offset < text.count else { return }
            let next = text.skippingSpace(from: offset)
            guard next < text.count else { return }
            fromICU.append(Candidate(end: text.skippingSpace(backFrom: offset), next: next, fromICU: true))
        }
        let fromScan = scanTerminators(text)
        // Merge the two ascending lists; the same place found twice is kept once, as ICU's.
        var merged: [Candidate] = []
        merged.reserveCapacity(fromICU.count + fromScan.count)
        var left = 0
        var right = 0
        while left < fromICU.count || right < fromScan.count {
            if right == fromScan.count || (left < fromICU.count && fromICU[left].next <= fromScan[right].next) {
                if right < fromScan.count, fromScan[right].next == fromICU[left].next { right += 1 }
                merged.append(fromICU[left])
                left += 1
            } else {
                merged.append(fromScan[right])
                right += 1
            }
        }
        return merged
    }

    /// Every `. ! ? …` (with closing quotes or brackets) followed by white space.
    ///
    /// ICU proposes no boundary before a lower-case word, a number or a dash; these are
    /// the places the newsroom rules may still break.
    private func scanTerminators(_ text: UTF8Bytes) -> [Candidate] {
        var found: [Candidate] = []
        let count = text.count
        var offset = 0
        while offset < count {
            // Skip eight bytes at a time while none of them can start a terminator.
            while offset + 8 <= count, !Self.mayHoldTerminator(text.bytes, at: offset) { offset += 8 }
            guard offset < count else { break }
            let byte = text[offset]
            let isTerminator: Bool
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                isTerminator = true
            } else if byte == 0xE2, offset + 2 < count, text[offset + 1] == 0x80, text[offset + 2] == 0xA6 {
                isTerminator = true  // U+2026 HORIZONTAL ELLIPSIS
            } else {
                isTerminator = false
            }
            guard isTerminator else {
                offset += 1
                continue
            }
            var end = offset
            while end < count {
                let (scalar, length) = text.scalar(at: end)
                guard scalar.isSentenceTerminator || scalar.isCloser else { break }
                end += length
            }
            if end < count, text.scalar(at: end).scalar.isSegmentSpace {
                let next = text.skippingSpace(from: end)
                if next < count { found.append(Candidate(end: end, next: next, fromICU: false)) }
                offset = next
            } else {
                offset = end
            }
        }
        return found
    }

    /// True when the eight bytes at `offset` include `.`, `!`, `?` or 0xE2 (the lead byte
    /// of U+2026): a SWAR test, eight bytes per step.
    @inline(__always)
    static func mayHoldTerminator(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        let word = UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x2E)) || hasZeroByte(word ^ (ones &* 0x21))
            || hasZeroByte(word ^ (ones &* 0x3F)) || hasZeroByte(word ^ (ones &* 0xE2))
    }

    /// Turns breaks into trimmed byte ranges.
    private func pieces(of text: UTF8Bytes, breaks: [Candidate]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(breaks.count + 1)
        var start = text.skippingSpace(from: 0)
        for candidate in breaks where candidate.end > start {
            ranges.append(start..<candidate.end)
            start = candidate.next
        }
        let end = text.skippingSpace(backFrom: text.count)
        if end > start { ranges.append(start..<end) }
        return ranges
    }
}
