import BylineText

/// Entities and their names per language, indexed for exact and diacritics-insensitive
/// look-up. A value: build it once, share it between workers.
///
/// Read from a ``NameIndex``: the shipped one is built once into a file and memory-mapped
/// (`BylineResources`), so a process reads only the pages it uses; ``init(entries:lexicon:frequencies:)``
/// lays out the same index in memory, so a test can make a tiny one and take the same path.
///
/// ```swift
/// let gazetteer = Gazetteer(entries: [
///     GazetteerEntry(id: "seoul", kind: .place, weight: 100, forms: ["en": ["Seoul"], "az": ["Seul"]]),
/// ])
/// gazetteer.entries(named: "Seul", language: "az").map(\.id)   // ["seoul"]
/// ```
public struct Gazetteer: Sendable {
    /// One name of one entity in one language, with its match key.
    struct Form: Sendable {
        let number: Int32
        let entry: Int32
        let language: String
        let text: String
        let key: [UInt32]
        /// Proper names known only from a dictionary, without an entity of their own.
        let isLexical: Bool
        var wordCount: Int { key.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) } }
    }

    /// What the decisions read of an entity: everything but its forms.
    struct Entity {
        let id: String
        let kind: GazetteerEntry.Kind
        let weight: Int
        let related: [String]
    }

    /// The index read.
    public let index: NameIndex

    /// Reads the gazetteer of `index`.
    public init(index: NameIndex) { self.index = index }

    /// Indexes `entries`, plus dictionary proper names per language (`lexicon`), which
    /// become targets of lesser weight with ids `lexicon:<lang>:<name>`, and the name
    /// frequencies the normalizer ranks readings by. One-word Russian, Ukrainian and
    /// Belarusian names are indexed by their stems when `stemFinals` lists the letters
    /// their dictionary forms lose (``MorphologyLetters/stemFinals``).
    public init(
        entries: [GazetteerEntry], lexicon: [LanguageTag: [String]] = [:], frequencies: [LanguageTag: [String: Double]] = [:],
        stemFinals: [String: Set<Unicode.Scalar>] = [:], people: [String] = []
    ) {
        let bytes = NameIndexBuilder(entries: entries, lexicon: lexicon, frequencies: frequencies, stemFinals: stemFinals, people: people)
            .bytes(sourceDigest: 0)
        do {
            index = try NameIndex(bytes: IndexBytes(copying: bytes), checkingRecords: true)
        } catch {
            preconditionFailure("an index laid out in memory must read back: \(error)")
        }
    }

    /// The gazetteer with `more` entries added (a desk's own file); an entry whose id is
    /// already present adds its forms to the existing entity. `stemFinals` as for
    /// ``init(entries:lexicon:frequencies:stemFinals:)``.
    public func adding(_ more: [GazetteerEntry], stemFinals: [String: Set<Unicode.Scalar>] = [:]) -> Gazetteer {
        var lexicon: [LanguageTag: [String]] = [:]
        for number in 0..<index.formCount {
            let form = forms[number]
            if form.isLexical { lexicon[LanguageTag(form.language), default: []].append(form.text) }
        }
        var frequencies: [LanguageTag: [String: Double]] = [:]
        for language in index.frequencyTables.keys { frequencies[LanguageTag(language)] = index.frequencyTable(language) }
        let people = index.publicPeople?.all ?? []
        return Gazetteer(entries: Self.merging(more, into: entries.filter { !$0.id.hasPrefix("lexicon:") }), lexicon: lexicon,
                         frequencies: frequencies, stemFinals: stemFinals, people: people)
    }

    /// `entries` with `more` added: an entry whose id is already present adds its forms
    /// and relations to the existing entity.
    public static func merging(_ more: [GazetteerEntry], into entries: [GazetteerEntry]) -> [GazetteerEntry] {
        var combined = entries
        var position: [String: Int] = [:]
        for (index, entry) in combined.enumerated() { position[entry.id] = index }
        for entry in more {
            if let index = position[entry.id] {
                for (language, names) in entry.forms { combined[index].forms[language, default: []].append(contentsOf: names) }
                combined[index].related.append(contentsOf: entry.related)
            } else {
                position[entry.id] = combined.count
                combined.append(entry)
            }
        }
        return combined
    }

    /// Every entity, in the order given (built anew on each call: for tools, not hot paths).
    public var entries: [GazetteerEntry] {
        (0..<index.entryCount).map { index.gazetteerEntry(Int32($0)) }
    }

    /// Number of names indexed, all languages together.
    public var formCount: Int { index.formCount }

    /// The entities `text` names exactly in `language`.
    public func entries(named text: String, language: LanguageTag) -> [GazetteerEntry] {
        (formsByText[text] ?? []).map { forms[Int($0)] }.filter { $0.language == language.language && !$0.isLexical }
            .map { index.gazetteerEntry($0.entry) }
    }

    /// The ids of the entities `text` names exactly in `language`: a hash probe, without
    /// building the entries.
    public func entityIDs(named text: String, language: LanguageTag) -> [String] {
        (formsByText[text] ?? []).map { forms[Int($0)] }.filter { $0.language == language.language && !$0.isLexical }
            .map { index.entity($0.entry).id }
    }

    /// The entity with `id`, if any.
    public func entry(id: String) -> GazetteerEntry? {
        index.entry(id: id).map { index.gazetteerEntry($0) }
    }

    func entry(of form: Form) -> Entity { index.entity(form.entry) }

    /// The id a change or mention reports for a form.
    func entityID(of form: Form) -> String {
        form.isLexical ? "lexicon:\(form.language):\(form.text)" : index.entity(form.entry).id
    }

    /// The first form of `entry` in `language`, the one a fix writes.
    func preferredForm(of entry: Int32, language: String) -> String? {
        index.firstForm(of: entry, language: language)
    }

    // MARK: Tables

    var forms: FormTable { FormTable(index: index) }
    var formsByText: TextTable { TextTable(index: index) }
    var formsByKey: KeyTable { KeyTable(index: index) }
    var formsByLanguage: LanguageTable { LanguageTable(index: index) }

    struct FormTable {
        let index: NameIndex
        subscript(number: Int) -> Form { index.form(Int32(number)) }
    }

    struct TextTable {
        let index: NameIndex
        subscript(text: String) -> [Int32]? { index.forms(text: text) }
    }

    struct KeyTable {
        let index: NameIndex
        subscript(key: [UInt32]) -> [Int32]? { index.forms(key: key, in: index.keyTable) }
    }

    struct LanguageTable {
        let index: NameIndex
        subscript(language: String) -> UnsafeBufferPointer<Int32>? { index.formsByLanguage[language] }
        var keys: Dictionary<String, UnsafeBufferPointer<Int32>>.Keys { index.formsByLanguage.keys }
    }
}

extension NameIndex {
    /// What a candidate loop tests of a form before reading it whole, taken from the
    /// records without copying its text or key.
    struct FormOutline {
        let isLexical: Bool
        /// Words in the key: one more than its spaces, as `Gazetteer.Form.wordCount`.
        let wordCount: Int
        let firstKeyScalar: UInt32?
    }

    func outline(_ number: Int32) -> FormOutline {
        let base = Int(number) * Self.formStride
        let start = Int(formRecords[base + 4]), end = start + Int(formRecords[base + 5])
        var words = 1
        for index in start..<end where keyScalars[index] == 0x20 { words += 1 }
        return FormOutline(isLexical: formRecords[base + 8] & 1 != 0, wordCount: words,
                           firstKeyScalar: start < end ? keyScalars[start] : nil)
    }

    func form(_ number: Int32) -> Gazetteer.Form {
        let base = Int(number) * Self.formStride
        return Gazetteer.Form(
            number: number, entry: Int32(bitPattern: formRecords[base]), language: languages[Int(formRecords[base + 1])],
            text: string(offset: formRecords[base + 2], length: formRecords[base + 3]),
            key: scalars(offset: formRecords[base + 4], length: formRecords[base + 5]),
            isLexical: formRecords[base + 8] & 1 != 0)
    }

    /// A form's entity, language number and whether it is a dictionary-only name, read
    /// without building its strings (the mention finder's hot path).
    func formHeader(_ number: Int32) -> (entry: Int32, language: UInt32, isLexical: Bool) {
        let base = Int(number) * Self.formStride
        return (Int32(bitPattern: formRecords[base]), formRecords[base + 1], formRecords[base + 8] & 1 != 0)
    }

    /// An entity's importance, read without building the entity.
    func entityWeight(_ number: Int32) -> Int {
        Int(Int32(bitPattern: entryRecords[Int(number) * Self.entryStride + 3]))
    }

    /// The key `form` is indexed under in its language's fuzzy index (its stem in Russian).
    func indexedKey(_ number: Int32) -> [UInt32] {
        let base = Int(number) * Self.formStride
        return scalars(offset: formRecords[base + 6], length: formRecords[base + 7])
    }

    func entity(_ number: Int32) -> Gazetteer.Entity {
        let base = Int(number) * Self.entryStride
        var related: [String] = []
        let relatedStart = Int(entryRecords[base + 6])
        for item in relatedStart..<relatedStart + Int(entryRecords[base + 7]) {
            related.append(string(offset: relatedRecords[2 * item], length: relatedRecords[2 * item + 1]))
        }
        return Gazetteer.Entity(
            id: string(offset: entryRecords[base], length: entryRecords[base + 1]),
            kind: GazetteerEntry.Kind.allCases[Int(entryRecords[base + 2])],
            weight: Int(Int32(bitPattern: entryRecords[base + 3])), related: related)
    }

    func gazetteerEntry(_ number: Int32) -> GazetteerEntry {
        let entity = entity(number)
        let base = Int(number) * Self.entryStride
        var forms: [String: [String]] = [:]
        let start = Int(entryRecords[base + 4])
        for item in start..<start + Int(entryRecords[base + 5]) {
            let record = item * Self.entryFormStride
            forms[languages[Int(entryFormRecords[record])], default: []].append(
                string(offset: entryFormRecords[record + 1], length: entryFormRecords[record + 2]))
        }
        return GazetteerEntry(id: entity.id, kind: entity.kind, weight: entity.weight, formsByCode: forms, related: entity.related)
    }

    func firstForm(of entry: Int32, language: String) -> String? {
        guard let number = languageNumbers[language] else { return nil }
        let base = Int(entry) * Self.entryStride
        let start = Int(entryRecords[base + 4])
        for item in start..<start + Int(entryRecords[base + 5]) where entryFormRecords[item * Self.entryFormStride] == number {
            let record = item * Self.entryFormStride
            return string(offset: entryFormRecords[record + 1], length: entryFormRecords[record + 2])
        }
        return nil
    }

    /// Every word and value of `language`'s frequency table (for tools and tests).
    func frequencyTable(_ language: String) -> [String: Double] {
        guard let table = frequencyTables[language] else { return [:] }
        var result: [String: Double] = [:]
        for record in 0..<table.records.count / 4 {
            let base = 4 * record
            result[string(offset: table.records[base], length: table.records[base + 1])] = doubles[Int(table.records[base + 2])]
        }
        return result
    }
}
