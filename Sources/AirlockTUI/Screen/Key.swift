/// A key as the cockpit sees it, decoded by the terminal adapter from whatever the
/// terminal sent (escape sequences, function keys, control bytes).
public enum Key: Hashable, Sendable {
    /// A printable character, as typed (`"a"`, `"A"`, `"?"`, `"é"`).
    case character(Character)
    /// Control plus a letter, lower case: `.control("r")` is Ctrl-R.
    case control(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

/// What arrives from the terminal.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    /// Text pasted with bracketed paste on: never read as keys.
    case paste(String)
    case resize(Size)
}
