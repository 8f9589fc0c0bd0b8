import BylineText

extension SentenceSegmenter {
    /// Removes breaks that would leave a list marker, stray punctuation or a dateline
    /// as a sentence of its own.
    func mergePieces(of text: UTF8Bytes, breaks: [Candidate]) -> [Candidate] {
        var kept: [Candidate] = []
        kept.reserveCapacity(breaks.count)
        var start = text.skippingSpace(from: 0)
        var startsParagraph = true
        for (index, candidate) in breaks.enumerated() where candidate.end > start {
            let piece = start..<candidate.end
            let sameLine = !text.containsLineBreak(candidate.end..<candidate.next)
            let nextEnd = index + 1 < breaks.count ? breaks[index + 1].end : text.skippingSpace(backFrom: text.count)
            let merge: Bool
            if sameLine, isListMarker(piece, in: text) || !containsLetterOrDigit(piece, in: text)
                || !containsLetterOrDigit(candidate.next..<max(candidate.next, nextEnd), in: text)
            {
                // A marker stays with its item, and punctuation alone (`"`, `...`, `)`)
                // stays with the sentence beside it.
                merge = true
            } else if options.attachDatelines, startsParagraph, isDateline(piece, in: text) {
                merge = sameLine || endsWithDash(piece, in: text)
                // Only the first piece of a paragraph can be its dateline.
                startsParagraph = false
            } else {
                merge = false
            }
            guard !merge else { continue }
            kept.append(candidate)
            start = candidate.next
            startsParagraph = !sameLine
        }
        return kept
    }

    private func containsLetterOrDigit(_ range: Range<Int>, in text: UTF8Bytes) -> Bool {
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = text[position]
            if byte < 0x80 {
                if (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20) { return true }
                position += 1
                continue
            }
            let (scalar, length) = text.scalar(at: position)
            if scalar.isLetterOrDigit { return true }
            position += length
        }
        return false
    }

    /// `1.`, `12)`, `(3)`, `1.)`, `• 3.`, `⁃9.`, `a.`, `iv.`: a marker that introduces a list item.
    private func isListMarker(_ range: Range<Int>, in text: UTF8Bytes) -> Bool {
        guard range.count <= 10 else { return false }
        var body = Substring(text.string(range))
        while let first = body.unicodeScalars.first, first.isListBullet || first.isSegmentSpace {
            body = Substring(body.unicodeScalars.dropFirst())
        }
        if body.first == "(" { body = body.dropFirst() }
        if body.hasSuffix(".)") { body = body.dropLast() }
        guard let last = body.last, last == "." || last == ")" else { return false }
        body = body.dropLast()
        guard !body.isEmpty else { return false }
        if body.allSatisfy({ $0.isASCII && $0.isNumber }) { return body.count <= 3 }
        if body.count == 1, let letter = body.first, letter.isLetter { return true }
        return body.allSatisfy { "ivxlcIVXLC".contains($0) }
    }

    private func endsWithDash(_ range: Range<Int>, in text: UTF8Bytes) -> Bool {
        text.scalar(before: range.upperBound).scalar.isDash
    }

    /// A dateline: a place in capitals or with a comma, then a date or an agency, and a
    /// dash or period: `WASHINGTON (Reuters) -`, `BAKU, Nov 1 (TURAN) —`, `Москва, 5 марта.`
    func isDateline(_ range: Range<Int>, in text: UTF8Bytes) -> Bool {
        guard range.count <= 120, text.scalar(at: range.lowerBound).scalar.isUppercaseLetter else { return false }
        // Cheap byte checks first: at most eight words, and a dash or period at the end.
        var spaces = 0
        for offset in range where text[offset] == 0x20 { spaces += 1 }
        let last = text.scalar(before: range.upperBound).scalar
        guard spaces <= 8, last == "." || last.isDash else { return false }
        let bytes = UnsafeBufferPointer(rebasing: text.bytes[range])
        let hasComma = bytes.contains(0x2C)
        if last == ".", !(hasComma && bytes.contains(where: { (0x30...0x39).contains($0) })) { return false }
        let piece = text.string(range)
        let words = piece.split(whereSeparator: { $0.isWhitespace })
        guard words.count >= 2, words.count <= 8, let first = words.first,
            let initial = first.unicodeScalars.first, initial.properties.isUppercase
        else { return false }
        let hasAgency = piece.contains("(") && piece.contains(")")
        let firstIsCapitals = first.filter(\.isLetter).count >= 2 && first.allSatisfy { !$0.isLowercase }
        if endsWithDash(range, in: text) {
            return hasAgency || firstIsCapitals || piece.contains(",")
        }
        guard piece.hasSuffix(".") else { return false }
        // A period-ended dateline names a date after a comma: `Москва, 5 марта.`
        guard let comma = piece.firstIndex(of: ","), piece[..<comma].split(separator: " ").count <= 3 else {
            return false
        }
        let rest = piece[piece.index(after: comma)...]
        let hasDigit = rest.contains(where: \.isNumber)
        let namesMonth = rest.split(whereSeparator: { !$0.isLetter }).contains { rules.monthNames.contains(lowercased(String($0))) }
        return hasDigit && (namesMonth || hasAgency)
    }

    /// Replaces the line breaks inside hard-wrapped paragraphs with spaces, in place.
    ///
    /// A line is part of a wrapped paragraph when it is at least 60 % as long as the
    /// longest line of the text and the next line is not blank and does not start a list
    /// item or dialogue. Headlines, credits and other short lines keep their breaks. The
    /// byte count never changes, so offsets into the original stay valid.
    static func unwrapLines(_ bytes: inout [UInt8]) {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<bytes.count)
        func scalarLength(_ line: Range<Int>) -> Int {
            var count = 0
            for index in line where bytes[index] & 0xC0 != 0x80 { count += 1 }
            return count
        }
        let lengths = lines.map { scalarLength($0) }
        guard let longest = lengths.max(), longest >= 30 else { return }
        for index in 0..<(lines.count - 1) {
            let line = lines[index]
            let nextLine = lines[index + 1]
            guard lengths[index] * 10 >= longest * 6,
                nextLine.contains(where: { bytes[$0] != 0x20 && bytes[$0] != 0x09 && bytes[$0] != 0x0D })
            else { continue }
            let firstByte = nextLine.first(where: { bytes[$0] != 0x20 && bytes[$0] != 0x09 }).map { bytes[$0] }
            if let firstByte, firstByte == 0x2D || firstByte == 0x2A || (0x30...0x39).contains(firstByte) && startsListItem(bytes, nextLine) {
                continue
            }
            if firstByte == 0xE2 { continue }  // a dash or bullet (U+2013, U+2014, U+2022)
            bytes[line.upperBound] = 0x20
            if line.upperBound > line.lowerBound, bytes[line.upperBound - 1] == 0x0D {
                bytes[line.upperBound - 1] = 0x20
            }
        }
    }

    private static func startsListItem(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        var index = line.lowerBound
        while index < line.upperBound, (0x30...0x39).contains(bytes[index]) { index += 1 }
        return index < line.upperBound && (bytes[index] == 0x2E || bytes[index] == 0x29)
            && index + 1 < line.upperBound && bytes[index + 1] == 0x20
    }
}
