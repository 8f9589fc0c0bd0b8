import BylineText

extension SentenceSegmenter {
    /// What follows a candidate boundary: the first word after any opening quotes,
    /// brackets or a leading dash.
    struct Following {
        var wordStart: Int
        var first: Unicode.Scalar
        var afterDash: Bool
        /// An opening quote or bracket comes before the word (`? [via …`, `. "the …`).
        var afterOpener: Bool

        var isLowercase: Bool { first.isLowercaseLetter }
        var isUppercase: Bool { first.isUppercaseLetter }
        var isDigit: Bool { first.isDigit }

        /// The word itself: letters and apostrophes from `wordStart`. Decoded only when
        /// a rule needs to look it up.
        func word(in text: UTF8Bytes) -> String {
            var end = wordStart
            while end < text.count {
                let (scalar, length) = text.scalar(at: end)
                guard scalar.isLetter || scalar == "'" || scalar == "’" else { break }
                end += length
            }
            return text.string(wordStart..<end)
        }
    }

    /// What precedes a candidate boundary: the terminator, any closers after it, and the
    /// token it ends.
    struct Preceding {
        var terminator: Unicode.Scalar
        var terminatorStart: Int
        /// The number of terminator scalars in a row (`...` is 3, `?!` is 2).
        var terminatorRun: Int
        var closedQuote: Bool
        var closedAnything: Bool
    }

    func isBreak(_ candidate: Candidate, in text: UTF8Bytes) -> Bool {
        let gap = candidate.end..<candidate.next
        if text.containsLineBreak(gap) { return true }
        guard let preceding = preceding(candidate.end, in: text) else { return candidate.fromICU }
        if gap.isEmpty {
            // Inside a token (a URL's `?`, `e-mail.com`): only scripts that put no space
            // after a sentence end there.
            return candidate.fromICU && preceding.terminator.endsSentenceWithoutSpace
        }
        let following = following(candidate.next, in: text)
        if following.afterDash {
            if following.isLowercase { return false }
            return !isInsideOpenQuotation(candidate.end, in: text)
        }
        if preceding.closedQuote, !following.afterOpener, isAttribution(following, in: text) { return false }

        let isEllipsis = preceding.terminator == "\u{2026}" || (preceding.terminator == "." && preceding.terminatorRun >= 2)
        if preceding.terminator != "." || isEllipsis {
            // `?`, `!`, `…`: a lower-case word continues the sentence (`Yahoo! is`, `"Why?" he asked`),
            // unless it opens a bracket or quotation of its own.
            return !following.isLowercase || following.afterOpener
        }
        if preceding.closedAnything {
            return !following.isLowercase
        }
        return periodEndsSentence(preceding, following, in: text)
    }

    /// The decision after a lone period: abbreviations, initials, ordinals, numbers.
    private func periodEndsSentence(_ preceding: Preceding, _ following: Following, in text: UTF8Bytes) -> Bool {
        let tokenRange = token(endingAt: preceding.terminatorStart, in: text)
        guard !tokenRange.isEmpty else { return !following.isLowercase }
        let token = text.string(tokenRange)
        let key = lowercased(token)
        var opensSentence: Bool {
            following.isUppercase && rules.sentenceStarters.contains(lowercased(following.word(in: text)))
        }

        if let kind = rules.abbreviations[key] {
            switch kind {
            case .title: return false
            case .number: return following.isDigit ? false : opensSentence
            case .general: return opensSentence
            }
        }
        let scalars = token.unicodeScalars
        if scalars.count == 1, let only = scalars.first, only.isLetter {
            // An initial (`Jonas E. Smith`, `А. С. Пушкин`) or a list letter.
            return opensSentence
        }
        if isDottedAbbreviation(token) {
            return opensSentence
        }
        if following.isLowercase {
            // A lower-case word after a plain word and a period starts a sentence written
            // without capitals (`i am out of town. i am in portland.`); abbreviations,
            // initials and dotted forms were ruled out above.
            return lowercaseStartsSentence && isPlainWord(scalars)
        }
        if scalars.allSatisfy(\.isDigit) {
            if rules.ordinalDot, isOrdinal(tokenRange, following, in: text) { return false }
            return true
        }
        return true
    }

    /// A word of two or more letters (apostrophes and inner hyphens allowed).
    private func isPlainWord(_ scalars: String.UnicodeScalarView) -> Bool {
        var letters = 0
        for scalar in scalars {
            if scalar.isLetter {
                letters += 1
            } else if scalar != "'" && scalar != "’" && scalar != "-" && scalar != "&" {
                return false
            }
        }
        return letters >= 2
    }

    /// `U.S`, `e.g`, `т.е`, `b.z.b`: letters in groups of at most three, joined by periods.
    private func isDottedAbbreviation(_ token: String) -> Bool {
        guard token.utf8.contains(0x2E) else { return false }
        let groups = token.split(separator: ".", omittingEmptySubsequences: false)
        return groups.count >= 2 && groups.allSatisfy { group in
            !group.isEmpty && group.count <= 3 && group.unicodeScalars.allSatisfy(\.isLetter)
        }
    }

    /// A number before a period is an ordinal when a month follows (`3. Oktober`) or a
    /// function word precedes it (`der 18. Wirtschaftsgipfel`, `bis zum 31.`).
    private func isOrdinal(_ number: Range<Int>, _ following: Following, in text: UTF8Bytes) -> Bool {
        if rules.monthNames.contains(lowercased(following.word(in: text))) { return true }
        let before = text.skippingSpace(backFrom: number.lowerBound)
        guard before < number.lowerBound, before > 0 else { return false }
        let previous = token(endingAt: before, in: text)
        guard !previous.isEmpty else { return false }
        let word = text.string(previous)
        guard let first = word.unicodeScalars.first, first.isLowercaseLetter else { return false }
        return rules.sentenceStarters.contains(lowercased(word))
    }

    /// Capitalised words then a verb of attribution, within four words:
    /// `"Why?" Blinken asked.`, `"Stop," said the officer.`
    private func isAttribution(_ following: Following, in text: UTF8Bytes) -> Bool {
        if following.isLowercase { return true }
        guard !rules.attributionVerbs.isEmpty else { return false }
        var position = following.wordStart
        for _ in 0..<4 {
            let start = position
            while position < text.count {
                let (scalar, length) = text.scalar(at: position)
                guard scalar.isLetter || scalar == "'" || scalar == "’" || scalar == "-" else { break }
                position += length
            }
            guard position > start else { return false }
            if rules.attributionVerbs.contains(lowercased(text.string(start..<position))) { return true }
            // Only spaces may separate the words of an attribution.
            guard position < text.count, text[position] == 0x20 else { return false }
            position += 1
        }
        return false
    }

    /// True when `offset` lies inside a «…», „…“ or “…” quotation opened in the same paragraph.
    private func isInsideOpenQuotation(_ offset: Int, in text: UTF8Bytes) -> Bool {
        var start = offset
        while start > 0 {
            let (scalar, previous) = text.scalar(before: start)
            if scalar.isLineBreak { break }
            start = previous
        }
        var depth = 0
        var germanOpen = false
        var position = start
        while position < offset {
            let (scalar, length) = text.scalar(at: position)
            switch scalar {
            case "«", "„":
                depth += 1
                germanOpen = scalar == "„"
            case "»", "”":
                depth = max(0, depth - 1)
            case "“":
                if germanOpen, depth > 0 {
                    depth -= 1
                    germanOpen = false
                } else {
                    depth += 1
                }
            default: break
            }
            position += length
        }
        return depth > 0
    }

    func preceding(_ end: Int, in text: UTF8Bytes) -> Preceding? {
        var position = end
        var closedQuote = false
        var closedAnything = false
        while position > 0 {
            let (scalar, start) = text.scalar(before: position)
            guard scalar.isCloser, !scalar.isSentenceTerminator else { break }
            closedAnything = true
            if scalar != ")" && scalar != "]" && scalar != "}" { closedQuote = true }
            position = start
        }
        guard position > 0 else { return nil }
        let (terminator, terminatorStart) = text.scalar(before: position)
        guard terminator.isSentenceTerminator else { return nil }
        var run = 1
        var runStart = terminatorStart
        while runStart > 0 {
            let (scalar, start) = text.scalar(before: runStart)
            guard scalar.isSentenceTerminator else { break }
            run += 1
            runStart = start
        }
        return Preceding(
            terminator: terminator, terminatorStart: runStart, terminatorRun: run,
            closedQuote: closedQuote, closedAnything: closedAnything)
    }

    func following(_ next: Int, in text: UTF8Bytes) -> Following {
        var position = next
        var afterDash = false
        var afterOpener = false
        while position < text.count {
            let (scalar, length) = text.scalar(at: position)
            if scalar.isDash {
                // A dash leads dialogue only when space follows it (`— Куда?`, `-Біз`
                // is written without one too) but not a negative number (`-5`).
                let after = position + length
                if after < text.count, text.scalar(at: after).scalar.isDigit { break }
                afterDash = true
            } else if scalar.isOpener {
                afterOpener = true
            } else if !scalar.isSegmentSpace {
                break
            }
            position += length
        }
        let first = position < text.count ? text.scalar(at: position).scalar : " "
        return Following(wordStart: position, first: first, afterDash: afterDash, afterOpener: afterOpener)
    }

    /// The run of non-space bytes that ends at `end`, without opening quotes or brackets.
    func token(endingAt end: Int, in text: UTF8Bytes) -> Range<Int> {
        var start = end
        while start > 0 {
            let (scalar, previous) = text.scalar(before: start)
            if scalar.isSegmentSpace { break }
            start = previous
        }
        while start < end {
            let (scalar, length) = text.scalar(at: start)
            guard scalar.isOpener || scalar.isDash else { break }
            start += length
        }
        return start..<end
    }

    func lowercased(_ string: String) -> String {
        if string.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: string.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return string.lowercased()
    }
}
