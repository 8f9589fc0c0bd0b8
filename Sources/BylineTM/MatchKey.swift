/// The exact-match key of a segment: a stable 64-bit hash of its plain text with white
/// space runs collapsed and trimmed.
///
/// The key finds candidates; equality is then checked on the text itself, so a hash
/// collision costs a comparison, never a wrong match. The key is stored with each variant
/// and must not change between versions without a migration that recomputes it.
public struct MatchKey: Sendable, Hashable {
    public let value: Int64

    public init(_ text: String) {
        // Hash the normalized text as it is produced, without building it: the key is
        // computed for every variant of every import.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var pendingSpace = false
        var started = false
        for scalar in text.unicodeScalars {
            if Self.isSpace(scalar) {
                pendingSpace = started
                continue
            }
            if pendingSpace { hash = (hash ^ 0x20) &* 0x100_0000_01b3 }
            pendingSpace = false
            started = true
            for byte in UTF8.encode(scalar)! { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        value = Int64(bitPattern: hash)
    }

    /// The text the key is computed from: white space runs as one space, trimmed.
    public static func normalized(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Unicode White_Space, without a property lookup for the common case.
    @inline(__always) static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: return true
        case 0..<0x85: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// A hash over several strings, each length-prefixed so that boundaries count.
    static func hash(parts: [String]) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in String(part.utf8.count).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0x1F) &* 0x100_0000_01b3
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return Int64(bitPattern: hash)
    }
}

extension MatchKey {
    /// What a unit's content hash covers: each variant's language (lower-cased) and
    /// markup, in a fixed order, so two units with the same variants hash alike.
    static func contentParts(_ variants: [(language: String, markup: String)]) -> [String] {
        variants.map { $0.language.lowercased() + "\u{1F}" + $0.markup }.sorted()
    }
}
