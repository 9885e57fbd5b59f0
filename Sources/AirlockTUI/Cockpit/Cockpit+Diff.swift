import AirlockCore

extension Cockpit {
    static func diffAction(_ state: inout CockpitState, _ action: CockpitAction) -> [Effect] {
        guard var open = state.open else {
            if action == .back { state.focus = .queue }
            return []
        }
        var effects: [Effect] = []
        switch action {
        case .down: open.diff.move(by: 1)
        case .up: open.diff.move(by: -1)
        case .pageDown: open.diff.move(by: pageHeight(state))
        case .pageUp: open.diff.move(by: -pageHeight(state))
        case .top: open.diff.moveTo(end: false)
        case .bottom: open.diff.moveTo(end: true)
        case .nextHunk: open.diff.nextHunk(true)
        case .previousHunk: open.diff.nextHunk(false)
        case .nextFile: open.diff.nextFile(true)
        case .previousFile: open.diff.nextFile(false)
        case .back:
            state.focus = .queue
        case .toggleHunk, .toggleLine, .toggleFile, .selectAll, .selectNone:
            guard open.proposal.state.isWaiting else {
                say(&state, "#\(open.id) is \(open.proposal.state.rawValue): there is nothing to choose.")
                return []
            }
            if let problem = Choosing.apply(action, to: &open) {
                say(&state, problem, .failure)
            } else {
                effects.append(.loadGates(open.id, open.selection))
            }
        case .comment:
            guard let point = open.diff.point, let kind = point.kind else {
                say(&state, "Put the cursor on a line of the diff to comment on it.")
                return []
            }
            let side: LineComment.Side = kind == .removed ? .old : .new
            let line = (side == .old ? point.oldLine : point.newLine) ?? 0
            let existing = open.comments.first { $0.path == point.path && $0.line == line && $0.side == side }
            state.overlay = .comment(CommentBox(anchor: LineComment(path: point.path, line: line, side: side, text: ""), field: TextField(existing?.text ?? "")))
        case .search, .nextMatch, .previousMatch:
            if action == .search { state.overlay = .search(TextField()) }
        case .sideBySide, .wrap:
            break
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
}

/// Choosing parts of the open proposal: whole files, hunks and single changed lines.
enum Choosing {
    /// Changes the selection as `action` asks, at the cursor; returns why not, if not.
    static func apply(_ action: CockpitAction, to open: inout OpenProposal) -> String? {
        let patch = open.patch
        var selection = open.selection ?? everything(patch)
        switch action {
        case .selectAll:
            open.selection = nil
            return nil
        case .selectNone:
            open.selection = HunkSelection()
            return nil
        default:
            break
        }
        guard let point = open.diff.point else { return "Put the cursor on a file, hunk or line." }
        let file = point.file
        switch action {
        case .toggleFile:
            toggleFile(file, in: &selection, patch: patch)
        case .toggleHunk:
            guard let hunk = point.hunk else {
                toggleFile(file, in: &selection, patch: patch)
                break
            }
            let ref = HunkSelection.HunkRef(file: file, hunk: hunk)
            if selection.files.contains(file) {
                // Taking one hunk out of a whole file: the file's other hunks stay chosen.
                selection.files.remove(file)
                for h in patch.files[file].hunks.indices where h != hunk { selection.hunks.insert(.init(file: file, hunk: h)) }
            } else if selection.hunks.contains(ref) || selection.lines[ref] != nil {
                selection.hunks.remove(ref)
                selection.lines[ref] = nil
            } else {
                selection.hunks.insert(ref)
            }
        case .toggleLine:
            guard let hunk = point.hunk, let line = point.line, let kind = point.kind, kind != .context else {
                return "Put the cursor on an added or removed line to choose it."
            }
            let ref = HunkSelection.HunkRef(file: file, hunk: hunk)
            let changed = Set(patch.files[file].hunks[hunk].lines.indices.filter { patch.files[file].hunks[hunk].lines[$0].kind != .context })
            var chosen: Set<Int>
            if selection.files.contains(file) {
                selection.files.remove(file)
                for h in patch.files[file].hunks.indices where h != hunk { selection.hunks.insert(.init(file: file, hunk: h)) }
                chosen = changed
            } else if selection.hunks.contains(ref) {
                chosen = changed
            } else {
                chosen = selection.lines[ref] ?? []
            }
            selection.hunks.remove(ref)
            if chosen.remove(line) == nil { chosen.insert(line) }
            if chosen == changed {
                selection.hunks.insert(ref)
                selection.lines[ref] = nil
            } else {
                selection.lines[ref] = chosen.isEmpty ? nil : chosen
            }
        default:
            return nil
        }
        open.selection = selection == everything(patch) ? nil : normalised(selection, patch: patch)
        return nil
    }

    static func everything(_ patch: Patch) -> HunkSelection {
        HunkSelection(files: Set(patch.files.indices))
    }

    private static func toggleFile(_ file: Int, in selection: inout HunkSelection, patch: Patch) {
        let refs = patch.files[file].hunks.indices.map { HunkSelection.HunkRef(file: file, hunk: $0) }
        let anyChosen = selection.files.contains(file) || refs.contains { selection.hunks.contains($0) || selection.lines[$0] != nil }
        selection.files.remove(file)
        for ref in refs {
            selection.hunks.remove(ref)
            selection.lines[ref] = nil
        }
        if !anyChosen { selection.files.insert(file) }
    }

    /// A file whose every hunk is chosen whole is the file chosen whole.
    private static func normalised(_ selection: HunkSelection, patch: Patch) -> HunkSelection {
        var result = selection
        for (f, file) in patch.files.enumerated() where !file.hunks.isEmpty {
            let refs = file.hunks.indices.map { HunkSelection.HunkRef(file: f, hunk: $0) }
            if refs.allSatisfy({ result.hunks.contains($0) }) {
                for ref in refs { result.hunks.remove(ref) }
                result.files.insert(f)
            }
        }
        return result
    }

    /// How a line, hunk or file reads in the selection column.
    enum Mark { case chosen, partly, left }

    static func mark(_ selection: HunkSelection?, file: Int, hunk: Int?, line: Int?, patch: Patch) -> Mark {
        guard let selection else { return .chosen }
        if selection.files.contains(file) { return .chosen }
        guard let hunk else {
            let refs = patch.files[file].hunks.indices.map { HunkSelection.HunkRef(file: file, hunk: $0) }
            let some = refs.contains { selection.hunks.contains($0) || selection.lines[$0] != nil }
            return some ? .partly : .left
        }
        let ref = HunkSelection.HunkRef(file: file, hunk: hunk)
        if selection.hunks.contains(ref) { return .chosen }
        guard let lines = selection.lines[ref] else { return .left }
        guard let line else { return .partly }
        return lines.contains(line) ? .chosen : .left
    }
}
