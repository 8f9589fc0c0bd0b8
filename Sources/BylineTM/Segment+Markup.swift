/// A segment's content as TMX markup: the inside of `<seg>…</seg>`.
///
/// This is the form the store keeps and export writes back: text escaped as XML, codes as
/// TMX 1.4b elements with their attributes in order. ``Segment/init(markup:)`` reads back
/// exactly what ``Segment/markup`` writes (it is not a general XML parser: the TMX reader
/// in BylineTMX parses files).
extension Segment {
    /// The segment as the inside of a `<seg>` element.
    public var markup: String {
        var result = ""
        Self.write(pieces, to: &result)
        return result
    }

    private static func write(_ pieces: [Piece], to result: inout String) {
        for piece in pieces {
            switch piece {
            case .text(let text): escape(text, into: &result, quotes: false)
            case .code(let code):
                result += "<" + code.kind.rawValue
                for attribute in code.attributes {
                    result += " " + attribute.name + "=\""
                    escape(attribute.value, into: &result, quotes: true)
                    result += "\""
                }
                if code.content.isEmpty {
                    result += "/>"
                } else {
                    result += ">"
                    write(code.content, to: &result)
                    result += "</" + code.kind.rawValue + ">"
                }
            }
        }
    }

    /// Escapes `&`, `<`, `>` (and `"` in attribute values) as XML requires.
    public static func escape(_ text: String, into result: inout String, quotes: Bool) {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) }) else {
            result += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
    }

    /// Reads markup written by ``markup``.
    /// - Throws: ``MarkupError`` when the text was not written that way.
    public init(markup: String) throws(MarkupError) {
        var reader = MarkupReader(scalars: Array(markup.unicodeScalars))
        self.init(try reader.pieces(until: nil))
        guard reader.atEnd else { throw MarkupError(offset: reader.position, reason: "unexpected closing tag") }
    }
}

/// Markup that ``Segment/init(markup:)`` cannot read; `offset` counts scalars.
public struct MarkupError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "segment markup at scalar \(offset): \(reason)" }
}

private struct MarkupReader {
    let scalars: [Unicode.Scalar]
    var position = 0

    var atEnd: Bool { position == scalars.count }

    mutating func pieces(until closing: InlineCode.Kind?) throws(MarkupError) -> [Segment.Piece] {
        var pieces: [Segment.Piece] = []
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty {
                pieces.append(.text(String(text)))
                text = String.UnicodeScalarView()
            }
        }
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "&" {
                text.append(try entity())
            } else if scalar == "<" {
                if position + 1 < scalars.count, scalars[position + 1] == "/" {
                    flush()
                    let name = try closingTag()
                    guard let closing, name == closing.rawValue else {
                        throw MarkupError(offset: position, reason: "unexpected </\(name)>")
                    }
                    return pieces
                }
                flush()
                pieces.append(.code(try element()))
            } else {
                text.append(scalar)
                position += 1
            }
        }
        flush()
        if let closing { throw MarkupError(offset: position, reason: "missing </\(closing.rawValue)>") }
        return pieces
    }

    mutating func entity() throws(MarkupError) -> Unicode.Scalar {
        let start = position
        while position < scalars.count, scalars[position] != ";" { position += 1 }
        guard position < scalars.count else { throw MarkupError(offset: start, reason: "unterminated entity") }
        let name = String(String.UnicodeScalarView(scalars[(start + 1)..<position]))
        position += 1
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: throw MarkupError(offset: start, reason: "unknown entity &\(name);")
        }
    }

    mutating func name() -> String {
        let start = position
        while position < scalars.count, scalars[position] != " ", scalars[position] != ">", scalars[position] != "/",
            scalars[position] != "="
        {
            position += 1
        }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    mutating func closingTag() throws(MarkupError) -> String {
        position += 2
        let tag = name()
        guard position < scalars.count, scalars[position] == ">" else {
            throw MarkupError(offset: position, reason: "malformed closing tag")
        }
        position += 1
        return tag
    }

    mutating func element() throws(MarkupError) -> InlineCode {
        let start = position
        position += 1
        guard let kind = InlineCode.Kind(rawValue: name()) else {
            throw MarkupError(offset: start, reason: "unknown inline element")
        }
        var attributes: [Attribute] = []
        while position < scalars.count {
            if scalars[position] == " " {
                position += 1
                continue
            }
            if scalars[position] == "/" {
                guard position + 1 < scalars.count, scalars[position + 1] == ">" else {
                    throw MarkupError(offset: position, reason: "malformed empty element")
                }
                position += 2
                return InlineCode(kind: kind, attributes: attributes)
            }
            if scalars[position] == ">" {
                position += 1
                let content = try pieces(until: kind)
                return InlineCode(kind: kind, attributes: attributes, content: content)
            }
            let attributeName = name()
            guard position + 1 < scalars.count, scalars[position] == "=", scalars[position + 1] == "\"" else {
                throw MarkupError(offset: position, reason: "malformed attribute")
            }
            position += 2
            var value = String.UnicodeScalarView()
            while position < scalars.count, scalars[position] != "\"" {
                if scalars[position] == "&" {
                    value.append(try entity())
                } else {
                    value.append(scalars[position])
                    position += 1
                }
            }
            guard position < scalars.count else { throw MarkupError(offset: position, reason: "unterminated attribute") }
            position += 1
            attributes.append(Attribute(attributeName, String(value)))
        }
        throw MarkupError(offset: start, reason: "unterminated element")
    }
}
