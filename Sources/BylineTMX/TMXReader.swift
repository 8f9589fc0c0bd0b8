import BylineTM
import Foundation
import BylineText
import CBylineXML

/// Reads a TMX file unit by unit with libxml2's streaming `xmlTextReader`: memory stays
/// flat however large the file is.
///
/// - TMX 1.4 (`xml:lang`) and 1.1 (`lang`), `srclang="*all*"`, any encoding libxml2 reads
///   (UTF-8, UTF-16 with or without BOM, declared 8-bit encodings).
/// - Variants are taken by their language, never by position.
/// - Well-formed files that break the DTD (a `<prop>` without `type`, unknown elements or
///   attributes) are read with warnings; anything that is not well-formed XML stops the
///   read with the file, line and column libxml2 reports.
///
/// ```swift
/// let reader = try TMXReader(path: "agency.tmx")
/// while let unit = try reader.nextUnit() { … }
/// ```
public final class TMXReader: UnitSource {
    /// The file as named by the caller, used in every location.
    public let path: String
    /// The `<header>`'s attributes, properties and notes.
    public private(set) var header = Metadata()
    /// The header's `srclang`, nil for `*all*`.
    public private(set) var sourceLanguage: LanguageTag?
    /// The TMX version the root declares (`1.4`, `1.1`).
    public private(set) var version: String?
    /// What was read past, in order.
    public private(set) var warnings: [TMXWarning] = []
    /// Units that could not be used (a `<tuv>` without language, …), for the report.
    public private(set) var unitsWithProblems = 0

    private let reader: OpaquePointer
    private var finished = false

    /// Opens `path` and reads up to the first unit.
    /// - Throws: ``TMXError`` when the file cannot be read or does not start as TMX.
    public init(path: String) throws(TMXError) {
        self.path = path
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .unreadable(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path: path, reason: "it is a directory, not a TMX file")
        }
        if let handle = FileHandle(forReadingAtPath: path) {
            let prefix = (try? handle.read(upToCount: 4096)).map { [UInt8]($0) } ?? []
            try? handle.close()
            if let reason = Self.notXML(prefix) { throw .notTMX(SourceLocation(file: path, line: 1, column: 1), reason: reason) }
        }
        guard let reader = byline_xml_open_file(path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        self.reader = reader
        try readPrologue()
    }

    /// Reads a TMX document from an open descriptor, such as a pipe an upload is written
    /// into, as it arrives; the reader owns the descriptor from then on and closes it.
    /// `name` stands for the file in locations.
    public init(descriptor: Int32, name: String) throws(TMXError) {
        path = name
        guard let reader = byline_xml_open_descriptor(descriptor, name) else {
            close(descriptor)
            throw .unreadable(path: name, reason: "cannot read the document")
        }
        self.reader = reader
        try readPrologue()
    }

    /// Reads a TMX document held in memory; `name` stands for the file in locations.
    public init(bytes: [UInt8], name: String) throws(TMXError) {
        path = name
        if let reason = Self.notXML(Array(bytes.prefix(4096))) {
            throw .notTMX(SourceLocation(file: name, line: 1, column: 1), reason: reason)
        }
        guard bytes.count < Int(Int32.max),
            let reader = bytes.withUnsafeBufferPointer({ byline_xml_open_memory($0.baseAddress, Int32($0.count), name) })
        else {
            throw .unreadable(path: name, reason: "cannot read the document")
        }
        self.reader = reader
        try readPrologue()
    }

    deinit { byline_xml_close(reader) }

    /// Why the first bytes of a file show it is no XML at all, or nil: libxml2 calls text
    /// that is no XML "extra content at the end of the document".
    static func notXML(_ prefix: [UInt8]) -> String? {
        guard !prefix.isEmpty else { return "the file is empty, not a TMX file" }
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // UTF-16 and UTF-32 are left to the parser, which reads their byte order marks.
        if bytes.first == 0 || bytes.first == 0xFE || bytes.first == 0xFF || bytes.dropFirst().first == 0 { return nil }
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            return "the file holds only white space, not a TMX file"
        }
        guard first == UInt8(ascii: "<") else {
            return "this is not an XML file (it does not start with `<`); a TMX file is XML that starts with `<?xml` or `<tmx`"
        }
        return nil
    }

    /// Bytes of the file parsed so far, for progress.
    public var bytesConsumed: Int { Int(byline_xml_bytes_consumed(reader)) }

    // MARK: Reading

    /// The next `<tu>`, or nil after `</body>`.
    public func nextUnit() throws -> TranslationUnit? {
        try nextUnitTyped()
    }

    /// ``nextUnit()`` with its error type.
    public func nextUnitTyped() throws(TMXError) -> TranslationUnit? {
        guard !finished else { return nil }
        while try read() {
            switch nodeType {
            case BYLINE_XML_ELEMENT where localName == "tu":
                return try readUnit()
            case BYLINE_XML_ELEMENT:
                warn("unexpected <\(name)> in <body>; skipped")
                try skipSubtree()
            case BYLINE_XML_END_ELEMENT where localName == "body":
                try readToEnd()
                return nil
            default:
                continue
            }
        }
        finished = true
        throw .notTMX(currentLocation, reason: "the file ends before </body>")
    }

    private func readPrologue() throws(TMXError) {
        // The root element.
        while try read() {
            if nodeType == BYLINE_XML_ELEMENT { break }
        }
        guard nodeType == BYLINE_XML_ELEMENT else {
            throw .notTMX(currentLocation, reason: "the file has no root element")
        }
        guard localName == "tmx" else {
            throw .notTMX(currentLocation, reason: "an XML file, but not TMX: its root element is <\(name)>, not <tmx>")
        }
        version = attribute("version")
        if version == nil { warn("<tmx> has no version attribute") }
        while try read() {
            guard nodeType == BYLINE_XML_ELEMENT else { continue }
            switch localName {
            case "header":
                try readHeader()
            case "body":
                if isEmptyElement {
                    finished = true
                    try readToEnd()
                }
                return
            default:
                warn("unexpected <\(name)> in <tmx>; skipped")
                try skipSubtree()
            }
        }
        throw .notTMX(currentLocation, reason: "the file has no <body>")
    }

    private func readHeader() throws(TMXError) {
        let attributes = allAttributes()
        header = metadata(from: attributes)
        if let source = attributes.first(where: { $0.name == "srclang" })?.value {
            sourceLanguage = source == "*all*" ? nil : LanguageTag(source)
        } else {
            warn("<header> has no srclang")
        }
        for required in ["creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "datatype"]
        where !attributes.contains(where: { $0.name == required }) {
            warn("<header> has no \(required) attribute (the TMX DTD requires it)")
        }
        guard !isEmptyElement else { return }
        while try read() {
            switch nodeType {
            case BYLINE_XML_ELEMENT:
                switch localName {
                case "prop": header.properties.append(try readProperty())
                case "note": header.notes.append(try readText())
                default:
                    // `<ude>` and foreign elements: kept out of units, noted.
                    warn("<\(name)> in <header> is not imported")
                    try skipSubtree()
                }
            case BYLINE_XML_END_ELEMENT:
                return
            default:
                continue
            }
        }
    }

    private func readUnit() throws(TMXError) -> TranslationUnit {
        let unitLocation = nodeLocation
        let attributes = allAttributes()
        var unit = TranslationUnit(variants: [], sourceLanguage: sourceLanguage, metadata: metadata(from: attributes))
        unit.location = unitLocation
        if let source = attributes.first(where: { $0.name == "srclang" })?.value {
            unit.sourceLanguage = source == "*all*" ? nil : LanguageTag(source)
        }
        guard !isEmptyElement else { return unit }
        var problem = false
        while try read() {
            switch nodeType {
            case BYLINE_XML_ELEMENT:
                switch localName {
                case "tuv":
                    if let variant = try readVariant() {
                        unit.variants.append(variant)
                    } else {
                        problem = true
                    }
                case "prop": unit.metadata.properties.append(try readProperty())
                case "note": unit.metadata.notes.append(try readText())
                default:
                    warn("unexpected <\(name)> in <tu>; skipped")
                    try skipSubtree()
                }
            case BYLINE_XML_END_ELEMENT:
                if problem { unitsWithProblems += 1 }
                if !unit.variants.contains(where: { !$0.segment.isEmpty }) {
                    warnings.append(TMXWarning(location: unitLocation, message: "<tu> has no <tuv> with text; skipped"))
                }
                return unit
            default:
                continue
            }
        }
        throw .malformedXML(currentLocation, reason: "the file ends inside <tu>")
    }

    private func readVariant() throws(TMXError) -> Variant? {
        let location = nodeLocation
        let attributes = allAttributes()
        let language = attributes.first(where: { $0.name == "xml:lang" })?.value
            ?? attributes.first(where: { $0.name == "lang" })?.value
        var metadata = metadata(from: attributes.filter { $0.name != "xml:lang" && $0.name != "lang" })
        var segment: Segment?
        if !isEmptyElement {
            loop: while try read() {
                switch nodeType {
                case BYLINE_XML_ELEMENT:
                    switch localName {
                    case "seg":
                        if segment != nil { warn("<tuv> has a second <seg>; the first is kept") }
                        let read = try readSegment()
                        if segment == nil { segment = read }
                    case "prop": metadata.properties.append(try readProperty())
                    case "note": metadata.notes.append(try readText())
                    default:
                        warn("unexpected <\(name)> in <tuv>; skipped")
                        try skipSubtree()
                    }
                case BYLINE_XML_END_ELEMENT:
                    break loop
                default:
                    continue
                }
            }
        }
        guard let language, !language.isEmpty else {
            warnings.append(TMXWarning(location: location, message: "<tuv> has no xml:lang; skipped"))
            return nil
        }
        guard let segment else {
            warnings.append(TMXWarning(location: location, message: "<tuv xml:lang=\"\(language)\"> has no <seg>; skipped"))
            return nil
        }
        return Variant(language: LanguageTag(language), segment: segment, metadata: metadata)
    }

    /// The content of `<seg>` or of an inline element, up to its end tag.
    private func readSegment() throws(TMXError) -> Segment {
        guard !isEmptyElement else { return Segment([]) }
        return Segment(try readPieces())
    }

    private func readPieces() throws(TMXError) -> [Segment.Piece] {
        var pieces: [Segment.Piece] = []
        var text = ""
        while try read() {
            switch nodeType {
            case BYLINE_XML_TEXT, BYLINE_XML_CDATA, BYLINE_XML_WHITESPACE, BYLINE_XML_SIGNIFICANT_WHITESPACE,
                BYLINE_XML_ENTITY_REFERENCE:
                text += try characterData()
            case BYLINE_XML_ELEMENT:
                if let kind = InlineCode.Kind(rawValue: localName) {
                    if !text.isEmpty {
                        pieces.append(.text(text))
                        text = ""
                    }
                    let attributes = allAttributes()
                    let content = isEmptyElement ? [] : try readPieces()
                    pieces.append(.code(InlineCode(kind: kind, attributes: attributes, content: content)))
                } else {
                    warn("unknown inline element <\(name)>; its text is kept")
                    if !isEmptyElement {
                        for piece in try readPieces() {
                            if case .text(let inner) = piece { text += inner }
                        }
                    }
                }
            case BYLINE_XML_END_ELEMENT:
                if !text.isEmpty { pieces.append(.text(text)) }
                return pieces
            default:
                continue
            }
        }
        throw .malformedXML(currentLocation, reason: "the file ends inside <seg>")
    }

    private func readProperty() throws(TMXError) -> Attribute {
        let type = attribute("type")
        if type == nil { warn("<prop> has no type attribute (the TMX DTD requires it); kept as x-untyped") }
        return Attribute(type ?? "x-untyped", try readText())
    }

    /// The text content of a simple element (`<prop>`, `<note>`).
    private func readText() throws(TMXError) -> String {
        guard !isEmptyElement else { return "" }
        var text = ""
        while try read() {
            switch nodeType {
            case BYLINE_XML_TEXT, BYLINE_XML_CDATA, BYLINE_XML_WHITESPACE, BYLINE_XML_SIGNIFICANT_WHITESPACE,
                BYLINE_XML_ENTITY_REFERENCE:
                text += try characterData()
            case BYLINE_XML_ELEMENT:
                warn("unexpected <\(name)> inside a text element; skipped")
                try skipSubtree()
            case BYLINE_XML_END_ELEMENT:
                return text
            default:
                continue
            }
        }
        throw .malformedXML(currentLocation, reason: "the file ends inside an element")
    }

    /// The text of the current text node; an entity reference left in the stream is one
    /// that neither XML nor the TMX DTD defines.
    private func characterData() throws(TMXError) -> String {
        guard nodeType != BYLINE_XML_ENTITY_REFERENCE else {
            throw .malformedXML(
                currentLocation,
                reason: "entity `&\(name);` is defined neither by XML nor by the TMX DTD; write the character itself or a numeric reference such as `&#160;`")
        }
        return value
    }

    /// Reads past `</tmx>` to the end, so trailing content is checked too.
    private func readToEnd() throws(TMXError) {
        while try read() {
            if nodeType == BYLINE_XML_ELEMENT {
                throw .malformedXML(currentLocation, reason: "content after </body>")
            }
        }
        finished = true
    }

    // MARK: libxml2

    /// Advances the reader; false at the end of the document.
    private func read() throws(TMXError) -> Bool {
        let result = byline_xml_read(reader)
        if result < 0 {
            finished = true
            var line: Int32 = 0
            var column: Int32 = 0
            var message: UnsafePointer<CChar>?
            let code = byline_xml_first_error(reader, &line, &column, &message)
            if code != 0, let message {
                throw .malformedXML(
                    location(line: Int(line), column: Int(column)),
                    reason: XMLMessages.plainWords(code: code, message: String(cString: message)))
            }
            throw .malformedXML(currentLocation, reason: "the file is not well-formed XML")
        }
        return result == 1
    }

    private func skipSubtree() throws(TMXError) {
        guard !isEmptyElement else { return }
        let depth = byline_xml_depth(reader)
        while try read() {
            if nodeType == BYLINE_XML_END_ELEMENT, byline_xml_depth(reader) == depth { return }
        }
    }

    private var nodeType: Int { Int(byline_xml_node_type(reader)) }

    private var localName: String { String(cString: byline_xml_local_name(reader)) }

    private var name: String { String(cString: byline_xml_name(reader)) }

    private var value: String { String(cString: byline_xml_value(reader)) }

    private var isEmptyElement: Bool { byline_xml_is_empty_element(reader) == 1 }

    private func attribute(_ attributeName: String) -> String? {
        allAttributes().first(where: { $0.name == attributeName })?.value
    }

    /// Every attribute of the current element in document order, names with prefix.
    private func allAttributes() -> [Attribute] {
        var attributes: [Attribute] = []
        guard byline_xml_has_attributes(reader) == 1 else { return attributes }
        var namespaces: [String] = []
        while byline_xml_next_attribute(reader) == 1 {
            let attributeName = name
            if attributeName == "xmlns" || attributeName.hasPrefix("xmlns:") {
                namespaces.append(attributeName)
                continue
            }
            attributes.append(Attribute(attributeName, value))
        }
        byline_xml_back_to_element(reader)
        for namespace in namespaces { warn("namespace declaration \(namespace) is not part of TMX; ignored") }
        for attribute in attributes where attribute.name.utf8.contains(0x3A) && !attribute.name.hasPrefix("xml:") {
            warn("attribute \(attribute.name) is not part of TMX; kept as a property")
        }
        return attributes
    }

    private var currentLocation: SourceLocation {
        location(line: Int(byline_xml_line(reader)), column: Int(byline_xml_column(reader)))
    }

    /// The line of the node being read, for warnings (the parser's own position runs ahead
    /// of the node the reader is on); the column is not known there.
    private var nodeLocation: SourceLocation {
        let line = Int(byline_xml_node_line(reader))
        return line > 0 ? location(line: line, column: 1) : currentLocation
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: max(line, 1), column: max(column, 1))
    }

    private func warn(_ message: String) {
        warnings.append(TMXWarning(location: nodeLocation, message: message))
    }

    private func metadata(from attributes: [Attribute]) -> Metadata {
        var metadata = Metadata()
        for attribute in attributes {
            switch attribute.name {
            case "creationdate": metadata.creationDate = attribute.value
            case "creationid": metadata.creationID = attribute.value
            case "changedate": metadata.changeDate = attribute.value
            case "changeid": metadata.changeID = attribute.value
            case "usagecount": metadata.usageCount = Int(attribute.value)
            case "lastusagedate": metadata.lastUsageDate = attribute.value
            default: metadata.attributes.append(attribute)
            }
        }
        return metadata
    }
}

