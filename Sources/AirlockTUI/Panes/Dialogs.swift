import AirlockCore

/// Overlays drawn over the panes: help, the decision dialogs, comment and search boxes.
enum Dialogs {
    static func keys(_ overlay: Overlay) -> [KeyBinding] {
        switch overlay {
        case .help: return [KeyBinding([.character("j"), .character("k")], .down, "scroll", ""), KeyBinding([.escape], .back, "close", "")]
        case .approve(let d):
            if d.typing != nil || d.typingNote { return [KeyBinding([.enter], .open, "done", ""), KeyBinding([.escape], .back, d.typingNote ? "done" : "cancel", "")] }
            return [KeyBinding([.character("y"), .enter], .approve, "approve", ""), KeyBinding([.character("n"), .escape], .back, "cancel", ""),
                    KeyBinding([.character("e")], .comment, "note", ""), KeyBinding([.character("o")], .approve, "override reasons", "")]
        case .reject:
            return [KeyBinding([.control("s")], .reject, "send", ""), KeyBinding([.enter], .down, "new line", ""),
                    KeyBinding([.control("e")], .comment, "$EDITOR", ""), KeyBinding([.escape], .back, "cancel", "")]
        case .comment, .search:
            return [KeyBinding([.enter], .open, "done", ""), KeyBinding([.escape], .back, "cancel", "")]
        case .revert:
            return [KeyBinding([.character("y")], .revert, "revert", ""), KeyBinding([.character("n"), .escape], .back, "cancel", "")]
        }
    }

    static func draw(_ overlay: Overlay, state: CockpitState, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let size = state.size
        let width = min(size.width - 4, 84)
        switch overlay {
        case .help(let scroll):
            let lines = HelpText.lines(lookOnly: state.settings.lookOnly, unicode: state.settings.unicode)
                .flatMap { line, role in VisibleTextCut.wrap(line, width: width - 4).enumerated().map { ($0.offset == 0 ? $0.element : String(repeating: " ", count: 18) + $0.element, role) } }
            let height = min(size.height - 2, lines.count + 2)
            let rect = Rect(x: (size.width - width) / 2, y: (size.height - height) / 2, width: width, height: height)
            let shown = max(0, min(scroll, lines.count - (height - 2)))
            panel(rect, title: "Keys (? or Esc closes)", lines: Array(lines.dropFirst(shown)), glyphs: glyphs, into: &buffer)
        case .approve(let dialog):
            let lines = ApproveText.lines(dialog, unicode: state.settings.unicode, width: width - 4)
            let title = dialog.items.count == 1 ? "Approve #\(dialog.items[0].id)" : "Approve \(dialog.items.count) proposals"
            centered(title: title, lines: lines, width: width, size: size, glyphs: glyphs, into: &buffer)
        case .reject(let dialog):
            var lines: [(String, StyleRole)] = []
            for id in dialog.ids {
                lines.append(("#\(id) \(dialog.titles[id] ?? "")", .text))
            }
            if !dialog.comments.isEmpty { lines.append(("With \(dialog.comments.count) line comment\(dialog.comments.count == 1 ? "" : "s").", .comment)) }
            lines.append(("Feedback for the agent (Ctrl-S sends, Enter starts a new line, Ctrl-E opens $EDITOR):", .dim))
            for line in VisibleTextCut.wrap(dialog.feedback.text + "_", width: width - 6) { lines.append(("  " + line, .dialog)) }
            centered(title: dialog.ids.count == 1 ? "Reject #\(dialog.ids[0])" : "Reject \(dialog.ids.count) proposals", lines: lines, width: width, size: size, glyphs: glyphs, into: &buffer)
        case .comment(let box):
            let where_ = "\(box.anchor.path):\(box.anchor.side == .old ? "-" : "")\(box.anchor.line)"
            centered(title: "Comment on \(where_)", lines: [("Enter keeps it (empty removes it), Esc cancels.", .dim), ("> " + box.field.text + "_", .dialog)], width: width, size: size, glyphs: glyphs, into: &buffer)
        case .search(let field):
            let y = size.height - 1
            buffer.fill(Rect(x: 0, y: y, width: size.width, height: 1), role: .statusBar)
            buffer.put("/" + field.text + "_", x: 0, y: y, role: .statusBar)
        case .revert(let dialog):
            var lines: [(String, StyleRole)] = [("\(dialog.title)", .text)]
            if let problem = dialog.problem {
                lines.append(("Cannot revert: \(problem)", .error))
            } else if let preview = dialog.preview {
                lines.append(("Undoes what was applied: \(preview.files.count) file\(preview.files.count == 1 ? "" : "s"), +\(preview.added) \(glyphs.minus)\(preview.removed)", .text))
                for file in preview.files.prefix(8) { lines.append(("  " + file, .text)) }
                lines.append(("The reverse patch:", .text))
                lines.append(("sha256:\(preview.digest)", .badge))
                lines.append(("y reverts it now, n or Esc cancels.", .dim))
            } else {
                lines.append(("Reading the reverse patch…", .dim))
            }
            centered(title: "Revert #\(dialog.id)", lines: lines, width: width, size: size, glyphs: glyphs, into: &buffer)
        }
    }

    /// Whether the approve dialog shows every line it has at this size: a person may only
    /// confirm what they could read.
    static func approveFits(_ dialog: ApproveDialog, state: CockpitState) -> Bool {
        let width = min(state.size.width - 4, 84)
        let lines = ApproveText.lines(dialog, unicode: state.settings.unicode, width: width - 4)
        let wrapped = lines.reduce(0) { $0 + VisibleTextCut.wrap($1.0, width: width - 4).count }
        return wrapped + 2 <= state.size.height - 2
    }

    private static func centered(title: String, lines: [(String, StyleRole)], width: Int, size: Size, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let wrapped = lines.flatMap { line, role in VisibleTextCut.wrap(line, width: width - 4).map { ($0, role) } }
        let height = min(size.height - 2, wrapped.count + 2)
        let rect = Rect(x: (size.width - width) / 2, y: max(0, (size.height - height) / 2), width: width, height: height)
        panel(rect, title: title, lines: wrapped, glyphs: glyphs, into: &buffer)
    }

    static func panel(_ rect: Rect, title: String, lines: [(String, StyleRole)], glyphs: Glyphs, into buffer: inout CellBuffer) {
        buffer.fill(rect, role: .dialog)
        buffer.box(rect, title: title, focused: true, glyphs: glyphs)
        let inner = rect.inner
        for (row, line) in lines.prefix(inner.height).enumerated() {
            buffer.putCut(line.0, x: inner.x + 1, y: inner.y + row, width: inner.width - 2, role: line.1, glyphs: glyphs)
        }
    }
}

/// What the approve dialog says: for each proposal, exactly what is approved and its
/// digest, its checks and gates; then the note and the keys.
enum ApproveText {
    static func lines(_ dialog: ApproveDialog, unicode: Bool, width: Int) -> [(String, StyleRole)] {
        let g = Glyphs.of(unicode)
        var lines: [(String, StyleRole)] = []
        for item in dialog.items {
            if dialog.items.count > 1 { lines.append(("#\(item.id) \(VisibleText.escape(item.agent))", .titleFocused)) }
            lines.append((item.title, .text))
            let part = item.selection == nil ? "the whole proposal" : "the chosen part only"
            lines.append(("\(part): \(item.files.count) file\(item.files.count == 1 ? "" : "s"), +\(item.added) \(g.minus)\(item.removed)", .text))
            if !item.files.isEmpty { lines.append(("  " + item.files.prefix(6).map { VisibleText.escape($0) }.joined(separator: ", ") + (item.files.count > 6 ? ", \(g.ellipsis)" : ""), .dim)) }
            lines.append((item.digest.isEmpty ? "digest: reading…" : "sha256:\(item.digest)", .badge))
            if let problem = item.problem { lines.append(("cannot approve: \(problem)", .error)) }
            if !item.comments.isEmpty { lines.append(("\(item.comments.count) line comment\(item.comments.count == 1 ? "" : "s") go to the agent", .comment)) }
            lines.append(checksLine(item.checks, g))
            if let gates = item.gates {
                for gate in gates {
                    let reason = dialog.reasons[item.id]?[gate.gate]
                    let mark = gate.passed ? g.passed : g.failed
                    var text = "\(mark) gate \(gate.gate): \(gate.detail)"
                    if !gate.passed { text += reason.map { " — override: \($0)" } ?? " — needs a reason to override" }
                    lines.append((text, gate.passed ? .passed : reason == nil ? .failed : .warning))
                }
            } else {
                lines.append(("gates: reading…", .dim))
            }
            lines.append(("", .text))
        }
        if let typing = dialog.typing {
            lines.append(("Why may the \(typing.gate) gate be overridden for #\(typing.id)? (Enter keeps it, Esc cancels)", .warning))
            lines.append(("> " + dialog.field.text + "_", .dialog))
        } else if dialog.typingNote {
            lines.append(("Note for the agent (Enter keeps it):", .dim))
            lines.append(("> " + dialog.note.text + "_", .dialog))
        } else {
            if !dialog.note.text.isEmpty { lines.append(("note: " + dialog.note.text, .comment)) }
            if dialog.gatesKnown, dialog.items.allSatisfy({ !$0.digest.isEmpty }) {
                lines.append(("y or Enter approves and applies; n or Esc cancels; e adds a note" + (dialog.failingGates.isEmpty ? "." : "; o types override reasons."), .dim))
            } else {
                // Nothing to confirm until everything it would confirm is on screen.
                lines.append(("Reading the gates… n or Esc cancels.", .dim))
            }
        }
        return lines
    }

    /// `checks: ✓ applies passed, ✗ unit failed NOT SANDBOXED, ✓ security lint passed`.
    private static func checksLine(_ checks: [CheckRun], _ g: Glyphs) -> (String, StyleRole) {
        guard !checks.isEmpty else { return ("checks: none recorded", .dim) }
        let parts = checks.map { run in
            "\(TestsPane.mark(run.status, g).0) \(VisibleText.escape(run.name)) \(run.status.rawValue)" + (run.sandboxed == false ? " NOT SANDBOXED" : "")
        }
        let troubled = checks.contains { $0.status != .passed }
        return ("checks: " + parts.joined(separator: ", "), troubled ? .warning : .passed)
    }
}

/// The help overlay: every key of every pane, from the keymap.
enum HelpText {
    static func lines(lookOnly: String?, unicode: Bool) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        if let lookOnly { lines.append(("Look only: \(lookOnly). Keys that decide are disabled.", .warning)) }
        for context in KeyContext.allCases {
            guard let table = Keymap.tables[context], !table.isEmpty else { continue }
            lines.append((context.title, .titleFocused))
            for binding in table {
                let label = binding.label(unicode: unicode)
                let pad = String(repeating: " ", count: max(1, 16 - DisplayWidth.of(label)))
                let disabled = binding.decides && lookOnly != nil
                lines.append(("  \(label)\(pad)\(binding.help)\(disabled ? " (disabled)" : "")", disabled ? .dim : .help))
            }
        }
        return lines
    }
}
