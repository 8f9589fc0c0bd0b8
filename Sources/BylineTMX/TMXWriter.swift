import BylineTM
import BylineText
import Foundation

/// Writes TMX 1.4b, valid against `tmx14.dtd`, streaming: units go out as they come.
///
/// A regular file is written beside its destination under a temporary name and renamed
/// into place by ``finish()``, so a failed export never leaves half a file; FIFOs, devices
/// and standard output are written through (see ``ExportDestination``). What TMX cannot
/// hold is mapped, never dropped silently:
/// - attributes outside the DTD become `<prop type="x-attribute:NAME">`, and Byline's own
///   metadata (origin, story, alternative) `<prop type="x-byline-…">`;
/// - an inline code missing a required attribute (`bpt` without `i`, `it` without a
///   valid `pos`) is written as `<ph>` with the same content;
/// - scalars XML 1.0 forbids (C0 controls other than tab and line feeds) are written as
///   U+FFFD and counted in ``replacedCharacters``.
public final class TMXWriter {
    /// The destination path.
    public let path: String
    /// Scalars that XML cannot carry, written as U+FFFD.
    public private(set) var replacedCharacters = 0
    /// Units written so far.
    public private(set) var unitCount = 0

    private let destination: ExportDestination
    private var buffer = ""
    private var finished = false

    /// Opens the destination (see ``ExportDestination`` for files, links, FIFOs, devices
    /// and `-`) and writes the XML declaration, `<header>` and `<body>`.
    public convenience init(path: String, sourceLanguage: LanguageTag?, creationToolVersion: String) throws {
        try self.init(destination: ExportDestination(path), sourceLanguage: sourceLanguage, creationToolVersion: creationToolVersion)
    }

    /// Writes to an open descriptor (a pipe a download is read from), which the writer owns
    /// and closes when finished or abandoned; `name` stands for it in messages.
    public convenience init(descriptor: Int32, name: String, sourceLanguage: LanguageTag?, creationToolVersion: String) {
        self.init(
            destination: ExportDestination(descriptor: descriptor, name: name), sourceLanguage: sourceLanguage,
            creationToolVersion: creationToolVersion)
    }

    private init(destination: ExportDestination, sourceLanguage: LanguageTag?, creationToolVersion: String) {
        self.path = destination.path
        self.destination = destination
        buffer.reserveCapacity(1 << 17)
        buffer += """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE tmx SYSTEM "tmx14.dtd">
            <tmx version="1.4">
            <header creationtool="Byline" creationtoolversion="
            """
        append(creationToolVersion, quotes: true)
        buffer += "\" segtype=\"sentence\" o-tmf=\"Byline\" adminlang=\"en\" srclang=\""
        append(sourceLanguage?.description ?? "*all*", quotes: true)
        buffer += "\" datatype=\"plaintext\"/>\n<body>\n"
    }

    deinit {
        if !finished { destination.abandon() }
    }

    /// Writes one `<tu>`.
    public func write(_ unit: TranslationUnit) throws {
        buffer += "<tu"
        var extraProperties = writeAttributes(unit.metadata, allowed: Self.unitAttributes)
        if let source = unit.sourceLanguage {
            buffer += " srclang=\""
            append(source.description, quotes: true)
            buffer += "\""
        }
        buffer += ">"
        switch unit.origin {
        case .imported(let file) where !file.isEmpty: extraProperties.append(Attribute("x-byline-origin", "import:" + file))
        case .imported: break
        case .aligned: extraProperties.append(Attribute("x-byline-origin", "aligned"))
        case .manual: extraProperties.append(Attribute("x-byline-origin", "manual"))
        }
        if let story = unit.storyID { extraProperties.append(Attribute("x-byline-story", story)) }
        if let alternative = unit.alternativeOf { extraProperties.append(Attribute("x-byline-alternative-of", String(alternative))) }
        writeNotesAndProperties(unit.metadata, extra: extraProperties)
        for variant in unit.variants {
            buffer += "<tuv xml:lang=\""
            append(variant.language.description, quotes: true)
            buffer += "\""
            let variantExtra = writeAttributes(variant.metadata, allowed: Self.variantAttributes)
            buffer += ">"
            writeNotesAndProperties(variant.metadata, extra: variantExtra)
            buffer += "<seg>"
            writePieces(variant.segment.pieces, context: .seg)
            buffer += "</seg></tuv>"
        }
        buffer += "</tu>\n"
        unitCount += 1
        if buffer.utf8.count >= 1 << 16 { try flush() }
    }

    /// Closes `<body>` and `<tmx>`, then moves the file into place (or closes the FIFO or
    /// device written through).
    public func finish() throws {
        buffer += "</body>\n</tmx>\n"
        try flush()
        finished = true
        try destination.commit()
    }

    /// Writes the buffer; a failed write (a full disk, a closed pipe) is an error.
    private func flush() throws {
        try buffer.withUTF8 { bytes in try destination.write(UnsafeRawBufferPointer(bytes)) }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Pieces

    private static let unitAttributes: Set<String> = [
        "tuid", "o-encoding", "datatype", "creationtool", "creationtoolversion", "segtype", "o-tmf",
    ]
    private static let variantAttributes: Set<String> = [
        "o-encoding", "datatype", "creationtool", "creationtoolversion", "o-tmf",
    ]
    private static let segmentTypes: Set<String> = ["block", "paragraph", "sentence", "phrase"]

    /// Writes the stamps and the DTD's attributes; returns the others as properties.
    private func writeAttributes(_ metadata: Metadata, allowed: Set<String>) -> [Attribute] {
        var extra: [Attribute] = []
        for attribute in metadata.attributes {
            if allowed.contains(attribute.name), attribute.name != "segtype" || Self.segmentTypes.contains(attribute.value) {
                writeAttribute(attribute.name, attribute.value)
            } else if attribute.name != "srclang" {
                extra.append(Attribute("x-attribute:" + attribute.name, attribute.value))
            }
        }
        if let value = metadata.usageCount { writeAttribute("usagecount", String(value)) }
        if let value = metadata.lastUsageDate { writeAttribute("lastusagedate", value) }
        if let value = metadata.creationDate { writeAttribute("creationdate", value) }
        if let value = metadata.creationID { writeAttribute("creationid", value) }
        if let value = metadata.changeDate { writeAttribute("changedate", value) }
        if let value = metadata.changeID { writeAttribute("changeid", value) }
        return extra
    }

    private func writeAttribute(_ name: String, _ value: String) {
        buffer += " " + name + "=\""
        append(value, quotes: true)
        buffer += "\""
    }

    private func writeNotesAndProperties(_ metadata: Metadata, extra: [Attribute]) {
        for note in metadata.notes {
            buffer += "<note>"
            append(note, quotes: false)
            buffer += "</note>"
        }
        for property in metadata.properties + extra {
            buffer += "<prop type=\""
            append(property.name, quotes: true)
            buffer += "\">"
            append(property.value, quotes: false)
            buffer += "</prop>"
        }
    }

    /// Where pieces are written; each allows different children (tmx14.dtd).
    private enum Context { case seg, code, sub, hi }

    private func writePieces(_ pieces: [Segment.Piece], context: Context) {
        for piece in pieces {
            switch piece {
            case .text(let text): append(text, quotes: false)
            case .code(let code): writeCode(code, context: context)
            }
        }
    }

    private func writeCode(_ code: InlineCode, context: Context) {
        var kind = code.kind
        // Inside native code only <sub> may appear; elsewhere <sub> may not.
        if context == .code, kind != .sub {
            writePieces(code.content, context: .code)
            return
        }
        if kind == .sub, context != .code {
            writePieces(code.content, context: context)
            return
        }
        let allowed: Set<String>
        switch kind {
        case .bpt: allowed = ["i", "x", "type"]
        case .ept: allowed = ["i"]
        case .it: allowed = ["pos", "x", "type"]
        case .ph: allowed = ["x", "assoc", "type"]
        case .hi: allowed = ["x", "type"]
        case .ut: allowed = ["x"]
        case .sub: allowed = ["datatype", "type"]
        }
        let missingRequired =
            switch kind {
            case .bpt, .ept: code.attribute("i") == nil
            case .it: code.attribute("pos") != "begin" && code.attribute("pos") != "end"
            default: false
            }
        var attributes = code.attributes.filter { allowed.contains($0.name) }
        if missingRequired {
            kind = .ph
            attributes = code.attributes.filter { ["x", "type"].contains($0.name) }
        }
        buffer += "<" + kind.rawValue
        for attribute in attributes { writeAttribute(attribute.name, attribute.value) }
        if code.content.isEmpty {
            buffer += "/>"
            return
        }
        buffer += ">"
        let inner: Context =
            switch kind {
            case .sub: .sub
            case .hi: .hi
            default: .code
            }
        writePieces(code.content, context: inner)
        buffer += "</" + kind.rawValue + ">"
    }

    /// Appends text escaped for XML, replacing scalars XML 1.0 cannot carry.
    private func append(_ text: String, quotes: Bool) {
        let needsWork = text.utf8.contains { (byte: UInt8) -> Bool in
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x0D, 0xEF: return true
            case 0x22: return quotes
            case 0x09, 0x0A: return false
            default: return byte < 0x20
            }
        }
        guard needsWork else {
            buffer += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: buffer += "&amp;"
            case 0x3C: buffer += "&lt;"
            case 0x3E: buffer += "&gt;"
            case 0x22 where quotes: buffer += "&quot;"
            case 0x0D: buffer += "&#13;"
            case 0x09, 0x0A: buffer.unicodeScalars.append(scalar)
            case 0..<0x20, 0xFFFE, 0xFFFF:
                replacedCharacters += 1
                buffer += "\u{FFFD}"
            default: buffer.unicodeScalars.append(scalar)
            }
        }
    }
}
