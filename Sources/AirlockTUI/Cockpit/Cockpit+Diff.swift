import AirlockCore

extension Cockpit {
    static func diffAction(_ state: inout CockpitState, _ action: CockpitAction) -> [Effect] {
        guard var open = state.open else {
            if action == .back { state.focus = .queue }
            return []
        }
        let document = open.document
        let comments = open.comments
        var effects: [Effect] = []
        switch action {
        case .down: open.view.moveCursor(by: 1, in: document, comments: comments)
        case .up: open.view.moveCursor(by: -1, in: document, comments: comments)
        case .pageDown: open.view.pageDown(in: document, comments: comments)
        case .pageUp: open.view.pageUp(in: document, comments: comments)
        case .top: open.view.moveToTop(in: document, comments: comments)
        case .bottom: open.view.moveToBottom(in: document, comments: comments)
        case .nextHunk: open.view.nextHunk(in: document, comments: comments)
        case .previousHunk: open.view.previousHunk(in: document, comments: comments)
        case .nextFile: open.view.nextFile(in: document, comments: comments)
        case .previousFile: open.view.previousFile(in: document, comments: comments)
        case .nextMatch, .previousMatch:
            guard open.view.search != nil else {
                say(&state, "No search yet: / searches the diff.")
                return []
            }
            if action == .nextMatch { open.view.nextMatch(in: document, comments: comments) } else { open.view.previousMatch(in: document, comments: comments) }
        case .sideBySide:
            open.view.setMode(open.view.mode == .unified ? .sideBySide : .unified, in: document, comments: comments)
            say(&state, "Diff: \(open.view.layoutDescription).")
        case .wrap:
            open.view.toggleWrap(in: document, comments: comments)
        case .back:
            state.focus = .queue
        case .toggleHunk, .toggleLine, .toggleFile, .selectAll, .selectNone:
            guard open.proposal.state.isWaiting else {
                say(&state, "#\(open.id) is \(open.proposal.state.rawValue): there is nothing to choose.")
                return []
            }
            if let problem = choose(action, in: &open) {
                say(&state, problem, .failure)
            } else {
                effects.append(.loadGates(open.id, open.selection))
            }
        case .comment:
            guard let target = open.view.cursorTarget(in: document), let anchor = target.comment("") else {
                say(&state, "Put the cursor on a line of the diff to comment on it.")
                return []
            }
            let existing = open.draft.comment(path: anchor.path, line: anchor.line, side: anchor.side)
            state.overlay = .comment(CommentBox(anchor: anchor, field: TextField(existing?.text ?? "")))
        case .search:
            state.overlay = .search(TextField(open.view.search?.query ?? ""))
        case .approve:
            state.open = open
            return Deciding.openApprove(&state)
        case .reject:
            state.open = open
            return Deciding.openReject(&state)
        case .revert:
            state.open = open
            return Deciding.openRevert(&state)
        default:
            break
        }
        state.open = open
        return effects
    }

    /// Changes what is chosen at the cursor; says why not when it cannot.
    private static func choose(_ action: CockpitAction, in open: inout OpenProposal) -> String? {
        switch action {
        case .selectAll:
            open.edit { $0.selectAll() }
            return nil
        case .selectNone:
            open.edit { $0.selectNone() }
            return nil
        default:
            break
        }
        guard let target = open.view.cursorTarget(in: open.document) else { return "Put the cursor on a file, hunk or line." }
        switch (action, target.kind) {
        case (.toggleFile, _), (.toggleHunk, .file):
            open.edit { $0.toggleFile(target.file) }
        case (.toggleHunk, _):
            guard let ref = target.hunkRef else { return nil }
            open.edit { $0.toggleHunk(ref) }
        case (.toggleLine, .line(let kind)) where kind != .context:
            guard let ref = target.hunkRef, let line = target.line else { return nil }
            open.edit { $0.toggleLine(line, in: ref) }
        case (.toggleLine, _):
            return "Put the cursor on an added or removed line to choose it (space chooses a hunk)."
        default:
            break
        }
        return nil
    }

    /// Keeps the diff view's idea of its size equal to the pane it is drawn in.
    static func fitDiff(_ state: inout CockpitState) {
        guard var open = state.open, let rect = Layout(state)?.panes[.diff] else { return }
        let inner = rect.inner.size
        guard open.view.size != inner else { return }
        open.view.resize(to: inner, in: open.document, comments: open.comments)
        state.open = open
    }
}
