import BylineNormalize
import BylineText

/// Builds the keys names are compared by: the `fold` key of BylineNormalize (case,
/// accents, width, dotted and dotless i folded) with hyphens read as spaces and full
/// stops and apostrophes dropped, so `Nordrhein Westfalen`, `Nordrhein-Westfalen` and
/// `NORDRHEIN-WESTFALEN` share one key.
///
/// Holds a ``TextNormalizer``, so it is not thread-safe: one per worker.
final class MatchKeyMaker {
    private let normalizer = TextNormalizer()

    /// The key of one name or token, as scalars.
    func key<S: StringProtocol>(_ text: S) -> [UInt32] {
        let folded = (try? normalizer.normalize(String(text), operation: .fold, language: .undetermined).text) ?? String(text)
        return Self.tidy(folded)
    }

    /// The keys of many names at once: one call into ICU for the lot.
    func keys(_ texts: [String]) -> [[UInt32]] {
        guard !texts.isEmpty else { return [] }
        let joined = texts.joined(separator: "\n")
        if let folded = try? normalizer.normalize(joined, operation: .fold, language: .undetermined).text {
            let parts = folded.split(separator: "\n", omittingEmptySubsequences: false)
            if parts.count == texts.count { return parts.map { Self.tidy($0) } }
        }
        return texts.map { key($0) }
    }

    private static func tidy<S: StringProtocol>(_ folded: S) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(folded.utf8.count)
        for scalar in folded.unicodeScalars {
            switch scalar.value {
            case 0x2D, 0x20, 0x09: if let last = result.last, last != 0x20 { result.append(0x20) }
            case 0x2E, 0x27: continue
            default: result.append(scalar.value)
            }
        }
        if result.last == 0x20 { result.removeLast() }
        return result
    }
}
