#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character tests the per-token loop of ``DocumentAnalysis`` asks millions of times on a
/// long report. Each answers an ASCII input from its bytes, which is what the Unicode
/// property it stands for says there, and asks the property tables only otherwise (a
/// table lookup per scalar was a fifth of a summary's time on English copy).
extension DocumentAnalysis {
    /// Whether every character of `piece` is white space (`Character.isWhitespace`).
    static func isWhiteSpace(_ piece: Substring) -> Bool {
        let bytes = piece.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            // ASCII white space: tab, line feed, vertical tab, form feed, carriage return, space.
            return bytes.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
        }
        return piece.allSatisfy(\.isWhitespace)
    }

    /// Unicode's Uppercase property; for ASCII, `A`–`Z`.
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    /// Unicode's Lowercase property; for ASCII, `a`–`z`.
    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x61...0x7A).contains(scalar.value) : scalar.properties.isLowercase
    }

    /// `word` without an English possessive ending (`kremlin’s`, `kremlin's`, `jones'`).
    static func withoutPossessive(_ word: String) -> String {
        for ending in ["'s", "’s", "'", "’"] where word.hasSuffix(ending) && word.count > ending.count + 1 {
            return String(word.dropLast(ending.count))
        }
        return word
    }
}

/// A piece of text as a set or dictionary key, compared and hashed by its UTF-8 bytes
/// without making a string of it (a `Substring` hashes its normal form, scalar by scalar,
/// and compares by canonical equivalence). The analysis keys a word's spelling by it, the
/// furniture filter a line it has seen; a word or a credit a report repeats is the same
/// bytes each time.
struct ByteKey: Hashable {
    let text: Substring

    init(_ text: Substring) { self.text = text }

    static func == (left: ByteKey, right: ByteKey) -> Bool { sameBytes(left.text, right.text) }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
    }
}

/// What ``DocumentAnalysis`` derives from a word's spelling alone.
struct SpellingFacts {
    /// Lower-cased by the language's rules.
    var folded: String
    var isStopWord: Bool
    /// The interned stem, -1 for a stop word or a one-letter word.
    var term: Int32
    /// The first scalar is upper case.
    var isCapital: Bool
    /// Upper case throughout, two scalars or more.
    var isAcronym: Bool
    /// A capitalised month, weekday or title: no entity of its own.
    var namesNothing: Bool
}

/// Whether two pieces of text are the same bytes; compares memory where both are
/// contiguous (native strings), which a collection comparison of the views does not.
func sameBytes(_ left: Substring, _ right: Substring) -> Bool {
    let a = left.utf8
    let b = right.utf8
    guard a.count == b.count else { return false }
    let compared = a.withContiguousStorageIfAvailable { a in
        b.withContiguousStorageIfAvailable { b in
            a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
        }
    }
    return (compared ?? nil) ?? a.elementsEqual(b)
}
