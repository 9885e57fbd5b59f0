import AirlockCore

/// Draws the whole screen from the state: panes, status bar, and the overlay on top.
public enum CockpitRenderer {
    public static func render(_ state: CockpitState) -> CellBuffer {
        var buffer = CellBuffer(width: state.size.width, height: state.size.height)
        let glyphs = Glyphs.of(state.settings.unicode)
        guard let layout = Layout(state) else {
            tooSmall(&buffer, state.size)
            return buffer
        }
        for (pane, rect) in layout.panes {
            let focused = state.focus == pane && state.overlay == nil
            switch pane {
            case .agents: AgentsPane.draw(state, in: rect, focused: focused, glyphs: glyphs, into: &buffer)
            case .queue: QueuePane.draw(state, in: rect, focused: focused, glyphs: glyphs, into: &buffer)
            case .diff: DiffPane.draw(state, in: rect, focused: focused, glyphs: glyphs, into: &buffer)
            case .tests: TestsPane.draw(state, in: rect, focused: focused, glyphs: glyphs, into: &buffer)
            case .security: SecurityPane.draw(state, in: rect, focused: focused, glyphs: glyphs, into: &buffer)
            case .activity: ActivityPane.draw(state, in: rect, focused: focused, glyphs: glyphs, into: &buffer)
            }
        }
        StatusBar.draw(state, in: layout.statusBar, glyphs: glyphs, into: &buffer)
        if let overlay = state.overlay {
            Dialogs.draw(overlay, state: state, glyphs: glyphs, into: &buffer)
        }
        return buffer
    }

    private static func tooSmall(_ buffer: inout CellBuffer, _ size: Size) {
        let lines = ["terminal too small", "\(size.width)x\(size.height); needs \(Layout.minimum.width)x\(Layout.minimum.height)", "q quits"]
        for (i, line) in lines.enumerated() {
            let y = size.height / 2 - 1 + i
            buffer.put(line, x: max(0, (size.width - line.count) / 2), y: y, role: i == 0 ? .error : .text)
        }
    }
}
