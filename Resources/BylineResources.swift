import BylineSegment
import BylineSummarize
import BylineText
import Foundation

/// Finds Byline's bundled data and loads it into the domain types.
///
/// The data lives in `data/` of the resource bundle that SwiftPM copies beside the
/// binary. `BYLINE_RESOURCES` (a path to a `data` folder) overrides the search, and a
/// source checkout's `Resources/data` is the last place tried, so a binary copied
/// elsewhere still finds its data during development.
///
/// ```swift
/// let resources = try ResourceBundle.locate()
/// let rules = try resources.segmentationRules(for: "de")
/// ```
public struct ResourceBundle: Sendable {
    /// The `data` folder in use.
    public let dataDirectory: URL

    public init(dataDirectory: URL) { self.dataDirectory = dataDirectory }

    /// Searches the usual places for the data folder.
    /// - Throws: ``ResourceError/notFound(triedPaths:)`` naming every path tried.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ResourceError)
        -> ResourceBundle
    {
        var tried: [String] = []
        var candidates: [URL] = []
        if let override = environment["BYLINE_RESOURCES"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        let bundleName = "Byline_BylineResources.resources"
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName).appendingPathComponent("data"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("data"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(bundleName).appendingPathComponent("data"))
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("data"))
        for candidate in candidates {
            tried.append(candidate.path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("segment").path, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                return ResourceBundle(dataDirectory: candidate)
            }
        }
        throw .notFound(triedPaths: tried)
    }

    /// The segmentation rules for `language`: its abbreviations, sentence starters and
    /// attribution verbs from the data files, its month names from ICU.
    ///
    /// A language without data files gets empty lists (ICU's rules alone).
    /// - Throws: ``ResourceError/malformed(_:reason:)`` for a bad line in a data file.
    public func segmentationRules(for language: LanguageTag) throws(ResourceError) -> SegmentationRules {
        let code = language.language
        var abbreviations: [String: SegmentationRules.AbbreviationKind] = [:]
        for (location, fields) in try records(in: "abbreviations/\(code).tsv", fieldCount: 2) {
            guard let kind = SegmentationRules.AbbreviationKind(rawValue: fields[1]) else {
                throw .malformed(location, reason: "unknown abbreviation kind \"\(fields[1])\" (expected title, number, general, terminal or unit)")
            }
            abbreviations[fields[0]] = kind
        }
        let starters = Set(try records(in: "segment/starters/\(code).txt", fieldCount: 1).map { $0.fields[0] })
        let verbs = Set(try records(in: "segment/attribution/\(code).txt", fieldCount: 1).map { $0.fields[0] })
        var ordinalDot = false
        var lowercaseStarts = true
        for (location, fields) in try records(in: "segment/languages.tsv", fieldCount: 3) where fields[0] == code {
            for field in fields.dropFirst() where field != "yes" && field != "no" {
                throw .malformed(location, reason: "expected yes or no, not \"\(field)\"")
            }
            ordinalDot = fields[1] == "yes"
            lowercaseStarts = fields[2] == "yes"
        }
        var terminators: Set<Unicode.Scalar> = []
        for (location, fields) in try records(in: "segment/terminators.tsv", fieldCount: 2) where fields[0] == code {
            guard fields[1].hasPrefix("U+"), let value = UInt32(fields[1].dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(value)
            else {
                throw .malformed(location, reason: "expected a scalar written U+XXXX, not \"\(fields[1])\"")
            }
            terminators.insert(scalar)
        }
        let ordinalWords = Set(try records(in: "segment/ordinal_words.tsv", fieldCount: 2).filter { $0.fields[0] == code }.map { $0.fields[1] })
        let locale = ICULocale(language)
        let months = Set(locale.monthNames.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        // Turkish and Azerbaijani lower `I` to `ı` and `İ` to `i`, as the segmenter does.
        let turkic = code == "tr" || code == "az"
        let monthAbbreviations = Set(locale.abbreviatedMonthNames.map { name in
            turkic ? name.replacingOccurrences(of: "I", with: "ı").replacingOccurrences(of: "İ", with: "i").lowercased() : name.lowercased()
        })
        return SegmentationRules(
            language: language, abbreviations: abbreviations, sentenceStarters: starters,
            attributionVerbs: verbs, monthNames: months, monthAbbreviations: monthAbbreviations, ordinalDot: ordinalDot, ordinalWords: ordinalWords,
            extraTerminators: terminators, lowercaseMayStartSentence: lowercaseStarts)
    }

    /// The whole of a UTF-8 text file, its origin the path (so errors name file, line and
    /// column).
    /// - Throws: ``ResourceError/unreadable(path:reason:)`` for a file that cannot be read,
    ///   ``ResourceError/malformed(_:reason:)`` at the first byte that is not UTF-8.
    static func readText(at path: String) throws(ResourceError) -> SourceText {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        do {
            return try SourceText(decoding: data, language: .undetermined, origin: path)
        } catch {
            throw .malformed(error.location, reason: "not UTF-8")
        }
    }

    /// The non-comment lines of a data file split at tabs, each with its location.
    /// A missing file yields no records.
    func records(in relativePath: String, fieldCount: Int) throws(ResourceError) -> [(location: SourceLocation, fields: [String])] {
        let url = dataDirectory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let text = try Self.readText(at: url.path)
        var result: [(SourceLocation, [String])] = []
        for (index, line) in text.string.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let location = SourceLocation(file: url.path, line: index + 1, column: 1)
            guard fields.count == fieldCount, fields.allSatisfy({ !$0.isEmpty }) else {
                throw .malformed(location, reason: "expected \(fieldCount) tab-separated field(s), found \(fields.count)")
            }
            result.append((location, fields))
        }
        return result
    }

    /// The stop words of `language` from `stopwords/<lang>.txt`; empty for a language without a list.
    /// - Throws: ``ResourceError/malformed(_:reason:)`` for a bad line.
    public func stopWords(for language: LanguageTag) throws(ResourceError) -> StopWords {
        StopWords(try records(in: "stopwords/\(language.language).txt", fieldCount: 1).map { $0.fields[0] })
    }

    /// The page-furniture patterns of `language` from `furniture/<lang>.txt`, followed by
    /// the English ones, which websites in every language carry (`Read more`, `Photo`).
    /// - Throws: ``ResourceError/malformed(_:reason:)`` for a bad line.
    public func furnitureRules(for language: LanguageTag) throws(ResourceError) -> FurnitureRules {
        var rules = try furniturePatterns(in: "furniture/\(language.language).txt")
        if language.language != "en" { rules = rules.merging(try furniturePatterns(in: "furniture/en.txt")) }
        return rules
    }

    /// Everything the summarizer needs for `language`: stop words, furniture patterns, the
    /// light stemmer (`morphology/endings.tsv`) and month names (from ICU, as for segmentation).
    /// - Throws: ``ResourceError/malformed(_:reason:)`` for a bad line in a data file.
    public func summarizationRules(for language: LanguageTag) throws(ResourceError) -> SummarizationRules {
        let locale = ICULocale(language)
        let months = Set(locale.monthNames.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        var weekdays: Set<String> = []
        for index in 0..<7 {
            for standAlone in [false, true] {
                if let name = locale.weekdayName(index, standAlone: standAlone) { weekdays.insert(name.lowercased()) }
            }
        }
        return SummarizationRules(
            language: language, stopWords: try stopWords(for: language), furniture: try furnitureRules(for: language),
            stemmer: SuffixStripper(suffixes: try endings(use: "stem")[language.language] ?? []), monthNames: months,
            weekdayNames: weekdays, titles: try nameTitles()[language.language] ?? [],
            runOnOpeners: try runOnOpeners()[language.language] ?? [])
    }

    /// The words that open a sentence and mark a lost full stop when capitalised inside one
    /// (`segment/run-on-openers.tsv`: language and lower-case word of at most eight
    /// bytes of UTF-8).
    /// - Throws: ``ResourceError/malformed(_:reason:)`` for a bad line.
    public func runOnOpeners() throws(ResourceError) -> [String: Set<String>] {
        var openers: [String: Set<String>] = [:]
        for (location, fields) in try records(in: "segment/run-on-openers.tsv", fieldCount: 2) {
            guard fields[1] == fields[1].lowercased() else { throw .malformed(location, reason: "the word must be lower case, not \"\(fields[1])\"") }
            // The summarizer compares openers as numbers of up to eight bytes.
            guard fields[1].utf8.count <= 8 else { throw .malformed(location, reason: "an opener has at most eight bytes of UTF-8, not \"\(fields[1])\"") }
            openers[fields[0], default: []].insert(fields[1])
        }
        return openers
    }

    private func furniturePatterns(in relativePath: String) throws(ResourceError) -> FurnitureRules {
        var patterns: [FurniturePattern] = []
        for (location, fields) in try records(in: relativePath, fieldCount: 4) {
            guard let match = FurniturePattern.Match(rawValue: fields[1]) else {
                throw .malformed(location, reason: "unknown match \"\(fields[1])\" (expected prefix or line)")
            }
            let maximum: Int?
            if fields[3] == "any" {
                maximum = nil
            } else if let value = Int(fields[3]), value > 0 {
                maximum = value
            } else {
                throw .malformed(location, reason: "expected a number of words or any, not \"\(fields[3])\"")
            }
            let phrase = fields[2].split(separator: " ").map(String.init)
            guard !phrase.isEmpty, phrase.allSatisfy({ $0 == $0.lowercased() }) else {
                throw .malformed(location, reason: "the phrase must be lower-case words, not \"\(fields[2])\"")
            }
            patterns.append(FurniturePattern(kind: fields[0], match: match, phrase: phrase, maximumWords: maximum))
        }
        return FurnitureRules(patterns: patterns)
    }
}

/// Why bundled data could not be used.
public enum ResourceError: Error, Sendable, CustomStringConvertible {
    /// No data folder was found in any of `triedPaths`.
    case notFound(triedPaths: [String])
    /// A data file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// A line of a data file is not in the expected format.
    case malformed(SourceLocation, reason: String)

    public var description: String {
        switch self {
        case let .notFound(paths):
            "Byline's data folder was not found; set BYLINE_RESOURCES to it. Tried:\n  " + paths.joined(separator: "\n  ")
        case let .unreadable(path, reason): "\(path): cannot read: \(reason)"
        case let .malformed(location, reason): "\(location): \(reason)"
        }
    }
}
