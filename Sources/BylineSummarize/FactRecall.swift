/// How many of a reference summary's facts a summary carries: the figures and the
/// capitalised names of the reference that appear in it. A check on what ROUGE blurs: a
/// summary can share many words with the reference and still drop its count of dead or
/// the person it is about.
///
/// - **Figures**: runs of digits with `.` or `,` between them (`1,200`, `3.5`), compared
///   without the commas.
/// - **Names**: words of two letters or more that start with a capital in the reference
///   and that the report never writes in lower case (so `The` and `Police` at the start of
///   a sentence do not count), compared as written.
///
/// Counts add up over many reports (micro-average); ``numberShare`` and ``nameShare`` are
/// the carried shares. Lower-cased copy has no capitalised names, only figures.
///
/// ```swift
/// var recall = FactRecall()
/// recall.add(summary: picked, reference: highlights, report: article)
/// print(recall.numberShare, recall.nameShare)
/// ```
public struct FactRecall: Sendable, Hashable {
    public private(set) var numbers = 0
    public private(set) var numbersCarried = 0
    public private(set) var names = 0
    public private(set) var namesCarried = 0

    public init() {}

    /// Share of the references' figures the summaries carry (0 when there are none).
    public var numberShare: Double { numbers == 0 ? 0 : Double(numbersCarried) / Double(numbers) }
    /// Share of the references' names the summaries carry (0 when there are none).
    public var nameShare: Double { names == 0 ? 0 : Double(namesCarried) / Double(names) }

    /// Counts the facts of one reference and those `summary` carries.
    public mutating func add(summary: String, reference: String, report: String) {
        let referenceNumbers = Self.figures(in: reference)
        numbers += referenceNumbers.count
        numbersCarried += referenceNumbers.intersection(Self.figures(in: summary)).count
        var lowerCase: Set<Substring> = []
        for word in Self.words(in: report) where word.unicodeScalars.first!.properties.isLowercase { lowerCase.insert(word) }
        var referenceNames: Set<Substring> = []
        for word in Self.words(in: reference) where word.unicodeScalars.count > 1
            && word.unicodeScalars.first!.properties.isUppercase && !lowerCase.contains(Substring(word.lowercased())) {
            referenceNames.insert(word)
        }
        names += referenceNames.count
        namesCarried += referenceNames.intersection(Self.words(in: summary)).count
    }

    /// Figures: digits with single `.` or `,` between them, commas dropped.
    static func figures(in text: String) -> Set<String> {
        var result: Set<String> = []
        var current = ""
        var pendingSeparator: Unicode.Scalar?
        func close() {
            if !current.isEmpty { result.insert(current) }
            current = ""
            pendingSeparator = nil
        }
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if let separator = pendingSeparator, separator == "." { current.unicodeScalars.append(separator) }
                pendingSeparator = nil
                current.unicodeScalars.append(scalar)
            } else if (scalar == "." || scalar == ","), !current.isEmpty, pendingSeparator == nil {
                pendingSeparator = scalar
            } else {
                close()
            }
        }
        close()
        return result
    }

    /// Words: a letter, then letters, digits, apostrophes and hyphens.
    static func words(in text: String) -> Set<Substring> {
        var result: Set<Substring> = []
        var start: String.Index?
        var index = text.startIndex
        let scalars = text.unicodeScalars
        while index < text.endIndex {
            let scalar = scalars[index]
            let isLetter = scalar.properties.isAlphabetic
            let continues = isLetter || ("0"..."9").contains(scalar) || scalar == "'" || scalar == "’" || scalar == "-"
            if start == nil, isLetter { start = index } else if let begin = start, !continues {
                result.insert(text[begin..<index])
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let begin = start { result.insert(text[begin..<text.endIndex]) }
        return result
    }
}
