import BylineText

/// What every translation memory store does, whatever the database: import units in
/// one transaction, export them, count them, look segments up and search them.
/// ``SQLiteStore`` is the embedded default; `PostgresStore` (module `BylineTMPostgres`)
/// is the shared one. Both pass the same tests, and the same memory gives the same
/// matches and scores in either (the lookup's steps are ``LookupPlan``'s).
///
/// Every method suspends while the database works and never blocks the caller's thread:
/// SQLite's work runs on the store's own queue, PostgreSQL's on the network.
///
/// ```swift
/// let store: any TranslationMemoryStore = try SQLiteStore(path: "desk.sqlite")
/// let best = try await store.matches(for: "Talks resumed.", from: "en", to: "ru", options: LookupOptions(), context: MatchContext()).first
/// ```
public protocol TranslationMemoryStore: Sendable {
    /// Where the store is, for messages: a file path, or a URL without its password.
    var location: String { get }

    /// Imports every unit `source` yields in one transaction: the first error rolls all of
    /// it back, and with `options.dryRun` nothing is kept even on success. Lookups running
    /// meanwhile see the memory as it was before the import until it commits.
    /// - Throws: ``TMStoreError``, or the source's own error (a `TMXError`).
    func importUnits<Source: UnitSource>(from source: inout Source, options: ImportOptions) async throws -> ImportReport

    /// Calls `body` with every unit that passes `filter`, in storage order, reading one
    /// snapshot of the memory; returns how many were passed.
    func exportUnits(matching filter: ExportFilter, _ body: (TranslationUnit) throws -> Void) async throws -> Int

    /// Counts of units, variants and languages.
    func statistics() async throws -> Statistics

    /// True when the store holds no unit.
    func isEmpty() async throws -> Bool

    /// Suggestions for `query`, translated from `source` into `target`, best first (see
    /// ``LookupPlan`` for the steps and ``MatchScorer`` for the score).
    func matches(
        for query: String, from source: LanguageTag, to target: LanguageTag, options: LookupOptions, context: MatchContext
    ) async throws -> [Match]

    /// Suggestions for `query` into each of `targets`, in their order, each list exactly
    /// what ``matches(for:from:to:options:context:)`` gives for that language. A store may
    /// share the work that does not depend on the target (the query's analysis, its index
    /// terms and their posting lists) among the languages.
    func matches(
        for query: String, from source: LanguageTag, to targets: [LanguageTag], options: LookupOptions, context: MatchContext
    ) async throws -> [[Match]]

    /// Stored variants containing `words` (all of them, in any order; a phrase in double
    /// quotes stays a phrase), in `language` or in every language when nil, best first.
    func concordance(_ words: String, language: LanguageTag?, limit: Int) async throws -> [ConcordanceHit]
}

extension TranslationMemoryStore {
    /// Suggestions for `query` without neighbouring segments.
    public func matches(for query: String, from source: LanguageTag, to target: LanguageTag, options: LookupOptions)
        async throws -> [Match]
    {
        try await matches(for: query, from: source, to: target, options: options, context: MatchContext())
    }

    /// One lookup per target language.
    public func matches(
        for query: String, from source: LanguageTag, to targets: [LanguageTag], options: LookupOptions, context: MatchContext
    ) async throws -> [[Match]] {
        var found: [[Match]] = []
        for target in targets {
            found.append(try await matches(for: query, from: source, to: target, options: options, context: context))
        }
        return found
    }
}

/// How a store is opened.
public enum StoreAccess: Sendable, Hashable {
    /// Created if missing, its schema brought up to date: for imports.
    case readWrite
    /// Never created, never written, not even its schema: for lookups, statistics,
    /// concordance, export and checks. An SQLite file nobody may write (mode 0444) is read
    /// as immutable, so no `-wal` or `-shm` file is left beside it.
    case readOnly
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
    /// Who imports (a token's name, a login name), for the store's import log.
    public var user: String?
    /// Whether the import's threads yield the processor to other work of the process.
    public var priority: ImportPriority

    public init(
        origin: Origin, storyID: String? = nil, dryRun: Bool = false, user: String? = nil,
        priority: ImportPriority = .normal, progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.origin = origin
        self.storyID = storyID
        self.dryRun = dryRun
        self.user = user
        self.priority = priority
        self.progress = progress
    }
}

/// How an import shares the processor with the rest of its process.
public enum ImportPriority: String, Sendable, CaseIterable {
    /// As any other work.
    case normal
    /// The threads that read, prepare and write the units run with a lower scheduling
    /// priority (nice 19 on Linux), so a service's lookups keep their latency while an
    /// import runs; the import takes the processor time they leave.
    case background
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
