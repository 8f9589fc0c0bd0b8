import BylineText
import Foundation

extension ResourceBundle {
    /// A bilingual word list for the aligner, from `lexicon/<a>-<b>.tsv` in either order.
    ///
    /// Returns the file's text with the languages of its two columns, or nil when the pair
    /// has no list (the aligner then relies on lengths, numbers, names and shared words).
    /// - Throws: ``ResourceError/unreadable(path:reason:)`` when the file exists but cannot be read.
    public func lexiconFile(between first: LanguageTag, and second: LanguageTag) throws(ResourceError)
        -> (text: String, source: LanguageTag, target: LanguageTag)?
    {
        let a = first.language, b = second.language
        for (source, target) in [(a, b), (b, a)] {
            let url = dataDirectory.appendingPathComponent("lexicon/\(source)-\(target).tsv")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                return (text, LanguageTag(source), LanguageTag(target))
            } catch {
                throw .unreadable(path: url.path, reason: error.localizedDescription)
            }
        }
        return nil
    }
}
