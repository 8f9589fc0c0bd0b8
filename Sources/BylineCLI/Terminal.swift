import Foundation

/// What the CLI knows about the terminal it prints to.
enum Terminal {
    /// The width of standard output when it is a terminal; nil when output goes to a
    /// file or a pipe, where lines are never cut.
    static let columns: Int? = {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 { return value }
        return 80
    }()

    /// True when standard error is a terminal, so progress may be drawn there.
    static let showsProgress: Bool = isatty(STDERR_FILENO) != 0

    /// True when standard output is a terminal and NO_COLOR is unset (https://no-color.org).
    static let usesColour: Bool = {
        guard isatty(STDOUT_FILENO) != 0 else { return false }
        let value = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return value.isEmpty
    }()

    /// `text` cut to `width` characters with an ellipsis, or whole when `width` is nil.
    static func fit(_ text: String, width: Int?) -> String {
        guard let width, text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }
}
