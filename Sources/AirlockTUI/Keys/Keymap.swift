/// One key binding: the same row drives dispatch, the status bar, the `?` help and the
/// README's key table.
public struct KeyBinding: Sendable, Equatable {
    public var keys: [Key]
    public var action: CockpitAction
    /// A word or two for the status bar: `approve`.
    public var name: String
    /// A sentence for the help overlay.
    public var help: String
    /// It records a decision or changes the workspace: look-only reviewers cannot use it.
    public var decides: Bool
    /// Shown in the status bar when its pane is focused.
    public var inBar: Bool

    public init(_ keys: [Key], _ action: CockpitAction, _ name: String, _ help: String, decides: Bool = false, inBar: Bool = false) {
        self.keys = keys
        self.action = action
        self.name = name
        self.help = help
        self.decides = decides
        self.inBar = inBar
    }

    /// How the keys read on screen: `j/↓`, `space`, `Tab`.
    public func label(unicode: Bool) -> String {
        keys.map { Keymap.name(of: $0, unicode: unicode) }.joined(separator: "/")
    }
}

public enum Keymap {
    private static let lists: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .down, "down", "move down"),
        KeyBinding([.character("k"), .up], .up, "up", "move up"),
        KeyBinding([.control("d"), .pageDown], .pageDown, "page down", "move down a page"),
        KeyBinding([.control("u"), .pageUp], .pageUp, "page up", "move up a page"),
        KeyBinding([.character("g"), .home], .top, "top", "go to the first item"),
        KeyBinding([.character("G"), .end], .bottom, "bottom", "go to the last item"),
    ]

    private static let rerun = KeyBinding(
        [.character("R")], .rerunChecks, "re-run checks", "run the proposal's tests and linters again (it waits for them anew)", decides: true)

    public static let tables: [KeyContext: [KeyBinding]] = [
        .global: [
            KeyBinding([.tab], .nextPane, "pane", "focus the next pane", inBar: true),
            KeyBinding([.backTab], .previousPane, "back", "focus the previous pane"),
            KeyBinding([.character("A")], .toggleActivity, "activity", "show or hide the activity pane"),
            KeyBinding([.character("z")], .zoom, "zoom", "give the focused pane the whole screen, or share it again"),
            KeyBinding([.control("l")], .redraw, "redraw", "redraw the screen and re-read everything"),
            KeyBinding([.character("?"), .function(1)], .help, "help", "show every key", inBar: true),
            KeyBinding([.character("q")], .quit, "quit", "quit the cockpit (nothing undecided is lost)", inBar: true),
        ],
        .queue: lists + [
            KeyBinding([.enter], .open, "open", "open the selected proposal's diff", inBar: true),
            KeyBinding([.character(" ")], .mark, "mark", "mark or unmark the proposal, to decide several at once", inBar: true),
            KeyBinding([.character("*")], .markAll, "mark all", "mark every proposal shown, or unmark them all"),
            KeyBinding([.character("a")], .approve, "approve", "approve the proposal (or the marked ones) and apply it", decides: true, inBar: true),
            KeyBinding([.character("r")], .reject, "reject", "reject the proposal (or the marked ones) with feedback for the agent", decides: true, inBar: true),
            KeyBinding([.character("u")], .revert, "revert", "revert an applied proposal", decides: true),
            KeyBinding([.character("f")], .cycleFilter, "filter", "show waiting, decided, troubled or all proposals", inBar: true),
            KeyBinding([.escape], .clearFilter, "clear", "clear the agent filter and the marks"),
            rerun,
        ],
        .agents: lists + [
            KeyBinding([.enter], .filterByAgent, "filter", "show only this agent's proposals in the queue", inBar: true),
            KeyBinding([.escape], .clearFilter, "clear", "show every agent's proposals again"),
        ],
        .diff: [
            KeyBinding([.character("j"), .down], .down, "down", "move down a line"),
            KeyBinding([.character("k"), .up], .up, "up", "move up a line"),
            KeyBinding([.control("d"), .pageDown, .character("J")], .pageDown, "page down", "move down a page"),
            KeyBinding([.control("u"), .pageUp, .character("K")], .pageUp, "page up", "move up a page"),
            KeyBinding([.character("g"), .home], .top, "top", "go to the first line"),
            KeyBinding([.character("G"), .end], .bottom, "bottom", "go to the last line"),
            KeyBinding([.character("]")], .nextHunk, "next hunk", "go to the next hunk"),
            KeyBinding([.character("[")], .previousHunk, "previous hunk", "go to the previous hunk"),
            KeyBinding([.character("}")], .nextFile, "next file", "go to the next file"),
            KeyBinding([.character("{")], .previousFile, "previous file", "go to the previous file"),
            KeyBinding([.character(" ")], .toggleHunk, "hunk", "choose or leave out the hunk under the cursor", inBar: true),
            KeyBinding([.character("v")], .toggleLine, "line", "choose or leave out the changed line under the cursor", inBar: true),
            KeyBinding([.character("F")], .toggleFile, "file", "choose or leave out the whole file under the cursor"),
            KeyBinding([.character("+")], .selectAll, "all", "choose the whole proposal again"),
            KeyBinding([.character("-")], .selectNone, "none", "leave everything out, to choose parts"),
            KeyBinding([.character("c")], .comment, "comment", "comment on the line under the cursor; the agent gets it with the decision", inBar: true),
            KeyBinding([.character("/")], .search, "search", "search the diff (smart case)", inBar: true),
            KeyBinding([.character("n")], .nextMatch, "next match", "go to the next match"),
            KeyBinding([.character("N")], .previousMatch, "previous match", "go to the previous match"),
            KeyBinding([.character("s")], .sideBySide, "side by side", "switch between unified and side by side"),
            KeyBinding([.character("w")], .wrap, "wrap", "wrap long lines or cut them"),
            KeyBinding([.character("a")], .approve, "approve", "approve what is chosen and apply it", decides: true, inBar: true),
            KeyBinding([.character("r")], .reject, "reject", "reject the proposal with feedback for the agent", decides: true, inBar: true),
            KeyBinding([.character("u")], .revert, "revert", "revert this proposal if it was applied", decides: true),
            rerun,
            KeyBinding([.escape], .back, "back", "back to the queue"),
        ],
        .tests: lists + [
            KeyBinding(rerun.keys, .rerunChecks, rerun.name, rerun.help, decides: true, inBar: true),
        ],
        .security: lists + [
            KeyBinding([.enter], .jumpToFinding, "go to line", "show the finding's line in the diff (its file for a finding about a whole file)", inBar: true),
            KeyBinding(rerun.keys, .rerunChecks, rerun.name, rerun.help, decides: true, inBar: true),
        ],
        .activity: lists,
    ]

    /// The binding for a key in a pane: the pane's own table first, then the global one.
    public static func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        for table in [tables[context] ?? [], tables[.global] ?? []] {
            if let binding = table.first(where: { $0.keys.contains(key) }) { return binding }
        }
        return nil
    }

    /// The status bar's keys for a pane, then the global ones.
    public static func bar(for context: KeyContext) -> [KeyBinding] {
        (tables[context] ?? []).filter(\.inBar) + (tables[.global] ?? []).filter(\.inBar)
    }

    public static func name(of key: Key, unicode: Bool) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return unicode ? "↑" : "Up"
        case .down: return unicode ? "↓" : "Down"
        case .left: return unicode ? "←" : "Left"
        case .right: return unicode ? "→" : "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        }
    }

    /// The README's key section, one table per context, in ASCII key names.
    public static func markdown() -> String {
        var out = ""
        for context in KeyContext.allCases {
            guard let table = tables[context], !table.isEmpty else { continue }
            out += "\n#### \(context.title)\n\n| keys | action |\n| --- | --- |\n"
            for binding in table {
                let keys = binding.keys.map { "`\(name(of: $0, unicode: false).replacingOccurrences(of: "|", with: "\\|"))`" }.joined(separator: " ")
                out += "| \(keys) | \(binding.help)\(binding.decides ? " (reviewers who may decide)" : "") |\n"
            }
        }
        return out
    }
}
