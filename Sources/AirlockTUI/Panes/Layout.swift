/// Where each pane goes for a screen size.
struct Layout: Equatable {
    var panes: [Pane: Rect]
    var statusBar: Rect

    static let minimum = Size(width: 60, height: 16)

    /// The layout the state asks for.
    init?(_ state: CockpitState) {
        // Focused, the pane is as tall as the largest detail, so that moving from agent to
        // agent does not move the panes below.
        let detail = state.focus == .agents
            ? state.agents.agents.map { AgentDetail.wantedRows($0, focused: true, now: state.now) }.max() ?? 0
            : AgentDetail.wantedRows(state.agents.selectedAgent, focused: false, now: state.now)
        self.init(
            state.size, showActivity: state.showActivity, agentRows: state.agents.agents.count + detail, agentsFocused: state.focus == .agents,
            zoomed: state.zoomed ? state.focus : nil)
    }

    /// Nil when the screen is too small to be useful. The agents pane takes the rows it
    /// asks for up to a third of the screen, and up to all but the queue's few when it has
    /// the focus (for the selected agent's plan and output).
    init?(_ size: Size, showActivity: Bool, agentRows: Int, agentsFocused: Bool = false, zoomed: Pane? = nil) {
        guard size.width >= Self.minimum.width, size.height >= Self.minimum.height else { return nil }
        let (w, h) = (size.width, size.height)
        statusBar = Rect(x: 0, y: h - 1, width: w, height: 1)
        if let zoomed {
            panes = [zoomed: Rect(x: 0, y: 0, width: w, height: h - 1)]
            return
        }
        let activity = showActivity ? (h >= 34 ? 8 : 5) : 0
        let body = h - 1 - activity
        let left = w < 100 ? w / 2 : max(40, w / 3)
        let agents = max(3, min(agentRows + 2, agentsFocused ? max(body / 3, body - 6) : body / 3))
        let checks = body >= 30 ? 7 : 3
        panes = [
            .agents: Rect(x: 0, y: 0, width: left, height: agents),
            .queue: Rect(x: 0, y: agents, width: left, height: body - agents),
            .diff: Rect(x: left, y: 0, width: w - left, height: body - checks),
            .tests: Rect(x: left, y: body - checks, width: (w - left) / 2, height: checks),
            .security: Rect(x: left + (w - left) / 2, y: body - checks, width: w - left - (w - left) / 2, height: checks),
        ]
        if activity > 0 { panes[.activity] = Rect(x: 0, y: body, width: w, height: activity) }
    }
}
