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

    /// Languages whose own word list is missing but close enough to another's that the
    /// other's list helps by consonant outline: Azerbaijani and Turkish are both Oghuz
    /// languages and share many roots (`dövlət`/`devlet`, `hökumət`/`hükümet`).
    public static let closeLanguages: [String: String] = ["az": "tr"]

    /// For a pair without a word list of its own, the list of a close language (see
    /// ``closeLanguages``) in place of one of the two, with the language it stands in for:
    /// for en–az, `lexicon/en-tr.tsv`, its Turkish column read for Azerbaijani.
    /// - Throws: ``ResourceError/unreadable(path:reason:)`` when the file exists but cannot be read.
    public func closeLanguageLexiconFile(between first: LanguageTag, and second: LanguageTag) throws(ResourceError)
        -> (text: String, source: LanguageTag, target: LanguageTag, related: LanguageTag, standsFor: LanguageTag)?
    {
        guard try lexiconFile(between: first, and: second) == nil else { return nil }
        for (kept, replaced) in [(first, second), (second, first)] {
            guard let close = Self.closeLanguages[replaced.language] else { continue }
            let related = LanguageTag(close)
            if let file = try lexiconFile(between: kept, and: related) {
                return (file.text, file.source, file.target, related, replaced)
            }
        }
        return nil
    }
}
