/// A BCP 47 language tag such as `az`, `az-Cyrl`, `pt-BR` or `und`.
///
/// Canonicalised on creation: `_` becomes `-`, the language subtag is lower case, a
/// four-letter script subtag is title case and a two-letter region upper case, so
/// `AZ_latn` and `az-Latn` compare equal. Whether the language exists is not checked
/// here; the segmenter and other services ask ICU and fall back to the root locale.
///
/// ```swift
/// let tag: LanguageTag = "tr_TR"
/// tag.description   // "tr-TR"
/// tag.language      // "tr"
/// ```
public struct LanguageTag: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral, Codable
{
    /// The canonical tag.
    public let description: String

    /// The undetermined language (`und`), served by root-locale rules.
    public static let undetermined = LanguageTag("und")

    public init(_ tag: String) {
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard !parts.isEmpty else {
            description = "und"
            return
        }
        var canonical: [String] = []
        for (position, part) in parts.enumerated() {
            if position == 0 {
                canonical.append(part.lowercased())
            } else if part.count == 4, part.allSatisfy(\.isLetter) {
                canonical.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
            } else if part.count == 2, part.allSatisfy(\.isLetter) {
                canonical.append(part.uppercased())
            } else {
                canonical.append(part.lowercased())
            }
        }
        description = canonical.joined(separator: "-")
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The primary language subtag: `az` for `az-Cyrl-AZ`.
    public var language: String {
        String(description.prefix(while: { $0 != "-" }))
    }

    /// The script subtag if the tag has one (`Cyrl` for `az-Cyrl`).
    public var script: String? {
        description.split(separator: "-").dropFirst().first(where: {
            $0.count == 4 && $0.allSatisfy(\.isLetter)
        }).map(String.init)
    }

    public static func < (lhs: LanguageTag, rhs: LanguageTag) -> Bool {
        lhs.description < rhs.description
    }
}
