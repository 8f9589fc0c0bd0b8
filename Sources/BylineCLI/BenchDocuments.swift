import ArgumentParser
import BylineText
import Foundation

/// The documents a benchmark runs over: plain-text files in one language, or JSON Lines
/// with `lang` and `text` (or `article`) per line, each in its own language.
enum BenchDocuments {
    /// Reads every file; a bad file or line is reported with its location and exits 1.
    static func load(_ files: [String], language: String) throws -> [(LanguageTag, String)] {
        var documents: [(LanguageTag, String)] = []
        for file in files {
            let text: String
            do {
                text = try SourceText(decoding: try InputReader.readAll(file), language: .undetermined, origin: file).string
            } catch let error as CLIError {
                Diagnostics.error(error.description)
                throw ExitCode(1)
            } catch {
                Diagnostics.error("\(error)")
                throw ExitCode(1)
            }
            guard file.hasSuffix(".jsonl") else {
                documents.append((LanguageTag(language), text))
                continue
            }
            let decoder = JSONDecoder()
            for (index, line) in text.split(separator: "\n").enumerated() {
                struct Line: Decodable { var lang: String?; var text: String?; var article: String? }
                guard let decoded = try? decoder.decode(Line.self, from: Data(line.utf8)),
                    let body = decoded.text ?? decoded.article
                else {
                    Diagnostics.error("\(file):\(index + 1):1: expected a JSON object with \"text\" or \"article\"")
                    throw ExitCode(1)
                }
                documents.append((LanguageTag(decoded.lang ?? language), body))
            }
        }
        return documents
    }
}
