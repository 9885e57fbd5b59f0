import AirlockCore

/// Tests and Security. Airlock does not run a proposal's tests or its security lint yet:
/// the panes say so rather than show an empty green.
enum ChecksPanes {
    static func drawTests(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let checks = (state.open?.detail.checks ?? []).map(\.run)
        let passed = checks.filter { $0.status == .passed }.count
        buffer.box(rect, title: "Tests", right: checks.isEmpty ? "" : "\(passed)/\(checks.count) passed", focused: focused, glyphs: glyphs)
        let inner = rect.inner
        var y = inner.y
        for check in checks where y < inner.maxY {
            let ok = check.status == .passed
            var x = buffer.put(ok ? glyphs.passed : glyphs.failed, x: inner.x + 1, y: y, role: ok ? .passed : .failed)
            x = buffer.put(" \(check.name): \(check.status.rawValue)", x: x, y: y, limit: inner.maxX - x, role: ok ? .passed : .failed)
            if !check.summary.isEmpty { buffer.putCut(", " + check.summary, x: x, y: y, width: inner.maxX - x, role: .dim, glyphs: glyphs) }
            y += 1
        }
        for line in VisibleTextCut.wrap("No test runs: this version of Airlock runs no tests.", width: inner.width - 2) where y < inner.maxY {
            buffer.put(line, x: inner.x + 1, y: y, role: .dim)
            y += 1
        }
    }

    static func drawSecurity(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        buffer.box(rect, title: "Security", focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0 else { return }
        for (row, line) in VisibleTextCut.wrap("No security lint: this version of Airlock does not lint proposals.", width: inner.width - 2).prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + row, role: .dim)
        }
    }
}
