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

    /// The cost of the cheapest edits from `a` to `b`, weighted by how often each kind of
    /// slip happens when a name is typed or heard: a doubled or undoubled letter (`Guiness`,
    /// `Carrell`) costs 0.4, a vowel for a vowel (`Augest`, `Presbaterian`) 0.6, swapped
    /// neighbours (`Debain`) 0.7, a vowel dropped or added 0.7, any other edit 1. It ranks
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
                let substitution = x == y ? 0 : (isVowel(x) && isVowel(y) ? 0.6 : 1)
                var value = min(rows[i - 1][j] + gapCost(a, i - 1), rows[i][j - 1] + gapCost(b, j - 1),
                                rows[i - 1][j - 1] + substitution)
                if i > 1, j > 1, x == b[j - 2], a[i - 2] == y, x != y {
                    value = min(value, rows[i - 2][j - 2] + 0.7)
                }
                rows[i][j] = value
            }
        }
        return rows[a.count][b.count]
    }

    /// The largest distance a name of `letters` letters may be from the written form:
    /// one for short names, where a second edit makes another word, two beyond.
    static func allowance(letters: Int) -> Int { letters <= 5 ? 1 : 2 }
}
