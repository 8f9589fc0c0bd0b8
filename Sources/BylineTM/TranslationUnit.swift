import BylineText

/// One entry of a translation memory: the same segment in two or more languages, with
/// the metadata CAT tools exchange in TMX.
///
/// ```swift
/// let unit = TranslationUnit(variants: [
///     Variant(language: "en", segment: Segment(text: "The talks resumed.")),
///     Variant(language: "ru", segment: Segment(text: "Переговоры возобновились.")),
/// ], sourceLanguage: "en")
/// ```
public struct TranslationUnit: Sendable, Hashable {
    /// The unit's row id once stored.
    public var id: Int64?
    /// The variants, one per language (more than one per language is allowed, as in TMX).
    public var variants: [Variant]
    /// The language the unit was translated from, when known (`srclang`; nil for `*all*`).
    public var sourceLanguage: LanguageTag?
    /// Creation and change stamps, usage, TMX attributes, `<prop>`s and `<note>`s.
    public var metadata: Metadata
    /// Where the unit came from.
    public var origin: Origin
    /// The story (report) this unit was filed with, if any.
    public var storyID: String?
    /// The unit this one offers another translation of (same source, different target).
    public var alternativeOf: Int64?
    /// Where the unit was read (a TMX file's `<tu>`), for messages; not stored.
    public var location: SourceLocation?

    public init(
        id: Int64? = nil, variants: [Variant], sourceLanguage: LanguageTag? = nil, metadata: Metadata = Metadata(),
        origin: Origin = .manual, storyID: String? = nil, alternativeOf: Int64? = nil
    ) {
        self.id = id
        self.variants = variants
        self.sourceLanguage = sourceLanguage
        self.metadata = metadata
        self.origin = origin
        self.storyID = storyID
        self.alternativeOf = alternativeOf
    }

    /// The variant in `language`, matching `en` to `en-US` when no exact one exists.
    public func variant(in language: LanguageTag) -> Variant? {
        variants.first(where: { $0.language == language })
            ?? variants.first(where: { $0.language.language == language.language })
    }
}

/// One language version of a unit (`<tuv>`).
public struct Variant: Sendable, Hashable {
    public var language: LanguageTag
    public var segment: Segment
    public var metadata: Metadata

    public init(language: LanguageTag, segment: Segment, metadata: Metadata = Metadata()) {
        self.language = language
        self.segment = segment
        self.metadata = metadata
    }
}

/// The metadata TMX carries on `<tu>` and `<tuv>`.
public struct Metadata: Sendable, Hashable {
    /// `creationdate`, as TMX writes it (`20081203T053754Z`).
    public var creationDate: String?
    public var creationID: String?
    public var changeDate: String?
    public var changeID: String?
    public var usageCount: Int?
    public var lastUsageDate: String?
    /// Other attributes, in order (`tuid`, `segtype`, `datatype`, `o-tmf`, `o-encoding`, …).
    public var attributes: [Attribute]
    /// `<prop type="…">value</prop>` elements, in order.
    public var properties: [Attribute]
    /// `<note>` texts, in order.
    public var notes: [String]

    public init(
        creationDate: String? = nil, creationID: String? = nil, changeDate: String? = nil, changeID: String? = nil,
        usageCount: Int? = nil, lastUsageDate: String? = nil, attributes: [Attribute] = [], properties: [Attribute] = [],
        notes: [String] = []
    ) {
        self.creationDate = creationDate
        self.creationID = creationID
        self.changeDate = changeDate
        self.changeID = changeID
        self.usageCount = usageCount
        self.lastUsageDate = lastUsageDate
        self.attributes = attributes
        self.properties = properties
        self.notes = notes
    }

    /// The value of attribute `name`.
    public func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }
}

/// Where a unit came from; aligned units are trusted less by lookup.
public enum Origin: Sendable, Hashable {
    /// Imported from a TMX file (its path as given).
    case imported(file: String)
    /// Built by aligning parallel reports.
    case aligned
    /// Entered by hand or through the API.
    case manual

    /// The name stored and shown: `import`, `aligned`, `manual`.
    public var kind: String {
        switch self {
        case .imported: "import"
        case .aligned: "aligned"
        case .manual: "manual"
        }
    }
}
