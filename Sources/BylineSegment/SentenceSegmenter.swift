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
        /// Keep a dateline with the sentence it introduces. When false, a dateline is a
        /// sentence of its own, whether it ends in a period (`Москва, 5 марта.`) or in a
        /// dash before the lede on the same line (`BAKU, Nov 1 (TURAN) — The talks …`).
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
    /// Turkish and Azerbaijani pair `İ` with `i` and `I` with `ı`.
    let usesTurkicCasing: Bool
    /// The language ends sentences with scalars beyond Unicode's (Armenian `:`).
    let hasExtraTerminators: Bool
    /// The rules' abbreviations, plus the numero sign, for lookups without allocation.
    let abbreviationTable: ByteKeyTable<SegmentationRules.AbbreviationKind>

    /// The numero sign in its spellings precedes a number in every language (`N°. 5`).
    static let universalAbbreviations: [String: SegmentationRules.AbbreviationKind] = [
        "n°": .number, "nº": .number,
    ]

    /// English honorifics that news in other languages keeps before an English name
    /// (`Sen. Dole`, `Mr. Grasso`), written with a capital; lower-case `sen.` is the Turkish
    /// pronoun at a sentence end.
    static let capitalisedHonorifics: [[UInt8]] = ["mr", "mrs", "ms", "messrs", "sen", "rep", "gov"].map { Array($0.utf8) }

    /// True when `range` spells one of ``capitalisedHonorifics`` with a capital first letter.
    func isCapitalisedHonorific(_ range: Range<Int>, in text: UTF8Bytes) -> Bool {
        // Most tokens fail on their first byte: M, S, R or G.
        let first = text[range.lowerBound]
        guard range.count >= 2, range.count <= 6, first == 0x4D || first == 0x53 || first == 0x52 || first == 0x47 else {
            return false
        }
        return Self.capitalisedHonorifics.contains { form in
            form.count == range.count && zip(form, range).allSatisfy { $0 == text[$1] | 0x20 }
        }
    }

    /// Opens ICU's sentence iterator for the rules' language.
    /// - Throws: ``SegmentationError/icu(function:code:name:)`` when ICU has no data.
    public init(rules: SegmentationRules, options: Options = Options()) throws(SegmentationError) {
        self.rules = rules
        self.options = options
        locale = ICULocale(rules.language)
        usesTurkicCasing = ["tr", "az", "crh", "tt", "ba"].contains(rules.language.language)
        hasExtraTerminators = !rules.extraTerminators.isEmpty
        abbreviationTable = ByteKeyTable(Self.universalAbbreviations.merging(rules.abbreviations) { _, language in language })
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
        /// Placed before the marker of an inline list item (`… first item 2. The second`).
        var startsListItem = false
        /// Placed by a pattern that settles the break by itself: after a dateline that ends
        /// in a dash when datelines are kept apart (`BAKU, Nov 1 (TURAN) — The …`), after
        /// footnote numbers glued to a full stop (`consultation.11 12 Take`), after a
        /// quotation broken off with a dash (`to--" At this moment`).
        var isSettled = false
        /// Inside a quotation or bracket that closes later on the same line.
        var insideQuotation = false
        /// After a colon set off by spaces in tokenized text (`ANA FAİZ ORANI : % 10`).
        var afterSpacedColon = false
        /// Before a bracketed aside on the sentence it ends (`санкции. (перевод в титрах)`).
        var opensAside = false
        /// After a terminator set off by spaces, before a lower-case word, in tokenized text
        /// without capitals (`… our group . ' he has played …`), where a sentence's first
        /// word is written in lower case like any other.
        var beforeCaselessWord = false
        /// After a closing quotation mark or bracket set off by spaces after a terminator,
        /// before a lower-case word, in tokenized text without capitals (`… group . ' he
        /// has played`): a break unless an attribution follows (`' he said`).
        var afterCaselessClose = false
    }

    /// A list marker found in the text: `2.`, `b)`, `• 3.`, `1.)`.
    struct ListMarker {
        /// Where the marker (with its bullet) starts.
        var start: Int
        /// 1-based value: the number, or the letter's place in the alphabet.
        var value: Int
        var isLetter: Bool
        /// The bytes after the value (`.`, `)`, `.)`), so mixed styles are not one list.
        var style: UInt16
    }

    private func segment(_ text: UTF8Bytes) -> [Range<Int>] {
        let candidates = collectCandidates(text)
        var breaks: [Candidate] = []
        breaks.reserveCapacity(candidates.count)
        var sentenceStart = 0
        for candidate in candidates where isBreak(candidate, sentenceStart: sentenceStart, in: text) {
            breaks.append(candidate)
            sentenceStart = candidate.next
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
        var markers: [ListMarker] = []
        var fromScan = scanTerminators(text, markers: &markers)
        if markers.count >= 2 {
            fromScan = Self.merging(fromScan, listItemCandidates(markers, in: text))
        }
        if !options.attachDatelines {
            let datelines = datelineCandidates(text)
            if !datelines.isEmpty { fromScan = Self.merging(fromScan, datelines) }
        }
        return Self.merging(fromICU, fromScan)
    }

    /// Candidates after the dash of a dateline that opens a paragraph and runs into its
    /// lede on the same line (`WASHINGTON (Reuters) - The Senate …`). Only the first
    /// spaced dash of each line is tried; one pass over the text.
    private func datelineCandidates(_ text: UTF8Bytes) -> [Candidate] {
        var result: [Candidate] = []
        var position = 0
        while position < text.count {
            let start = text.skippingSpace(from: position)
            position = start
            var triedDash = false
            while position < text.count {
                let (scalar, length) = text.scalar(at: position)
                if scalar.isLineBreak { break }
                if !triedDash, position - start <= 120, scalar.isDash, position > start,
                    text.scalar(before: position).scalar.isSegmentSpace
                {
                    triedDash = true
                    let dashEnd = position + length
                    let next = text.skippingSpace(from: dashEnd)
                    if next > dashEnd, next < text.count, !text.containsLineBreak(dashEnd..<next),
                        isDateline(start..<dashEnd, in: text)
                    {
                        result.append(Candidate(end: dashEnd, next: next, fromICU: false, isSettled: true))
                    }
                }
                position += length
            }
        }
        return result
    }

    /// Merges two lists ordered by `next`; a place in both is kept once, from the first,
    /// except that the flags of either (a list-item start, a settled break, a place
    /// inside a quotation) are kept.
    static func merging(_ first: [Candidate], _ second: [Candidate]) -> [Candidate] {
        var merged: [Candidate] = []
        merged.reserveCapacity(first.count + second.count)
        var left = 0
        var right = 0
        while left < first.count || right < second.count {
            if right == second.count || (left < first.count && first[left].next <= second[right].next) {
                var candidate = first[left]
                if right < second.count, second[right].next == candidate.next {
                    candidate.startsListItem = candidate.startsListItem || second[right].startsListItem
                    candidate.isSettled = candidate.isSettled || second[right].isSettled
                    candidate.insideQuotation = candidate.insideQuotation || second[right].insideQuotation
                    candidate.afterSpacedColon = candidate.afterSpacedColon || second[right].afterSpacedColon
                    candidate.opensAside = candidate.opensAside || second[right].opensAside
                    right += 1
                }
                merged.append(candidate)
                left += 1
            } else {
                merged.append(second[right])
                right += 1
            }
        }
        return merged
    }

    /// Candidates before inline list markers that belong to a sequence: two numbers in a
    /// row (`1. … 2. …`) or three letters (`a) … b) … c) …`), same style.
    private func listItemCandidates(_ markers: [ListMarker], in text: UTF8Bytes) -> [Candidate] {
        var inList = [Bool](repeating: false, count: markers.count)
        var runStart = 0
        for index in 1...markers.count {
            let continues = index < markers.count
                && markers[index].isLetter == markers[index - 1].isLetter
                && markers[index].style == markers[index - 1].style
                && markers[index].value == markers[index - 1].value + 1
            if !continues {
                let length = index - runStart
                if length >= (markers[runStart].isLetter ? 3 : 2) {
                    for member in runStart..<index { inList[member] = true }
                }
                runStart = index
            }
        }
        var result: [Candidate] = []
        for (index, marker) in markers.enumerated() where inList[index] && marker.start > 0 {
            let end = text.skippingSpace(backFrom: marker.start)
            guard end < marker.start, end > 0, !text.containsLineBreak(end..<marker.start) else { continue }
            result.append(Candidate(end: end, next: marker.start, fromICU: false, startsListItem: true))
        }
        return result
    }

    /// Reads a list marker whose punctuation (`.` or `)`) is at `offset`.
    private func listMarker(punctuationAt offset: Int, in text: UTF8Bytes) -> ListMarker? {
        var valueStart = offset
        while valueStart > 0, offset - valueStart < 2, (0x30...0x39).contains(text[valueStart - 1]) { valueStart -= 1 }
        let isLetter: Bool
        let value: Int
        if valueStart < offset {
            isLetter = false
            value = (valueStart..<offset).reduce(0) { $0 * 10 + Int(text[$1] - 0x30) }
        } else if offset > 0, (0x61...0x7A).contains(text[offset - 1]) {
            valueStart = offset - 1
            isLetter = true
            value = Int(text[offset - 1] - 0x60)
        } else {
            return nil
        }
        // Before the value: the start of the text, white space, or a bullet and a space.
        var start = valueStart
        if start > 0 {
            let (before, beforeStart) = text.scalar(before: start)
            if before.isListBullet {
                start = beforeStart
            } else if before.isSegmentSpace {
                let bulletEnd = text.skippingSpace(backFrom: start)
                if bulletEnd > 0, bulletEnd < start {
                    let (bullet, bulletStart) = text.scalar(before: bulletEnd)
                    if bullet.isListBullet, bulletStart == 0 || text.scalar(before: bulletStart).scalar.isSegmentSpace {
                        start = bulletStart
                    }
                }
            } else {
                return nil
            }
        }
        // After: `.`, `)` or `.)`, then a space.
        var styleEnd = offset + 1
        if text[offset] == 0x2E, styleEnd < text.count, text[styleEnd] == 0x29 { styleEnd += 1 }
        guard styleEnd < text.count, text[styleEnd] == 0x20 || text[styleEnd] == 0x09 else { return nil }
        // A numbered item starts with a capital or a digit (`2. The second`); `for 1. above`
        // is a reference to one. Lettered items, which need a run of three, may be lower case.
        if !isLetter, start == valueStart {
            let itemStart = text.skippingSpace(from: styleEnd)
            guard itemStart < text.count, text.scalar(at: itemStart).scalar.isUppercaseLetter else { return nil }
        }
        let style = styleEnd - offset == 2 ? UInt16(0x2E29) : UInt16(text[offset])
        return ListMarker(start: start, value: value, isLetter: isLetter, style: style)
    }

    /// Every `. ! ? …` (with closing quotes or brackets) followed by white space.
    ///
    /// ICU proposes no boundary before a lower-case word, a number or a dash; these are
    /// the places the newsroom rules may still break.
    private func scanTerminators(_ text: UTF8Bytes, markers: inout [ListMarker]) -> [Candidate] {
        var found: [Candidate] = []
        var quotations = QuotationTracker()
        var isTokenized: Bool?
        let count = text.count
        // Read once: the skip below runs for every eight bytes of the text.
        let table = Self.scanBytes
        var offset = 0
        while offset < count {
            // Skip eight bytes at a time while none of them can start a terminator.
            if !hasExtraTerminators {
                while offset + 8 <= count, !Self.mayHoldTerminator(text.bytes, at: offset, table: table) {
                    offset += 8
                }
                // Then byte by byte up to the one that may matter: the steps below do
                // nothing for a byte outside the table.
                while offset < count, table[Int(text[offset])] == 0 { offset += 1 }
                guard offset < count else { break }
            }
            let byte = text[offset]
            // An apostrophe inside a word (`it's`, `O'Brien`) is by far the most common `'`
            // and needs nothing: the quotation tracker reads only one after a space.
            if byte == 0x27, offset > 0, Self.isWordByte(text[offset - 1]) {
                offset += 1
                continue
            }
            let startsTerminator: Bool
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                startsTerminator = true
            } else if byte < 0x80, hasExtraTerminators, rules.extraTerminators.contains(Unicode.Scalar(byte)) {
                startsTerminator = true
            } else if byte == 0xE2, offset + 2 < count, text[offset + 1] == 0x80, text[offset + 2] == 0xA6 {
                startsTerminator = true  // U+2026 HORIZONTAL ELLIPSIS
            } else if byte == 0xEF, offset + 2 < count, text[offset + 1] == 0xBC,
                text[offset + 2] == 0x8E || text[offset + 2] == 0x81 || text[offset + 2] == 0x9F
            {
                startsTerminator = true  // U+FF0E, U+FF01, U+FF1F: full-width . ! ?
            } else {
                startsTerminator = false
            }
            if byte == 0x2E || byte == 0x29, let marker = listMarker(punctuationAt: offset, in: text) {
                markers.append(marker)
            }
            if byte == 0x3A, !startsTerminator, offset > 0, text[offset - 1] == 0x20, offset + 1 < count, text[offset + 1] == 0x20 {
                // A colon set off by spaces: in tokenized text, where every mark stands
                // apart, it may close a heading or an introduction.
                if isTokenized == nil { isTokenized = Self.isTokenized(text) }
                let next = text.skippingSpace(from: offset + 1)
                if isTokenized == true, next < count, !text.containsLineBreak(offset..<next) {
                    found.append(Candidate(end: offset + 1, next: next, fromICU: false, afterSpacedColon: true))
                }
            }
            guard startsTerminator else {
                if byte == 0x0A {
                    quotations.lineBreak()
                } else if QuotationTracker.mayStartMark(byte) {
                    quotations.read(at: offset, in: text, candidates: &found)
                }
                offset += 1
                continue
            }
            var end = offset
            while end < count {
                let (scalar, length) = text.scalar(at: end)
                guard isTerminator(scalar) || scalar.isCloser else { break }
                if length < 4, QuotationTracker.mayStartMark(text[end]) { quotations.read(at: end, in: text, candidates: &found) }
                end += length
            }
            guard end < count else { break }
            let after = text.scalar(at: end).scalar
            if after.isSegmentSpace {
                let next = text.skippingSpace(from: end)
                if next < count, text[next] == 0x5B, isFootnoteReference(at: next, in: text) {
                    // `… of our species. [10] The next …`: the reference belongs to the
                    // sentence before it, and the break comes after it.
                    if let footnote = footnoteCandidate(period: offset, digits: next, spaced: true, in: text) { found.append(footnote) }
                } else if next < count, isDetachedClosingApostrophes(at: next, in: text) {
                    // `iyiydi dedi . '' Ancak`: the closing mark belongs to the sentence
                    // before it, and the break comes after it.
                    if let candidate = candidateAfterDetachedClose(endingAt: next + 2, in: text) { found.append(candidate) }
                } else if next < count {
                    var candidate = Candidate(end: end, next: next, fromICU: false)
                    if offset > 0, text[offset - 1] == 0x20, startsCaselessWord(at: next, in: text) {
                        if isTokenized == nil { isTokenized = Self.isTokenized(text) }
                        candidate.beforeCaselessWord = isTokenized == true && quotations.isCaseless(text)
                    }
                    found.append(candidate)
                }
                if text.containsLineBreak(end..<next) { quotations.lineBreak() }
                offset = next
            } else if after.isUppercaseLetter {
                // No space: a candidate before a capital (`world.Today`), for the glue rule.
                found.append(Candidate(end: end, next: end, fromICU: false))
                offset = end
            } else {
                // `。！？` need no space after them; a candidate here lets an enclosing
                // bracket or quotation mark it (`（これは山です！これは山です）`).
                if text.scalar(at: offset).scalar.endsSentenceWithoutSpace { found.append(Candidate(end: end, next: end, fromICU: false)) }
                if byte == 0x2E, (0x30...0x39).contains(after.value) || after == "[",
                    let footnote = footnoteCandidate(period: offset, digits: end, in: text)
                {
                    found.append(footnote)
                }
                offset = end
            }
        }
        return found
    }

    /// A sentence that ends in a period and footnote numbers (`… a consultation.11 12 Take`,
    /// `… Journal (1987).1 According`, `… lähtien.[13] Uudistus`): the numbers, of up to
    /// three digits each and bare or in square brackets, sit glued
    /// to the period after a word of two or more letters or a closing bracket, and a
    /// capitalised word follows. The candidate ends after the last number.
    private func footnoteCandidate(period: Int, digits: Int, spaced: Bool = false, in text: UTF8Bytes) -> Candidate? {
        guard period > 0 else { return nil }
        let (before, _) = text.scalar(before: period)
        if spaced {
            // A bracketed number set off by a space (`species. [10]`) is a reference
            // whatever ends the sentence before it.
        } else if before.isLetter {
            let word = token(endingAt: period, in: text)
            let shape = TokenShape(word, in: text)
            guard shape.isPlainWord, abbreviationKind(word, isASCII: shape.isASCII, in: text) == nil else { return nil }
        } else if before != ")" && before != "]" {
            return nil
        }
        var position = digits
        var end = digits
        // `.11 12` or, in brackets, `.[13]`, `.[1][2]`.
        let bracketed = text[digits] == 0x5B
        while bracketed {
            guard position < text.count, text[position] == 0x5B, isFootnoteReference(at: position, in: text) else { break }
            while text[position] != 0x5D { position += 1 }
            position += 1
            end = position
        }
        while !bracketed {
            let groupStart = position
            while position < text.count, position - groupStart < 4, (0x30...0x39).contains(text[position]) { position += 1 }
            guard position > groupStart, position - groupStart <= 3 else { return nil }
            end = position
            guard position + 1 < text.count, text[position] == 0x20, (0x30...0x39).contains(text[position + 1]) else { break }
            position += 1
        }
        guard end > digits else { return nil }
        let next = text.skippingSpace(from: end)
        guard next > end, next < text.count, !text.containsLineBreak(end..<next),
            text.scalar(at: next).scalar.isUppercaseLetter
        else { return nil }
        return Candidate(end: end, next: next, fromICU: false, isSettled: true)
    }

    /// Text written tokenized, every mark set off by spaces (`değildi .`, `Hayır , kara`,
    /// `( LIBOR )`): a comma, a full stop or a closing bracket with a space before it and
    /// a space or the end after it, after a word; or an opening bracket with spaces on
    /// both sides. French puts a space before `:` `;` `!` `?`, never before these. One
    /// pass, made at most once a text.
    static func isTokenized(_ text: UTF8Bytes) -> Bool {
        var offset = 2
        while offset < text.count {
            let byte = text[offset]
            if byte == 0x2C || byte == 0x2E || byte == 0x29 || byte == 0x28, text[offset - 1] == 0x20,
                offset + 1 == text.count || text[offset + 1] == 0x20
            {
                let before = text[offset - 2]
                if byte == 0x28 || before >= 0x80 || (0x30...0x39).contains(before) || (0x61...0x7A).contains(before | 0x20) {
                    return true
                }
            }
            offset += 1
        }
        return false
    }

    /// Text without a single capital letter (`the tigers tackle saracens on saturday .`), as
    /// lower-cased corpora write it: a capital can say nothing of where a sentence starts.
    /// One pass at most a text, ending at the first capital; asked only once a lower-case
    /// word follows a spaced terminator.
    static func isCaseless(_ text: UTF8Bytes) -> Bool {
        let bytes = text.bytes
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0xC0 {
                // ASCII, or a continuation byte: only `A`–`Z` are capitals here.
                if byte &- 0x41 < 26 { return false }
                offset += 1
            } else {
                let (scalar, length) = text.scalar(at: offset)
                if scalar.properties.isUppercase { return false }
                offset += length
            }
        }
        return true
    }

    /// Whether a lower-case letter starts the word at `offset`, after any opening quotation
    /// marks or brackets.
    func startsCaselessWord(at offset: Int, in text: UTF8Bytes) -> Bool {
        var position = offset
        while position < text.count {
            let (scalar, length) = text.scalar(at: position)
            if scalar.isLowercaseLetter { return true }
            guard scalar.isOpener || scalar.isSegmentSpace, !scalar.isLineBreak else { return false }
            position += length
        }
        return false
    }

    /// Two apostrophes set off by white space (`dedi . '' Ancak`): the closing quotation
    /// mark of tokenized text, where `` opens a quotation and '' closes it.
    func isDetachedClosingApostrophes(at offset: Int, in text: UTF8Bytes) -> Bool {
        guard offset + 1 < text.count, text[offset] == 0x27, text[offset + 1] == 0x27 else { return false }
        guard offset > 0, text.scalar(before: offset).scalar.isSegmentSpace else { return false }
        return offset + 2 == text.count || text.scalar(at: offset + 2).scalar.isSegmentSpace
    }

    /// After a closing mark set off by spaces: a break settled when a capitalised word, a
    /// number or another quotation follows on the same line.
    func candidateAfterDetachedClose(endingAt end: Int, in text: UTF8Bytes) -> Candidate? {
        let next = text.skippingSpace(from: end)
        guard next > end, next < text.count, !text.containsLineBreak(end..<next) else { return nil }
        let first = text.scalar(at: next).scalar
        guard first.isUppercaseLetter || first.isDigit || first.isOpener else { return nil }
        return Candidate(end: end, next: next, fromICU: false, isSettled: true)
    }

    /// `[10]`, `[7 – 9]`, `[2, 3]`: digits in square brackets, with dashes, commas and
    /// spaces between them, at most twelve bytes.
    func isFootnoteReference(at offset: Int, in text: UTF8Bytes) -> Bool {
        var position = offset + 1
        var digits = 0
        while position < text.count, position - offset <= 12 {
            let byte = text[position]
            if byte == 0x5D { return digits > 0 }
            if (0x30...0x39).contains(byte) {
                digits += 1
            } else if byte != 0x20 && byte != 0x2C && byte != 0x2D && byte != 0xE2 && byte != 0x80 && byte != 0x93 {
                return false  // 0xE2 0x80 0x93 is the en dash
            }
            position += 1
        }
        return false
    }

    /// The bytes the terminator scan must look at: `.`, `!`, `?`, `)`, `(`, `[`, `]`, `"`, `'`, `:`,
    /// a line feed, and the lead bytes 0xE2 (U+2026 and `“ ” „ ‘ ’`), 0xEF (the full-width
    /// `．！？（）`) and 0xC2 (`« »`). Allocated once, never written after, never freed.
    nonisolated(unsafe) static let scanBytes: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in [0x2E, 0x21, 0x3F, 0x29, 0x28, 0x5B, 0x5D, 0x22, 0x27, 0x3A, 0x0A, 0xE2, 0xEF, 0xC2] as [UInt8] { table[Int(byte)] = 1 }
        return UnsafePointer(table)
    }()

    /// An ASCII letter or digit, or a byte of a multi-byte scalar.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20)
    }

    /// True when one of the eight bytes at `offset` is in ``scanBytes``: eight table
    /// lookups and one branch per step.
    @inline(__always)
    static func mayHoldTerminator(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, table: UnsafePointer<UInt8>) -> Bool {
        let base = bytes.baseAddress! + offset
        let found = table[Int(base[0])] | table[Int(base[1])] | table[Int(base[2])] | table[Int(base[3])]
            | table[Int(base[4])] | table[Int(base[5])] | table[Int(base[6])] | table[Int(base[7])]
        return found != 0
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
