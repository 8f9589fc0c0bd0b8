import BylineNames
import BylineResources
import BylineText

/// The gazetteer, word lists and normalizer of a run, loaded once: the compiled name
/// index and the word lists are memory-mapped, so loading costs milliseconds.
public final class NamesContext {
    public let resources: ResourceBundle
    public let normalizer: NameNormalizer
    public let gazetteer: Gazetteer

    /// - Parameters:
    ///   - extraFiles: a desk's own gazetteer files, added to the bundled one.
    ///   - note: told when the name index is being built (the first run after an update).
    public init(resources: ResourceBundle? = nil, extraFiles: [String] = [], note: (String) -> Void = { _ in }) throws {
        let resources = try resources ?? ResourceBundle.locate()
        self.resources = resources
        let store = NameIndexStore(resources: resources, extraGazetteers: extraFiles)
        gazetteer = Gazetteer(index: try store.load(note: note))
        normalizer = NameNormalizer(gazetteer: gazetteer, wordLists: try resources.wordLists(), tables: try resources.nameLanguageTables())
    }

    /// The names of `text` and the changes proposed (with `explaining`, the words kept and
    /// why); a damaged name index is an error.
    public func analyze(_ text: String, language: LanguageTag, explaining: Bool = false) throws -> NameAnalysis {
        let analysis = normalizer.analyze(text, language: language, explaining: explaining)
        if let damage = gazetteer.index.damage {
            throw ResourceError.malformed(
                SourceLocation(file: "name index", line: 1, column: 1),
                reason: "\(damage); remove the files in the cache folder (BYLINE_CACHE_DIR) to build it again")
        }
        return analysis
    }
}
