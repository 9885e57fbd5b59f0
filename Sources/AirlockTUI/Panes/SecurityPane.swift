import AirlockCore

/// The open proposal's findings, most severe first: `severity rule path:line message`,
/// suppressed ones marked with why. A cursor picks one; Enter shows its line in the diff.
enum SecurityPane {
    static func draw(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let findings = SecurityFindings.ordered(state.open?.detail)
        let runs = SecurityFindings.runs(state.open?.detail)
        buffer.box(rect, title: "Security", right: headline(findings, runs), focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0, inner.width > 2 else { return }
        var y = inner.y
        func line(_ segments: [Segment]) {
            guard y < inner.maxY else { return }
            buffer.put(segments, x: inner.x + 1, y: y, width: inner.width - 1, glyphs: glyphs)
            y += 1
        }
        guard state.open != nil else { return line([Segment("No proposal open.", .dim)]) }
        guard !runs.isEmpty else { return line([Segment("No security check ran on this proposal ([checks] lint = false?).", .dim)]) }
        // Checks without a verdict first: their findings are unknown, and the gate says so.
        for run in runs where run.status.isPending || run.status == .error || run.status == .timeout || run.status == .skipped {
            let (glyph, role) = TestsPane.mark(run.status, glyphs)
            var segments = [Segment(glyph, role), Segment(" " + run.name), Segment(" " + run.status.rawValue, role)]
            if run.sandboxed == false { segments.append(Segment(" NOT SANDBOXED", .warning)) }
            if !run.summary.isEmpty, run.summary != run.status.rawValue { segments.append(Segment(", " + run.summary, .dim)) }
            line(segments)
        }
        if findings.isEmpty {
            if runs.allSatisfy({ !$0.status.isPending }) { line([Segment("No findings.", .passed)]) }
            return
        }
        let height = inner.maxY - y
        guard height > 0 else { return }
        let cursor = max(0, min(state.findingCursor, findings.count - 1))
        let top = Scrolling.top(cursor: cursor, count: findings.count, height: height)
        let severityWidth = findings.map { $0.severity.rawValue.count }.max() ?? 0
        for index in top..<min(findings.count, top + height) {
            let isCursor = index == cursor
            let highlight = isCursor && focused
            buffer.put(isCursor ? glyphs.cursor : " ", x: inner.x, y: y, role: .text, selected: highlight)
            buffer.put(row(findings[index], severityWidth: severityWidth), x: inner.x + 1, y: y, width: inner.width - 1, selected: highlight, glyphs: glyphs)
            if highlight { buffer.select(row: y, from: inner.x, width: inner.width) }
            y += 1
        }
    }

    /// `high   aws-access-key-id config/release.conf:5 suppressed (why) message`: the
    /// suppression before the message, so a narrow pane cuts the message, not the mark.
    static func row(_ finding: LintFinding, severityWidth: Int) -> [Segment] {
        let counted = finding.suppressed == nil
        let severity = finding.severity.rawValue.padding(toLength: max(severityWidth, finding.severity.rawValue.count), withPad: " ", startingAt: 0)
        var segments = [
            Segment(severity, counted ? SeverityStyle.role(finding.severity) : .dim),
            Segment(" " + finding.rule, counted ? .text : .dim),
            Segment(" " + finding.path + (finding.line > 0 ? ":\(finding.line)" : " (whole file)"), .dim),
        ]
        if let why = finding.suppressed { segments.append(Segment(" suppressed (\(why))", .warning)) }
        segments.append(Segment(" " + finding.message, counted ? .text : .dim))
        return segments
    }

    private static func headline(_ findings: [LintFinding], _ runs: [CheckRun]) -> String {
        let counted = findings.filter { $0.suppressed == nil }
        if let worst = counted.map(\.severity).max() {
            return "\(counted.count { $0.severity == worst }) \(worst.rawValue)" + (counted.count > 1 ? " of \(counted.count)" : "")
        }
        if runs.contains(where: \.status.isPending) { return "running" }
        return ""
    }
}
