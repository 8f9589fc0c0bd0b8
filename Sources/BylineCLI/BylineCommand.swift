import ArgumentParser
import BylineSegment
import Foundation

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
            DeskCommand.self, SegmentCommand.self, NormalizeCommand.self, NamesCommand.self, SummarizeCommand.self,
            TMCommand.self, AlignCommand.self, ServeCommand.self,
            BenchCommand.self,
        ])

    /// Byline's version, as exports and `--version` name it.
    public static let version = "0.1.0"

    public init() {}

    /// Runs the command line after making sure descriptors 0, 1 and 2 are taken.
    ///
    /// A stream the caller closed (`<&-`, `>&-`) leaves its number free, and the next file
    /// the process opens (a resource, the memory) would get it: a report would be read from
    /// the gazetteer, or results written into the database. Each closed stream is held by
    /// `/dev/null` opened the wrong way round, so reading or writing it fails with "bad file
    /// descriptor" and the command reports that.
    ///
    /// SIGPIPE is ignored, so a write to a pipe or FIFO whose reader has gone away fails
    /// with EPIPE where the program can see it: an output file given by name (`tm export
    /// -o FIFO`) is then an error with a message and exit status 1. Standard output that is
    /// a closed pipe (`byline segment big.txt | head`) ends the run quietly, the way `cat`
    /// and `grep` end: by SIGPIPE, status 141 in the shell (see ``StandardOutput``).
    public static func main() {
        signal(SIGPIPE, SIG_IGN)
        for (descriptor, flags) in [(STDIN_FILENO, O_WRONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_RDONLY)]
        where fcntl(descriptor, F_GETFD) == -1 {
            let placeholder = open("/dev/null", flags)
            if placeholder >= 0, placeholder != descriptor {
                dup2(placeholder, descriptor)
                close(placeholder)
            }
        }
        main(nil)
    }
}
