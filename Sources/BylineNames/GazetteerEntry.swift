import BylineText

/// One entity of the gazetteer: a stable id, what it is, how important it is and its
/// name in each language.
///
/// ```swift
/// let seoul = GazetteerEntry(
///     id: "geonames:1835848", kind: .place, weight: 100,
///     forms: ["en": ["Seoul"], "az": ["Seul"], "tr": ["Seul"], "ru": ["Сеул"]])
/// ```
public struct GazetteerEntry: Sendable, Hashable {
    /// What an entity is; the normalizer reads a person slot ("Mr …") or a place slot
    /// ("in …") against it. `calendar` is a month or a weekday.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case country, region, place, person, organisation, product, event, name, calendar, other

        /// Countries, regions and places: entities that prepositions like "in" take.
        public var isPlace: Bool { self == .country || self == .region || self == .place }
    }

    /// A stable id (`geonames:1835848`, `region:KR`, `nato`).
    public var id: String
    public var kind: Kind
    /// Importance from 0 (a name known from one dictionary) to 100 (a country, a capital).
    public var weight: Int
    /// The entity's forms per language, by primary language subtag (`az`, `ru`).
    public var forms: [String: [String]]
    /// Ids of entities this one belongs to (the country of a city, `region:KR`); a mention
    /// of one makes the other a likelier reading.
    public var related: [String]

    public init(id: String, kind: Kind, weight: Int, forms: [LanguageTag: [String]], related: [String] = []) {
        self.id = id
        self.kind = kind
        self.weight = weight
        var byLanguage: [String: [String]] = [:]
        for (tag, names) in forms { byLanguage[tag.language, default: []].append(contentsOf: names) }
        self.forms = byLanguage
        self.related = related
    }

    init(id: String, kind: Kind, weight: Int, formsByCode: [String: [String]], related: [String]) {
        self.id = id
        self.kind = kind
        self.weight = weight
        self.forms = formsByCode
        self.related = related
    }
}
