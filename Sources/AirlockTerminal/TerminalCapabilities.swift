import AirlockTUI

/// What the terminal can show: Unicode or ASCII only, how many colours, and whether it
/// takes a window title.
public struct TerminalCapabilities: Sendable, Equatable {
    /// The locale's codeset is UTF-8; otherwise the renderer draws ASCII.
    public var unicode: Bool
    public var colours: ColourDepth
    /// The terminal shows a title set with OSC 2.
    public var title: Bool

    public init(unicode: Bool, colours: ColourDepth, title: Bool) {
        self.unicode = unicode
        self.colours = colours
        self.title = title
    }

    /// Decides from what the locale and terminfo report. `NO_COLOR` (non-empty) turns
    /// colour off whatever the terminal has; a terminal without `has_colors()` (`vt100`)
    /// has none; 16 colours count as eight.
    static func decide(
        codeset: String, hasColours: Bool, colourCount: Int, terminalName: String, hasStatusLine: Bool, environment: [String: String]
    ) -> TerminalCapabilities {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        let colours: ColourDepth =
            if noColour || !hasColours || colourCount < 8 { .none } else if colourCount >= 256 { .palette256 } else { .eight }
        let titled = titledFamilies.contains { terminalName == $0 || terminalName.hasPrefix($0 + "-") }
        return TerminalCapabilities(unicode: codeset == "UTF-8", colours: colours, title: hasStatusLine || titled)
    }

    /// Terminals (and multiplexers) known to take OSC 2 titles, whose terminfo entries
    /// often lack the `hs` flag.
    private static let titledFamilies = [
        "xterm", "rxvt", "rxvt-unicode", "screen", "tmux", "alacritty", "kitty", "xterm-kitty", "foot", "wezterm", "ghostty",
        "xterm-ghostty", "st", "gnome", "konsole", "vte", "iterm", "iterm2", "contour", "mintty", "putty",
    ]
}
