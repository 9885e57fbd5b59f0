import AirlockCore

extension Cockpit {
    static func overlayKey(_ state: inout CockpitState, _ key: Key) -> [Effect] {
        switch state.overlay {
        case .help(let scroll)?:
            switch key {
            case .escape, .character("?"), .character("q"), .enter, .function(1): state.overlay = nil
            case .character("j"), .down: state.overlay = .help(scroll: scroll + 1)
            case .character("k"), .up: state.overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown, .control("d"), .character(" "): state.overlay = .help(scroll: scroll + pageHeight(state))
            case .pageUp, .control("u"): state.overlay = .help(scroll: max(0, scroll - pageHeight(state)))
            default: break
            }
            return []
        case .search(var field)?:
            switch field.handle(key) {
            case .submitted:
                state.overlay = nil
                if var open = state.open {
                    open.view.search(field.text, in: open.document, comments: open.comments)
                    state.open = open
                }
                if field.text.isEmpty { say(&state, "Search cleared.") }
            case .cancelled:
                state.overlay = nil
            default:
                state.overlay = .search(field)
            }
            return []
        case .comment(var box)?:
            switch box.field.handle(key) {
            case .submitted:
                state.overlay = nil
                guard var open = state.open else { return [] }
                let anchor = box.anchor
                let text = box.field.trimmed
                open.edit { $0.setComment(LineComment(path: anchor.path, line: anchor.line, side: anchor.side, text: text)) }
                state.open = open
                say(&state, text.isEmpty ? "Comment removed." : "Comment kept: it goes to the agent with your decision.")
            case .cancelled:
                state.overlay = nil
            default:
                state.overlay = .comment(box)
            }
            return []
        case .reject(let dialog)?:
            return rejectKey(&state, dialog, key)
        case .approve(let dialog)?:
            return approveKey(&state, dialog, key)
        case .revert(let dialog)?:
            switch key {
            case .character("y"), .character("Y"), .enter:
                guard let preview = dialog.preview, dialog.problem == nil else { return [] }
                state.overlay = nil
                say(&state, "Reverting #\(dialog.id)…")
                return [.revert(dialog.id, digest: preview.digest)]
            case .character("n"), .character("N"), .escape, .character("q"):
                state.overlay = nil
                say(&state, "Not reverted.")
            default:
                break
            }
            return []
        case nil:
            return []
        }
    }

    private static func rejectKey(_ state: inout CockpitState, _ dialog: RejectDialog, _ key: Key) -> [Effect] {
        var dialog = dialog
        if key == .control("e") {
            state.overlay = .reject(dialog)
            return [.editFeedback(dialog.feedback.text)]
        }
        switch dialog.feedback.handle(key) {
        case .cancelled:
            state.overlay = nil
            say(&state, "Not rejected.")
            return []
        case .submitted:
            let text = dialog.feedback.trimmed
            guard !text.isEmpty else {
                state.overlay = .reject(dialog)
                say(&state, "Write what the agent should change: the feedback may not be empty.", .failure)
                return []
            }
            let missing = dialog.ids.filter { dialog.digests[$0] == nil }
            guard missing.isEmpty else {
                state.overlay = .reject(dialog)
                say(&state, "Still reading #\(missing[0]); try again in a moment.")
                return []
            }
            state.overlay = nil
            say(&state, "Rejecting \(dialog.ids.map { "#\($0)" }.joined(separator: ", "))…")
            return dialog.ids.compactMap { id in
                dialog.digests[id].map { .reject(Rejection(id: id, shownDigest: $0, feedback: text, comments: dialog.ids.count == 1 ? dialog.comments : [])) }
            }
        default:
            state.overlay = .reject(dialog)
            return []
        }
    }

    private static func approveKey(_ state: inout CockpitState, _ dialog: ApproveDialog, _ key: Key) -> [Effect] {
        var dialog = dialog
        if let typing = dialog.typing {
            switch dialog.field.handle(key) {
            case .submitted:
                let reason = dialog.field.trimmed
                guard !reason.isEmpty else {
                    say(&state, "Type why the \(typing.gate) gate may be overridden, or Esc to cancel.", .failure)
                    break
                }
                dialog.reasons[typing.id, default: [:]][typing.gate] = reason
                dialog.field = TextField()
                dialog.typing = dialog.nextUnreasoned
            case .cancelled:
                state.overlay = nil
                say(&state, "Not approved.")
                return []
            default:
                break
            }
            state.overlay = .approve(dialog)
            return []
        }
        if dialog.typingNote {
            switch dialog.note.handle(key) {
            case .submitted, .cancelled: dialog.typingNote = false
            default: break
            }
            state.overlay = .approve(dialog)
            return []
        }
        switch key {
        case .character("e"):
            dialog.typingNote = true
        case .character("o"):
            dialog.typing = dialog.nextUnreasoned
            if dialog.typing == nil { say(&state, "No failing gate needs a reason.") }
        case .character("n"), .character("N"), .escape, .character("q"):
            state.overlay = nil
            say(&state, "Not approved.")
            return []
        case .character("y"), .character("Y"), .enter:
            if let item = dialog.items.first(where: { $0.problem != nil }), let problem = item.problem {
                say(&state, "#\(item.id) cannot be approved: \(problem).", .failure)
                break
            }
            guard dialog.gatesKnown, dialog.items.allSatisfy({ !$0.digest.isEmpty }) else {
                say(&state, "Still reading the gates; try again in a moment.")
                break
            }
            guard Dialogs.approveFits(dialog, state: state) else {
                say(&state, "Not all of this dialog fits on the screen: make the terminal taller, or decide fewer proposals at once.", .failure)
                break
            }
            if let missing = dialog.nextUnreasoned {
                dialog.typing = missing
                say(&state, "The \(missing.gate) gate fails for #\(missing.id): type a reason to override it.", .failure)
                break
            }
            state.overlay = nil
            let note = dialog.note.trimmed
            say(&state, "Approving \(dialog.items.map { "#\($0.id)" }.joined(separator: ", "))…")
            return dialog.items.map { item in
                let overrides = (item.gates ?? []).filter { !$0.passed }.map { gate in
                    GateOverride(gate: gate.gate, reason: dialog.reasons[item.id]?[gate.gate] ?? "")
                }
                return .approve(Approval(
                    id: item.id, shownDigest: item.digest, selection: item.selection, overrides: overrides,
                    note: note.isEmpty ? nil : note, comments: item.comments))
            }
        default:
            break
        }
        state.overlay = .approve(dialog)
        return []
    }
}
