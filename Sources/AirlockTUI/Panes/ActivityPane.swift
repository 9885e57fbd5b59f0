import AirlockCore
import Foundation

/// The audit stream, newest last, as it happens.
enum ActivityPane {
    static func draw(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        buffer.box(rect, title: "Activity", right: state.cursor > 0 ? "seq \(state.cursor)" : "", focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0 else { return }
        let events = state.activity
        // Scrolled back by `activityScroll` rows from the newest.
        let end = max(0, events.count - state.activityScroll)
        let start = max(0, end - inner.height)
        for (row, event) in events[start..<end].enumerated() {
            let y = inner.y + row
            var x = buffer.put(clock(event.at), x: inner.x + 1, y: y, role: .dim)
            if let id = event.proposal { x = buffer.put(" #\(id)", x: x, y: y, role: .text) }
            let (text, role) = describe(event, glyphs: glyphs)
            buffer.putCut(" " + AgentText.shown(text, unicode: glyphs.unicode), x: x, y: y, width: inner.maxX - x, role: role, glyphs: glyphs)
        }
    }

    static func describe(_ event: ReviewEvent, glyphs: Glyphs) -> (String, StyleRole) {
        let who = event.actor
        switch event.change {
        case .submitted(let title, _, let files, let added, let removed):
            return ("submitted by \(who): \(title) (\(files) file\(files == 1 ? "" : "s"), +\(added) \(glyphs.minus)\(removed))", .text)
        case .stateChanged(_, let to, let reason):
            return ("\(to.rawValue)" + (reason.map { ": \($0)" } ?? ""), Glyphs.role(of: to))
        case .decided(let verdict, _, let feedback):
            let base = "\(verdict.rawValue) by \(who)"
            return (feedback.map { "\(base): \($0)" } ?? base, verdict.rawValue == "approved" ? .stateApproved : .stateRejected)
        case .checkStarted(let name):
            return ("check \(name) started", .dim)
        case .checkFinished(let name, let status, let summary):
            return ("check \(name) \(status.rawValue)" + (summary.isEmpty ? "" : ": \(summary)"), status == .passed ? .passed : .failed)
        case .applyStarted:
            return ("applying\(glyphs.ellipsis)", .dim)
        case .applied(let files, let recovered):
            return ("applied \(files.count) file\(files.count == 1 ? "" : "s")" + (recovered ? " (recovered after a crash)" : ""), .stateApplied)
        case .applyAbandoned(let reason):
            return ("not applied: \(reason)", .stateProblem)
        case .revertStarted:
            return ("reverting, by \(who)\(glyphs.ellipsis)", .dim)
        case .reverted(let files, let recovered):
            return ("reverted \(files.count) file\(files.count == 1 ? "" : "s")" + (recovered ? " (recovered after a crash)" : ""), .stateRejected)
        case .agentStatus(let agentState, let activity):
            return ("\(who) is \(agentState.rawValue)" + (activity.map { ": \($0)" } ?? ""), .dim)
        case .other(let kind):
            return ("\(kind) by \(who)", .dim)
        }
    }

    /// `14:02:31` in local time.
    static func clock(_ milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
