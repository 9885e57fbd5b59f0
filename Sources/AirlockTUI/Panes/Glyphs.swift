import AirlockCore

/// The glyphs of the screen, in Unicode or in ASCII for terminals whose locale is not
/// UTF-8. Every state has a word beside its glyph, so none depends on one symbol or on
/// colour.
struct Glyphs: Sendable {
    let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight, teeLeft, teeRight: Character
    let cursor, marked, ellipsis, minus, passed, failed, dot: String

    static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", teeLeft: "├", teeRight: "┤",
        cursor: "▶", marked: "✓", ellipsis: "…", minus: "−", passed: "✓", failed: "✗", dot: "·")
    static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", teeLeft: "+", teeRight: "+",
        cursor: ">", marked: "*", ellipsis: "~", minus: "-", passed: "ok", failed: "x", dot: "-")

    static func of(_ unicode: Bool) -> Glyphs { unicode ? .unicode : .ascii }

    /// Whether these are the Unicode glyphs (the terminal shows more than ASCII).
    var unicode: Bool { cursor == "▶" }

    func agent(_ state: AgentState?, stale: Bool) -> (glyph: String, word: String, role: StyleRole) {
        let u = unicode
        if stale, state != .exited { return (u ? "◌" : "?", "stale", .agentStale) }
        switch state {
        case .working?: return (u ? "●" : "*", "working", .agentWorking)
        case .waiting?: return (u ? "◐" : "~", "waiting", .agentWaiting)
        case .blocked?: return (u ? "✖" : "!", "blocked", .agentBlocked)
        case .idle?: return (u ? "○" : "o", "idle", .agentIdle)
        case .exited?: return (u ? "◌" : "-", "exited", .agentExited)
        case .error?: return (u ? "✗" : "x", "error", .agentError)
        case nil: return (u ? "○" : "o", "silent", .agentIdle)
        }
    }

    static func role(of state: ProposalState) -> StyleRole {
        switch state {
        case .submitted, .checking, .ready: return .stateWaiting
        case .approved: return .stateApproved
        case .applied: return .stateApplied
        case .rejected: return .stateRejected
        case .conflicted, .failed: return .stateProblem
        default: return .stateClosed
        }
    }
}

/// Elapsed time as a reviewer reads it at a glance: `12s`, `5m`, `3h`, `2d`.
enum Elapsed {
    static func short(_ milliseconds: Int64) -> String {
        let s = max(0, milliseconds / 1000)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" }
        return "\(s / 86_400)d"
    }
}

enum Scrolling {
    /// The first row shown so that the cursor stays in a window of `height` rows.
    static func top(cursor: Int, count: Int, height: Int) -> Int {
        guard count > height, height > 0 else { return 0 }
        return min(max(0, cursor - height + 1), count - height)
    }
}
