/// Follows the quotations and brackets of a line during the terminator scan, so that a
/// sentence end found inside one that closes later on the same line can be marked as such
/// (`"Oh dear! Oh dear! I shall be too late!"`, `(see. section 4.2)`, `（これは山です！…）`).
///
/// Quotation marks: `"…"` (an opening mark follows white space, an opening bracket or a
/// dash), `“…”`, `„…“`, `«…»`, and `‘…’` where the closing `’` has no letter after it
/// (`dragon’s` is an apostrophe). The straight `'` is the apostrophe too, so it is read
/// only in tokenized text, where clitics stand apart (`it 's`, `do n't`) and a quotation
/// mark is set off from the word on at least one side: it opens before a word that is no
/// clitic (`'Just`, `'if`) and, set off on both sides, closes an open one (`anybody . '
/// Paul`: the mark ends the sentence before it) or else opens one (`said : ' I`); after a
/// word ending in s it is a possessive (`Wales ' crunch`). Brackets: `(…)`, `[…]` and the full-width `（…）`. A line break closes
/// nothing and forgets everything open; a quotation or bracket left open marks nothing, and
/// a closing mark without its opening one (`1)`, `:)`) is ignored. Only the outermost
/// enclosure marks its candidates, so each is marked at most once and the cost stays linear.
struct QuotationTracker {
    private enum Mark { case straight, english, german, guillemet, single, parenthesis, squareBracket, fullWidthParenthesis }

    private var open: [(mark: Mark, firstCandidate: Int, start: Int)] = []
    /// The candidate count when a straight single quotation opened, apart from the stack
    /// above so that a stray `'` can never keep another mark from closing.
    private var openSingle: Int?
    /// Whether the text is tokenized, found when the first `'` after a space is read.
    private var isTokenized: Bool?
    /// Whether the text has no capitals, found the first time the terminator scan or a
    /// detached closing mark before a lower-case word asks (``isCaseless(_:)``).
    private var caseless: Bool?

    /// Whether `text` has no capitals (``SentenceSegmenter/isCaseless(_:)``), read once for
    /// the scan and the tracker together.
    mutating func isCaseless(_ text: UTF8Bytes) -> Bool {
        if let caseless { return caseless }
        let found = SentenceSegmenter.isCaseless(text)
        caseless = found
        return found
    }

    /// Clitics that tokenized English writes apart from their word, lower-cased
    /// (`it 's`, `I 'm`, `they 're`, `we 've`, `you 'll`, `he 'd`, `let 's`, `get 'em`).
    private static let clitics: [[UInt8]] = ["s", "m", "re", "ve", "ll", "d", "em", "t", "n"].map { Array($0.utf8) }

    /// True when `byte` may start a mark this tracker reads (`" ( ) [ ]`, or the lead byte
    /// of `“ ” „ ‘ ’ « » （ ）`).
    @inline(__always)
    static func mayStartMark(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D, 0xE2, 0xC2, 0xEF: return true
        default: return false
        }
    }

    mutating func lineBreak() {
        if !open.isEmpty { open.removeAll(keepingCapacity: true) }
        openSingle = nil
    }

    /// Reads the mark at `offset`, if there is one, opening or closing a quotation or
    /// bracket; closing the outermost one marks the candidates found since it opened.
    mutating func read(at offset: Int, in text: UTF8Bytes, candidates: inout [SentenceSegmenter.Candidate]) {
        let byte = text[offset]
        switch byte {
        case 0x28: open.append((.parenthesis, candidates.count, offset)); return
        case 0x29, 0x5D:
            let opened = open.last
            guard close(byte == 0x29 ? .parenthesis : .squareBracket, &candidates), offset > 0, let opened else { return }
            if text.scalar(before: offset).scalar.isSegmentSpace {
                // A bracket set off by spaces after a terminator, as tokenized text writes it,
                // ends the sentence after it (`( … yargı da var . ) Böyle`). The full stop
                // of an abbreviation does not count (`( U.S.A . ) Inc`).
                if !followsSpacedAbbreviationPeriod(offset, in: text) { settleDetachedClose(at: offset, in: text, candidates: &candidates) }
            } else {
                markAside(opened, closingAt: offset, in: text, candidates: &candidates)
            }
            return
        case 0x5B: open.append((.squareBracket, candidates.count, offset)); return
        default: break
        }
        if byte == 0x22 {
            // Opening after white space or a bracket; after a dash it closes an open
            // quotation (`to--"`) and otherwise opens one (`voice--"Pat!`).
            let before: Unicode.Scalar = offset == 0 ? " " : text.scalar(before: offset).scalar
            if before.isSegmentSpace, open.last?.mark == .straight,
                offset + 1 == text.count || text.scalar(at: offset + 1).scalar.isSegmentSpace
            {
                // A mark with space on both sides closes an open quotation, as tokenized
                // text writes it (`" Hiçbir şey beklemiyorum . " Bununla birlikte`).
                close(.straight, &candidates)
                settleDetachedClose(at: offset, in: text, candidates: &candidates)
                return
            }
            if before.isSegmentSpace || before == "(" || before == "[" || (before.isDash && open.last?.mark != .straight) {
                open.append((.straight, candidates.count, offset))
            } else if close(.straight, &candidates), before.isDash {
                settleInterruption(closingAt: offset + 1, in: text, candidates: &candidates)
            }
            return
        }
        if byte == 0x27 {
            readStraightSingle(at: offset, in: text, candidates: &candidates)
            return
        }
        guard offset + 1 < text.count else { return }
        let second = text[offset + 1]
        if byte == 0xEF {
            guard second == 0xBC, offset + 2 < text.count else { return }
            if text[offset + 2] == 0x88 { open.append((.fullWidthParenthesis, candidates.count, offset)) }
            if text[offset + 2] == 0x89 { close(.fullWidthParenthesis, &candidates) }
            return
        }
        if byte == 0xC2 {
            if second == 0xAB { open.append((.guillemet, candidates.count, offset)) }
            if second == 0xBB { close(.guillemet, &candidates) }
            return
        }
        guard byte == 0xE2, second == 0x80, offset + 2 < text.count else { return }
        switch text[offset + 2] {
        case 0x9C:  // “ closes „ in German, opens elsewhere
            if open.last?.mark == .german { close(.german, &candidates) } else { open.append((.english, candidates.count, offset)) }
        case 0x9D:  // ”
            guard close(.english, &candidates), offset > 0 else { return }
            let before = text.scalar(before: offset).scalar
            if before.isDash {
                settleInterruption(closingAt: offset + 3, in: text, candidates: &candidates)
            } else if before.isSegmentSpace {
                settleDetachedClose(at: offset, width: 3, in: text, candidates: &candidates)
            }
        case 0x9E: open.append((.german, candidates.count, offset))  // „
        case 0x98: open.append((.single, candidates.count, offset))  // ‘
        case 0x99:  // ’ closes an open ‘ unless a letter follows (`dragon’s`)
            if open.last?.mark == .single, offset + 3 >= text.count || !text.scalar(at: offset + 3).scalar.isLetter {
                close(.single, &candidates)
                // Set off by a space after a terminator, as tokenized text writes it (`pounds . ’ The
                // problems`), it ends the sentence after it.
                if offset > 0, text.scalar(before: offset).scalar.isSegmentSpace {
                    settleDetachedClose(at: offset, width: 3, in: text, candidates: &candidates)
                }
            }
        default: break
        }
    }

    /// A straight `'` of tokenized text (see the type's notes); a `'` glued to the word
    /// before it is an apostrophe or a possessive (`O'Brien`, `players'`) and is left alone.
    private mutating func readStraightSingle(at offset: Int, in text: UTF8Bytes, candidates: inout [SentenceSegmenter.Candidate]) {
        if offset > 0 {
            let before = text.scalar(before: offset).scalar
            guard before.isSegmentSpace || before == "(" || before == "[" else { return }
        }
        if isTokenized == nil { isTokenized = SentenceSegmenter.isTokenized(text) }
        guard isTokenized == true else { return }
        let end = offset + 1
        if end == text.count || text.scalar(at: end).scalar.isSegmentSpace {
            // After a word ending in s it is the possessive of tokenized text (`Wales ' crunch`).
            if offset >= 2, text[offset - 2] | 0x20 == 0x73 { return }
            if let opened = openSingle {
                openSingle = nil
                // The mark closes the sentence it follows (`anybody . ' Paul`). The sentence
                // ends before it stay: copy that writes `'` for its quotation marks also
                // leaves quotes unclosed at a paragraph's end and writes the mark for
                // apostrophes, so a pair of marks is no sure frame for several sentences.
                if open.isEmpty, let last = candidates.indices.last, last >= opened, candidates[last].next == offset {
                    candidates[last].insideQuotation = true
                }
                settleDetachedClose(at: offset, in: text, candidates: &candidates)
            } else {
                openSingle = candidates.count
            }
            return
        }
        guard text.scalar(at: end).scalar.isLetter, !Self.isClitic(from: end, in: text) else { return }
        // A quotation opened again before the last one closed is news copy's next paragraph
        // of the same quote: it starts over from here.
        openSingle = candidates.count
    }

    /// True when the letters from `start` up to the next space or the end are a clitic.
    private static func isClitic(from start: Int, in text: UTF8Bytes) -> Bool {
        var end = start
        while end < text.count, end - start <= 2, text[end] != 0x20, text[end] != 0x0A { end += 1 }
        guard end == text.count || text[end] == 0x20 || text[end] == 0x0A else { return false }
        return clitics.contains { clitic in
            clitic.count == end - start && clitic.indices.allSatisfy { text[start + $0] | 0x20 == clitic[$0] }
        }
    }

    /// Closes the innermost enclosure if it has `mark`; returns whether it did.
    @discardableResult
    private mutating func close(_ mark: Mark, _ candidates: inout [SentenceSegmenter.Candidate]) -> Bool {
        guard let top = open.last, top.mark == mark else { return false }
        open.removeLast()
        // An enclosing quotation would mark the same candidates again: leave them to it.
        if open.isEmpty {
            for index in top.firstCandidate..<candidates.count { candidates[index].insideQuotation = true }
        }
        return true
    }

    /// A detached closing mark after a terminator (`değilim . " Bununla`, `. " " Kalite`,
    /// `var . ) Böyle`) ends the sentence after the mark when a capitalised word or another
    /// quotation follows.
    private mutating func settleDetachedClose(
        at offset: Int, width: Int = 1, in text: UTF8Bytes, candidates: inout [SentenceSegmenter.Candidate]
    ) {
        guard open.isEmpty else { return }
        let terminatorEnd = text.skippingSpace(backFrom: offset)
        guard terminatorEnd > 0, text.scalar(before: terminatorEnd).scalar.isSentenceTerminator else { return }
        let end = offset + width
        let next = text.skippingSpace(from: end)
        guard next > end, next < text.count, !text.containsLineBreak(end..<next) else { return }
        let first = text.scalar(at: next).scalar
        if first.isLowercaseLetter, width == 1 {
            // Tokenized copy without capitals (`group . ' he has played`): a candidate the
            // segmenter's rules settle, so that an attribution (`' he said`) stays.
            if isCaseless(text) {
                var candidate = SentenceSegmenter.Candidate(end: end, next: next, fromICU: false)
                candidate.afterCaselessClose = true
                candidates.append(candidate)
            }
            return
        }
        guard first.isUppercaseLetter || first == "\"" else { return }
        candidates.append(SentenceSegmenter.Candidate(end: end, next: next, fromICU: false, isSettled: true))
    }

    /// A bracket that opens on a lower-case word right after a full stop or an ellipsis and
    /// closes without a terminator of its own is an aside on the sentence before it
    /// (`санкции. (перевод в титрах) Подземное`, `поведінка... (вичислити …), але`): the
    /// candidate before the bracket is marked, and a capitalised word or a quotation after
    /// the bracket starts the next sentence.
    private func markAside(
        _ opened: (mark: Mark, firstCandidate: Int, start: Int), closingAt offset: Int, in text: UTF8Bytes,
        candidates: inout [SentenceSegmenter.Candidate]
    ) {
        guard opened.firstCandidate > 0, candidates[opened.firstCandidate - 1].next == opened.start,
            opened.start + 1 < offset, text.scalar(at: opened.start + 1).scalar.isLowercaseLetter
        else { return }
        let before = text.scalar(before: candidates[opened.firstCandidate - 1].end).scalar
        guard before == "." || before == "\u{2026}", !text.scalar(before: offset).scalar.isSentenceTerminator else { return }
        candidates[opened.firstCandidate - 1].opensAside = true
        guard open.isEmpty else { return }
        let end = offset + 1
        let next = text.skippingSpace(from: end)
        guard next > end, next < text.count, !text.containsLineBreak(end..<next) else { return }
        let first = text.scalar(at: next).scalar
        guard first.isUppercaseLetter || first.isOpener else { return }
        candidates.append(SentenceSegmenter.Candidate(end: end, next: next, fromICU: false, isSettled: true))
    }

    /// True when a full stop set off by spaces precedes `offset` and the token before it
    /// has a period of its own (`U.S.A . )`).
    private func followsSpacedAbbreviationPeriod(_ offset: Int, in text: UTF8Bytes) -> Bool {
        let terminatorEnd = text.skippingSpace(backFrom: offset)
        guard terminatorEnd >= 3, text[terminatorEnd - 1] == 0x2E, text[terminatorEnd - 2] == 0x20 else { return false }
        var position = terminatorEnd - 2
        while position > 0, text[position - 1] == 0x20 { position -= 1 }
        while position > 0, text[position - 1] != 0x20, text[position - 1] != 0x0A {
            if text[position - 1] == 0x2E { return true }
            position -= 1
        }
        return false
    }

    /// A quotation broken off with a dash (`to--"`, `—”`) and followed by a capitalised
    /// word ends the sentence there: `…afore she comes, to--" At this moment, Five …`.
    private func settleInterruption(closingAt end: Int, in text: UTF8Bytes, candidates: inout [SentenceSegmenter.Candidate]) {
        guard open.isEmpty else { return }
        let next = text.skippingSpace(from: end)
        guard next > end, next < text.count, !text.containsLineBreak(end..<next),
            text.scalar(at: next).scalar.isUppercaseLetter
        else { return }
        candidates.append(SentenceSegmenter.Candidate(end: end, next: next, fromICU: false, isSettled: true))
    }
}
