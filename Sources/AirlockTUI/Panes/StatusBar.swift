import AirlockCore

/// The bottom line: the last message, else the focused pane's keys from the keymap.
enum StatusBar {
    static func draw(_ state: CockpitState, in rect: Rect, glyphs: Glyphs, into buffer: inout CellBuffer) {
        buffer.fill(rect, role: .statusBar)
        var x = rect.x
        if let why = state.settings.lookOnly {
            x = buffer.put(state.settings.watching ? " WATCHING " : " LOOK ONLY ", x: x, y: rect.y, role: .warning)
            if state.message == nil, state.overlay == nil {
                x = buffer.putCut(" " + why + " ", x: x, y: rect.y, width: max(0, rect.maxX - x - 30), role: .statusBar, glyphs: glyphs)
            }
        }
        if let message = state.message {
            let role: StyleRole = message.kind == .failure ? .error : message.kind == .success ? .passed : .message
            buffer.putCut(" " + message.text, x: x, y: rect.y, width: rect.maxX - x, role: role, glyphs: glyphs)
            return
        }
        // Checks at work, at the right end when the keys leave room.
        let running = state.runningChecks
        let note = running > 0 ? " checks: running \(running) " : ""
        let end = rect.maxX - DisplayWidth.of(note)
        if !note.isEmpty, end > x + 20 { buffer.put(note, x: end, y: rect.y, role: .statusKey) }
        let keysEnd = note.isEmpty || end <= x + 20 ? rect.maxX : end
        for binding in bindings(state) {
            let label = binding.label(unicode: state.settings.unicode)
            let needed = DisplayWidth.of(label) + DisplayWidth.of(binding.name) + 3
            guard x + needed <= keysEnd else { break }
            x = buffer.put(" \(label)", x: x, y: rect.y, role: .statusKey)
            x = buffer.put(" \(binding.name) ", x: x, y: rect.y, role: .statusBar)
        }
    }

    /// The keys the bar offers now: the overlay's, or the focused pane's without the ones
    /// this reviewer may not use.
    static func bindings(_ state: CockpitState) -> [KeyBinding] {
        if let overlay = state.overlay { return Dialogs.keys(overlay) }
        return Keymap.bar(for: state.focus.keys).filter { !$0.decides || state.settings.lookOnly == nil }
    }
}
