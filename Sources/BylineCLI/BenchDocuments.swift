import ArgumentParser
import BylineNormalize
import BylineText
import Foundation

/// The input every `byline bench` command over texts shares: the files, their language
/// and how many timed passes to make.
struct BenchInputOptions: ParsableArguments {
    @Argument(help: "Plain UTF-8 text files (one document each), or .jsonl files with \"text\" (or \"article\") and \"lang\" per line.")
    var files: [String]

    @Option(name: .customLong("lang"), help: "BCP 47 language of plain-text files and of lines without \"lang\".")
    var language: String = "en"

    @Option(help: "Timed passes over the whole input; the median is reported.")
    var repeats: Int = 5

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
    }

    /// The documents, or a located message and exit status 1.
    func documents() throws -> [(LanguageTag, String)] { try BenchDocuments.load(files, language: language) }
}

/// How a report that is not a stream of records is printed: aligned text or one JSON object.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for a person.
    case text
    /// One JSON object.
    case json
}

/// `--format text|json`, shared by the commands that print one report.
struct ReportFormatOptions: ParsableArguments {
    @Option(help: "Output format: text (aligned, for a person) or json (one object).")
    var format: ReportFormat = .text
}

/// Peak resident memory of this process so far, from /proc/self/status (0 where there is none).
func peakResidentMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}

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

/// `--op` is parsed by its name, so `--help` lists the operations and a wrong one is a usage error.
extension NormalizationOperation: ExpressibleByArgument {}
