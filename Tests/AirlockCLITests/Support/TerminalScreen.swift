import AirlockCore

/// What a terminal shows at one moment, as lines of text (trailing blanks removed), as
/// `tmux capture-pane -p` reports it; with colours asked for, the lines keep the SGR
/// escape sequences tmux puts in them.
struct TerminalScreen: Equatable, CustomStringConvertible {
    var lines: [String]

    /// Every line, joined by newlines.
    var text: String { lines.joined(separator: "\n") }

    /// Whether `text` is on one line of the screen.
    func contains(_ text: String) -> Bool {
        lines.contains { $0.contains(text) }
    }

    /// The first line holding `text`, or nil.
    func line(containing text: String) -> String? {
        lines.first { $0.contains(text) }
    }

    /// The rows, numbered, every control character shown as a visible placeholder, so a
    /// failure message is readable and cannot drive the terminal that shows it.
    var description: String {
        let last = lines.lastIndex { !$0.isEmpty } ?? -1
        return lines.prefix(last + 1).enumerated().map { row, line in
            "\(String(row).leftPadded(to: 3))|\(VisibleText.escape(line))"
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
