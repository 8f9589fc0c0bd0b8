import BylineText
import CBylineICU
import Foundation

/// How a language writes numbers, from CLDR through ICU's number formatter: its decimal
/// separator, its grouping separator, and whether it groups numbers of four digits.
///
/// ```swift
/// let russian = NumberConventions.of("ru")
/// russian.decimalSeparator    // ","
/// russian.groupingSeparator   // "\u{A0}" (NO-BREAK SPACE)
/// NumberConventions.of("es").groupsFourDigits   // false: "1500", but "15.000"
/// ```
public struct NumberConventions: Sendable, Hashable {
    /// The language the conventions are ICU's for.
    public var language: LanguageTag
    public var decimalSeparator: Character
    public var groupingSeparator: Character
    /// False where CLDR's minimum grouping digits are 2 (`1500`, but `15 000`).
    public var groupsFourDigits: Bool

    /// The conventions of `language`, asked of ICU once per language and process.
    public static func of(_ language: LanguageTag) -> NumberConventions {
        if let known = lock.withLock({ cache[language] }) { return known }
        let conventions = read(language)
        lock.withLock { cache[language] = conventions }
        return conventions
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [LanguageTag: NumberConventions] = [:]

    private static func read(_ language: LanguageTag) -> NumberConventions {
        // `1234.5` grouped at every opportunity shows both separators; `1234` grouped as
        // the locale does shows whether four digits are grouped.
        let sample = NumberWriter.format("1234.5", fractionDigits: 1, grouping: .always, language: language) ?? "1,234.5"
        let characters = Array(sample)
        let plain = NumberWriter.format("1234", fractionDigits: 0, grouping: .locale, language: language) ?? "1,234"
        guard characters.count == 7 else {
            return NumberConventions(language: language, decimalSeparator: ".", groupingSeparator: ",", groupsFourDigits: true)
        }
        return NumberConventions(
            language: language, decimalSeparator: characters[5], groupingSeparator: characters[1],
            groupsFourDigits: plain.count > 4)
    }
}

/// Writes numbers through ICU's number formatter (`unumf`), in Latin digits.
public enum NumberWriter {
    /// How integer digits are grouped.
    public enum Grouping: Sendable, Hashable {
        /// Never: years, codes, a target that writes `15000`.
        case off
        /// As the language does, with its minimum grouping digits.
        case locale
        /// From five integer digits on (`1500`, `15 000`).
        case fromFiveDigits
        /// From four integer digits on (`1,500`).
        case always

        var code: Int32 {
            switch self {
            case .off: Int32(BYLINE_GROUPING_OFF)
            case .locale: Int32(BYLINE_GROUPING_LOCALE)
            case .fromFiveDigits: Int32(BYLINE_GROUPING_MIN2)
            case .always: Int32(BYLINE_GROUPING_ALWAYS)
            }
        }
    }

    /// `decimal` (ASCII digits with at most one `.`) as `language` writes it, with exactly
    /// `fractionDigits` decimals; nil when ICU cannot write it.
    ///
    /// ```swift
    /// NumberWriter.format("2300000", fractionDigits: 0, grouping: .locale, language: "de")  // "2.300.000"
    /// NumberWriter.format("14.5", fractionDigits: 1, grouping: .locale, language: "ru")     // "14,5"
    /// ```
    public static func format(_ decimal: String, fractionDigits: Int, grouping: Grouping, language: LanguageTag)
        -> String?
    {
        let locale = language.description.replacingOccurrences(of: "-", with: "_")
        var units = [UInt16](repeating: 0, count: 256)
        var status: Int32 = 0
        let length = units.withUnsafeMutableBufferPointer { buffer in
            byline_number_format(
                locale, decimal, Int32(fractionDigits), grouping.code, buffer.baseAddress, Int32(buffer.count), &status)
        }
        guard length >= 0 else { return nil }
        return String(decoding: units[0..<Int(length)], as: UTF16.self)
    }
}
