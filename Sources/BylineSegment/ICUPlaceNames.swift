import CBylineICU

/// Place names that ICU itself carries for every locale: region display names
/// (countries, continents, `EU`, `UN`) and the exemplar cities of time zones.
///
/// Read at run time from the linked ICU, so nothing has to ship. A language without
/// its own name for a place gets none: ICU's fallbacks (the code, a parent locale's
/// name, a city derived from the zone id) are filtered out, because taking them as the
/// language's form would make a foreign spelling look native.
///
/// ```swift
/// ICUPlaceNames.regionName("KR", language: "ru")          // "Республика Корея"
/// ICUPlaceNames.ExemplarCities(language: "az")?.city(zone: "Asia/Seoul")  // "Seul"
/// ```
public enum ICUPlaceNames {
    /// Macro-regions and groupings (UN M.49 codes, `EU`, `UN`) that newsrooms name.
    public static let macroRegions = [
        "001", "002", "005", "009", "011", "013", "014", "015", "017", "018", "019", "021", "029", "030", "034",
        "035", "039", "053", "054", "057", "061", "142", "143", "145", "150", "151", "154", "155", "202", "419",
        "EU", "EZ", "UN",
    ]

    /// The ISO 3166 region codes ICU knows, then ``macroRegions``.
    public static var regionCodes: [String] {
        var codes: [String] = []
        var index: Int32 = 0
        while let code = byline_region_code(index) {
            codes.append(String(cString: code))
            index += 1
        }
        return codes + macroRegions
    }

    /// The languages ICU has locale data for (`az`, `ru`, …), without regional variants.
    public static var languages: [String] {
        var result: [String] = []
        var index: Int32 = 0
        while let language = byline_available_language(index) {
            result.append(String(cString: language))
            index += 1
        }
        return result
    }

    /// The name of `region` (`KR`, `002`) in `language` (`az`), or nil when the
    /// language's own data has none.
    public static func regionName(_ region: String, language: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = byline_region_display_name(region, language, &buffer, Int32(buffer.count))
        guard length > 0 else { return nil }
        return String(decoding: buffer.prefix(Int(length)), as: UTF8.self)
    }

    /// Canonical time zones that stand for a place, each with its region code when ICU
    /// knows one (`Asia/Seoul`, `KR`).
    public static var timeZones: [(zone: String, region: String?)] {
        var result: [(String, String?)] = []
        var buffer = [CChar](repeating: 0, count: 128)
        var regionBuffer = [CChar](repeating: 0, count: 16)
        var index: Int32 = 0
        while byline_time_zone_id(index, &buffer, Int32(buffer.count)) > 0 {
            let zone = String(cString: buffer)
            let length = byline_time_zone_region(zone, &regionBuffer, Int32(regionBuffer.count))
            let region = length > 0 ? String(cString: regionBuffer) : nil
            result.append((zone, region == "001" ? nil : region))
            index += 1
        }
        return result
    }

    /// The exemplar cities of one language. Not thread-safe: one per worker.
    public final class ExemplarCities {
        private let handle: OpaquePointer

        /// Opens the names of `language`; nil when ICU cannot.
        public init?(language: String) {
            guard let handle = byline_zone_names_open(language) else { return nil }
            self.handle = handle
        }

        deinit { byline_zone_names_close(handle) }

        /// The city that stands for `zone` in this language. A name ICU only derives from
        /// the zone id (`Los Angeles` from `America/Los_Angeles`) is given when
        /// `allowDerived` is true, which suits English and the root locale alone.
        public func city(zone: String, allowDerived: Bool = false) -> String? {
            var buffer = [UInt8](repeating: 0, count: 256)
            let length = byline_zone_names_exemplar(handle, zone, allowDerived ? 1 : 0, &buffer, Int32(buffer.count))
            guard length > 0 else { return nil }
            return String(decoding: buffer.prefix(Int(length)), as: UTF8.self)
        }
    }
}
