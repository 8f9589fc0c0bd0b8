import BylineText

/// Decodes HTML character references in plain text: `&amp;`, `&eacute;`, `&#39;`, `&#x2019;`.
///
/// Copy pasted out of a CMS often carries them. Text that contains markup (`<p>`, `</a>`,
/// `<!--`) is left alone, since there the references belong to the markup. Only references
/// closed by a semicolon are decoded; numeric ones in 128–159 are read as Windows-1252, as
/// browsers do; references to controls, surrogates or nothing stay as written.
struct HTMLEntities {
    private static let names: [String: [UInt8]] = {
        var table: [String: [UInt8]] = [:]
        for line in htmlEntityTable.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2 else { continue }
            var bytes: [UInt8] = []
            for field in fields.dropFirst() {
                if let value = UInt32(field, radix: 16), let scalar = Unicode.Scalar(value) {
                    bytes.append(contentsOf: scalar.utf8Bytes)
                }
            }
            table[String(fields[0])] = bytes
        }
        return table
    }()

    private let windows1252 = CodePage(name: "windows-1252")

    func decode(_ text: String) -> EditMap {
        text.withUTF8Bytes { bytes -> EditMap in
            guard bytes.contains(0x26), !Self.containsMarkup(bytes) else { return .identity(text) }
            var builder = EditBuilder(source: bytes)
            var index = 0
            while index < bytes.count {
                guard bytes[index] == 0x26 else {
                    index += 1
                    continue
                }
                if let (length, replacement) = reference(in: bytes, at: index) {
                    builder.replace(index..<(index + length), with: replacement, kind: .entity)
                    index += length
                } else {
                    index += 1
                }
            }
            return builder.finish(sourceString: text)
        }
    }

    /// The reference starting at the `&` at `start`: its length and what it stands for.
    private func reference(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, [UInt8])? {
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x23 {
            index += 1
            var radix: UInt32 = 10
            if index < bytes.count, bytes[index] | 0x20 == 0x78 {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            let digitsStart = index
            while index < bytes.count, index - digitsStart < 8, let digit = Self.digit(bytes[index], radix: radix) {
                value = value * radix + digit
                index += 1
            }
            guard index > digitsStart, index < bytes.count, bytes[index] == 0x3B else { return nil }
            if (0x80...0x9F).contains(value), let page = windows1252 { value = page.decode[Int(value)] }
            guard value >= 0x20 || value == 0x09 || value == 0x0A, value != 0x7F, !(0x80...0x9F).contains(value),
                let scalar = Unicode.Scalar(value)
            else { return nil }
            return (index + 1 - start, scalar.utf8Bytes)
        }
        let nameStart = index
        while index < bytes.count, index - nameStart < 32, Self.isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart, index < bytes.count, bytes[index] == 0x3B else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
        guard let replacement = Self.names[name] else { return nil }
        return (index + 1 - start, replacement)
    }

    private static func digit(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46 where radix == 16: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66 where radix == 16: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// True when the text has a tag-like `<x`, `</`, or `<!`.
    static func containsMarkup(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x3C {
                let next = bytes[index + 1]
                if next == 0x2F || next == 0x21 || (0x41...0x5A).contains(next) || (0x61...0x7A).contains(next) {
                    return true
                }
            }
            index += 1
        }
        return false
    }
}
