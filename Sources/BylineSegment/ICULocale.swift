import BylineText
import CBylineICU

/// How a ``LanguageTag`` maps onto ICU's locales.
///
/// A tag ICU does not know (`xx`, `klingon`) resolves to the root locale; callers warn
/// and go on rather than fail, since root rules still segment any script correctly.
public struct ICULocale: Sendable, Hashable {
    /// The tag as asked for.
    public let tag: LanguageTag
    /// The ICU locale id used (`tr_TR`, `az_Cyrl`, or `""` for root).
    public let identifier: String
    /// False when ICU does not know the language and root rules are used instead.
    public let isKnown: Bool

    public init(_ tag: LanguageTag) {
        self.tag = tag
        var buffer = [CChar](repeating: 0, count: 157)
        let length = byline_locale_from_tag(tag.description, &buffer, Int32(buffer.count))
        let identifier = length > 0 ? String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        if tag.language == "und" || tag.language == "root" {
            self.identifier = ""
            isKnown = true
        } else if !identifier.isEmpty, byline_locale_language_is_known(identifier) != 0 {
            self.identifier = identifier
            isKnown = true
        } else {
            self.identifier = ""
            isKnown = false
        }
    }

    /// The locale's month names in every form ICU has (wide and abbreviated, format and
    /// stand-alone): `марта` and `март`, `Okt` and `Oktober`.
    public var monthNames: [String] {
        var names: [String] = []
        var buffer = [UInt16](repeating: 0, count: 64)
        for kind in Int32(0)...3 {
            for month in Int32(0)..<12 {
                let length = byline_locale_month_name(identifier, kind, month, &buffer, Int32(buffer.count))
                if length > 0 {
                    names.append(String(decoding: buffer.prefix(Int(length)), as: UTF16.self))
                }
            }
        }
        return names
    }

    /// The locale's abbreviated month names (format and stand-alone) that differ from every
    /// wide name, without a final period: `янв`, `сент`, `Sep`, `Eki`; not `май` or `May`.
    public var abbreviatedMonthNames: [String] {
        var wide: Set<String> = []
        var abbreviated: [String] = []
        var buffer = [UInt16](repeating: 0, count: 64)
        for kind in Int32(0)...3 {
            for month in Int32(0)..<12 {
                let length = byline_locale_month_name(identifier, kind, month, &buffer, Int32(buffer.count))
                guard length > 0 else { continue }
                var name = String(decoding: buffer.prefix(Int(length)), as: UTF16.self)
                while name.hasSuffix(".") { name.removeLast() }
                if kind == 0 || kind == 2 { wide.insert(name.lowercased()) } else { abbreviated.append(name) }
            }
        }
        return abbreviated.filter { !wide.contains($0.lowercased()) }
    }

    /// The wide name of month `index` (0 = January), in its format or stand-alone form
    /// (`марта`, `март`), or nil when the locale has none.
    public func monthName(_ index: Int, standAlone: Bool = false) -> String? {
        var buffer = [UInt16](repeating: 0, count: 64)
        let length = byline_locale_month_name(identifier, standAlone ? 2 : 0, Int32(index), &buffer, Int32(buffer.count))
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF16.self) : nil
    }

    /// The wide name of weekday `index` (0 = Sunday), in its format or stand-alone form,
    /// or nil when the locale has none.
    public func weekdayName(_ index: Int, standAlone: Bool = false) -> String? {
        var buffer = [UInt16](repeating: 0, count: 64)
        let length = byline_locale_weekday_name(identifier, standAlone ? 1 : 0, Int32(index), &buffer, Int32(buffer.count))
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF16.self) : nil
    }

    /// The version of the ICU library Byline is linked against ("72.1").
    public static var icuVersion: String { String(cString: byline_icu_version()) }
}
