import BylineNames
import BylineSegment
import BylineText
import Foundation

extension ResourceBundle {
    /// The generated and curated gazetteer files, in the order they are read.
    public static let gazetteerFiles = [
        "gazetteer/countries.tsv", "gazetteer/geonames.tsv", "gazetteer/subdivisions.tsv", "gazetteer/curated.tsv",
        "gazetteer/products.tsv", "gazetteer/people.tsv",
    ]

    /// The shipped entities: the gazetteer files, then ICU's region names, exemplar cities
    /// and month and weekday names.
    /// - Throws: ``ResourceError/malformed(_:reason:)`` naming the file and line of a bad entry.
    public func gazetteerEntries() throws(ResourceError) -> [GazetteerEntry] {
        var entries: [GazetteerEntry] = []
        for file in Self.gazetteerFiles {
            entries.append(contentsOf: try gazetteerEntries(in: file))
        }
        var languages = Set(entries.flatMap { $0.forms.keys })
        languages.insert("en")
        entries = Self.merging(Self.icuEntries(languages: languages.sorted()), into: entries)
        entries += Self.calendarEntries(languages: languages.sorted())
        return entries
    }

    /// Each dictionary's proper names (`gazetteer/lexicon/<lang>.txt`), by language.
    public func lexicon() throws(ResourceError) -> [LanguageTag: [String]] {
        var lexicon: [LanguageTag: [String]] = [:]
        let folder = dataDirectory.appendingPathComponent("gazetteer/lexicon")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".txt") {
            let language = String(file.dropLast(4))
            lexicon[LanguageTag(language)] = try records(in: "gazetteer/lexicon/\(file)", fieldCount: 1).map { $0.fields[0] }
        }
        return lexicon
    }

    /// The entries of one gazetteer file under the data folder; none when it is missing.
    func gazetteerEntries(in relativePath: String) throws(ResourceError) -> [GazetteerEntry] {
        let url = dataDirectory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try Self.gazetteerEntries(at: url.path)
    }

    /// Reads a gazetteer file anywhere (a desk's `--gazetteer FILE`): all of it or nothing.
    /// - Throws: ``ResourceError`` with the file, line and column of the first bad entry.
    public static func gazetteerEntries(at path: String) throws(ResourceError) -> [GazetteerEntry] {
        let text = try readText(at: path)
        do {
            return try GazetteerFile.entries(parsing: text.string, origin: path)
        } catch {
            switch error {
            case let .malformed(location, reason): throw .malformed(location, reason: reason)
            }
        }
    }

    /// The list of public people's full names (`gazetteer/public-people.txt`, one per line,
    /// `#` lines are comments); empty when the file is missing.
    /// - Throws: ``ResourceError`` for a file that cannot be read or is not UTF-8.
    public func publicPeople() throws(ResourceError) -> [String] {
        let url = dataDirectory.appendingPathComponent(Self.publicPeopleFile)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let text = try Self.readText(at: url.path)
        return text.string.split(separator: "\n").compactMap { line in line.hasPrefix("#") ? nil : String(line) }
    }

    /// Where the list of public people lies under the data folder.
    public static let publicPeopleFile = "gazetteer/public-people.txt"

    /// How often each language's one-word names occur in running text, as Zipf values
    /// by lower-cased name (`gazetteer/frequency/<lang>.tsv`); none for a language
    /// without a file.
    /// - Throws: ``ResourceError`` naming the file and line of a malformed value.
    public func nameFrequencies() throws(ResourceError) -> [LanguageTag: [String: Double]] {
        let folder = dataDirectory.appendingPathComponent("gazetteer/frequency")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var result: [LanguageTag: [String: Double]] = [:]
        for file in files.sorted() where file.hasSuffix(".tsv") {
            var table: [String: Double] = [:]
            for record in try records(in: "gazetteer/frequency/\(file)", fieldCount: 2) {
                guard let value = Double(record.fields[1]) else {
                    throw .malformed(record.location, reason: "a frequency must be a number, not \"\(record.fields[1])\"")
                }
                table[record.fields[0]] = value
            }
            result[LanguageTag(String(file.dropLast(4)))] = table
        }
        return result
    }

    /// The titles that make the next capitalised word a person's name (`names/titles.tsv`,
    /// `language<TAB>title`, lower case), per language: read alone by the summarizer, which
    /// needs no other table of the names.
    public func nameTitles() throws(ResourceError) -> [String: Set<String>] {
        let path = dataDirectory.appendingPathComponent("names/titles.tsv").path
        guard FileManager.default.fileExists(atPath: path) else { throw .unreadable(path: path, reason: "no such file") }
        var titles: [String: Set<String>] = [:]
        for row in try records(in: "names/titles.tsv", fieldCount: 2) { titles[row.fields[0], default: []].insert(row.fields[1]) }
        return titles
    }

    /// The name decisions' language tables (`names/titles.tsv`, `names/alphabets.tsv`,
    /// `names/distinct-letters.tsv`, `names/place-generics.tsv`, each `language<TAB>value`; `names/connectors.tsv`,
    /// `language<TAB>word<TAB>uses`; `names/acronyms.tsv`, `acronym<TAB>sources`; the name
    /// endings of `morphology/endings.tsv` and the letters of `morphology/letters.tsv`).
    /// - Throws: ``ResourceError/unreadable(path:reason:)`` for a missing file,
    ///   ``ResourceError/malformed(_:reason:)`` naming the file and line of a bad one.
    public func nameLanguageTables() throws(ResourceError) -> NameLanguageTables {
        func rows(_ file: String) throws(ResourceError) -> [(location: SourceLocation, fields: [String])] {
            let path = dataDirectory.appendingPathComponent("names/\(file)").path
            guard FileManager.default.fileExists(atPath: path) else { throw .unreadable(path: path, reason: "no such file") }
            return try records(in: "names/\(file)", fieldCount: 2)
        }
        let titles = try nameTitles()
        var alphabets: [String: [Unicode.Scalar]] = [:]
        for row in try rows("alphabets.tsv") {
            guard alphabets[row.fields[0]] == nil else { throw .malformed(row.location, reason: "a second alphabet for \(row.fields[0])") }
            alphabets[row.fields[0]] = Array(row.fields[1].unicodeScalars)
        }
        var placeGenerics: [String: Set<String>] = [:]
        for row in try rows("place-generics.tsv") { placeGenerics[row.fields[0], default: []].insert(row.fields[1]) }
        var distinct: [String: Set<Character>] = [:]
        for row in try rows("distinct-letters.tsv") { distinct[row.fields[0], default: []].formUnion(row.fields[1]) }
        var connectors: Set<String> = [], particles: Set<String> = []
        let connectorsPath = dataDirectory.appendingPathComponent("names/connectors.tsv").path
        guard FileManager.default.fileExists(atPath: connectorsPath) else { throw .unreadable(path: connectorsPath, reason: "no such file") }
        for row in try records(in: "names/connectors.tsv", fieldCount: 3) {
            let uses = row.fields[2].split(separator: " ")
            guard uses.allSatisfy({ $0 == "connector" || $0 == "particle" }) else {
                throw .malformed(row.location, reason: "unknown use \"\(row.fields[2])\" (expected connector, particle or both)")
            }
            if uses.contains("connector") { connectors.insert(row.fields[1]) }
            if uses.contains("particle") { particles.insert(row.fields[1]) }
        }
        var acronyms: Set<String> = []
        for row in try rows("acronyms.tsv") {
            guard !row.fields[0].isEmpty, row.fields[0].unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                throw .malformed(row.location, reason: "an acronym is capital letters A to Z only, not \"\(row.fields[0])\"")
            }
            acronyms.insert(row.fields[0])
        }
        return NameLanguageTables(titles: titles, alphabets: alphabets, distinctLetters: distinct, endings: try endings(use: "name"),
                                  letters: try morphologyLetters(), connectors: connectors, particles: particles,
                                  placeGenerics: placeGenerics, derivedEndings: try endings(use: "derived"),
                                  neuterEndings: try endings(use: "neuter"), acronyms: acronyms)
    }

    /// The letters the name morphology reads (`morphology/letters.tsv`,
    /// `language<TAB>class<TAB>letters`): each language's stem-final letters, its vowels
    /// for the typo cost, and the vowel and consonant classes of its suffix harmony, which
    /// must be given in full.
    /// - Throws: ``ResourceError`` for a missing file, a bad line, an unknown class, a class
    ///   given twice or a harmony given in part.
    public func morphologyLetters() throws(ResourceError) -> MorphologyLetters {
        let file = "morphology/letters.tsv"
        let path = dataDirectory.appendingPathComponent(file).path
        guard FileManager.default.fileExists(atPath: path) else { throw .unreadable(path: path, reason: "no such file") }
        let harmonyClasses = ["front", "back", "rounded", "voiceless", "alternating", "open", "close", "open-spellings", "close-spellings"]
        let sizes = ["alternating": 2, "open": 2, "close": 4]
        var stemFinals: [String: Set<Unicode.Scalar>] = [:], vowels: [String: Set<Unicode.Scalar>] = [:]
        var soundAlike: [String: [(Unicode.Scalar, Unicode.Scalar)]] = [:], silent: [String: Set<Unicode.Scalar>] = [:]
        var classes: [String: [String: [Character]]] = [:]
        var firstRow: [String: SourceLocation] = [:]
        for row in try records(in: file, fieldCount: 3) {
            let language = row.fields[0], name = row.fields[1], letters = row.fields[2]
            if name == "stem-final" {
                guard stemFinals[language] == nil else { throw .malformed(row.location, reason: "a second stem-final row for \(language)") }
                stemFinals[language] = Set(letters.unicodeScalars)
                continue
            }
            if name == "vowels" {
                guard vowels[language] == nil else { throw .malformed(row.location, reason: "a second vowels row for \(language)") }
                vowels[language] = Set(letters.unicodeScalars)
                continue
            }
            if name == "sound-alike" {
                guard soundAlike[language] == nil else { throw .malformed(row.location, reason: "a second sound-alike row for \(language)") }
                var pairs: [(Unicode.Scalar, Unicode.Scalar)] = []
                for pair in letters.split(separator: " ") {
                    let scalars = Array(pair.unicodeScalars)
                    guard scalars.count == 2, scalars[0] != scalars[1] else {
                        throw .malformed(row.location, reason: "sound-alike takes pairs of two different letters separated by spaces, not \"\(pair)\"")
                    }
                    pairs.append((scalars[0], scalars[1]))
                }
                soundAlike[language] = pairs
                continue
            }
            if name == "silent" {
                guard silent[language] == nil else { throw .malformed(row.location, reason: "a second silent row for \(language)") }
                silent[language] = Set(letters.unicodeScalars)
                continue
            }
            guard harmonyClasses.contains(name) else {
                throw .malformed(row.location, reason: "unknown class \"\(name)\" (expected stem-final, vowels, sound-alike, silent or one of \(harmonyClasses.joined(separator: ", ")))")
            }
            guard classes[language]?[name] == nil else { throw .malformed(row.location, reason: "a second \(name) row for \(language)") }
            if let size = sizes[name], letters.count != size {
                throw .malformed(row.location, reason: "\(name) takes \(size) letters, not \(letters.count)")
            }
            classes[language, default: [:]][name] = Array(letters)
            if firstRow[language] == nil { firstRow[language] = row.location }
        }
        var harmony: [String: SuffixHarmony] = [:]
        for (language, given) in classes {
            guard let front = given["front"], let back = given["back"], let rounded = given["rounded"],
                let voiceless = given["voiceless"], let alternating = given["alternating"], let open = given["open"],
                let close = given["close"], let openSpellings = given["open-spellings"], let closeSpellings = given["close-spellings"]
            else {
                let missing = harmonyClasses.filter { given[$0] == nil }
                throw .malformed(firstRow[language]!, reason: "\(language)'s suffix harmony lacks \(missing.joined(separator: ", "))")
            }
            harmony[language] = SuffixHarmony(
                front: Set(front), back: Set(back), rounded: Set(rounded), voiceless: Set(voiceless), alternating: alternating,
                open: open, close: close, openSpellings: Set(openSpellings), closeSpellings: Set(closeSpellings))
        }
        return MorphologyLetters(stemFinals: stemFinals, harmony: harmony, vowels: vowels, soundAlike: soundAlike, silent: silent)
    }

    /// The endings of `morphology/endings.tsv` marked for `use` (`name`: the endings a name
    /// takes, `stem`: those the summarizer's stemmer cuts), by language, in the file's order.
    /// - Throws: ``ResourceError`` for a missing file, a bad line or an unknown use.
    public func endings(use: String) throws(ResourceError) -> [String: [String]] {
        let path = dataDirectory.appendingPathComponent("morphology/endings.tsv").path
        guard FileManager.default.fileExists(atPath: path) else { throw .unreadable(path: path, reason: "no such file") }
        var endings: [String: [String]] = [:]
        for row in try records(in: "morphology/endings.tsv", fieldCount: 3) {
            let uses = row.fields[2].split(separator: " ")
            guard uses.allSatisfy({ $0 == "name" || $0 == "stem" || $0 == "derived" || $0 == "neuter" }) else {
                throw .malformed(row.location, reason: "unknown use \"\(row.fields[2])\" (expected name, stem, derived or neuter)")
            }
            if uses.contains(Substring(use)) { endings[row.fields[0], default: []].append(row.fields[1]) }
        }
        return endings
    }

    /// `entries` with ICU's entries added; an exemplar city that names the same place as a
    /// GeoNames entry (the heaviest with the same English form) joins that entry, so that
    /// one city has one id in every language.
    static func merging(_ icu: [GazetteerEntry], into entries: [GazetteerEntry]) -> [GazetteerEntry] {
        var result: [GazetteerEntry] = []
        var position: [String: Int] = [:]
        // Entries of several sources with one id (`region:KR` from iso-codes, GeoNames and
        // ICU) become one entity with every form; ICU's names come first, so a fix writes
        // the CLDR form.
        for entry in icu.filter({ !$0.id.hasPrefix("tz:") }) + entries {
            guard let index = position[entry.id] else {
                position[entry.id] = result.count
                result.append(entry)
                continue
            }
            for (language, names) in entry.forms.sorted(by: { $0.key < $1.key }) {
                for name in names where !(result[index].forms[language] ?? []).contains(name) {
                    result[index].forms[language, default: []].append(name)
                }
            }
            result[index].weight = max(result[index].weight, entry.weight)
        }
        var byEnglish: [String: Int] = [:]
        for (index, entry) in result.enumerated() where entry.kind == .place && entry.id.hasPrefix("geonames:") {
            for form in entry.forms["en"] ?? [] where byEnglish[form].map({ result[$0].weight < entry.weight }) ?? true {
                byEnglish[form] = index
            }
        }
        for entry in icu where entry.id.hasPrefix("tz:") {
            guard let english = entry.forms["en"]?.first, let target = byEnglish[english] else {
                result.append(entry)
                continue
            }
            for (language, names) in entry.forms.sorted(by: { $0.key < $1.key }) {
                for name in names where !(result[target].forms[language] ?? []).contains(name) {
                    result[target].forms[language, default: []].append(name)
                }
            }
            result[target].related.append(contentsOf: entry.related)
        }
        return result
    }

    /// `entries` with a form added in each language whose catalogues leave a major place
    /// unnamed while the language's dictionary writes the place's English name, or its name
    /// in the nearest language (Turkish for Azerbaijani, Russian for Kazakh), as it stands:
    /// GeoNames' Azerbaijani catalogue lacks Berlin, Oslo and Beijing, and the Azerbaijani
    /// dictionary lists `Berlin`, `Oslo` and `Pekin`. Only a place of weight 60 or more
    /// (capitals and major cities; not a time zone's exemplar city, which weighs 60 whatever
    /// its size), only when exactly one such name is in the dictionary, no entity of the
    /// gazetteer has that name in the language already and no other such place would take
    /// it (but a city takes it before the region named after it), so a dictionary's name is
    /// never given to a second place.
    public static func withDictionaryForms(_ entries: [GazetteerEntry], lexicon: [LanguageTag: [String]]) -> [GazetteerEntry] {
        var result = entries
        for (tag, names) in lexicon.sorted(by: { $0.key < $1.key }) {
            let language = tag.language, listed = Set(names)
            let sources = ["en"] + (nearestLanguage[language].map { [$0] } ?? [])
            var named: Set<String> = []
            for entry in entries { named.formUnion(entry.forms[language] ?? []) }
            var takers: [String: [Int]] = [:]
            for index in result.indices where result[index].kind.isPlace && result[index].weight >= 60
                && !result[index].id.hasPrefix("tz:") && result[index].forms[language] == nil
            {
                let found = Set(sources.flatMap { result[index].forms[$0] ?? [] }.filter { listed.contains($0) && !named.contains($0) })
                if found.count == 1, let name = found.first { takers[name, default: []].append(index) }
            }
            for (name, indices) in takers {
                // A city and the region named after it (`Berlin`, the city and the state): the city.
                let cities = indices.filter { result[$0].kind == .place }
                guard let index = indices.count == 1 ? indices.first : cities.count == 1 ? cities.first : nil else { continue }
                result[index].forms[language] = [name]
            }
        }
        return result
    }

    /// The language whose names of foreign places a language's copy most often shares.
    static let nearestLanguage = ["az": "tr", "tr": "az", "kk": "ru", "uk": "ru"]

    /// Month and weekday names from ICU (`calendar:month:10`, `calendar:weekday:0` for
    /// Sunday), in the languages that capitalise them: `Oktober` in English copy is the
    /// German form of `October`. Languages that write them in lower case (`октября`,
    /// `octobre`) give no form, since a capitalised word there is something else.
    public static func calendarEntries(languages: [String]) -> [GazetteerEntry] {
        let locales = languages.map { ($0, ICULocale(LanguageTag($0))) }.filter { $0.1.isKnown }
        func capitalised(_ name: String?) -> String? {
            guard let name, let first = name.unicodeScalars.first, first.properties.isUppercase,
                !name.contains(where: { $0 == "." || $0.isWhitespace })
            else { return nil }
            return name
        }
        var entries: [GazetteerEntry] = []
        for (kind, count) in [("month", 12), ("weekday", 7)] {
            for index in 0..<count {
                var forms: [LanguageTag: [String]] = [:]
                for (language, locale) in locales {
                    var names: [String] = []
                    for standAlone in [false, true] {
                        let name = kind == "month" ? locale.monthName(index, standAlone: standAlone) : locale.weekdayName(index, standAlone: standAlone)
                        if let name = capitalised(name), !names.contains(name) { names.append(name) }
                    }
                    if !names.isEmpty { forms[LanguageTag(language)] = names }
                }
                guard forms[LanguageTag("en")] != nil else { continue }
                let number = kind == "month" ? index + 1 : index
                entries.append(GazetteerEntry(id: "calendar:\(kind):\(number)", kind: .calendar, weight: 70, forms: forms))
            }
        }
        return entries
    }

    /// Region names and exemplar cities from ICU, as gazetteer entries: `region:KR`
    /// (countries weigh 100, groupings 90) and `tz:Asia/Seoul` (60, related to its region).
    public static func icuEntries(languages: [String]) -> [GazetteerEntry] {
        var entries: [GazetteerEntry] = []
        let available = Set(ICUPlaceNames.languages)
        let usable = languages.filter { available.contains($0) }
        for region in ICUPlaceNames.regionCodes {
            var forms: [LanguageTag: [String]] = [:]
            for language in usable {
                if let name = ICUPlaceNames.regionName(region, language: language) { forms[LanguageTag(language)] = [name] }
            }
            guard !forms.isEmpty else { continue }
            let macro = ICUPlaceNames.macroRegions.contains(region)
            entries.append(GazetteerEntry(id: "region:\(region)", kind: macro ? .region : .country, weight: macro ? 90 : 100, forms: forms))
        }
        let zones = ICUPlaceNames.timeZones
        var cities: [String: [LanguageTag: [String]]] = [:]
        for language in usable {
            guard let names = ICUPlaceNames.ExemplarCities(language: language) else { continue }
            for (zone, _) in zones {
                if let city = names.city(zone: zone, allowDerived: language == "en") {
                    cities[zone, default: [:]][LanguageTag(language)] = [city]
                }
            }
        }
        for (zone, region) in zones {
            guard let forms = cities[zone], forms[LanguageTag("en")] != nil else { continue }
            entries.append(GazetteerEntry(id: "tz:\(zone)", kind: .place, weight: 60, forms: forms,
                                          related: region.map { ["region:\($0)"] } ?? []))
        }
        return entries
    }
}
