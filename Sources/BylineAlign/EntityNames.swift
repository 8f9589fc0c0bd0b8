import BylineNames
import BylineText

/// Looks up names, so that a name written in two scripts (Seoul, Сеул, Seul) becomes the same
/// anchor.
///
/// The aligner asks about capitalised words and pairs of them. A lookup should be cheap (a
/// hash probe); the aligner works without one, matching names through transliteration.
///
/// ```swift
/// let aligner = Aligner(names: gazetteer)   // Gazetteer conforms
/// ```
public protocol EntityNames: Sendable {
    /// The ids of the entities that `name` (as written in a text of `language`) may refer to.
    func entityIDs(forName name: String, language: LanguageTag) -> [String]
}

extension Gazetteer: EntityNames {
    public func entityIDs(forName name: String, language: LanguageTag) -> [String] {
        entityIDs(named: name, language: language)
    }
}
