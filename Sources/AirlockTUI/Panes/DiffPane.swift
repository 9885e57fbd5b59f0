import AirlockCore

/// The open proposal: its title and state in the border, then its diff with a column
/// showing what is chosen.
enum DiffPane {
    static func draw(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        guard let open = state.open else {
            buffer.box(rect, title: "Diff", focused: focused, glyphs: glyphs)
            let text = state.loading != nil ? "Reading #\(state.loading ?? 0)…" : "Select a proposal in the queue."
            buffer.putCut(text, x: rect.inner.x + 1, y: rect.inner.y, width: rect.inner.width - 1, role: .dim, glyphs: glyphs)
            return
        }
        let p = open.proposal
        let chosen = open.selection == nil ? "" : " \(glyphs.dot) part chosen"
        buffer.box(rect, title: "#\(p.id) \(VisibleText.escape(p.agent)) \(glyphs.dot) \(VisibleText.escape(p.title))", right: p.state.rawValue + chosen, focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0, inner.width > 4 else { return }
        let rows = open.diff.rows
        let top = Scrolling.top(cursor: open.diff.cursor, count: rows.count, height: inner.height)
        for r in 0..<inner.height {
            let index = top + r
            guard index < rows.count else { break }
            let row = rows[index]
            let y = inner.y + r
            let isCursor = focused && index == open.diff.cursor
            let mark = Choosing.mark(open.selection, file: row.point.file, hunk: row.point.hunk, line: row.point.kind == .context ? nil : row.point.line, patch: open.patch)
            let markText: String
            switch (mark, row.point.kind) {
            case _ where open.selection == nil: markText = " "
            case (_, .context?): markText = " "
            case (.chosen, _): markText = glyphs.marked
            case (.partly, _): markText = "~"
            case (.left, _): markText = " "
            }
            buffer.put(markText, x: inner.x, y: y, role: mark == .left ? .diffNotChosen : .diffChosen, selected: isCursor)
            let numbers = row.point.kind == nil ? "" : String(format4(row.point.oldLine)) + " " + String(format4(row.point.newLine)) + " "
            var x = buffer.put(numbers, x: inner.x + 1, y: y, role: .lineNumber, selected: isCursor)
            x = buffer.putCut(row.text, x: x, y: y, width: inner.maxX - x, role: row.role, selected: isCursor, glyphs: glyphs)
            if isCursor { buffer.select(row: y, from: inner.x, width: inner.width) }
        }
    }

    private static func format4(_ n: Int?) -> String {
        guard let n else { return "    " }
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: " ", count: 4 - s.count) + s
    }
}
