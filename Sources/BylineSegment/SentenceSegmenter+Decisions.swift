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
        /// Asked several times a candidate, so read once.
        let isLowercase: Bool

        init(wordStart: Int, first: Unicode.Scalar, afterDash: Bool, afterOpener: Bool) {
            self.wordStart = wordStart
            self.first = first
            self.afterDash = afterDash
            self.afterOpener = afterOpener
            isLowercase = first.isLowercaseLetter
        }

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

    /// Whether `candidate` ends a sentence; `sentenceStart` is where the current sentence
    /// began, so a token never reaches back across a break already made.
    func isBreak(_ candidate: Candidate, sentenceStart: Int, in text: UTF8Bytes) -> Bool {
        let gap = candidate.end..<candidate.next
        if text.containsLineBreak(gap) || candidate.startsListItem || candidate.isSettled { return true }
        // A quotation is one sentence with what frames it (`"Oh dear! Oh dear! I shall be
        // too late!"`, `„Wann kommst du? Morgen?“, fragte sie`).
        if candidate.insideQuotation { return false }
        if candidate.afterCaselessClose { return !isAttribution(following(candidate.next, in: text), caseless: true, in: text) }
        // A reference in square brackets belongs to the sentence before it (`species. [10]`),
        // and so does a closing mark of tokenized text (`dedi . '' Ancak`).
        if text[candidate.next] == 0x5B, isFootnoteReference(at: candidate.next, in: text) { return false }
        if text[candidate.next] == 0x27, isDetachedClosingApostrophes(at: candidate.next, in: text) { return false }
        if candidate.afterSpacedColon { return spacedColonEndsSentence(candidate, sentenceStart: sentenceStart, in: text) }
        guard let preceding = preceding(candidate.end, in: text) else {
            // ICU counts an opening bracket among the closers after a full stop (`.[13]`);
            // a footnote candidate takes that place.
            return candidate.fromICU && !text.scalar(before: candidate.end).scalar.isOpener
        }
        let following = following(candidate.next, in: text)
        if gap.isEmpty {
            // Inside a token (a URL's `?`, `e-mail.com`): only scripts that put no space
            // after a sentence end there, and a word glued to the next sentence's
            // capitalised word (`Hello world.Today is`).
            if preceding.terminator.endsSentenceWithoutSpace { return true }
            if isGluedCaselessSentenceStart(preceding, following, in: text) { return true }
            return isGluedSentenceStart(preceding, following, in: text)
        }
        if following.first == "." || following.first == "\u{2026}" {
            // A full stop set off by spaces after an ellipsis closes the same sentence
            // (`yükseldi ... . Kişi`): a sentence never opens with one.
            if following.first == ".", isLoneFullStop(at: following.wordStart, in: text),
                preceding.terminator == "\u{2026}" || preceding.terminatorRun >= 2
            {
                return false
            }
            // A spaced ellipsis follows (`compounds. . . . The`): a period glued to a word
            // ends the sentence before it; the dots of the ellipsis itself do not.
            return preceding.terminator == "." && !isStandalonePeriod(preceding, in: text)
        }
        if preceding.terminator == ".", isStandalonePeriod(preceding, in: text) {
            // The last dot of a spaced ellipsis inside a sentence (`the thing is . . . I`).
            // Four dots (a period and an ellipsis, `period . . . . Next`) end the sentence.
            if spacedDotCount(endingAt: preceding.terminatorStart, in: text) >= 4 { return !following.isLowercase }
            let before = text.skippingSpace(backFrom: preceding.terminatorStart)
            // After glued terminators (`... .`, `हो।. .`) the dot is a full stop of its own.
            if before > 0 {
                let (dot, dotStart) = text.scalar(before: before)
                if dot == ".", dotStart == 0 || !isTerminator(text.scalar(before: dotStart).scalar) { return false }
            }
        }
        if following.afterDash {
            if following.isLowercase { return false }
            // The period of an abbreviation goes on into the dash (`Exabyte Corp. --
            // Goldman`, `Washington, D.C. — the`); one that closes a list ends there.
            if preceding.terminator == ".", preceding.terminatorRun == 1, !preceding.closedAnything,
                continuesIntoDash(abbreviationEndingAt: preceding.terminatorStart, sentenceStart: sentenceStart, in: text)
            {
                return false
            }
            return !isInsideOpenQuotation(candidate.end, in: text)
        }
        if preceding.closedQuote, !following.afterOpener,
            isAttribution(following, caseless: candidate.beforeCaselessWord, in: text)
        {
            return false
        }
        // `2012 жыл. №590`: the numero sign continues a reference; ` / ` separates the
        // lines of a verse quoted as one (`bu sevgimi ? / Yalvarırım …`).
        if following.first == "№" || following.first == "/" { return false }

        // A bracketed aside on the sentence before it (`санкции. (перевод в титрах)`,
        // `поведінка... (вичислити факти …)`), found by the terminator scan.
        if candidate.opensAside { return false }
        let isEllipsis = preceding.terminator == "\u{2026}" || (preceding.terminator == "." && preceding.terminatorRun >= 2)
        // Copy without capitals: a full stop, question or exclamation mark set off by spaces
        // ends the sentence before a lower-case word (`… our group . he has played …`).
        if candidate.beforeCaselessWord, !isEllipsis, preceding.terminatorRun == 1 { return true }
        if preceding.terminator != "." || isEllipsis {
            // `?`, `!`, `…` end a sentence before a capital, or before a bracket or quotation
            // that opens. Before a lower-case word: after a closing quote the attribution
            // follows (`"Why?" he asked`); a bare `?` or `!` ends a sentence only where the
            // sentence itself began in lower case (`wow! so cool`, `any format url? thanks`),
            // so a question inside a sentence goes on (`Yahoo! in the accounts`, `regen? wann
            // wird`, `gelecek mi? diye`). A `?` set off by a space, as chat and tokenized
            // text write it, ends one before any word (`for Red FM delhi ? any format`).
            if !following.isLowercase || following.afterOpener { return true }
            if preceding.closedAnything || preceding.terminator == "\u{2026}" || preceding.terminator == "." { return false }
            if preceding.terminator == "?", preceding.terminatorStart > 0,
                text.scalar(before: preceding.terminatorStart).scalar.isSegmentSpace
            {
                return true
            }
            if preceding.terminator == "!" || preceding.terminator == "?" {
                return sentenceStartsLowercase(before: preceding.terminatorStart, in: text)
            }
            return false
        }
        if preceding.closedAnything {
            return !following.isLowercase
        }
        return periodEndsSentence(preceding, following, sentenceStart: sentenceStart, in: text)
    }

    /// In tokenized text a colon set off by spaces ends a heading or an introduction
    /// before a capitalised word, a number or an amount (`ANA FAİZ ORANI : % 10 1/2 .`,
    /// `Bunu değerlendirin : Bu olmadı .`), as the line break that followed it did. It
    /// goes on before a lower-case word (`düşünmez : aklına danışır`) and before the
    /// quotation it introduces (`Jesus said : “ Why`); a label of one word that opens the
    /// sentence keeps its value (`Kaynak : Telerate Systems Inc .`), and a colon after a
    /// number joins numbers (`Matthew 7 : 13`, `saat 10 : 30`).
    private func spacedColonEndsSentence(_ candidate: Candidate, sentenceStart: Int, in text: UTF8Bytes) -> Bool {
        let following = following(candidate.next, in: text)
        let first = following.first
        guard !following.afterOpener, !following.afterDash,
            following.isUppercase || following.isDigit || first == "%" || first == "$" || first == "€" || first == "£"
        else {
            return false
        }
        let labelEnd = text.skippingSpace(backFrom: candidate.end - 1)
        guard labelEnd > sentenceStart, !text.scalar(before: labelEnd).scalar.isDigit else { return false }
        let label = token(endingAt: labelEnd, notBefore: sentenceStart, in: text)
        return label.lowerBound > text.skippingSpace(from: sentenceStart)
    }

    /// How many stand-alone dots, separated by single spaces, end at the period starting at `offset`.
    private func spacedDotCount(endingAt offset: Int, in text: UTF8Bytes) -> Int {
        var count = 1
        var position = offset
        // Count dots that stand alone; a period glued to a word (`compounds. . . .`) ends
        // its sentence before the ellipsis instead.
        while position >= 3, text[position - 1] == 0x20, text[position - 2] == 0x2E, text[position - 3] == 0x20 {
            count += 1
            position -= 2
        }
        return count
    }

    /// True when the token before the period at `period` is an abbreviation that does not
    /// close a list (`Corp`, `Dr`, `млн`) or letters joined by periods (`D.C`).
    private func continuesIntoDash(abbreviationEndingAt period: Int, sentenceStart: Int, in text: UTF8Bytes) -> Bool {
        let tokenRange = token(endingAt: period, notBefore: sentenceStart, in: text)
        guard !tokenRange.isEmpty else { return false }
        let shape = TokenShape(tokenRange, in: text)
        if let kind = abbreviationKind(tokenRange, isASCII: shape.isASCII, in: text) { return kind != .terminal }
        return shape.isDottedAbbreviation && shape.letters >= 2
    }

    /// A period at `offset` with white space (or the end) after it and no spaced dot
    /// after that: a full stop of its own, not the first dot of `. . .`.
    private func isLoneFullStop(at offset: Int, in text: UTF8Bytes) -> Bool {
        guard offset + 1 == text.count || text.scalar(at: offset + 1).scalar.isSegmentSpace else { return false }
        let next = text.skippingSpace(from: offset + 1)
        return next == text.count || (text[next] != 0x2E && !text.scalar(at: next).scalar.isSentenceTerminator)
    }

    /// A period with white space (or nothing) before it: one dot of `. . .`.
    private func isStandalonePeriod(_ preceding: Preceding, in text: UTF8Bytes) -> Bool {
        preceding.terminatorRun == 1
            && (preceding.terminatorStart == 0 || text.scalar(before: preceding.terminatorStart).scalar.isSegmentSpace)
    }

    /// `world.Today`, `1,000.That`: a plain word or number, a terminator, then a capitalised
    /// word in lower case after its first letter, with no space between. URLs, e-mail
    /// addresses, initials (`J.Aron`) and dotted abbreviations (`U.S.Army`) do not qualify.
    private func isGluedSentenceStart(_ preceding: Preceding, _ following: Following, in text: UTF8Bytes) -> Bool {
        guard following.isUppercase, !following.afterDash, !following.afterOpener else { return false }
        let second = following.wordStart + text.scalar(at: following.wordStart).length
        guard second < text.count else { return false }
        let secondScalar = text.scalar(at: second).scalar
        // `Today`, or a one-letter word (`I dag`), but not `NET` or `U.S`.
        guard secondScalar.isLowercaseLetter || secondScalar.isSegmentSpace else { return false }
        var position = following.wordStart
        while position < text.count, !text.scalar(at: position).scalar.isSegmentSpace {
            // `Jane.Doe@example.com`, `site.Com/page`: an address, not two sentences.
            if text[position] == 0x40 || text[position] == 0x2F { return false }
            position += 1
        }
        let tokenRange = token(endingAt: preceding.terminatorStart, in: text)
        var letters = 0
        var digits = 0
        position = tokenRange.lowerBound
        while position < tokenRange.upperBound {
            let (scalar, length) = text.scalar(at: position)
            if scalar.isLetter {
                letters += 1
            } else if scalar.isDigit {
                digits += 1
            } else if scalar != "," && scalar != "'" && scalar != "’" && scalar != "-" {
                return false  // `.`, `/`, `@`, `:`: a URL, an address or an abbreviation
            }
            position += length
        }
        if letters == 0 { return digits > 0 }
        return letters >= 2 && digits == 0 && rules.abbreviations[lowercased(text.string(tokenRange))] == nil
    }

    /// `ደህና ነኝ።አመሰግናለሁ`, `است؟من`, `ہے۔یہ`, `ဖြစ်တယ်။ဒါ`: in a script without capitals a
    /// terminator glued to the next word ends the sentence, as ICU has it, when letters of
    /// such a script stand on both sides. Before a period the word must be a plain word of
    /// two or more letters: a lone letter with a period glued to a name is an abbreviation
    /// (`د.أحمد`, Dr Ahmed), and so is a syllable of an Indic script (`കെ.പി.`).
    private func isGluedCaselessSentenceStart(_ preceding: Preceding, _ following: Following, in text: UTF8Bytes) -> Bool {
        guard !following.afterDash, following.first.isCaselessLetter else { return false }
        // Vowel signs and viramas may close the word (`ဖြစ်တယ်။`).
        var position = preceding.terminatorStart
        while position > 0 {
            let (scalar, start) = text.scalar(before: position)
            guard scalar.isMark else { break }
            position = start
        }
        guard position > 0, text.scalar(before: position).scalar.isCaselessLetter else { return false }
        guard preceding.terminator == "." else { return true }
        guard preceding.terminatorRun == 1 else { return false }
        // Two letters besides vowel signs: `കെ.പി.` (K. P.) is a pair of initials.
        var letters = 0
        for scalar in text.string(token(endingAt: preceding.terminatorStart, in: text)).unicodeScalars {
            guard scalar.isLetter else { return false }
            if !scalar.isMark { letters += 1 }
        }
        return letters >= 2
    }

    /// The decision after a lone period: abbreviations, initials, ordinals, numbers.
    private func periodEndsSentence(
        _ preceding: Preceding, _ following: Following, sentenceStart: Int, in text: UTF8Bytes
    ) -> Bool {
        let tokenRange = token(endingAt: preceding.terminatorStart, notBefore: sentenceStart, in: text)
        guard !tokenRange.isEmpty else { return !following.isLowercase }
        let shape = TokenShape(tokenRange, in: text)
        var opensSentence: Bool {
            guard following.isUppercase else { return false }
            let word = following.word(in: text)
            // Another initial follows (`А. С. Пушкин`): `С.` is not the preposition `с`.
            let wordEnd = following.wordStart + word.utf8.count
            if word.unicodeScalars.count == 1, wordEnd < text.count, text[wordEnd] == 0x2E { return false }
            return rules.sentenceStarters.contains(lowercased(word))
        }

        // The last part of an abbreviation written with a space that closes a list ends the
        // sentence before a capitalised word (`і т. п. Правда`, `и т. д. Потом`), whatever
        // the part means alone (`п.` is also `пункт`).
        if tokenRange.lowerBound >= 2, text[tokenRange.lowerBound - 2] == 0x2E, shape.letters == shape.scalars,
            shape.scalars <= 3, following.isUppercase,
            spacedAbbreviationKind(endingWith: tokenRange, in: text) == .terminal
        {
            return true
        }
        if let kind = abbreviationKind(tokenRange, isASCII: shape.isASCII, in: text) {
            switch kind {
            case .title: return false
            case .number: return following.isDigit ? false : opensSentence
            case .general: return opensSentence
            case .terminal: return following.isUppercase || following.isDigit
            case .unit, .time:
                guard let number = number(before: tokenRange, in: text) else { return opensSentence }
                if kind == .time, following.isDigit { return true }
                return opensSentence || unitEndsSentence(after: number, following, sentenceStart: sentenceStart, in: text)
            }
        }
        if isCapitalisedHonorific(tokenRange, in: text), shape.letters == shape.scalars, following.isUppercase {
            // An English honorific the language's own list lacks, before a capitalised word.
            return opensSentence
        }
        if following.isDigit || following.isLowercase, !rules.monthAbbreviations.isEmpty, shape.letters == shape.scalars,
            shape.scalars <= 5, rules.monthAbbreviations.contains(lowercased(text.string(tokenRange)))
        {
            // `1 янв. 2026`, `15 Eki. 2025`; and between a day and a lower-case word
            // (`12 лист. у Києві`), where `лист.` cannot be the word `лист`.
            if following.isDigit || number(before: tokenRange, in: text) != nil { return false }
        }
        if shape.scalars == 1, shape.letters == 1 {
            // An initial (`Jonas E. Smith`, `А. С. Пушкин`) or a list letter.
            return opensSentence
        }
        if shape.isDottedAbbreviation {
            return opensSentence
        }
        if following.isLowercase || following.isDigit, shape.letters == shape.scalars,
            shape.letters <= (following.isDigit ? 3 : 5), number(before: tokenRange, in: text) != nil
        {
            // A short word after a number is a unit the lists lack (`5 lb. of flour`,
            // `5 ft. 6 in.`, `100 кб. завантажувався`).
            return false
        }
        if following.isLowercase {
            // A lower-case word after a plain word and a period starts a sentence of text
            // written without capitals (`i am out of town. i am in portland.`):
            // abbreviations, initials and dotted forms were ruled out above, and so are
            // the second half of an abbreviation written with a space (`т. зв.`, `d. h.`)
            // and a short capitalised word, an abbreviation or a numeral (`Drive NE. for`,
            // `Dr. Mi. arrived`), unless the sentence itself began in lower case (`will i
            // pay customs in NZ. its a gift`).
            guard rules.lowercaseMayStartSentence, shape.isPlainWord else { return false }
            if shape.letters <= 3, text.scalar(at: tokenRange.lowerBound).scalar.isUppercaseLetter {
                return sentenceStartsLowercase(before: preceding.terminatorStart, in: text)
            }
            return !isSpacedAbbreviation(endingWith: tokenRange, in: text)
        }
        if shape.digits == shape.scalars {
            if rules.ordinalDot, isOrdinal(tokenRange, following, sentenceStart: sentenceStart, in: text) { return false }
            return true
        }
        return true
    }

    /// True when `word` and the short dotted token before it make one abbreviation of the
    /// rules written with a space (`т. зв.` is `т.зв`, `и т. п.` ends in `т.п`).
    private func isSpacedAbbreviation(endingWith word: Range<Int>, in text: UTF8Bytes) -> Bool {
        spacedAbbreviationKind(endingWith: word, in: text) != nil
    }

    /// The kind of the abbreviation that `word` and the short dotted token before it make
    /// when written with a space (`т. п.` is `т.п`, terminal); nil when they make none.
    private func spacedAbbreviationKind(endingWith word: Range<Int>, in text: UTF8Bytes) -> SegmentationRules.AbbreviationKind? {
        let previousEnd = text.skippingSpace(backFrom: word.lowerBound)
        guard previousEnd > 0, previousEnd < word.lowerBound, previousEnd + 1 == word.lowerBound,
            text[previousEnd - 1] == 0x2E
        else { return nil }
        let previous = token(endingAt: previousEnd - 1, in: text)
        guard !previous.isEmpty, previous.count <= 12 else { return nil }
        let combined = lowercased(text.string(previous) + "." + text.string(word))
        return abbreviationTable.value(forASCIILowercasing: Array(combined.utf8))
    }

    /// The number token just before `abbreviation` in the same line (`40` in `40 км`, `$4` in
    /// `$4 bn`, `2020–2022` in `2020–2022 гг`), looking through one other unit
    /// abbreviation, with its period or without (`5 млн. руб`, `129,2 млрд грн`); nil when
    /// no number precedes.
    private func number(before abbreviation: Range<Int>, in text: UTF8Bytes) -> Range<Int>? {
        var end = abbreviation.lowerBound
        for _ in 0..<2 {
            let previousEnd = text.skippingSpace(backFrom: end)
            guard previousEnd > 0, previousEnd < end, !text.containsLineBreak(previousEnd..<end) else { return nil }
            let previous = token(endingAt: previousEnd, in: text)
            guard !previous.isEmpty else { return nil }
            let last = text.scalar(before: previous.upperBound).scalar
            if last.isDigit { return previous }
            // Another unit, with its period (`5 млн. руб`) or without (`246,4 млрд грн`).
            let unit = last == "." ? previous.lowerBound..<(previous.upperBound - 1) : previous
            guard unit.count > 0, last == "." || last.isLetter,
                abbreviationKind(unit, isASCII: false, in: text) == .unit
            else { return nil }
            end = previous.lowerBound
        }
        return nil
    }

    /// After a number and a unit (`40 км.`, `250 тыс. руб.`, `2019 г.`): a capitalised word
    /// starts a sentence unless it is an initial or an acronym (`1939 ж. Қ. Сәтбаев`,
    /// `1 млрд. АҚШ долларын`, `11:58 p.m. PDT`), or the number phrase opened the sentence
    /// or a clause after a colon or semicolon, as a date often does (`В 2019 г. Москва
    /// приняла …`, `He noted: In 44 B.C. Caesar died`). A word that opens sentences was
    /// ruled out before.
    private func unitEndsSentence(
        after number: Range<Int>, _ following: Following, sentenceStart: Int, in text: UTF8Bytes
    ) -> Bool {
        guard following.isUppercase else { return false }
        let second = following.wordStart + text.scalar(at: following.wordStart).length
        if second < text.count {
            let next = text.scalar(at: second).scalar
            if next == "." || next.isUppercaseLetter { return false }
        }
        // Words before the number other than numbers and month names: one at most (`В`,
        // `С 1 января`) means the date or amount opened the sentence.
        var words = 0
        var position = number.lowerBound
        while position > sentenceStart, words <= 1 {
            let end = text.skippingSpace(backFrom: position)
            guard end > sentenceStart, end < position else { break }
            var start = end
            while start > sentenceStart {
                let (scalar, previous) = text.scalar(before: start)
                if scalar.isSegmentSpace { break }
                start = previous
            }
            // A clause ends with the colon or semicolon of this word.
            if text[end - 1] == 0x3A || text[end - 1] == 0x3B { break }
            let spelled = text.string(start..<end)
            if spelled.unicodeScalars.contains(where: \.isLetter), !spelled.unicodeScalars.contains(where: \.isDigit),
                !rules.monthNames.contains(lowercased(String(String.UnicodeScalarView(spelled.unicodeScalars.filter(\.isLetter)))))
            {
                words += 1
            }
            position = start
        }
        return words > 1
    }

    /// The abbreviation kind of a token, looked up without allocating for ASCII tokens.
    func abbreviationKind(_ range: Range<Int>, isASCII: Bool, in text: UTF8Bytes) -> SegmentationRules.AbbreviationKind? {
        if isASCII && !usesTurkicCasing {
            return abbreviationTable.value(forASCIILowercasing: text.bytes[range])
        }
        // Most tokens before a period are in lower case already (`сказал.`, `dedi.`).
        if !text.changesWhenLowercased(range) {
            return abbreviationTable.value(forASCIILowercasing: text.bytes[range])
        }
        return abbreviationTable.value(forASCIILowercasing: Array(lowercased(text.string(range)).utf8))
    }

    /// What a token is made of, read in one pass over its bytes.
    struct TokenShape {
        var scalars = 0
        var letters = 0
        var digits = 0
        var isASCII = true
        /// Letters in groups of one to three joined by periods (`U.S`, `e.g`, `т.е`).
        var isDottedAbbreviation = false
        /// Two or more letters with at most apostrophes, hyphens and `&` between them.
        var isPlainWord = false

        init(_ range: Range<Int>, in text: UTF8Bytes) {
            var dots = 0
            var others = 0
            var groupLetters = 0
            var groupsFit = true
            var position = range.lowerBound
            while position < range.upperBound {
                let byte = text[position]
                if byte < 0x80 {
                    // ASCII letters, digits and periods, read without decoding.
                    if (0x61...0x7A).contains(byte | 0x20) {
                        scalars += 1
                        letters += 1
                        groupLetters += 1
                        position += 1
                        continue
                    }
                    if (0x30...0x39).contains(byte) {
                        scalars += 1
                        digits += 1
                        groupsFit = false
                        position += 1
                        continue
                    }
                }
                let (scalar, length) = text.scalar(at: position)
                if length > 1 { isASCII = false }
                scalars += 1
                if scalar.isLetter {
                    letters += 1
                    groupLetters += 1
                } else if scalar.isDigit {
                    digits += 1
                    groupsFit = false
                } else if scalar == "." {
                    dots += 1
                    if groupLetters == 0 || groupLetters > 3 { groupsFit = false }
                    groupLetters = 0
                } else {
                    if scalar != "'" && scalar != "’" && scalar != "-" && scalar != "&" { others += 1 }
                    groupsFit = false
                }
                position += length
            }
            if groupLetters == 0 || groupLetters > 3 { groupsFit = false }
            isDottedAbbreviation = dots > 0 && groupsFit
            isPlainWord = letters >= 2 && digits == 0 && dots == 0 && others == 0
        }
    }

    /// True when the sentence that ends at `offset` began with a lower-case letter: the
    /// first letter after the previous terminator or line break.
    private func sentenceStartsLowercase(before offset: Int, in text: UTF8Bytes) -> Bool {
        var position = offset
        var firstLetter: Unicode.Scalar?
        while position > 0 {
            let (scalar, start) = text.scalar(before: position)
            if scalar.isLineBreak || (isTerminator(scalar) && text.scalar(at: position).scalar.isSegmentSpace) { break }
            if scalar.isLetter { firstLetter = scalar }
            position = start
        }
        return firstLetter?.isLowercaseLetter ?? false
    }

    /// A number before a period is an ordinal when a month follows (`3. Oktober`) or a
    /// function word precedes it (`der 18. Wirtschaftsgipfel`, `bis zum 31.`).
    private func isOrdinal(_ number: Range<Int>, _ following: Following, sentenceStart: Int, in text: UTF8Bytes) -> Bool {
        if rules.monthNames.contains(lowercased(following.word(in: text))) { return true }
        let before = text.skippingSpace(backFrom: number.lowerBound)
        guard before < number.lowerBound, before > 0 else { return false }
        let previous = token(endingAt: before, in: text)
        guard !previous.isEmpty else { return false }
        let word = text.string(previous)
        // The function word may open the sentence (`Im 8. Jahrhundert`).
        guard let first = word.unicodeScalars.first, first.isLowercaseLetter || previous.lowerBound <= sentenceStart else {
            return false
        }
        if rules.ordinalWords.isEmpty { return rules.sentenceStarters.contains(lowercased(word)) }
        if rules.ordinalWords.contains(lowercased(word)) { return true }
        // An inflected adjective between the article and the number (`im späten 15.`).
        guard first.isLowercaseLetter, previous.lowerBound > sentenceStart else { return false }
        let beforeAdjective = text.skippingSpace(backFrom: previous.lowerBound)
        guard beforeAdjective < previous.lowerBound, beforeAdjective > sentenceStart else { return false }
        let article = token(endingAt: beforeAdjective, notBefore: sentenceStart, in: text)
        return !article.isEmpty && rules.ordinalWords.contains(lowercased(text.string(article)))
    }

    /// Capitalised words then a verb of attribution, within four words:
    /// `"Why?" Blinken asked.`, `"Stop," said the officer.`
    /// `caseless`: the text has no capitals, so a lower-case word is no sign of an
    /// attribution and only the verbs are (`' he said`, `' mr morton said`).
    private func isAttribution(_ following: Following, caseless: Bool = false, in text: UTF8Bytes) -> Bool {
        if following.isLowercase && !caseless { return true }
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
            guard scalar.isCloser, !isTerminator(scalar) else { break }
            closedAnything = true
            if scalar != ")" && scalar != "]" && scalar != "}" { closedQuote = true }
            position = start
        }
        guard position > 0 else { return nil }
        let (terminator, terminatorStart) = text.scalar(before: position)
        guard isTerminator(terminator) else { return nil }
        var run = 1
        var runStart = terminatorStart
        while runStart > 0 {
            let (scalar, start) = text.scalar(before: runStart)
            guard isTerminator(scalar) else { break }
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
    func token(endingAt end: Int, notBefore limit: Int = 0, in text: UTF8Bytes) -> Range<Int> {
        var start = end
        while start > limit {
            let byte = text[start - 1]
            if byte < 0x80 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) { break }
                start -= 1
                continue
            }
            // Only scalars led by 0xC2, 0xE1, 0xE2, 0xE3 or 0xEF can be white space.
            var lead = start - 1
            while lead > 0, text[lead] & 0xC0 == 0x80 { lead -= 1 }
            if !UTF8Bytes.mayLeadSpace(text[lead]) {
                start = lead
                continue
            }
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

    /// A terminator of Unicode's or of the language's own.
    func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isSentenceTerminator || (hasExtraTerminators && rules.extraTerminators.contains(scalar))
    }

    /// Lower case as the data files are written: ASCII fast, Turkic `İ`/`I` → `i`/`ı`
    /// for Turkish and Azerbaijani.
    func lowercased(_ string: String) -> String {
        // Most words are in lower case already; they come back as they are, unallocated.
        // `I` and `İ` change too, so the Turkic mapping below has nothing to do then.
        if !string.unicodeScalars.contains(where: { $0.changesWhenLowercased }) { return string }
        if string.utf8.allSatisfy({ $0 < 0x80 }) && !usesTurkicCasing {
            return String(decoding: string.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        if usesTurkicCasing {
            var mapped = String.UnicodeScalarView()
            for scalar in string.unicodeScalars {
                mapped.append(scalar == "İ" ? "i" : scalar == "I" ? "ı" : scalar)
            }
            return String(mapped).lowercased()
        }
        return string.lowercased()
    }
}
