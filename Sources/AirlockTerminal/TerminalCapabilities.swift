import CNcursesW
import Glibc

/// What the terminal can show, read before ncurses starts drawing.
public struct TerminalCapabilities: Sendable, Equatable {
    public var unicode: Bool
    public var colour: Bool

    /// Reads the locale's codeset and `NO_COLOR`; colour support itself is known only
    /// once ncurses has started, so callers refine `colour` with `has_colors()`.
    public static func fromEnvironment() -> TerminalCapabilities {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let noColor = (getenv("NO_COLOR").map { String(cString: $0) } ?? "").isEmpty == false
        return TerminalCapabilities(unicode: codeset == "UTF-8", colour: !noColor)
    }
}
