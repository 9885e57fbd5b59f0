import AirlockCore

/// The selected agent's detail under the agents list: a rule with its name, channel and
/// progress, its plan as reported, and the last lines of its output.
enum AgentDetail {
    /// Output lines a detail asks the layout for, at most.
    static let outputRows = 8
    /// How long output counts as live after it last changed (milliseconds).
    static let liveFor: Int64 = 5_000

    /// The rows the detail would like: none for an agent with neither plan nor output
    /// unless the pane has the focus or its output is about to move (then its rule, with
    /// the channel).
    static func wantedRows(_ agent: AgentSummary?, focused: Bool, now: Int64) -> Int {
        guard let agent else { return 0 }
        let output = agent.output.map { OutputTail.lineCount($0, upTo: outputRows) } ?? 0
        guard focused || !agent.plan.isEmpty || output > 0 || isLive(agent, now: now) else { return 0 }
        return 1 + agent.plan.count + output
    }

    /// Whether its output moves: it changed in the last few seconds, or a worktree runner
    /// runs it and it works.
    static func isLive(_ agent: AgentSummary, now: Int64) -> Bool {
        if let at = agent.outputAt, now - at < liveFor { return true }
        return agent.state == .working && agent.channel == "worktree"
    }

    static func draw(_ agent: AgentSummary, state: CockpitState, pane: Rect, top: Int, rows: Int, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let inner = pane.inner
        guard rows >= 1, inner.width > 2 else { return }
        rule(agent, state: state, pane: pane, y: top, glyphs: glyphs, into: &buffer)
        let room = rows - 1
        let width = inner.width - 1
        let output = agent.output.map { OutputTail.lines($0, last: room, unicode: glyphs.unicode).map { AgentText.clipped($0, columns: width, ellipsis: glyphs.ellipsis) } } ?? []
        let planRows: Int
        if agent.plan.count + output.count <= room || output.isEmpty {
            planRows = min(agent.plan.count, room)
        } else {
            planRows = min(agent.plan.count, max(room / 2, room - output.count))
        }
        for (row, line) in planLines(agent.plan, rows: planRows, columns: width, glyphs: glyphs).enumerated() {
            buffer.put(line, x: inner.x + 1, y: top + 1 + row, width: width, glyphs: glyphs)
        }
        let outputRows = room - planRows
        let prompt = glyphs.unicode ? "› " : "> "
        for (row, line) in output.suffix(outputRows).enumerated() {
            buffer.put([Segment(prompt, .dim), Segment(line)], x: inner.x + 1, y: top + 1 + planRows + row, width: width, glyphs: glyphs)
        }
    }

    /// `├ coder-1 via mcp · plan 2/5 · output 3s ago ──┤` across the pane; the parts after
    /// the name that do not fit are left out whole.
    private static func rule(_ agent: AgentSummary, state: CockpitState, pane: Rect, y: Int, glyphs: Glyphs, into buffer: inout CellBuffer) {
        for x in pane.x..<pane.maxX { buffer[x, y] = CellBuffer.Cell(glyphs.horizontal, role: .border) }
        buffer[pane.x, y] = CellBuffer.Cell(glyphs.teeLeft, role: .border)
        buffer[pane.maxX - 1, y] = CellBuffer.Cell(glyphs.teeRight, role: .border)
        let room = pane.width - 4
        var title = " " + AgentText.shown(agent.name, unicode: glyphs.unicode)
        var parts: [String] = []
        if let channel = agent.channel { parts.append(" via " + AgentText.shown(channel, unicode: glyphs.unicode)) }
        let separator = glyphs.unicode ? " · " : ", "
        if !agent.plan.isEmpty { parts.append(separator + "plan \(agent.plan.count { $0.status == .completed })/\(agent.plan.count)") }
        if let at = agent.outputAt { parts.append(separator + "output \(Elapsed.short(state.now - at)) ago") }
        for part in parts {
            guard DisplayWidth.of(title + part) <= room - 1 else { break }
            title += part
        }
        let end = buffer.putCut(title, x: pane.x + 1, y: y, width: room, role: .title, glyphs: glyphs)
        buffer.put(" ", x: end, y: y, limit: 1, role: .title)
    }

    /// The plan in `rows` lines: all of it when it fits, else a window around the item in
    /// progress (or the first to do) with what is left out counted at its ends.
    static func planLines(_ plan: [PlanItem], rows: Int, columns: Int = .max - 1, glyphs: Glyphs) -> [[Segment]] {
        guard rows > 0, !plan.isEmpty else { return [] }
        guard plan.count > rows else { return plan.map { item($0, columns: columns, glyphs: glyphs) } }
        let focus = plan.firstIndex { $0.status == .inProgress } ?? plan.firstIndex { $0.status == .pending } ?? plan.count - 1
        // One item done before the focus, for context, when there is room for it.
        let start = max(0, min(focus - (rows >= 3 ? 1 : 0), plan.count - rows))
        var lines = plan[start..<(start + rows)].map { item($0, columns: columns, glyphs: glyphs) }
        let above = start
        let below = plan.count - start - rows
        if above > 0, rows >= 2, focus != start {
            lines[0] = [Segment("\(glyphs.ellipsis) \(above + 1) more above", .dim)]
        }
        if below > 0, rows >= 2, focus != start + rows - 1 {
            lines[rows - 1] = [Segment("\(glyphs.ellipsis) \(below + 1) more", .dim)]
        }
        return lines
    }

    private static func item(_ item: PlanItem, columns: Int, glyphs: Glyphs) -> [Segment] {
        let text = AgentText.clipped(AgentText.shown(item.text, unicode: glyphs.unicode), columns: columns, ellipsis: glyphs.ellipsis)
        switch item.status {
        case .completed: return [Segment(glyphs.unicode ? "✓ " : "[x] ", .passed), Segment(text, .dim)]
        case .inProgress: return [Segment(glyphs.unicode ? "▸ " : "[~] ", .agentWorking), Segment(text, .text)]
        case .pending: return [Segment(glyphs.unicode ? "○ " : "[ ] ", .dim), Segment(text, .text)]
        }
    }
}
