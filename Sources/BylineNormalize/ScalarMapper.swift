import BylineText
import CBylineICU

/// Maps a text one scalar at a time through a table filled on first use, then composes
/// the result to NFC where a mapped scalar could combine with its neighbour.
///
/// `fold` and `strip_accents` are context-free per scalar once the text is in NFC, so a
/// cached mapping per scalar gives ICU's answer at table-lookup speed. ASCII has its own
/// 128-entry table; other BMP scalars use a direct table; the rest a dictionary.
final class ScalarMapper {
    /// A mapping: `nil` for "unchanged", else the UTF-8 of the replacement.
    typealias Mapping = (UInt32) -> [UInt8]?

    private let kind: NormalizationChange.Kind
    private let compute: Mapping
    /// Per BMP scalar: 0 = not computed, 1 = unchanged, 2 = unchanged but might compose
    /// with a neighbour, else pool offset << 8 | length, plus 0x80 in the low byte when the
    /// replacement might compose. The pool starts with a byte so that no offset is 0.
    private var table: [UInt32]
    private var astral: [UInt32: UInt32] = [:]
    private var pool: [UInt8] = [0]
    private var ascii: [[UInt8]?]

    init(kind: NormalizationChange.Kind, mapping compute: @escaping Mapping) {
        self.kind = kind
        self.compute = compute
        table = [UInt32](repeating: 0, count: 0x10000)
        ascii = (0..<128).map { compute(UInt32($0)) }
    }

    private func entry(for scalar: UInt32) -> UInt32 {
        if scalar < 0x10000 {
            let cached = table[Int(scalar)]
            if cached != 0 { return cached }
        } else if let cached = astral[scalar] {
            return cached
        }
        let value: UInt32
        if let replacement = compute(scalar), replacement.count < 0x80 {
            let offset = UInt32(pool.count)
            pool.append(contentsOf: replacement)
            var mayCompose = false
            for produced in String(decoding: replacement, as: UTF8.self).unicodeScalars
            where byline_form_may_change(Int32(BYLINE_FORM_NFC), Int32(produced.value)) != 0 {
                mayCompose = true
            }
            value = offset << 8 | UInt32(replacement.count) | (mayCompose ? 0x80 : 0)
        } else {
            value = byline_form_may_change(Int32(BYLINE_FORM_NFC), Int32(scalar)) != 0 ? 2 : 1
        }
        if scalar < 0x10000 { table[Int(scalar)] = value } else { astral[scalar] = value }
        return value
    }

    /// Maps `text`. `special`, when given, first sees every position holding the byte
    /// `trigger` and may take over: it returns how many source bytes it consumed and what
    /// to write, or nil.
    func map(
        _ text: String, trigger: UInt8 = 0,
        special: ((UnsafeBufferPointer<UInt8>, Int) -> (consumed: Int, replacement: [UInt8])?)? = nil
    ) -> (map: EditMap, needsComposition: Bool) {
        var needsComposition = false
        let map = text.withUTF8Bytes { bytes -> EditMap in
            var builder = EditBuilder(source: bytes)
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                if byte == trigger, let special, let handled = special(bytes, index) {
                    builder.replace(index..<(index + handled.consumed), with: handled.replacement, kind: kind)
                    index += handled.consumed
                    continue
                }
                if byte < 0x80 {
                    if let replacement = ascii[Int(byte)] {
                        builder.replace(index..<(index + 1), with: replacement, kind: kind)
                    }
                    index += 1
                    continue
                }
                let (scalar, length) = Self.decode(bytes, at: index)
                let value = entry(for: scalar)
                if value > 2 {
                    let offset = Int(value >> 8)
                    let replacementLength = Int(value & 0x7F)
                    if value & 0x80 != 0 { needsComposition = true }
                    pool.withUnsafeBufferPointer { pool in
                        builder.replace(
                            index..<(index + length), with: pool[offset..<(offset + replacementLength)], kind: kind)
                    }
                } else if value == 2 {
                    needsComposition = true
                }
                index += length
            }
            return builder.finish(sourceString: text)
        }
        return (map, needsComposition)
    }

    /// The scalar starting at `index` of well-formed UTF-8, and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (
            (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4
        )
    }
}

extension Unicode.Scalar {
    /// The scalar's UTF-8 bytes.
    var utf8Bytes: [UInt8] { Array(String(self).utf8) }
}
