/// Damerau–Levenshtein distance in its optimal-string-alignment form: insertions,
/// deletions, substitutions and transpositions of neighbours each cost one.
///
/// Compares match keys (Unicode scalars after folding), so case and accents are already
/// gone. Stops early once every path exceeds `limit`.
enum EditDistance {
    /// The distance between `a` and `b`, or nil when it is above `limit`.
    static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        let result = previous[b.count]
        return result <= limit ? result : nil
    }

    /// What a vowel typed for another vowel costs, and what any other letter for a letter costs.
    static let vowelForVowelCost = 0.6, letterForLetterCost = 1.0

    /// The cost of the cheapest edits from `a` to `b`, weighted by how often each kind of
    /// slip happens when a name is typed or heard: a doubled or undoubled letter (`Guiness`,
    /// `Carrell`) costs 0.4, a vowel for a vowel (`Augest`, `Presbaterian`) 0.6, swapped
    /// neighbours (`Debain`) 0.7, a vowel dropped or added 0.7, a letter moved over two
    /// others (`Amernia`) 1, any other edit 1. It ranks
    /// readings at the same ``distance(_:_:limit:)``: `Americats` is nearer `Americas`
    /// than `Americans`, `Ukranian` nearer `Ukrainian` than `Uranian`.
    /// The vowels are the fold keys' (``MorphologyLetters/vowels``, every language's together).
    static func typoCost(_ a: [UInt32], _ b: [UInt32], vowels: Set<UInt32>) -> Double {
        if a.isEmpty { return Double(b.count) }
        if b.isEmpty { return Double(a.count) }
        func isVowel(_ c: UInt32) -> Bool { vowels.contains(c) }
        /// The cost of inserting or deleting `s[index]`.
        func gapCost(_ s: [UInt32], _ index: Int) -> Double {
            let c = s[index]
            if (index > 0 && s[index - 1] == c) || (index + 1 < s.count && s[index + 1] == c) { return 0.4 }
            return isVowel(c) ? 0.7 : 1
        }
        let width = b.count + 1
        var rows = [[Double]](repeating: [Double](repeating: 0, count: width), count: a.count + 1)
        for j in 1...b.count { rows[0][j] = rows[0][j - 1] + gapCost(b, j - 1) }
        for i in 1...a.count {
            rows[i][0] = rows[i - 1][0] + gapCost(a, i - 1)
            for j in 1...b.count {
                let x = a[i - 1], y = b[j - 1]
                let substitution = x == y ? 0 : (isVowel(x) && isVowel(y) ? vowelForVowelCost : letterForLetterCost)
                var value = min(rows[i - 1][j] + gapCost(a, i - 1), rows[i][j - 1] + gapCost(b, j - 1),
                                rows[i - 1][j - 1] + substitution)
                if i > 1, j > 1, x == b[j - 2], a[i - 2] == y, x != y {
                    value = min(value, rows[i - 2][j - 2] + 0.7)
                }
                // A letter typed one place early or late, over two others (`Amernia` for
                // `Armenia`): one slip, where two separate edits would cost two.
                if i > 2, j > 2, Self.isMovedLetter((a[i - 3], a[i - 2], x), (b[j - 3], b[j - 2], y)) {
                    value = min(value, rows[i - 3][j - 3] + 1)
                }
                rows[i][j] = value
            }
        }
        return rows[a.count][b.count]
    }

    /// True when `b` is `a` with its first letter moved to the end or its last to the front
    /// (`mer` and `rme`), the three letters not all alike.
    @inline(__always)
    static func isMovedLetter(_ a: (UInt32, UInt32, UInt32), _ b: (UInt32, UInt32, UInt32)) -> Bool {
        let moved = (a.1 == b.0 && a.2 == b.1 && a.0 == b.2) || (a.2 == b.0 && a.0 == b.1 && a.1 == b.2)
        return moved && !(a.0 == a.1 && a.1 == a.2)
    }

    /// The number of edits from `a` to `b` when every edit is one that spells a given name
    /// another way rather than another name: a vowel for a vowel, one letter of a
    /// sound-alike pair for the other (`c`, `k`), a vowel, a silent letter or a doubled
    /// letter added or dropped (`Catherine`, `Katharine`; `Josef`, `Joseph`; `Emmanuel`,
    /// `Immanuel`). Nil when any other edit is needed or more than `limit`.
    static func spellingVariantEdits(
        _ a: [UInt32], _ b: [UInt32], limit: Int, vowels: Set<UInt32>, soundAlike: Set<UInt64>, silent: Set<UInt32>
    ) -> Int? {
        // Any other edit costs more than the limit allows, so one refuses the pair.
        let refused = limit + 1
        func gapCost(_ s: [UInt32], _ index: Int) -> Int {
            let c = s[index]
            if (index > 0 && s[index - 1] == c) || (index + 1 < s.count && s[index + 1] == c) { return 1 }
            return vowels.contains(c) || silent.contains(c) ? 1 : refused
        }
        func substitutionCost(_ x: UInt32, _ y: UInt32) -> Int {
            if x == y { return 0 }
            if vowels.contains(x) && vowels.contains(y) { return 1 }
            return soundAlike.contains(UInt64(x) << 32 | UInt64(y)) ? 1 : refused
        }
        guard abs(a.count - b.count) <= limit else { return nil }
        var previous = [Int](repeating: 0, count: b.count + 1)
        for j in stride(from: 1, through: b.count, by: 1) { previous[j] = min(refused, previous[j - 1] + gapCost(b, j - 1)) }
        var current = previous
        for i in stride(from: 1, through: a.count, by: 1) {
            current[0] = min(refused, previous[0] + gapCost(a, i - 1))
            var rowBest = current[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let value = min(previous[j] + gapCost(a, i - 1), current[j - 1] + gapCost(b, j - 1),
                                previous[j - 1] + substitutionCost(a[i - 1], b[j - 1]))
                current[j] = min(refused, value)
                rowBest = min(rowBest, current[j])
            }
            if rowBest > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// Both orders of each sound-alike pair, packed for ``spellingVariantEdits(_:_:limit:vowels:soundAlike:silent:)``.
    static func packedPairs(_ pairs: [(Unicode.Scalar, Unicode.Scalar)]) -> Set<UInt64> {
        Set(pairs.flatMap { [UInt64($0.0.value) << 32 | UInt64($0.1.value), UInt64($0.1.value) << 32 | UInt64($0.0.value)] })
    }

    /// The largest distance a name of `letters` letters may be from the written form:
    /// one for short names, where a second edit makes another word, two beyond.
    static func allowance(letters: Int) -> Int { letters <= 5 ? 1 : 2 }
}
