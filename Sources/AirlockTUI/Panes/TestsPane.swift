import AirlockCore

/// The open proposal's test checks: each with its state, name and summary (and a plain
/// NOT SANDBOXED when it ran unsandboxed), its failing cases, and while it runs the last
/// lines of its output. Everything the tests printed is agent-controlled: it is escaped.
enum TestsPane {
    static func draw(_ state: CockpitState, in rect: Rect, focused: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let runs = testRuns(state)
        buffer.box(rect, title: "Tests", right: headline(runs), focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0, inner.width > 2 else { return }
        // The output of running checks gets the rows the rest leaves, at least a few.
        let fixed = rows(state, glyphs: glyphs, tailLines: 0).count
        let tailed = max(1, runs.count { wantsTail($0.run, cases: $0.cases) })
        let tail = max(3, inner.height - fixed) / tailed
        let all = rows(state, glyphs: glyphs, tailLines: tail)
        let top = max(0, min(state.testsScroll, all.count - inner.height))
        for (row, line) in all.dropFirst(top).prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + row, width: inner.width - 1, glyphs: glyphs)
        }
    }

    /// The pane's lines, before scrolling; `tailLines` of output per check that shows it.
    static func rows(_ state: CockpitState, glyphs: Glyphs, tailLines: Int = 4) -> [[Segment]] {
        guard state.open != nil else { return [[Segment("No proposal open.", .dim)]] }
        let runs = testRuns(state)
        guard !runs.isEmpty else { return [[Segment("No tests configured: [[tests]] in .airlock/config.toml names them.", .dim)]] }
        var rows: [[Segment]] = []
        for result in runs {
            let run = result.run
            let (glyph, role) = mark(run.status, glyphs)
            var header = [Segment(glyph, role), Segment(" " + run.name), Segment(" " + run.status.rawValue, role)]
            if run.sandboxed == false { header.append(Segment(" NOT SANDBOXED", .warning)) }
            if !run.summary.isEmpty, run.summary != run.status.rawValue { header.append(Segment(", " + run.summary, .dim)) }
            rows.append(header)
            for testCase in result.cases where testCase.status == .failed || testCase.status == .error {
                var line = [Segment("  " + glyphs.failed, .failed), Segment(" " + testCase.name)]
                if let message = testCase.message?.split(separator: "\n", omittingEmptySubsequences: true).first {
                    line.append(Segment(": " + message, .dim))
                }
                rows.append(line)
            }
            if wantsTail(run, cases: result.cases), tailLines > 0 {
                for line in lastLines(of: run.output ?? "", count: tailLines) { rows.append([Segment("  " + line, .dim)]) }
            }
        }
        return rows
    }

    private static func testRuns(_ state: CockpitState) -> [CheckResult] {
        (state.open?.detail.checks ?? []).filter { $0.run.kind == .test }
    }

    /// The output tail shows while a check runs, and after one that failed without
    /// naming a failing case (its output is all there is to read).
    private static func wantsTail(_ run: CheckRun, cases: [TestCase]) -> Bool {
        guard let output = run.output, !output.isEmpty else { return false }
        if run.status == .running { return true }
        let failing = cases.contains { $0.status == .failed || $0.status == .error }
        return (run.status == .failed || run.status == .error || run.status == .timeout) && !failing
    }

    /// The last `count` lines of a command's output (CR LF or LF), without a final empty
    /// one. Read from the end: the output kept may be 64 KiB, and this runs every frame.
    static func lastLines(of output: String, count: Int) -> [String] {
        let bytes = output.utf8
        var end = bytes.endIndex
        if end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "\n") { end = bytes.index(before: end) }
        var lines: [String] = []
        while lines.count < count, end > bytes.startIndex {
            let newline = bytes[..<end].lastIndex(of: UInt8(ascii: "\n"))
            let start = newline.map { bytes.index(after: $0) } ?? bytes.startIndex
            var line = bytes[start..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            lines.append(String(decoding: line, as: UTF8.self))
            guard let newline else { break }
            end = newline
        }
        return lines.reversed()
    }

    static func mark(_ status: CheckRun.Status, _ glyphs: Glyphs) -> (String, StyleRole) {
        switch status {
        case .passed: (glyphs.passed, .passed)
        case .failed: (glyphs.failed, .failed)
        case .error, .timeout: ("!", .error)
        case .queued, .running: (glyphs.ellipsis, .stateWaiting)
        case .skipped: ("-", .dim)
        }
    }

    private static func headline(_ runs: [CheckResult]) -> String {
        guard !runs.isEmpty else { return "" }
        let statuses = runs.map(\.run.status)
        let running = statuses.count(where: \.isPending)
        if running > 0 { return "\(running) running" }
        return "\(statuses.count { $0 == .passed })/\(statuses.count) passed"
    }
}
