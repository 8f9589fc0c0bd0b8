import BylineText
import CBylineICU

/// Finds UTF-8 that was decoded with a single-byte code page and decodes it again.
///
/// For each code page of ``CodePage/mojibakeSources``, characters are mapped back to the
/// bytes the code page gives them; wherever those bytes form a well-formed UTF-8 sequence
/// of two to four bytes (or a CESU-8 surrogate pair) the characters are a *cluster* that
/// might stand for one character. Clusters within one word form a *run*. A run is repaired
/// only when the repair makes the text clearly less odd by the ``badness(of:)`` score; a
/// whole line is repaired at once when every non-ASCII character in it belongs to a cluster
/// and the line as a whole gets better. Correct text almost never has clusters at all,
/// because a cluster needs a letter followed straight away by symbols such as `©`, `°`, `€`.
///
/// The pass runs again on its own output (up to four times) for text garbled more than once.
final class MojibakeRepair {
    private let codePages = CodePage.mojibakeSources
    /// Per BMP scalar: bit 2e set when it encodes to a UTF-8 lead byte in code page e,
    /// bit 2e+1 when it encodes to a continuation byte.
    private var roles: [UInt32]
    private var classes: [MojibakeClass]

    init() {
        roles = [UInt32](repeating: 0, count: 0x10000)
        classes = [MojibakeClass](repeating: .unknown, count: 0x10000)
        for (page, codePage) in codePages.enumerated() {
            for (scalar, byte) in codePage.encode where scalar < 0x10000 {
                if byte >= 0xC2 && byte <= 0xF4 { roles[Int(scalar)] |= 1 << (2 * page) }
                if byte < 0xC0 { roles[Int(scalar)] |= 1 << (2 * page + 1) }
            }
        }
    }

    private static let leadMask: UInt32 = 0x5555_5555

    /// True when some character that can start a cluster is followed by one that can
    /// continue it in the same code page: the cheap test every text goes through.
    func mayContainMojibake(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt32 = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                previous = 0
                index += 1
                continue
            }
            let (scalar, length) = ScalarMapper.decode(bytes, at: index)
            let role = scalar < 0x10000 ? roles[Int(scalar)] : 0
            if (previous & Self.leadMask) << 1 & role != 0 { return true }
            // A lead whose continuation was lost and replaced by U+FFFD.
            if scalar == 0xFFFD, previous & Self.leadMask != 0 { return true }
            previous = role
            index += length
        }
        return false
    }

    /// One repair pass over `text`; identity when nothing is repaired.
    func repairOnce(_ text: String, exemplars: Exemplars?) -> EditMap {
        text.withUTF8Bytes { bytes -> EditMap in
            guard mayContainMojibake(bytes) || mayHaveLostNoBreakSpace(bytes) else { return .identity(text) }
            var scalars: [UInt32] = []
            var offsets: [Int] = []
            scalars.reserveCapacity(bytes.count)
            offsets.reserveCapacity(bytes.count + 1)
            var index = 0
            while index < bytes.count {
                let (scalar, length) = ScalarMapper.decode(bytes, at: index)
                scalars.append(scalar)
                offsets.append(index)
                index += length
            }
            offsets.append(bytes.count)
            var builder = EditBuilder(source: bytes)
            var lineStart = 0
            while lineStart < scalars.count {
                var lineEnd = lineStart
                while lineEnd < scalars.count, scalars[lineEnd] != 0x0A { lineEnd += 1 }
                for repair in repairs(in: scalars, lineStart..<lineEnd, exemplars: exemplars) {
                    var replacement: [UInt8] = []
                    for scalar in repair.decoded { replacement.append(contentsOf: Unicode.Scalar(scalar).map(\.utf8Bytes) ?? []) }
                    builder.replace(
                        offsets[repair.range.lowerBound]..<offsets[repair.range.upperBound], with: replacement,
                        kind: .mojibake)
                }
                lineStart = lineEnd + 1
            }
            return builder.finish(sourceString: text)
        }
    }

    /// Repairs `text` until a pass changes nothing (at most four passes).
    func repair(_ text: String, exemplars: Exemplars?) -> EditMap {
        var map = EditMap.identity(text)
        for _ in 0..<4 {
            let pass = repairOnce(map.output, exemplars: exemplars)
            if pass.isIdentity { break }
            map = map.followed(by: pass)
        }
        return map
    }

    /// True when the text has `Ã` followed by a space: the commonest trace of a UTF-8 `à`
    /// whose second byte, a no-break space in Windows-1252, was turned into a plain space.
    private func mayHaveLostNoBreakSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xC3, bytes[index + 1] == 0x83, bytes[index + 2] == 0x20 { return true }
            index += 1
        }
        return false
    }

    // MARK: Clusters and runs

    struct Cluster {
        /// Scalar indices of the garbled characters.
        var range: Range<Int>
        /// The character they stand for.
        var decoded: UInt32
        /// Bytes in the UTF-8 sequence (6 for a CESU-8 pair).
        var byteCount: Int { range.count }
    }

    /// A replacement of some scalars of a line.
    struct Repair {
        var range: Range<Int>
        var decoded: [UInt32]
    }

    /// The repairs of one line, from the code page that improves it most.
    private func repairs(in scalars: [UInt32], _ line: Range<Int>, exemplars: Exemplars?) -> [Repair] {
        var best: [Cluster] = []
        var bestGain = 0
        var bestPage = 0
        for page in codePages.indices {
            let clusters = self.clusters(in: scalars, line, page: page)
            guard !clusters.isEmpty else { continue }
            var accepted: [Cluster] = []
            var gain = 0
            var totalGain = 0
            var anyRejected = false
            var anyStrong = false
            var runStart = 0
            while runStart < clusters.count {
                var runEnd = runStart + 1
                while runEnd < clusters.count,
                    !scalars[clusters[runEnd - 1].range.upperBound..<clusters[runEnd].range.lowerBound].contains(where: {
                        classOf($0) == .space
                    })
                {
                    runEnd += 1
                }
                let run = clusters[runStart..<runEnd]
                runStart = runEnd
                guard let (delta, strong) = improvement(of: run, in: scalars, line, exemplars: exemplars) else {
                    anyRejected = true
                    continue
                }
                totalGain += delta
                if strong { anyStrong = true }
                if delta >= (strong ? 1 : 2) {
                    accepted.append(contentsOf: run)
                    gain += delta
                }
            }
            // One short cluster alone must be clearly better; more clusters back each other up.
            let needed = clusters.count == 1 && clusters[0].byteCount == 2 ? 2 : (anyStrong ? 1 : 2)
            if !anyRejected, totalGain >= needed, isFullyCovered(line, by: clusters, in: scalars) {
                accepted = clusters
                gain = max(gain, totalGain)
            } else if !accepted.isEmpty, !isConvincingPartialRepair(accepted, of: line, clusters: clusters, in: scalars) {
                accepted = []
                gain = 0
            }
            if !isCoherent(accepted) {
                accepted = []
                gain = 0
            }
            if gain > bestGain {
                bestGain = gain
                best = accepted
                bestPage = page
            }
        }
        var result = best.map { Repair(range: $0.range, decoded: [$0.decoded]) }
        result = mergeLostNoBreakSpaces(into: result, in: scalars, line, page: bestPage, hasClusters: !best.isEmpty, exemplars: exemplars)
        result = mergeLossySequences(into: result, in: scalars, line, page: bestPage, hasClusters: !best.isEmpty)
        return result
    }

    /// Real garbling of one text turns its letters into letters of one script; clusters
    /// that decode to letters of several scripts are coincidences in already garbled or
    /// unusual text.
    private func isCoherent(_ clusters: [Cluster]) -> Bool {
        var scripts: Set<Int32> = []
        for cluster in clusters where classOf(cluster.decoded).isNonASCIILetter {
            let script = byline_script_of(Int32(bitPattern: cluster.decoded))
            if script > 1 { scripts.insert(script) }
        }
        // A French line may quote Arabic; three scripts, or two without Latin, is noise.
        // USCRIPT_LATIN = 25.
        return scripts.count < 2 || (scripts.count == 2 && scripts.contains(25))
    }

    /// Where a byte of a UTF-8 sequence was lost and replaced by U+FFFD (or, in a line that
    /// is visibly garbled, by `?`), the remaining garbled characters and the replacement
    /// stand for one unknown character: they become one U+FFFD.
    private func mergeLossySequences(into repairs: [Repair], in scalars: [UInt32], _ line: Range<Int>, page: Int, hasClusters: Bool) -> [Repair] {
        let pages = hasClusters ? [page] : codePages.indices.filter { ["windows-1252", "windows-1251"].contains(codePages[$0].name) }
        var result: [Repair] = []
        var next = 0
        var index = line.lowerBound
        while index < line.upperBound {
            if next < repairs.count, repairs[next].range.lowerBound <= index {
                index = max(index, repairs[next].range.upperBound)
                result.append(repairs[next])
                next += 1
                continue
            }
            var matched = 0
            for candidate in pages {
                let codePage = codePages[candidate]
                guard let lead = codePage.encode[scalars[index]], (0xC2...0xF4).contains(lead) else { continue }
                let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                guard index + length <= line.upperBound else { continue }
                var lost = false
                var fits = true
                for offset in 1..<length {
                    let scalar = scalars[index + offset]
                    if next < repairs.count, repairs[next].range.lowerBound <= index + offset { fits = false; break }
                    if scalar == 0xFFFD || (scalar == 0x3F && hasClusters) {
                        lost = true
                    } else if scalar < 0x80 || !(codePage.encode[scalar].map { $0 & 0xC0 == 0x80 } ?? false) {
                        fits = false
                        break
                    }
                }
                if fits, lost {
                    matched = length
                    break
                }
            }
            if matched > 0 {
                result.append(Repair(range: index..<(index + matched), decoded: [0xFFFD]))
                index += matched
            } else {
                index += 1
            }
        }
        while next < repairs.count {
            result.append(repairs[next])
            next += 1
        }
        return result
    }

    /// In a line that is not garbled throughout, a repair must be more than a coincidence:
    /// a three- or four-byte sequence, or at least two clusters that cover as many of the
    /// line's non-ASCII characters as are left outside them.
    private func isConvincingPartialRepair(_ accepted: [Cluster], of line: Range<Int>, clusters: [Cluster], in scalars: [UInt32]) -> Bool {
        if accepted.contains(where: { $0.byteCount >= 3 }) { return true }
        guard accepted.count >= 2 else { return false }
        let covered = accepted.reduce(0) { $0 + $1.byteCount }
        var inClusters = 0
        for cluster in clusters { inClusters += cluster.byteCount }
        let nonASCII = scalars[line].reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        return covered >= nonASCII - inClusters
    }

    /// `à` garbled to `Ã` + no-break space, the space then lost or made plain. `à` is a word
    /// of its own, so the space after it stays, unless two are left or the next word is the
    /// rest of a Portuguese contraction (`às`, `àquele`). The next word must start in lower
    /// case: `S Ã O` spelled out in capitals is not garbled.
    private func lostGraveA(at index: Int, in scalars: [UInt32], _ line: Range<Int>) -> Repair? {
        var wordStart = index + 1
        while wordStart < line.upperBound, scalars[wordStart] == 0x20 { wordStart += 1 }
        let spaces = wordStart - index - 1
        guard wordStart < line.upperBound, classOf(scalars[wordStart]).isLowercase else { return nil }
        var wordEnd = wordStart
        while wordEnd < line.upperBound, classOf(scalars[wordEnd]).isLetter { wordEnd += 1 }
        let word = String(String.UnicodeScalarView(scalars[wordStart..<wordEnd].compactMap(Unicode.Scalar.init)))
        let contractions: Set<String> = ["s", "quele", "quela", "queles", "quelas", "quilo"]
        let elided = wordEnd < line.upperBound && (scalars[wordEnd] == 0x27 || scalars[wordEnd] == 0x2019)
        if spaces == 1, contractions.contains(word), !elided { return Repair(range: index..<(index + 2), decoded: [0xE0]) }
        return Repair(range: index..<(index + (spaces >= 2 ? 2 : 1)), decoded: [0xE0])
    }

    /// Undoes the loss of a no-break space that was the second byte of a UTF-8 letter
    /// (`Ã` + space for `à`, `Å` + space for `Š`): where the code page's other repairs in
    /// the line show it was garbled, or, for `à` alone, after a lower-case letter or a space.
    private func mergeLostNoBreakSpaces(
        into repairs: [Repair], in scalars: [UInt32], _ line: Range<Int>, page: Int, hasClusters: Bool, exemplars: Exemplars?
    ) -> [Repair] {
        var result: [Repair] = []
        var next = 0
        var index = line.lowerBound
        while index + 1 < line.upperBound {
            if next < repairs.count, repairs[next].range.lowerBound <= index {
                index = max(index, repairs[next].range.upperBound)
                result.append(repairs[next])
                next += 1
                continue
            }
            let scalar = scalars[index]
            guard scalars[index + 1] == 0x20, scalar >= 0x80 else {
                index += 1
                continue
            }
            let previous = index > line.lowerBound ? classOf(scalars[index - 1]) : .space
            let pages = hasClusters ? [page] : codePages.indices.filter { codePages[$0].name == "windows-1252" }
            var repaired = false
            for candidatePage in pages {
                guard let lead = codePages[candidatePage].encode[scalar], (0xC2...0xDF).contains(lead) else { continue }
                let decoded = UInt32(lead & 0x1F) << 6 | 0x20
                if decoded == 0xE0, previous.isLowercase || previous == .space || previous == .asciiPunctuation,
                    let repair = lostGraveA(at: index, in: scalars, line)
                {
                    result.append(repair)
                    index = repair.range.upperBound
                    repaired = true
                    break
                }
                let decodedClass = classOf(decoded)
                if hasClusters, decoded == 0xA0 || (decodedClass.isNonASCIILetter && exemplars?.contains(decoded) ?? true) {
                    result.append(Repair(range: index..<(index + 2), decoded: [decoded]))
                    index += 2
                    repaired = true
                    break
                }
            }
            if !repaired { index += 1 }
        }
        while next < repairs.count {
            result.append(repairs[next])
            next += 1
        }
        return result
    }

    /// The well-formed UTF-8 sequences formed by the code-page bytes of the line's characters.
    private func clusters(in scalars: [UInt32], _ line: Range<Int>, page: Int) -> [Cluster] {
        let codePage = codePages[page]
        let leadBit: UInt32 = 1 << (2 * page)
        var result: [Cluster] = []
        var index = line.lowerBound
        func byte(_ position: Int) -> UInt32? {
            guard position < line.upperBound else { return nil }
            let scalar = scalars[position]
            if scalar < 0x80 { return scalar }
            return codePage.encode[scalar].map(UInt32.init)
        }
        while index < line.upperBound {
            let scalar = scalars[index]
            guard scalar < 0x10000, roles[Int(scalar)] & leadBit != 0, let lead = byte(index) else {
                index += 1
                continue
            }
            let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var value = lead & (lead < 0xE0 ? 0x1F : lead < 0xF0 ? 0x0F : 0x07)
            var valid = true
            for offset in 1..<length {
                guard let next = byte(index + offset), next & 0xC0 == 0x80 else {
                    valid = false
                    break
                }
                value = value << 6 | (next & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            if !valid || value < minimum || value > 0x10FFFF {
                index += 1
                continue
            }
            if (0xD800...0xDBFF).contains(value) {
                // CESU-8: a high surrogate's three bytes, then a low surrogate's three.
                if let low = cesuLowSurrogate(after: index + 3, byte: byte), low.1 {
                    let combined = 0x10000 + ((value - 0xD800) << 10) + (low.0 - 0xDC00)
                    result.append(Cluster(range: index..<(index + 6), decoded: combined))
                    index += 6
                    continue
                }
                index += 1
                continue
            }
            if (0xDC00...0xDFFF).contains(value) {
                index += 1
                continue
            }
            result.append(Cluster(range: index..<(index + length), decoded: value))
            index += length
        }
        return result
    }

    private func cesuLowSurrogate(after index: Int, byte: (Int) -> UInt32?) -> (UInt32, Bool)? {
        guard let first = byte(index), first == 0xED, let second = byte(index + 1), (0xB0...0xBF).contains(second),
            let third = byte(index + 2), third & 0xC0 == 0x80
        else { return nil }
        return (0xD000 | (second & 0x3F) << 6 | (third & 0x3F), true)
    }

    private func isFullyCovered(_ line: Range<Int>, by clusters: [Cluster], in scalars: [UInt32]) -> Bool {
        var next = 0
        var index = line.lowerBound
        while index < line.upperBound {
            if next < clusters.count, clusters[next].range.lowerBound == index {
                index = clusters[next].range.upperBound
                next += 1
                continue
            }
            if scalars[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    // MARK: Scoring

    func classOf(_ scalar: UInt32) -> MojibakeClass {
        guard scalar < 0x10000 else { return MojibakeClass.of(scalar) }
        let cached = classes[Int(scalar)]
        if cached != .unknown { return cached }
        let computed = MojibakeClass.of(scalar)
        classes[Int(scalar)] = computed
        return computed
    }

    /// How much less odd the run becomes when repaired (positive = better), counted over the
    /// run and one character of context on each side, and whether the run is strong
    /// evidence by itself (a long sequence, or one that gives letters). Nil when the repair
    /// would produce something no text has: a control, an unused or archaic character, or a
    /// lone letter of another script among non-letters.
    private func improvement(of run: ArraySlice<Cluster>, in scalars: [UInt32], _ line: Range<Int>, exemplars: Exemplars?)
        -> (Int, Bool)?
    {
        let start = max(line.lowerBound, run.first!.range.lowerBound - 1)
        let end = min(line.upperBound, run.last!.range.upperBound + 1)
        var after: [UInt32] = []
        var index = start
        var next = run.startIndex
        var strong = false
        var decodedLetters = 0
        var foreignLetter = false
        // Letters decoded from symbols alone, which need a letter beside them.
        var isolatedCandidates: [Int] = []
        while index < end {
            if next < run.endIndex, run[next].range.lowerBound == index {
                let decoded = run[next].decoded
                let decodedClass = classOf(decoded)
                // A C1 control is what the middle of a text garbled twice decodes to; alone it is
                // no repair.
                if decodedClass == .control, !((0x80...0x9F).contains(decoded) && run.count > 1) { return nil }
                if decodedClass == .rare { return nil }
                // Only the common Latin diacritics arrive decomposed in real copy.
                if decodedClass == .mark, !(0x300...0x36F).contains(decoded) {
                    // A script's own mark needs a letter of that script before it.
                    let script = byline_script_of(Int32(bitPattern: decoded))
                    guard let base = after.last, byline_script_of(Int32(bitPattern: base)) == script else { return nil }
                }
                if decodedClass == .mark, (0x300...0x36F).contains(decoded),
                    !([0x300...0x308, 0x30A...0x30C, 0x327...0x328, 0x335...0x338].contains { $0.contains(decoded) })
                {
                    return nil
                }
                let original = scalars[run[next].range]
                let fromSymbols = !original.contains { classOf($0).isLetter }
                if fromSymbols, run[next].byteCount == 2, !decodedClass.isLetter { return nil }
                if fromSymbols, decodedClass.isLetter { isolatedCandidates.append(after.count) }
                if decodedClass.isNonASCIILetter {
                    decodedLetters += 1
                    // USCRIPT_COMMON 0, INHERITED 1, LATIN 25.
                    if ![0, 1, 25].contains(byline_script_of(Int32(bitPattern: decoded))) { foreignLetter = true }
                }
                if run[next].byteCount >= 3 || decodedClass.isNonASCIILetter { strong = true }
                after.append(decoded)
                index = run[next].range.upperBound
                next += 1
            } else {
                after.append(scalars[index])
                index += 1
            }
        }
        // A letter or digit of another script dropped by a long sequence between letters of
        // one script (a CJK character inside a Cyrillic word) is a coincidence, not a repair.
        for next in run where next.byteCount >= 3 {
            guard let position = positionInAfter(of: next, run: run, start: start) else { continue }
            let decoded = after[position]
            let decodedClass = classOf(decoded)
            guard decodedClass.isNonASCIILetter || decodedClass == .digit, decoded >= 0x80 else { continue }
            let script = byline_script_of(Int32(bitPattern: decoded))
            guard script > 1 else { continue }
            var foreignNeighbours = 0
            var sameNeighbours = 0
            for neighbour in [position - 1, position + 1] where neighbour >= 0 && neighbour < after.count {
                let neighbourClass = classOf(after[neighbour])
                guard neighbourClass.isLetter || neighbourClass == .digit else { continue }
                let neighbourScript = byline_script_of(Int32(bitPattern: after[neighbour]))
                if neighbourScript == script { sameNeighbours += 1 } else if neighbourScript > 1 { foreignNeighbours += 1 }
            }
            if foreignNeighbours > 0, sameNeighbours == 0 { return nil }
        }
        for position in isolatedCandidates {
            let left = position > 0 ? classOf(after[position - 1]) : .space
            let right = position + 1 < after.count ? classOf(after[position + 1]) : .space
            if !left.isLetter && !right.isLetter { return nil }
        }
        if decodedLetters == 1, foreignLetter, run.count == 1 {
            let position = run.first!.range.lowerBound - start
            let left = position > 0 ? classOf(after[position - 1]) : .space
            let right = position + 1 < after.count ? classOf(after[position + 1]) : .space
            if !left.isLetter && !right.isLetter { return nil }
        }
        let gain = badness(of: scalars[start..<end], exemplars: exemplars) - badness(of: after[...], exemplars: exemplars)
        return (gain, strong)
    }

    /// Where the decoded character of `cluster` sits in the repaired window.
    private func positionInAfter(of cluster: Cluster, run: ArraySlice<Cluster>, start: Int) -> Int? {
        var shift = 0
        for other in run {
            if other.range == cluster.range { return cluster.range.lowerBound - start - shift }
            shift += other.range.count - 1
        }
        return nil
    }

    /// How odd a sequence of characters looks: a weight per character plus a weight per
    /// pair of neighbours. Letters outside the language's exemplar set count too.
    func badness(of scalars: ArraySlice<UInt32>, exemplars: Exemplars?) -> Int {
        var total = 0
        var previousScalar: UInt32 = 0x20
        var previous = MojibakeClass.space
        var beforePrevious = MojibakeClass.space
        var first = true
        for scalar in scalars {
            let current = classOf(scalar)
            // A no-break space between an accented capital and a lower-case letter.
            if current.isLowercase, previousScalar == 0xA0, beforePrevious == .upper { total += 1 }
            // A lower-case accented letter straight after a word in capitals.
            if current == .lower, previous == .upper || previous == .asciiUpper,
                beforePrevious == .upper || beforePrevious == .asciiUpper
            {
                total += 1
            }
            switch current {
            case .control, .rare: total += 2
            case .box: total += 1
            case .upper, .lower, .caseless:
                if let exemplars, !exemplars.contains(scalar) { total += 1 }
            default: break
            }
            if !first { total += pairWeight(previous, previousScalar, current, scalar) }
            first = false
            beforePrevious = previous
            previous = current
            previousScalar = scalar
        }
        return total
    }

    private static let windowsLetters: Set<UInt32> = [0x0192, 0x0160, 0x0152, 0x017D, 0x0161, 0x0153, 0x017E, 0x0178]

    private func pairWeight(_ left: MojibakeClass, _ leftScalar: UInt32, _ right: MojibakeClass, _ rightScalar: UInt32) -> Int {
        var weight = 0
        if right == .oddSymbol {
            if left.isLetter { weight += 2 } else if left == .oddSymbol { weight += 2 } else if left.isPunctuation { weight += 1 }
        }
        if left == .oddSymbol {
            if right.isLetter { weight += 2 } else if right.isPunctuation && right != .oddSymbol { weight += 1 }
        }
        if left.isLowercase && right == .upper { weight += 1 }
        if left == .lower && right == .asciiUpper { weight += 1 }
        if left.isLetter && right == .openingPunctuation { weight += 1 }
        if left == .closingPunctuation && right.isLetter { weight += 1 }
        if left == .upper && (right == .wordPunctuation || right == .closingPunctuation || right == .openingPunctuation) {
            weight += 1
        }
        if left.isNonASCIILetter && (Self.windowsLetters.contains(rightScalar) || rightScalar == 0x2122 || rightScalar == 0xAE) {
            weight += 1
        }
        if left == .box && right.isLetter || left.isLetter && right == .box { weight += 1 }
        if right == .mark && !(left.isLetter || left == .mark) { weight += 1 }
        if left == .upper && (rightScalar == 0xA0 || rightScalar == 0xAD) { weight += 1 }
        // A no-break space beside a plain space keeps nothing together.
        if (leftScalar == 0xA0 && rightScalar == 0x20) || (leftScalar == 0x20 && rightScalar == 0xA0) { weight += 1 }
        if left.isLetter, right.isLetter, leftScalar >= 0x80 || rightScalar >= 0x80 {
            let leftScript = byline_script_of(Int32(bitPattern: leftScalar))
            let rightScript = byline_script_of(Int32(bitPattern: rightScalar))
            if leftScript > 1, rightScript > 1, leftScript != rightScript { weight += 1 }
        }
        return weight
    }
}

/// The letters of a language, from CLDR's exemplar sets through ICU; answers are cached.
final class Exemplars {
    private let handle: OpaquePointer
    private var known: [UInt32: Bool] = [:]

    /// Nil when ICU has no exemplars for the locale (the root locale, `und`).
    init?(locale: String) {
        guard !locale.isEmpty, let handle = byline_exemplars_open(locale) else { return nil }
        self.handle = handle
    }

    deinit { byline_exemplars_close(handle) }

    func contains(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return true }
        if let answer = known[scalar] { return answer }
        let answer = byline_exemplars_contain(handle, Int32(bitPattern: scalar)) != 0
        known[scalar] = answer
        return answer
    }
}
