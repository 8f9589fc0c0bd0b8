import BylineText
import CBylineICU

/// Transliteration to Latin with the BGN/PCGN romanization of the text's language, from
/// CLDR's transforms as shipped in ICU.
///
/// The text is handled one whitespace-separated token at a time, and only tokens holding
/// letters of a script other than Latin are touched, so every change covers one token.
/// Letters the language's table leaves (another script's words quoted in the text) go
/// through ICU's generic `Any-Latin`.
struct Transliteration {
    /// The BGN/PCGN transform for each language that has one.
    static let bgnIdentifiers: [String: String] = [
        "am": "Amharic-Latin/BGN", "ar": "Arabic-Latin/BGN", "az": "Azerbaijani-Latin/BGN",
        "be": "Belarusian-Latin/BGN", "bg": "Bulgarian-Latin/BGN", "dv": "Maldivian-Latin/BGN",
        "el": "Greek-Latin/BGN", "fa": "Persian-Latin/BGN", "he": "Hebrew-Latin/BGN", "hy": "Armenian-Latin/BGN",
        "ka": "Georgian-Latin/BGN", "kk": "Kazakh-Latin/BGN", "ko": "Korean-Latin/BGN", "ky": "Kirghiz-Latin/BGN",
        "mk": "Macedonian-Latin/BGN", "mn": "Mongolian-Latin/BGN", "ps": "Pashto-Latin/BGN",
        "ru": "Russian-Latin/BGN", "sr": "Serbian-Latin/BGN", "tk": "Turkmen-Latin/BGN",
        "uk": "Ukrainian-Latin/BGN", "uz": "Uzbek-Latin/BGN",
    ]

    private var transliterators: [String: ICUTransliterator] = [:]
    private var units: [UInt16] = []

    /// The Latin form of `text` for `locale`'s language.
    mutating func toLatin(_ text: String, locale: NormalizationLocale) throws(NormalizationError) -> EditMap {
        let primary = try Self.bgnIdentifiers[locale.language].map { id throws(NormalizationError) in try transliterator(id) }
        let fallback = try transliterator("Any-Latin")
        var failure: NormalizationError?
        let map = text.withUTF8Bytes { bytes -> EditMap in
            var builder = EditBuilder(source: bytes)
            var index = 0
            let count = bytes.count
            while index < count {
                // One token: a run of non-white-space scalars.
                while index < count, Self.isSpace(bytes, at: index) { index += ScalarMapper.decode(bytes, at: index).1 }
                let start = index
                var foreign = false
                while index < count, !Self.isSpace(bytes, at: index) {
                    let (scalar, length) = ScalarMapper.decode(bytes, at: index)
                    if scalar >= 0x80, !foreign, Self.isNonLatinLetter(scalar) { foreign = true }
                    index += length
                }
                guard foreign, start < index else { continue }
                let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                do throws(NormalizationError) {
                    var result = try transliterate(token, with: primary ?? fallback)
                    if primary != nil, result.unicodeScalars.contains(where: { Self.isNonLatinLetter($0.value) }) {
                        result = try transliterate(result, with: fallback)
                    }
                    if !result.utf8.elementsEqual(token.utf8) {
                        builder.replace(start..<index, with: result.utf8, kind: .transliteration)
                    }
                } catch {
                    failure = error
                    return .identity(text)
                }
            }
            return builder.finish(sourceString: text)
        }
        if let failure { throw failure }
        return map
    }

    private mutating func transliterator(_ id: String) throws(NormalizationError) -> ICUTransliterator {
        if let existing = transliterators[id] { return existing }
        let made = try ICUTransliterator(id: id)
        transliterators[id] = made
        return made
    }

    private mutating func transliterate(_ text: String, with transliterator: ICUTransliterator) throws(NormalizationError)
        -> String
    {
        units.removeAll(keepingCapacity: true)
        units.append(contentsOf: text.utf16)
        return String(decoding: try transliterator.apply(&units), as: UTF16.self)
    }

    private static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        let scalar = ScalarMapper.decode(bytes, at: index).0
        return Unicode.Scalar(scalar)?.properties.isWhitespace ?? false
    }

    /// A letter or mark whose script is neither Latin nor shared (Common, Inherited).
    static func isNonLatinLetter(_ scalar: UInt32) -> Bool {
        let script = byline_script_of(Int32(bitPattern: scalar))
        // USCRIPT_COMMON = 0, USCRIPT_INHERITED = 1, USCRIPT_LATIN = 25, USCRIPT_UNKNOWN = 103.
        return script != 0 && script != 1 && script != 25 && script != 103
    }
}

/// An ICU transliterator; one per worker.
final class ICUTransliterator {
    private let handle: OpaquePointer

    init(id: String) throws(NormalizationError) {
        var status: Int32 = 0
        guard let handle = byline_transliterator_open(id, &status) else {
            throw .icu(operation: "transliterator \(id)", name: String(cString: byline_icu_error_name(status)))
        }
        self.handle = handle
    }

    deinit { byline_transliterator_close(handle) }

    /// Transliterates `units` in place (growing the buffer when the result is longer) and
    /// returns the result's units.
    func apply(_ units: inout [UInt16]) throws(NormalizationError) -> ArraySlice<UInt16> {
        let length = units.count
        var capacity = max(16, length * 2 + 16)
        while true {
            var work = units
            work.append(contentsOf: repeatElement(0, count: capacity - length))
            let result = work.withUnsafeMutableBufferPointer { buffer in
                byline_transliterate_utf16(handle, buffer.baseAddress, Int32(length), Int32(capacity))
            }
            if result >= 0 {
                units = work
                return work[0..<Int(result)]
            }
            if result == Int32.min { throw .icu(operation: "transliteration", name: "U_INTERNAL_TRANSLITERATOR_ERROR") }
            capacity = max(capacity * 2, Int(-result) + 16)
        }
    }
}
