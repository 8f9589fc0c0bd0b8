/// The part of the alignment grid the dynamic programme searches: for each source position
/// a range of target positions around a path through high-confidence anchors.
///
/// Anchors are sentence pairs sharing keys that occur once in each text (a number, a name,
/// a long word or its translation); the heaviest chain of them increasing on both sides is
/// kept (a weighted longest increasing subsequence, O(k log k)). Between two anchors the
/// band follows the straight line joining them, widened by the margin plus the drift the
/// two anchors imply (sentences added or dropped somewhere between them). The band's size,
/// and so the alignment's cost, grows linearly with the texts as long as anchors keep the
/// drift local.
struct SearchBand {
    /// Allowed target positions per source position `0...n`, inclusive.
    var lower: [Int]
    var upper: [Int]
    /// The anchor chain, including the corners (0, 0) and (n, m).
    var anchors: [(Int, Int)]

    /// The band's centre for source position `i` (on the anchor path).
    func center(_ i: Int) -> Int {
        var low = 0, high = anchors.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if anchors[middle].0 <= i { low = middle } else { high = middle }
        }
        let (i0, j0) = anchors[low], (i1, j1) = anchors[high]
        guard i1 > i0 else { return j0 }
        return j0 + (i - i0) * (j1 - j0) / (i1 - i0)
    }

    init(source: SideFeatures, target: SideFeatures, parameters: AlignmentParameters) {
        let n = source.sentenceCount, m = target.sentenceCount
        anchors = [(0, 0)] + Self.anchorChain(source: source, target: target, parameters: parameters) + [(n, m)]
        lower = [Int](repeating: 0, count: n + 1)
        upper = [Int](repeating: m, count: n + 1)
        for segment in 0..<(anchors.count - 1) {
            let (i0, j0) = anchors[segment], (i1, j1) = anchors[segment + 1]
            let drift = abs((j1 - j0) - (i1 - i0))
            let width = parameters.bandMargin + drift
            for i in i0...i1 {
                let center = i1 > i0 ? j0 + (i - i0) * (j1 - j0) / (i1 - i0) : j0
                let low = max(0, center - width), high = min(m, center + width)
                if i == i0 && segment > 0 {
                    lower[i] = min(lower[i], low)
                    upper[i] = max(upper[i], high)
                } else {
                    lower[i] = low
                    upper[i] = high
                }
            }
        }
        makeConnected(n: n, m: m)
    }

    /// The mean number of target positions searched per source position.
    var meanWidth: Double {
        Double(zip(lower, upper).reduce(0) { $0 + $1.1 - $1.0 + 1 }) / Double(max(1, lower.count))
    }

    /// A band of `margin` positions either side of a path of beads.
    init(following path: [Bead], sourceCount n: Int, targetCount m: Int, margin: Int) {
        anchors = [(0, 0)] + path.map { ($0.source.upperBound, $0.target.upperBound) }
        lower = [Int](repeating: m, count: n + 1)
        upper = [Int](repeating: 0, count: n + 1)
        var previous = (0, 0)
        for (i, j) in anchors {
            for row in previous.0...i {
                lower[row] = min(lower[row], max(0, min(previous.1, j) - margin))
                upper[row] = max(upper[row], min(m, max(previous.1, j) + margin))
            }
            previous = (i, j)
        }
        makeConnected(n: n, m: m)
    }

    /// Widens the edges until they are monotone, so every cell is reachable by 1-0 and 0-1
    /// steps from (0, 0) and reaches (n, m).
    private mutating func makeConnected(n: Int, m: Int) {
        lower[0] = 0
        upper[n] = m
        for i in stride(from: n - 1, through: 0, by: -1) { lower[i] = min(lower[i], lower[i + 1]) }
        for i in 1...max(1, n) where i <= n { upper[i] = max(upper[i], upper[i - 1]) }
        for i in 1...max(1, n) where i <= n && lower[i] > upper[i - 1] { lower[i] = upper[i - 1] }
    }

    /// The heaviest increasing chain of anchor pairs.
    static func anchorChain(source: SideFeatures, target: SideFeatures, parameters: AlignmentParameters) -> [(Int, Int)] {
        let n = source.sentenceCount, m = target.sentenceCount
        guard n > 0, m > 0 else { return [] }
        // key -> sentence (or -1 once seen in two sentences), for keys that can anchor.
        func uniqueKeys(_ side: SideFeatures, projected: Bool) -> [Int32: (Int, Float)] {
            var result: [Int32: (Int, Float)] = [:]
            for s in 0..<side.sentenceCount {
                for token in Int(side.tokenStart[s])..<Int(side.tokenStart[s + 1]) where side.anchorKey[token] >= 0 {
                    let keys: ArraySlice<Int32> = projected
                        ? side.projected[Int(side.projectedStart[token])..<Int(side.projectedStart[token + 1])]
                        : side.keys[Int(side.keyStart[token])..<Int(side.keyStart[token + 1])]
                    for key in Set(keys) {
                        if let existing = result[key] {
                            if existing.0 != s { result[key] = (-1, 0) }
                        } else {
                            result[key] = (s, side.weights[token])
                        }
                    }
                }
            }
            return result
        }
        let sourceKeys = uniqueKeys(source, projected: true)
        let targetKeys = uniqueKeys(target, projected: false)
        var scores: [Int: Float] = [:]
        for (key, (s, weight)) in sourceKeys where s >= 0 {
            guard let (t, targetWeight) = targetKeys[key], t >= 0 else { continue }
            scores[s * (m + 1) + t, default: 0] += min(weight, targetWeight)
        }
        // A pair far off the diagonal is more likely a coincidence than a shift that large.
        let tolerance = parameters.anchorDiagonalTolerance
        var candidates: [(Int, Int, Float)] = []
        for (cell, score) in scores {
            let (s, t) = (cell / (m + 1), cell % (m + 1))
            guard abs(Double(s) / Double(n) - Double(t) / Double(m)) <= tolerance else { continue }
            candidates.append((s, t, score))
        }
        candidates.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        return heaviestChain(candidates, targetCount: m)
    }

    /// Weighted longest strictly increasing chain, with a Fenwick tree of prefix maxima over
    /// target positions.
    static func heaviestChain(_ candidates: [(Int, Int, Float)], targetCount: Int) -> [(Int, Int)] {
        guard !candidates.isEmpty else { return [] }
        var tree = [(Float, Int)](repeating: (0, -1), count: targetCount + 2)
        func query(_ position: Int) -> (Float, Int) {
            var best: (Float, Int) = (0, -1)
            var index = position
            while index > 0 {
                if tree[index].0 > best.0 { best = tree[index] }
                index -= index & -index
            }
            return best
        }
        func update(_ position: Int, _ value: (Float, Int)) {
            var index = position
            while index < tree.count {
                if value.0 > tree[index].0 { tree[index] = value }
                index += index & -index
            }
        }
        var total = [Float](repeating: 0, count: candidates.count)
        var previous = [Int](repeating: -1, count: candidates.count)
        var start = 0
        while start < candidates.count {
            var end = start
            while end < candidates.count, candidates[end].0 == candidates[start].0 { end += 1 }
            // Pairs of the same source sentence may not chain with each other: query all first.
            for index in start..<end {
                let best = query(candidates[index].1)  // target positions strictly below
                total[index] = best.0 + candidates[index].2
                previous[index] = best.1
            }
            for index in start..<end { update(candidates[index].1 + 1, (total[index], index)) }
            start = end
        }
        var index = total.indices.max(by: { (total[$0], -$0) < (total[$1], -$1) }) ?? -1
        var chain: [(Int, Int)] = []
        while index >= 0 {
            chain.append((candidates[index].0, candidates[index].1))
            index = previous[index]
        }
        return chain.reversed()
    }
}
