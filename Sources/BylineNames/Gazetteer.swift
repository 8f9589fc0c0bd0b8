import BylineText

/// Entities and their names per language, indexed for exact and diacritics-insensitive
/// look-up. A value: build it once, share it between workers.
///
/// Built from ``GazetteerEntry`` values, so a test can make a tiny one; `BylineResources`
/// loads the shipped one (GeoNames, ICU, iso-codes, the curated people and organisations,
/// the dictionaries' proper names). Building keys every form (one ICU call for the lot);
/// the fuzzy index per language is built by ``NameNormalizer`` when a language is first met.
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
        let entry: Int32
        let language: String
        let text: String
        let key: [UInt32]
        /// Proper names known only from a dictionary, without an entity of their own.
        var isLexical: Bool
        var wordCount: Int { key.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) } }
    }

    /// Every entity, in the order given.
    public let entries: [GazetteerEntry]
    let forms: [Form]
    let formsByText: [String: [Int32]]
    let formsByKey: [[UInt32]: [Int32]]
    let formsByLanguage: [String: [Int32]]
    private let entryIndex: [String: Int32]

    /// Indexes `entries`, plus dictionary proper names per language (`lexicon`), which
    /// become targets of lesser weight with ids `lexicon:<lang>:<name>`.
    public init(entries: [GazetteerEntry], lexicon: [LanguageTag: [String]] = [:]) {
        var all = entries
        var lexicalEntries: [String: Int32] = [:]
        for language in lexicon.keys.map(\.language).sorted() where lexicalEntries[language] == nil {
            lexicalEntries[language] = Int32(all.count)
            all.append(GazetteerEntry(id: "lexicon:\(language)", kind: .name, weight: 5, formsByCode: [:], related: []))
        }
        var raw: [(Int32, String, String, Bool)] = []
        for (index, entry) in entries.enumerated() {
            for language in entry.forms.keys.sorted() {
                for text in entry.forms[language] ?? [] { raw.append((Int32(index), language, text, false)) }
            }
        }
        for (tag, names) in lexicon.sorted(by: { $0.key < $1.key }) {
            guard let entry = lexicalEntries[tag.language] else { continue }
            for name in names { raw.append((entry, tag.language, name, true)) }
        }
        let keys = MatchKeyMaker().keys(raw.map(\.2))
        var forms: [Form] = []
        forms.reserveCapacity(raw.count)
        var byText: [String: [Int32]] = [:]
        var byKey: [[UInt32]: [Int32]] = [:]
        var byLanguage: [String: [Int32]] = [:]
        for (position, item) in raw.enumerated() where !keys[position].isEmpty {
            let index = Int32(forms.count)
            forms.append(Form(entry: item.0, language: item.1, text: item.2, key: keys[position], isLexical: item.3))
            byText[item.2, default: []].append(index)
            byKey[keys[position], default: []].append(index)
            byLanguage[item.1, default: []].append(index)
        }
        var entryIndex: [String: Int32] = [:]
        for (index, entry) in all.enumerated() where entryIndex[entry.id] == nil { entryIndex[entry.id] = Int32(index) }
        self.entries = all
        self.forms = forms
        self.formsByText = byText
        self.formsByKey = byKey
        self.formsByLanguage = byLanguage
        self.entryIndex = entryIndex
    }

    /// The gazetteer with `more` entries added (a desk's own file); an entry whose id is
    /// already present adds its forms to the existing entity.
    public func adding(_ more: [GazetteerEntry]) -> Gazetteer {
        var combined = entries.filter { !$0.id.hasPrefix("lexicon:") }
        var lexicon: [LanguageTag: [String]] = [:]
        for form in forms where form.isLexical { lexicon[LanguageTag(form.language), default: []].append(form.text) }
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
        return Gazetteer(entries: combined, lexicon: lexicon)
    }

    /// Number of names indexed, all languages together.
    public var formCount: Int { forms.count }

    /// The entities `text` names exactly in `language`.
    public func entries(named text: String, language: LanguageTag) -> [GazetteerEntry] {
        (formsByText[text] ?? []).filter { forms[Int($0)].language == language.language && !forms[Int($0)].isLexical }
            .map { entries[Int(forms[Int($0)].entry)] }
    }

    /// The entity with `id`, if any.
    public func entry(id: String) -> GazetteerEntry? {
        entryIndex[id].map { entries[Int($0)] }
    }

    func entry(of form: Form) -> GazetteerEntry { entries[Int(form.entry)] }

    /// The id a change or mention reports for a form.
    func entityID(of form: Form) -> String {
        form.isLexical ? "lexicon:\(form.language):\(form.text)" : entries[Int(form.entry)].id
    }

    /// The first form of `entry` in `language`, the one a fix writes.
    func preferredForm(of entry: Int32, language: String) -> String? {
        entries[Int(entry)].forms[language]?.first
    }
}
