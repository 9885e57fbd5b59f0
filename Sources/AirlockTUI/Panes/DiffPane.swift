import AirlockCore

/// The open proposal: its id, agent, title and state in the border, then the diff pane's
/// own header and rows, with marks for what is chosen once the reviewer chooses parts.
enum DiffPane {
    static func draw(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        guard let open = state.open else {
            buffer.box(rect, title: "Diff", focused: focused, glyphs: glyphs)
            let text = state.loading != nil ? "Reading #\(state.loading ?? 0)…" : state.queue.shown.isEmpty ? "Nothing to show." : "Select a proposal in the queue."
            buffer.putCut(text, x: rect.inner.x + 1, y: rect.inner.y, width: rect.inner.width - 1, role: .dim, glyphs: glyphs)
            return
        }
        let p = open.proposal
        let chosen: String
        switch open.coverage {
        case .whole: chosen = ""
        case .partial: chosen = " \(glyphs.dot) part chosen"
        case .empty: chosen = " \(glyphs.dot) nothing chosen"
        }
        let comments = open.draft.comments.count
        let noted = comments == 0 ? "" : " \(glyphs.dot) \(comments) comment\(comments == 1 ? "" : "s")"
        buffer.box(rect, title: "#\(p.id) \(AgentText.shown(p.agent, unicode: glyphs.unicode)) \(glyphs.dot) \(AgentText.shown(p.title, unicode: glyphs.unicode))", right: p.state.rawValue + chosen + noted, focused: focused, glyphs: glyphs)
        DiffRenderer.render(
            document: open.document, state: open.view, selection: open.selection,
            comments: open.comments, into: &buffer, rect: rect.inner, unicode: state.settings.unicode, focused: focused)
    }
}
