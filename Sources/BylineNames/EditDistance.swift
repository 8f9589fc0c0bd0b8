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

    /// The largest distance a name of `letters` letters may be from the written form:
    /// one for short names, where a second edit makes another word, two beyond.
    static func allowance(letters: Int) -> Int { letters <= 5 ? 1 : 2 }
}
