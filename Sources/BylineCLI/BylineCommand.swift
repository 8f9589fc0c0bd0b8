import ArgumentParser
import BylineSegment

/// The `byline` command: tools for a multilingual news desk.
public struct BylineCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "byline",
        abstract: "Segment, normalise, summarise and remember multilingual news copy.",
        discussion: """
            Reads UTF-8 text from a file or standard input. Offsets in JSON output count \
            Unicode scalars, end exclusive. Exit status: 0 on success, 1 when an input \
            failed, 64 for a usage error.
            """,
        version: "\(version) (ICU \(ICULocale.icuVersion))",
        subcommands: [
            SegmentCommand.self, NormalizeCommand.self, NamesCommand.self, SummarizeCommand.self, TMCommand.self,
            AlignCommand.self,
            BenchCommand.self,
        ])

    /// Byline's version, as exports and `--version` name it.
    public static let version = "0.1.0"

    public init() {}
}
