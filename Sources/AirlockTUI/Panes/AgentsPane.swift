import AirlockCore

/// Each agent: glyph and state word, name, what it is doing, for how long, and how many
/// of its proposals wait for review; under the list, when there is room, the selected
/// agent's channel, plan and output (`AgentDetail`).
enum AgentsPane {
    /// The inner width from which each row shows its agent's channel.
    static let channelColumnFrom = 60

    static func draw(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let agents = state.agents.agents
        let blocked = state.agents.blockedCount
        buffer.box(rect, title: "Agents", right: blocked > 0 ? "\(blocked) blocked" : "\(agents.count)", focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0, inner.width > 0 else { return }
        if agents.isEmpty {
            buffer.putCut(state.loaded.agents ? "No agent has reported yet." : "Reading…", x: inner.x + 1, y: inner.y, width: inner.width - 1, role: .dim, glyphs: glyphs)
            return
        }
        let selected = state.agents.selectedIndex ?? 0
        let listRows = self.listRows(state, height: inner.height)
        let top = Scrolling.top(cursor: selected, count: agents.count, height: listRows)
        let nameWidth = min(12, agents.map { DisplayWidth.of(AgentText.shown($0.name, unicode: glyphs.unicode)) }.max() ?? 0)
        for row in 0..<listRows {
            let index = top + row
            guard index < agents.count else { break }
            drawRow(agents[index], state: state, y: inner.y + row, in: inner, nameWidth: nameWidth, isCursor: focused && index == selected, glyphs: glyphs, into: &buffer)
        }
        if listRows < inner.height, let agent = state.agents.selectedAgent {
            AgentDetail.draw(agent, state: state, pane: rect, top: inner.y + listRows, rows: inner.height - listRows, glyphs: glyphs, into: &buffer)
        }
    }

    /// Rows for the list: all of the pane when the selected agent has no detail to show.
    /// Unfocused, every agent comes first (a blocked one must never scroll out of view)
    /// and the detail gets what is left; focused, the detail gets what it asks for, but
    /// the list keeps at least half the pane (or every agent). One row left is enough
    /// for the detail's rule: the channel and how far the plan is.
    static func listRows(_ state: CockpitState, height: Int) -> Int {
        let count = state.agents.agents.count
        let wanted = AgentDetail.wantedRows(state.agents.selectedAgent, focused: state.focus == .agents, now: state.now)
        guard wanted > 0 else { return height }
        return state.focus == .agents ? min(count, max(height - wanted, min(count, max(1, height / 2)))) : min(count, height)
    }

    private static func drawRow(_ agent: AgentSummary, state: CockpitState, y: Int, in inner: Rect, nameWidth: Int, isCursor: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let stale = state.settings.staleAfter > 0 && state.now - agent.lastHeard > state.settings.staleAfter
        let look = glyphs.agent(agent.state, stale: stale)
        var x = inner.x
        x = buffer.put(look.glyph, x: x + 1, y: y, role: look.role, selected: isCursor)
        x = buffer.putCut(AgentText.shown(agent.name, unicode: glyphs.unicode), x: x + 1, y: y, width: nameWidth, role: .text, selected: isCursor, glyphs: glyphs)
        x = max(x, inner.x + 3 + nameWidth)
        x = buffer.put(look.word, x: x + 1, y: y, role: look.role, selected: isCursor)
        x = max(x, inner.x + 4 + nameWidth + 7)
        // A wide pane has a column for the channel each agent reports through.
        if inner.width >= Self.channelColumnFrom {
            buffer.putCut(AgentText.shown(agent.channel ?? "", unicode: glyphs.unicode), x: x + 1, y: y, width: 8, role: .dim, selected: isCursor, glyphs: glyphs)
            x += 9
        }
        let tail = agent.stateSince.map { " " + Elapsed.short(state.now - $0) } ?? ""
        let tailWidth = DisplayWidth.of(tail)
        var room = inner.maxX - x - 1 - tailWidth
        // What waits for the reviewer comes first; the activity takes what is left.
        if agent.waiting > 0, room > 0 {
            let waiting = "\(agent.waiting) to review"
            x = buffer.putCut(waiting, x: x + 1, y: y, width: room, role: .stateWaiting, selected: isCursor, glyphs: glyphs)
            room = inner.maxX - x - 1 - tailWidth
        }
        if room > 3, let activity = agent.activity, !activity.isEmpty {
            x = buffer.putCut(AgentText.shown(activity, unicode: glyphs.unicode), x: x + 1, y: y, width: room, role: .dim, selected: isCursor, glyphs: glyphs)
        }
        buffer.put(tail, x: inner.maxX - tailWidth, y: y, role: .dim, selected: isCursor)
        if isCursor { buffer.select(row: y, from: inner.x, width: inner.width) }
    }
}
