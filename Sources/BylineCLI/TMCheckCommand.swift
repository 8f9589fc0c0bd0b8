import ArgumentParser
import BylineTM
import BylineText
import Foundation

struct TMCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the translation memory file page by page and count what it holds.",
        discussion: """
            Reads every page (SQLite's integrity check), counts units, variants and languages, \
            and reports free pages and variants missing from the concordance index. Reads \
            only; works on a file nobody may write. Exit 0 when the file is sound, 1 when it \
            is damaged, cut short or cannot be read as a translation memory.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let path = try database.resolvedPath()
        let check: StoreCheck
        do {
            check = try SQLiteStore(path: path, access: .readOnly).check()
        } catch {
            if error.kind == .damaged || error.kind == .notAMemory {
                try report(damaged: error.message, path: path)
            } else {
                Diagnostics.error(error.description)
            }
            throw ExitCode(1)
        }
        var output = StandardOutput()
        try output.write { buffer in
            if format != .text {
                buffer.raw("{\"path\": ")
                buffer.string(path)
                buffer.raw(", \"sound\": \(check.isSound), \"problems\": [")
                for (index, problem) in check.problems.enumerated() {
                    if index > 0 { buffer.raw(", ") }
                    buffer.string(problem)
                }
                buffer.raw("], \"units\": \(check.statistics?.units ?? 0), \"variants\": \(check.statistics?.variants ?? 0)")
                buffer.raw(", \"monolingual\": \(check.statistics?.monolingual ?? 0)")
                buffer.raw(", \"languages\": \(check.statistics?.languages.count ?? 0), \"page_size\": \(check.pageSize)")
                buffer.raw(", \"pages\": \(check.pages), \"free_pages\": \(check.freePages), \"journal_mode\": ")
                buffer.string(check.journalMode)
                buffer.raw(", \"unindexed_variants\": \(check.unindexedVariants)}\n")
                return
            }
            buffer.raw(check.isSound ? "\(path): sound\n" : "\(path): DAMAGED\n")
            for problem in check.problems { buffer.raw("  \(problem)\n") }
            let rows: [(String, String)] = [
                ("units", "\(check.statistics?.units ?? 0)"), ("variants", "\(check.statistics?.variants ?? 0)"),
                ("one language only", "\(check.statistics?.monolingual ?? 0)"),
                ("languages", "\(check.statistics?.languages.count ?? 0)"),
                ("pages", "\(check.pages) of \(check.pageSize) bytes"), ("free pages", "\(check.freePages)"),
                ("journal", check.journalMode), ("not in concordance", "\(check.unindexedVariants)"),
            ]
            for (label, value) in rows {
                buffer.raw("  " + label.padding(toLength: 20, withPad: " ", startingAt: 0) + value + "\n")
            }
        }
        try output.finish()
        if !check.isSound { throw ExitCode(1) }
    }

    private func report(damaged message: String, path: String) throws {
        var output = StandardOutput()
        try output.write { buffer in
            if format != .text {
                buffer.raw("{\"path\": ")
                buffer.string(path)
                buffer.raw(", \"sound\": false, \"problems\": [")
                buffer.string(message)
                buffer.raw("]}\n")
            } else {
                buffer.raw("\(path): DAMAGED\n  \(message)\n")
            }
        }
        try output.finish()
    }
}
