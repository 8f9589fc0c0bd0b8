import ArgumentParser
import BylineDesk
import BylineResources
import BylineText
import Foundation

/// The language of a text for commands whose `--lang` may be left out: the given one, or
/// the detector's sure guess (said on standard error), or a refusal.
enum LanguageChoice {
    nonisolated(unsafe) private static var detector: LanguageDetector?

    private static func sharedDetector() throws -> LanguageDetector {
        if let detector { return detector }
        let made = try LanguageDetector(resources: ResourceBundle.locate())
        detector = made
        return made
    }

    /// `given`, or the language detected in `source`; exits 64 with a message when unsure.
    static func resolve(_ given: LanguageTag?, for source: SourceText) throws -> LanguageTag {
        if let given { return given }
        let guess = try sharedDetector().detect(source.string)
        let origin = source.origin ?? "-"
        guard let guess, guess.isSure else {
            Diagnostics.error("\(origin): \(DeskError.unsureLanguage(guess))")
            throw ExitCode(64)
        }
        Diagnostics.note(
            "\(origin): language \(guess.language) (detected, \(String(format: "%.0f", guess.confidence * 100)) % sure; --lang to set it)")
        return guess.language
    }

    /// The language of a batch line: its `lang`, else `given`, else the detector's sure guess.
    /// - Throws: ``BatchLineError`` when unsure, so that line alone fails.
    static func forLine(_ lang: String?, given: LanguageTag?, text: String) throws -> LanguageTag {
        if let lang { return LanguageTag(lang) }
        if let given { return given }
        let guess = try sharedDetector().detect(text)
        guard let guess, guess.isSure else {
            throw BatchLineError(
                message: DeskError.unsureLanguage(guess).description.replacingOccurrences(of: "give --lang", with: "give \"lang\""))
        }
        return guess.language
    }
}
