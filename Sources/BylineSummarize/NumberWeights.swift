/// How much a number says about a report's facts.
///
/// A quantity with a unit, money, a percentage and a count of something (`8,000 troops`,
/// `$9.7bn`, `4%`, `1,200 casualties`) carry the "how many" an editor keeps; a year, a clock
/// time, a date or an age (`2000`, `12:00`, `5 March`, `50 years`, `17-year-old`) usually do
/// not. Weights, per number token:
///
/// | kind | weight | recognised by |
/// |---|---|---|
/// | money, percentage, magnitude | 1.0 | `$ £ € ₽ ₼ ₺ ¥ %` beside it, or a unit word after it |
/// | counted quantity | 0.8 | another word follows it (`1,200 casualties`) |
/// | bare number | 0.4 | nothing of the above |
/// | year, time, date, age | 0.25 | four digits 1800–2100, a colon, a month name, or a time or age word beside it (`-year-old` too) |
///
/// The first two kinds are *quantities*: they also decide how much of its lead prior a body
/// sentence keeps (``SummaryWeights/leadQuantityShare``).
enum NumberWeights {
    enum Kind: Sendable, Hashable {
        case amount, counted, bare, calendar

        var weight: Double {
            switch self {
            case .amount: 1
            case .counted: 0.8
            case .bare: 0.4
            case .calendar: 0.25
            }
        }

        var isQuantity: Bool { self == .amount || self == .counted }
    }

    /// - Parameters:
    ///   - before, after: the word-like tokens next to the number, separated from it by white space only.
    ///   - hyphenatedAfter: the word joined to the number by a hyphen (`17-year-old` gives `year`).
    static func kind(
        of number: Substring, before: Substring?, after: Substring?, hyphenatedAfter: Substring? = nil,
        symbolBefore: Unicode.Scalar?, symbolAfter: Unicode.Scalar?, monthNames: Set<String>
    ) -> Kind {
        if let symbol = symbolBefore, moneySymbols.contains(symbol) { return .amount }
        if let symbol = symbolAfter, moneySymbols.contains(symbol) { return .amount }
        if symbolBefore == ":" || symbolAfter == ":" { return .calendar }
        if let joined = hyphenatedAfter.map({ $0.lowercased() }), timeOrAgeWords.contains(joined) { return .calendar }
        let next = after.map { $0.lowercased() }
        let previous = before.map { $0.lowercased() }
        if let next, isUnit(next) { return .amount }
        if let next, timeOrAgeWords.contains(next) || monthNames.contains(next) { return .calendar }
        if let previous, monthNames.contains(previous) || previous == "aged" { return .calendar }
        if isYear(number) { return .calendar }
        if next != nil { return .counted }
        return .bare
    }

    static let moneySymbols: Set<Unicode.Scalar> = Set("$£€₽₼₺¥₸₴%".unicodeScalars)

    /// Magnitudes, currencies and measures in the desk's languages; the longer entries
    /// are stems matched as prefixes (`рубл` for `рублей`, `доллар` for `долларов`).
    static let unitWords: Set<String> = [
        "bn", "m", "mn", "k", "km", "kg", "mw", "gw", "ha", "mph", "tn",
        "тыс", "млн", "млрд", "км", "кг", "га", "т", "min", "mln", "mlrd", "bin",
    ]
    static let unitStems: [String] = [
        "percent", "million", "billion", "trillion", "thousand", "dollar", "euro", "pound", "manat", "rouble", "ruble",
        "lira", "tonne", "metre", "meter", "mile", "kilomet", "barrel",
        "процент", "миллион", "миллиард", "тысяч", "доллар", "евро", "рубл", "манат", "тенге", "гривн", "тонн", "баррел",
        "faiz", "milyon", "milyard", "milyar", "dollar", "dolar", "avro", "manat", "yüzde", "ton", "kilometr",
        "prozent", "millionen", "milliarden", "pour", "millions", "milliards", "por", "millones",
    ]
    static let timeOrAgeWords: Set<String> = [
        "am", "pm", "gmt", "utc", "bst", "est", "year", "years", "yrs", "age", "aged", "o'clock",
        "лет", "год", "года", "часов", "часа", "час", "летний", "летняя", "летнего", "yaş", "yaşında", "yaşlı",
        "il", "ildə", "yıl", "yılında", "saat", "jahre", "jahren", "jährige", "jähriger", "uhr", "ans", "años", "h",
    ]

    static func isUnit(_ word: String) -> Bool {
        if unitWords.contains(word) { return true }
        return unitStems.contains { word.hasPrefix($0) }
    }

    static func isYear(_ number: Substring) -> Bool {
        guard number.utf8.count == 4, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(number)
        else { return false }
        return (1800...2100).contains(value)
    }
}
