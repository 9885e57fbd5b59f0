import AirlockCore

/// The review queue: cursor and mark, id, agent, title, `+added −removed`, files, check
/// badges, state and age.
enum QueuePane {
    static func draw(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let queue = state.queue
        var title = "Queue \(glyphs.dot) \(queue.waitingCount) waiting"
        if queue.filter != .waiting { title += " \(glyphs.dot) \(queue.filter.rawValue)" }
        if let agent = queue.agent { title += " \(glyphs.dot) \(agent)" }
        let right = queue.marked.isEmpty ? "" : "\(queue.marked.count) marked"
        buffer.box(rect, title: title, right: right, focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0, inner.width > 4 else { return }
        let rows = queue.shown
        if rows.isEmpty {
            let text = !state.loaded.queue ? "Reading…" : queue.filter == .waiting ? "Nothing waits for review." : "No \(queue.filter.rawValue) proposals."
            buffer.putCut(text, x: inner.x + 1, y: inner.y, width: inner.width - 1, role: .dim, glyphs: glyphs)
            return
        }
        let selected = queue.selectedIndex ?? 0
        let top = Scrolling.top(cursor: selected, count: rows.count, height: inner.height)
        let idWidth = String(rows.last?.id ?? 0).count + 2
        // Measured on the rows in view only: a frame costs the same with 10 or 10,000 queued.
        let visible = rows[top..<min(rows.count, top + inner.height)]
        let agentWidth = min(inner.width >= 60 ? 12 : 8, visible.map { DisplayWidth.of(AgentText.shown($0.agent, unicode: glyphs.unicode)) }.max() ?? 0)
        let wide = inner.width >= 56
        let badges = Dictionary(uniqueKeysWithValues: visible.map { ($0.id, CheckBadge(state.checkBadges[$0.id] ?? []).pieces(glyphs)) })
        // The badges' letters, where a row shows one.
        if rect.width > 30, rect.height > 2, badges.values.contains(where: { !$0.isEmpty }) {
            buffer.put(" T tests \(glyphs.dot) S findings ", x: rect.x + 2, y: rect.maxY - 1, limit: rect.width - 4, role: .dim)
        }
        for row in 0..<inner.height {
            let index = top + row
            guard index < rows.count else { break }
            let p = rows[index]
            let y = inner.y + row
            let isCursor = index == selected
            let highlight = isCursor && (focused || state.focus == .diff)
            var x = inner.x
            buffer.put(isCursor ? glyphs.cursor : " ", x: x, y: y, role: .text, selected: highlight)
            buffer.put(queue.marked.contains(p.id) ? glyphs.marked : " ", x: x + 1, y: y, role: .stateApproved, selected: highlight)
            x += 2
            buffer.put("#\(p.id)", x: x, y: y, role: .dim, selected: highlight)
            x += idWidth
            buffer.putCut(AgentText.shown(p.agent, unicode: glyphs.unicode), x: x, y: y, width: agentWidth, role: .text, selected: highlight, glyphs: glyphs)
            x += agentWidth + 1
            let age = Elapsed.short(state.now - p.updatedAt)
            // Narrow, `ready` (what a waiting queue mostly holds) goes without saying.
            let stateWord = wide || p.state != .ready ? " " + p.state.rawValue : ""
            let stats = "+\(p.addedLines) \(glyphs.minus)\(p.removedLines)" + (wide ? " \(p.fileCount)f" : "")
            let badge = badges[p.id] ?? []
            let badgeText = badge.map { " " + $0.text }.joined()
            let tail = " \(stats)\(badgeText)\(stateWord) \(age)"
            let tailWidth = DisplayWidth.of(tail)
            let room = inner.maxX - x - tailWidth
            if room > 0 { buffer.putCut(AgentText.shown(p.title, unicode: glyphs.unicode), x: x, y: y, width: room, role: .text, selected: highlight, glyphs: glyphs) }
            var t = inner.maxX - tailWidth
            t = buffer.put(" +\(p.addedLines)", x: t, y: y, role: .diffAdded, selected: highlight)
            t = buffer.put(" \(glyphs.minus)\(p.removedLines)", x: t, y: y, role: .diffRemoved, selected: highlight)
            if wide { t = buffer.put(" \(p.fileCount)f", x: t, y: y, role: .dim, selected: highlight) }
            for piece in badge { t = buffer.put(" " + piece.text, x: t, y: y, role: piece.role, selected: highlight) }
            t = buffer.put(stateWord, x: t, y: y, role: Glyphs.role(of: p.state), selected: highlight)
            buffer.put(" \(age)", x: t, y: y, role: .dim, selected: highlight)
            if highlight { buffer.select(row: y, from: inner.x, width: inner.width) }
        }
    }
}
