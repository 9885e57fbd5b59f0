import AirlockCore

/// Each agent: glyph and state word, name, what it is doing, for how long, and how many
/// of its proposals wait for review.
enum AgentsPane {
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
        let top = Scrolling.top(cursor: selected, count: agents.count, height: inner.height)
        let nameWidth = min(12, agents.map { DisplayWidth.of(VisibleText.escape($0.name)) }.max() ?? 0)
        for row in 0..<inner.height {
            let index = top + row
            guard index < agents.count else { break }
            let agent = agents[index]
            let y = inner.y + row
            let isCursor = focused && index == selected
            let stale = state.settings.staleAfter > 0 && state.now - agent.lastHeard > state.settings.staleAfter
            let look = glyphs.agent(agent.state, stale: stale)
            var x = inner.x
            x = buffer.put(look.glyph, x: x + 1, y: y, role: look.role, selected: isCursor)
            x = buffer.putCut(agent.name, x: x + 1, y: y, width: nameWidth, role: .text, selected: isCursor, glyphs: glyphs)
            x = max(x, inner.x + 3 + nameWidth)
            x = buffer.put(look.word, x: x + 1, y: y, role: look.role, selected: isCursor)
            x = max(x, inner.x + 4 + nameWidth + 7)
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
                x = buffer.putCut(activity, x: x + 1, y: y, width: room, role: .dim, selected: isCursor, glyphs: glyphs)
            }
            buffer.put(tail, x: inner.maxX - tailWidth, y: y, role: .dim, selected: isCursor)
            if isCursor { buffer.select(row: y, from: inner.x, width: inner.width) }
        }
    }
}
