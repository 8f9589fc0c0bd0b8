import BylineText

/// The content of one `<seg>`: text with inline codes kept in their places and typed.
///
/// TMX 1.4b marks formatting and placeholders with `bpt`/`ept` (paired codes), `ph`
/// (standalone), `it` (isolated), `ut` (unknown, deprecated), `hi` (highlight, which
/// holds text) and `sub` (translatable text inside a code). A segment keeps them as
/// elements so that export writes them back and matching can price their differences.
///
/// ```swift
/// let segment = Segment([.text("Press "), .code(InlineCode(kind: .bpt, attributes: [("i", "1")], content: [.text("<b>")])),
///                        .text("OK"), .code(InlineCode(kind: .ept, attributes: [("i", "1")], content: [.text("</b>")]))])
/// segment.plainText   // "Press OK"
/// ```
public struct Segment: Sendable, Hashable {
    /// One element of a segment's content.
    public enum Piece: Sendable, Hashable {
        case text(String)
        case code(InlineCode)
    }

    public var pieces: [Piece]

    public init(_ pieces: [Piece]) { self.pieces = pieces }

    /// A segment of plain text without codes.
    public init(text: String) { pieces = text.isEmpty ? [] : [.text(text)] }

    /// The translatable text: text pieces, and the text of `hi` and `sub` inside codes;
    /// the native code of `bpt`, `ept`, `ph`, `it` and `ut` is left out.
    public var plainText: String {
        var result = ""
        Self.appendPlainText(pieces, to: &result)
        return result
    }

    private static func appendPlainText(_ pieces: [Piece], to result: inout String) {
        for piece in pieces {
            switch piece {
            case .text(let text): result += text
            case .code(let code):
                switch code.kind {
                case .hi: appendPlainText(code.content, to: &result)
                case .bpt, .ept, .ph, .it, .ut, .sub:
                    // A `sub` holds text, but it belongs to the code around it.
                    continue
                }
            }
        }
    }

    /// The inline codes, in order, at any depth.
    public var codes: [InlineCode] {
        var result: [InlineCode] = []
        func collect(_ pieces: [Piece]) {
            for case .code(let code) in pieces {
                result.append(code)
                collect(code.content)
            }
        }
        collect(pieces)
        return result
    }

    /// True when the segment has no text and no codes.
    public var isEmpty: Bool { pieces.isEmpty }
}

/// An inline code of TMX 1.4b with its attributes in document order.
public struct InlineCode: Sendable, Hashable {
    /// The element name.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bpt, ept, ph, it, ut, hi, sub
    }

    public var kind: Kind
    /// Attributes as written (`i`, `x`, `type`, `pos`, `assoc`, …), names without namespace.
    public var attributes: [Attribute]
    /// Native code (`<b>`) for bpt/ept/ph/it/ut; text and codes for hi/sub.
    public var content: [Segment.Piece]

    public init(kind: Kind, attributes: [Attribute] = [], content: [Segment.Piece] = []) {
        self.kind = kind
        self.attributes = attributes
        self.content = content
    }

    /// The value of attribute `name`, if present.
    public func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }
}

/// A name and value, kept in order (XML attributes, TMX `<prop>`s).
public struct Attribute: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Coded as a pair, `["type", "value"]`, the form the store keeps.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        name = try container.decode(String.self)
        value = try container.decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(name)
        try container.encode(value)
    }
}
