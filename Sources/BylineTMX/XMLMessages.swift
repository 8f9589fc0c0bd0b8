import CBylineXML

/// libxml2's parser messages in words a correspondent understands, by libxml2's error
/// code (`xmlParserErrors`), with what to write instead where there is one answer. The
/// parser's own words follow in parentheses, so the message can still be looked up.
enum XMLMessages {
    static func plainWords(code: Int32, message: String) -> String {
        let plain: String? =
            switch Int(code) {
            case Int(BYLINE_XML_TAG_TOO_LONG):
                "a tag longer than \(byline_xml_tag_limit() >> 20) MiB: no TMX tag is that long, so the file is not read further"
            case Int(BYLINE_XML_TEXT_TOO_LONG):
                "text longer than \(byline_xml_text_limit() >> 20) MiB without a tag: no TMX segment is that long, so the file is not read further"
            case 4:  // XML_ERR_DOCUMENT_EMPTY
                message.contains("empty")
                    ? "the file is empty, not a TMX file"
                    : "this is not an XML file (it does not start with `<`); a TMX file is XML that starts with `<?xml` or `<tmx`"
            case 5, 86:  // XML_ERR_DOCUMENT_END, XML_ERR_EXTRA_CONTENT
                "content after the end of the root element; an XML file has one root element (`<tmx>…</tmx>`)"
            case 6, 7, 8:  // invalid character references
                "a numeric character reference (`&#…;`) to a character XML does not allow"
            case 9:  // XML_ERR_INVALID_CHAR
                invalidCharacter(message)
            case 23:  // XML_ERR_ENTITYREF_SEMICOL_MISSING
                "an `&` that starts an entity without its closing `;`; write `&amp;` for an ampersand"
            case 26, 27:  // XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY
                "\(quotedEntity(message)) is defined neither by XML nor by the TMX DTD; write the character itself or a numeric reference such as `&#160;`"
            case 32:  // XML_ERR_UNSUPPORTED_ENCODING
                "the XML declaration names an encoding this system does not know"
            case 33, 34, 40:  // attribute value not started or not closed
                "an attribute value whose closing quote is missing"
            case 38:  // XML_ERR_LT_IN_ATTRIBUTE
                "a `<` inside an attribute value; write `&lt;`"
            case 39, 41:  // attribute without value
                "an attribute without a quoted value (write name=\"value\")"
            case 42:  // XML_ERR_ATTRIBUTE_REDEFINED
                "an attribute given twice on one element (\(message.replacingOccurrences(of: " redefined", with: "")))"
            case 68:  // XML_ERR_NAME_REQUIRED
                message.contains("EntityRef")
                    ? "an `&` that starts no entity; write `&amp;` for an ampersand"
                    : "a `<` that starts no element; write `&lt;` for a less-than sign"
            case 73:  // XML_ERR_GT_REQUIRED
                "a tag not closed with `>`"
            case 76:  // XML_ERR_TAG_NAME_MISMATCH
                mismatch(message)
            case 77, 85:  // XML_ERR_TAG_NOT_FINISHED, XML_ERR_NOT_WELL_BALANCED
                "the file ends before every element is closed (is it cut short?)"
            case 89:  // XML_ERR_ENTITY_LOOP
                "entities that refer to themselves"
            case 201:  // XML_NS_ERR_UNDEFINED_NAMESPACE
                "a namespace prefix that is not declared"
            default: nil
            }
        guard let plain else { return message }
        return "\(plain) (XML parser: \(message))"
    }

    /// `PCDATA invalid Char value 11` → U+000B; `Input is not proper UTF-8` → the encoding.
    private static func invalidCharacter(_ message: String) -> String {
        if message.contains("not proper UTF-8") {
            return "the text is not valid UTF-8; declare the file's encoding in its XML declaration (`<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>`) or convert it to UTF-8"
        }
        if let value = message.split(separator: " ").last.flatMap({ UInt32($0) }) {
            let hex = String(value, radix: 16, uppercase: true)
            return "character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) is not allowed in XML 1.0 (control characters other than tab and line breaks)"
        }
        return "a character XML 1.0 does not allow"
    }

    /// `Entity 'nbsp' not defined` → `&nbsp;`.
    private static func quotedEntity(_ message: String) -> String {
        let parts = message.split(separator: "'")
        return parts.count >= 2 ? "entity `&\(parts[1]);`" : "an entity"
    }

    /// `Opening and ending tag mismatch: seg line 5 and tuv` → which tag closes which.
    private static func mismatch(_ message: String) -> String {
        let words = message.split(separator: " ")
        guard let colon = words.firstIndex(where: { $0.hasSuffix("mismatch:") }), words.count >= colon + 6 else {
            return "an end tag that does not match the element it closes"
        }
        let opened = words[colon + 1]
        let line = words[colon + 3]
        let closing = words[colon + 5]
        return "`</\(closing)>` where `<\(opened)>`, opened on line \(line), should be closed first: an end tag is missing or misspelled"
    }
}
