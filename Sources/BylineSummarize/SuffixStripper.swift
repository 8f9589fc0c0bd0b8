import BylineText

/// Light stemming: removes one common inflectional suffix so that `troops` and `troop`,
/// `войска` and `войск`, `qoşunları` and `qoşun` meet when sentences are compared.
///
/// Deliberately crude (no dictionary, no recoding of stems): the summarizer only needs
/// related forms to collide more often than unrelated ones. A suffix is removed when the
/// stem left behind keeps at least ``minimumStemLength`` scalars; the longest matching
/// suffix wins. The endings are data (`morphology/endings.tsv`, the `stem` rows, which for
/// Turkish and Azerbaijani are the names module's own endings); with none, words stay whole.
///
/// ```swift
/// SuffixStripper(suffixes: ["ların", "lar", "ın"]).stem("qoşunların")   // "qoşun"
/// ```
public struct SuffixStripper: Sendable, Hashable {
    /// Suffixes, longest first.
    public let suffixes: [String]
    /// The shortest stem a word may be cut down to, in scalars.
    public let minimumStemLength: Int

    /// The ASCII suffixes' bytes, in the order of ``suffixes``, for ASCII words.
    private let asciiSuffixes: [[UInt8]]

    public init(suffixes: [String], minimumStemLength: Int = 3) {
        self.suffixes = suffixes.sorted { $0.unicodeScalars.count > $1.unicodeScalars.count }
        self.minimumStemLength = minimumStemLength
        // Only an ASCII suffix can end an ASCII word.
        asciiSuffixes = self.suffixes.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
    }

    /// `word` (already lower case) without its longest listed suffix.
    public func stem(_ word: String) -> String {
        if let stem = asciiStem(word) { return stem }
        let length = word.unicodeScalars.count
        for suffix in suffixes {
            let suffixLength = suffix.unicodeScalars.count
            if length - suffixLength >= minimumStemLength, word.hasSuffix(suffix) {
                return String(word.unicodeScalars.dropLast(suffixLength))
            }
        }
        return word
    }

    /// ``stem(_:)`` of an ASCII word by comparing bytes, which for ASCII is what
    /// `hasSuffix` decides by characters, at a fraction of the cost; nil for other words.
    private func asciiStem(_ word: String) -> String? {
        var copy = word
        return copy.withUTF8 { bytes -> String? in
            for byte in bytes where byte >= 0x80 { return nil }
            for suffix in asciiSuffixes where bytes.count - suffix.count >= minimumStemLength {
                let stemLength = bytes.count - suffix.count
                var matches = true
                for index in suffix.indices where bytes[stemLength + index] != suffix[index] {
                    matches = false
                    break
                }
                if matches { return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<stemLength]), as: UTF8.self) }
            }
            return word
        }
    }
}
