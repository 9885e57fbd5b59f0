import AirlockCore
import Foundation

/// The person closed the terminal or typed end-of-input: the review stops.
struct ReviewEnded: Error {}

/// How a line is shown: a colour when the terminal has colour, plain text otherwise.
enum TextStyle {
    case plain, heading, fileHeader, hunkHeader, added, removed, marker, passed, failed, notice

    var escapeCode: String? {
        switch self {
        case .plain: return nil
        case .heading, .fileHeader: return "\u{1b}[1m"
        case .hunkHeader: return "\u{1b}[36m"
        case .added, .passed: return "\u{1b}[32m"
        case .removed: return "\u{1b}[31m"
        case .failed: return "\u{1b}[1;31m"
        case .marker: return "\u{1b}[2m"
        case .notice: return "\u{1b}[33m"
        }
    }
}

/// The one door between a review and its terminal. Every line passes through
/// `VisibleText` here, so text from an agent (titles, rationale, paths, diff lines,
/// messages that quote them) can never move the cursor, retitle the window or hide a
/// character; the only escape sequences written are this type's own colours.
struct ReviewConsole {
    let terminal: LineTerminal

    var traits: TerminalTraits { terminal.capabilities }

    /// One line; a newline inside `text` shows as `\n` rather than starting a new line.
    func line(_ text: String, _ style: TextStyle = .plain) {
        terminal.write(styled(VisibleText.escape(text, keepTabs: true), style) + "\n")
    }

    /// A diff line or other bytes that may not be UTF-8.
    func line(bytes: some Collection<UInt8>, _ style: TextStyle) {
        terminal.write(styled(VisibleText.escape(bytes: bytes, keepTabs: true), style) + "\n")
    }

    /// Several lines, each with `indent` before it.
    func block(_ text: String, indent: String = "", _ style: TextStyle = .plain) {
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line(indent + part, style)
        }
    }

    func blank() {
        terminal.write("\n")
    }

    /// Called once something new is in front of the reviewer (a proposal, a hunk):
    /// anything typed before it was shown is dropped, so `a Enter a Enter` typed ahead
    /// cannot decide what the reviewer has not seen.
    func shown() {
        terminal.discardTypeAhead()
    }

    /// Shows `prompt` and returns what the person typed, trimmed of surrounding spaces.
    func ask(_ prompt: String) throws(ReviewEnded) -> String {
        terminal.write(VisibleText.escape(prompt, keepTabs: true))
        guard let answer = terminal.readLine() else {
            terminal.write("\n")
            throw ReviewEnded()
        }
        return answer.trimmingCharacters(in: .whitespaces)
    }

    /// A line as typed, spaces kept (feedback text).
    func readRaw() throws(ReviewEnded) -> String {
        guard let answer = terminal.readLine() else { throw ReviewEnded() }
        return answer
    }

    // MARK: - marks

    func mark(passed: Bool) -> String {
        switch (passed, traits.unicode) {
        case (true, true): return "✓"
        case (false, true): return "✗"
        case (true, false): return "ok"
        case (false, false): return "FAIL"
        }
    }

    var separator: String { traits.unicode ? " · " : ", " }

    private func styled(_ text: String, _ style: TextStyle) -> String {
        guard traits.colour, let code = style.escapeCode else { return text }
        return code + text + "\u{1b}[0m"
    }
}
