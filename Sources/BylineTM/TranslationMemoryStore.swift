import BylineText

/// What every translation memory store does, whatever the database: import units in
/// one transaction, export them, count them. `SQLiteStore` is the embedded default.
public protocol TranslationMemoryStore: Sendable {
    /// Imports every unit `source` yields in one transaction: the first error rolls all of
    /// it back, and with `options.dryRun` nothing is kept even on success.
    func importUnits<Source: UnitSource>(from source: inout Source, options: ImportOptions) async throws -> ImportReport

    /// Calls `body` with every unit that passes `filter`, in storage order.
    func exportUnits(matching filter: ExportFilter, _ body: (TranslationUnit) throws -> Void) async throws -> Int

    /// Counts of units, variants and languages.
    func statistics() async throws -> Statistics
}

/// A stream of units, such as a TMX file being read.
public protocol UnitSource {
    /// The next unit, or nil at the end.
    mutating func nextUnit() throws -> TranslationUnit?
}

/// How an import treats what it reads.
public struct ImportOptions: Sendable {
    /// Where the units come from.
    public var origin: Origin
    /// The story to file the units under, if any.
    public var storyID: String?
    /// Roll back at the end, so only the report remains.
    public var dryRun: Bool
    /// Called now and then with the number of units read so far (a progress bar).
    public var progress: (@Sendable (Int) -> Void)?

    public init(origin: Origin, storyID: String? = nil, dryRun: Bool = false, progress: (@Sendable (Int) -> Void)? = nil) {
        self.origin = origin
        self.storyID = storyID
        self.dryRun = dryRun
        self.progress = progress
    }
}

/// What an import did, unit by unit.
public struct ImportReport: Sendable, Hashable {
    /// New units stored.
    public var created = 0
    /// New units that give another translation of a stored source (counted in `created` too).
    public var alternatives = 0
    /// Units already stored whose metadata was refreshed (a later change date).
    public var updated = 0
    /// Units already stored exactly as read; nothing changed.
    public var duplicates = 0
    /// Units left out (no variant with text), each with a warning.
    public var skipped = 0
    /// New units with one language only (a source awaiting its translation): kept and
    /// exported, never offered by a lookup (counted in `created` too).
    public var monolingual = 0
    /// Every unit read.
    public var read = 0

    public init() {}
}

/// Which units an export writes.
public struct ExportFilter: Sendable {
    /// Only these languages (and units having at least two of them, or a unit's only
    /// language); empty = all.
    public var languages: [LanguageTag]
    /// Only units of this origin kind (`import`, `aligned`, `manual`).
    public var originKind: String?
    /// Only units changed (or created) on or after this TMX date (`20240101T000000Z`).
    public var changedSince: String?
    /// Only units of this story.
    public var storyID: String?

    public init(languages: [LanguageTag] = [], originKind: String? = nil, changedSince: String? = nil, storyID: String? = nil) {
        self.languages = languages
        self.originKind = originKind
        self.changedSince = changedSince
        self.storyID = storyID
    }
}

/// Counts that `byline tm stats` prints.
public struct Statistics: Sendable, Hashable {
    public var units: Int
    public var variants: Int
    /// Variants per language, most first.
    public var languages: [(LanguageTag, Int)]
    /// Units per origin kind.
    public var origins: [(String, Int)]
    public var alternatives: Int
    /// Units with one language only: kept and exported, never offered by a lookup.
    public var monolingual: Int

    public init(
        units: Int, variants: Int, languages: [(LanguageTag, Int)], origins: [(String, Int)], alternatives: Int,
        monolingual: Int = 0
    ) {
        self.units = units
        self.variants = variants
        self.languages = languages
        self.origins = origins
        self.alternatives = alternatives
        self.monolingual = monolingual
    }

    public static func == (lhs: Statistics, rhs: Statistics) -> Bool {
        lhs.units == rhs.units && lhs.variants == rhs.variants && lhs.alternatives == rhs.alternatives
            && lhs.monolingual == rhs.monolingual
            && lhs.languages.elementsEqual(rhs.languages, by: { $0 == $1 })
            && lhs.origins.elementsEqual(rhs.origins, by: { $0 == $1 })
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(units)
        hasher.combine(variants)
    }
}
