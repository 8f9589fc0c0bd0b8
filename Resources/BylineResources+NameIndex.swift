import BylineNames
import BylineSegment
import BylineText
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the compiled name index lives, and how it is read.
///
/// The gazetteer, the dictionaries' proper names and the name frequencies are compiled
/// once into one binary file (``NameIndex``) in the cache folder, named after a digest of
/// every source file, the ICU version and the format version; later runs memory-map it
/// and pay only for the pages they touch. A file whose digest, format or checksums do not
/// match is rebuilt, never read. The cache folder is `BYLINE_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/byline`, else `~/.cache/byline`; when none can be written the index is
/// built in memory for the run.
public struct NameIndexStore: Sendable {
    public let resources: ResourceBundle
    /// A desk's own gazetteer files, added to the shipped one.
    public let extraGazetteers: [String]
    public let cacheDirectory: URL?

    public init(resources: ResourceBundle, extraGazetteers: [String] = [],
                environment: [String: String] = ProcessInfo.processInfo.environment)
    {
        self.resources = resources
        self.extraGazetteers = extraGazetteers
        self.cacheDirectory = Self.cacheDirectory(environment: environment)
    }

    static func cacheDirectory(environment: [String: String]) -> URL? {
        if let path = environment["BYLINE_CACHE_DIR"], !path.isEmpty { return URL(fileURLWithPath: path) }
        if let path = environment["XDG_CACHE_HOME"], !path.isEmpty { return URL(fileURLWithPath: path).appendingPathComponent("byline") }
        if let home = environment["HOME"], !home.isEmpty { return URL(fileURLWithPath: home).appendingPathComponent(".cache/byline") }
        return nil
    }

    /// The files the index is built from, in a fixed order.
    func sourceFiles() -> [URL] {
        // The stem-final letters decide the keys Russian, Ukrainian and Belarusian names are indexed by.
        var files = (ResourceBundle.gazetteerFiles + ["morphology/letters.tsv", ResourceBundle.publicPeopleFile]).map { resources.dataDirectory.appendingPathComponent($0) }
        for folder in ["gazetteer/lexicon", "gazetteer/frequency"] {
            let url = resources.dataDirectory.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            files += names.sorted().map { url.appendingPathComponent($0) }
        }
        return files + extraGazetteers.map { URL(fileURLWithPath: $0) }
    }

    /// A digest of every source file's name and bytes, the ICU version (whose region names
    /// and exemplar cities join the gazetteer) and the index format.
    /// - Throws: ``ResourceError/unreadable(path:reason:)`` for a source that cannot be read.
    public func sourceDigest() throws(ResourceError) -> UInt64 {
        // File by file, so that no more than one file is held at a time.
        var digests: [UInt8] = Array("format \(NameIndex.formatVersion) icu \(ICULocale.icuVersion) entries \(Self.entryRules)\n".utf8)
        for url in sourceFiles() {
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                // A megabyte at a time: the list of public people alone is 15 MB.
                let file = try FileHandle(forReadingFrom: url)
                defer { try? file.close() }
                var digest = NameIndex.StreamingDigest()
                while let slice = try file.read(upToCount: 1 << 20), !slice.isEmpty {
                    slice.withUnsafeBytes { digest.add($0) }
                }
                digests += Array(url.lastPathComponent.utf8)
                withUnsafeBytes(of: digest.value.littleEndian) { digests += $0 }
            } catch {
                throw .unreadable(path: url.path, reason: error.localizedDescription)
            }
        }
        return digests.withUnsafeBytes { NameIndex.digest(of: $0) }
    }

    /// The index file for `digest`.
    public func indexURL(digest: UInt64) -> URL? {
        cacheDirectory?.appendingPathComponent("names-\(String(digest, radix: 16)).idx")
    }

    /// The index, mapped from the cache, or built (and cached) when the cache has none
    /// that matches the sources.
    /// - Parameter note: told what happens when the index has to be built.
    /// - Throws: ``ResourceError`` for unreadable or malformed sources.
    public func load(note: (String) -> Void = { _ in }) throws(ResourceError) -> NameIndex {
        // A desk's own file is read first, so that a mistake in it is reported before anything else.
        for file in extraGazetteers { _ = try ResourceBundle.gazetteerEntries(at: file) }
        let digest = try sourceDigest()
        guard let url = indexURL(digest: digest), let folder = cacheDirectory,
            (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
        else {
            note("no cache folder can be written (set BYLINE_CACHE_DIR); building the name index in memory for this run")
            return try buildInMemory(digest: digest)
        }
        if let index = try? NameIndex(bytes: try Self.map(url), expectedDigest: digest) { return index }
        // One process builds while the others wait, then they all map its file.
        let lock = open(folder.appendingPathComponent(".names.lock").path, O_RDWR | O_CREAT, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer {
            if lock >= 0 {
                flock(lock, LOCK_UN)
                close(lock)
            }
        }
        if FileManager.default.fileExists(atPath: url.path) {
            do {
                return try NameIndex(bytes: try Self.map(url), expectedDigest: digest)
            } catch {
                note("\(url.path): \(error); building it again")
            }
        }
        note("building the name index once, at \(url.path)")
        let bytes = try indexBytes(digest: digest)
        do {
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            try Data(bytes).write(to: temporary)
            do {
                // Read back through the mapping before it takes the index's name: every
                // record checked once, so later runs need only the checksums.
                _ = try NameIndex(bytes: try Self.map(temporary), expectedDigest: digest, checkingRecords: true)
                guard rename(temporary.path, url.path) == 0 else {
                    throw ResourceError.unreadable(path: url.path, reason: String(cString: strerror(errno)))
                }
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
            removeOldIndexes(keeping: url)
            Self.dropCachedPages(of: url)
            return try NameIndex(bytes: try Self.map(url), expectedDigest: digest)
        } catch {
            note("cannot write \(url.path) (\(error)); using the name index in memory for this run")
            return try inMemory(bytes, digest: digest)
        }
    }

    /// Builds the index without touching the cache.
    public func buildInMemory(digest: UInt64 = 0) throws(ResourceError) -> NameIndex {
        return try inMemory(try indexBytes(digest: digest), digest: digest)
    }

    /// The revision of the rules that make entries of the sources (``ResourceBundle/withDictionaryForms(_:lexicon:)``):
    /// part of the digest, so that an index built by other rules from the same files is built again.
    static let entryRules = 2

    /// The index laid out from the sources: shipped and desk entries, dictionary names, frequencies.
    private func indexBytes(digest: UInt64) throws(ResourceError) -> [UInt8] {
        let lexicon = try resources.lexicon()
        return NameIndexBuilder(entries: ResourceBundle.withDictionaryForms(try entries(), lexicon: lexicon), lexicon: lexicon,
                                frequencies: try resources.nameFrequencies(), stemFinals: try resources.morphologyLetters().stemFinals,
                                people: try resources.publicPeople())
            .bytes(sourceDigest: digest)
    }

    private func inMemory(_ bytes: [UInt8], digest: UInt64) throws(ResourceError) -> NameIndex {
        do {
            return try NameIndex(bytes: IndexBytes(copying: bytes), expectedDigest: digest, checkingRecords: true)
        } catch {
            throw .malformed(SourceLocation(file: "name index", line: 1, column: 1), reason: error.description)
        }
    }

    /// The shipped entries and the desk's own.
    func entries() throws(ResourceError) -> [GazetteerEntry] {
        var extra: [GazetteerEntry] = []
        for file in extraGazetteers { extra += try ResourceBundle.gazetteerEntries(at: file) }
        let shipped = try resources.gazetteerEntries()
        return extra.isEmpty ? shipped : Gazetteer.merging(extra, into: shipped)
    }

    /// Index files of other sources (an older build, other data, a desk file since
    /// changed) are removed, all but the few used last, so that switching between two desk
    /// gazetteers does not rebuild each time.
    private func removeOldIndexes(keeping url: URL, keep count: Int = 3) {
        guard let folder = cacheDirectory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return }
        let others = names.filter { $0.hasPrefix("names-") && $0.hasSuffix(".idx") && $0 != url.lastPathComponent }
            .map { folder.appendingPathComponent($0) }
            .map { ($0, (try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast) }
            .sorted { $0.1 > $1.1 }
        for (old, _) in others.dropFirst(count - 1) { try? FileManager.default.removeItem(at: old) }
    }

    /// Asks the kernel to forget the cached pages of a file just written. Written pages sit
    /// in the cache in large blocks, and a mapping of such a block counts all of it against
    /// the process; read back one page at a time (``map(_:)`` reads at random), a look-up
    /// costs the pages it reads.
    static func dropCachedPages(of url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fdatasync(descriptor)
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
        close(descriptor)
    }

    /// Maps `url` read-only; its pages are read from the file as they are touched.
    public static func map(_ url: URL) throws -> IndexBytes {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw ResourceError.unreadable(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ResourceError.unreadable(path: url.path, reason: String(cString: strerror(errno))) }
        let size = Int(status.st_size)
        guard size > 0 else { return IndexBytes(copying: []) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw ResourceError.unreadable(path: url.path, reason: String(cString: strerror(errno)))
        }
        // Look-ups probe the file at random: read only the page asked for, no neighbours.
        madvise(base, size, MADV_RANDOM)
        nonisolated(unsafe) let address = base
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        return IndexBytes(
            base: UnsafeRawBufferPointer(start: base, count: size), release: { munmap(address, size) },
            discard: { range in
                guard let start = range.baseAddress, range.count > 0 else { return }
                let first = Int(bitPattern: start) / page * page
                let end = Int(bitPattern: start) + range.count
                // Whole pages inside the range only: a neighbour's page may be in use.
                let wholeStart = (Int(bitPattern: start) + page - 1) / page * page
                guard end / page * page > wholeStart, first >= 0 else { return }
                madvise(UnsafeMutableRawPointer(bitPattern: wholeStart), end / page * page - wholeStart, MADV_DONTNEED)
            })
    }
}

extension ResourceBundle {
    /// The word list of `language` (`wordlists/<lang>.bloom`), memory-mapped, or nil when
    /// none ships.
    /// - Throws: ``ResourceError`` when the file exists but is not a word-list filter.
    public func wordList(for language: LanguageTag) throws(ResourceError) -> WordList? {
        let url = dataDirectory.appendingPathComponent("wordlists/\(language.language).bloom")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes: IndexBytes
        do {
            bytes = try NameIndexStore.map(url)
        } catch let error as ResourceError {
            throw error
        } catch {
            throw .unreadable(path: url.path, reason: "\(error)")
        }
        do {
            return try WordList(bytes: bytes)
        } catch {
            throw .malformed(SourceLocation(file: url.path, line: 1, column: 1), reason: error.description)
        }
    }

    /// The languages that ship a word list.
    public static let wordListLanguages = ["az", "de", "en", "es", "fr", "kk", "ru", "tr", "uk"]

    /// Every shipped word list, memory-mapped.
    public func wordLists() throws(ResourceError) -> [LanguageTag: WordList] {
        var lists: [LanguageTag: WordList] = [:]
        for language in Self.wordListLanguages {
            if let list = try wordList(for: LanguageTag(language)) { lists[LanguageTag(language)] = list }
        }
        return lists
    }
}
