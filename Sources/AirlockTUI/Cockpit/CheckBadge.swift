import AirlockCore

/// What the queue shows of one proposal's checks: its tests at a glance, and its findings
/// by count and highest severity. Read from the current runs alone (the queue has no
/// findings, only each run's summary).
struct CheckBadge: Equatable {
    enum Verdict: Equatable {
        case passed, failed, pending
        /// An error or a timeout: no verdict.
        case trouble
        case skipped
    }

    enum Findings: Equatable {
        case clean
        case found(count: Int, worst: LintSeverity)
        case pending
        case trouble
    }

    /// Nil when no test is configured.
    var tests: Verdict?
    /// Nil when no lint ran.
    var findings: Findings?

    init(_ runs: [CheckRun]) {
        let tests = runs.filter { $0.kind == .test }
        if !tests.isEmpty { self.tests = Self.verdict(of: tests.map(\.status)) }
        let linters = runs.filter { $0.kind == .lint || $0.kind == .external }
        guard !linters.isEmpty else { return }
        var counts: [LintSeverity: Int] = [:]
        for run in linters where run.status == .passed || run.status == .failed {
            counts.merge(FindingCounts.read(run.summary)) { $0 + $1 }
        }
        if let worst = counts.keys.max() {
            findings = .found(count: counts.values.reduce(0, +), worst: worst)
        } else if linters.contains(where: { $0.status.isPending }) {
            findings = .pending
        } else if linters.contains(where: { $0.status == .error || $0.status == .timeout }) {
            findings = .trouble
        } else {
            findings = .clean
        }
    }

    /// A failure counts most: the gate fails whatever the others do.
    private static func verdict(of statuses: [CheckRun.Status]) -> Verdict {
        if statuses.contains(.failed) { return .failed }
        if statuses.contains(where: { $0 == .error || $0 == .timeout }) { return .trouble }
        if statuses.contains(where: \.isPending) { return .pending }
        if statuses.allSatisfy({ $0 == .skipped }) { return .skipped }
        return .passed
    }

    var isEmpty: Bool { tests == nil && findings == nil }

    /// The badge as pieces of text with their roles: `T✓`, `S2H` (two findings, the worst
    /// high). A letter stands beside every glyph, so nothing depends on one symbol.
    func pieces(_ glyphs: Glyphs) -> [(text: String, role: StyleRole)] {
        var out: [(String, StyleRole)] = []
        if let tests {
            switch tests {
            case .passed: out.append(("T" + glyphs.passed, .passed))
            case .failed: out.append(("T" + glyphs.failed, .failed))
            case .pending: out.append(("T" + glyphs.ellipsis, .stateWaiting))
            case .trouble: out.append(("T!", .error))
            case .skipped: out.append(("T-", .dim))
            }
        }
        if let findings {
            switch findings {
            case .clean: out.append(("S" + glyphs.passed, .passed))
            case .found(let count, let worst): out.append(("S\(count)\(worst.rawValue.prefix(1).uppercased())", SeverityStyle.role(worst)))
            case .pending: out.append(("S" + glyphs.ellipsis, .stateWaiting))
            case .trouble: out.append(("S!", .error))
            }
        }
        return out
    }
}

/// Counts of findings that count (not suppressed) by severity, read back from a lint
/// run's summary as `LintSummary.line` writes it: `3 findings: 1 high, 2 low (1 suppressed)`.
enum FindingCounts {
    static func read(_ summary: String) -> [LintSeverity: Int] {
        guard let colon = summary.range(of: ": ") else { return [:] }
        var list = summary[colon.upperBound...]
        if let note = list.range(of: " (") { list = list[..<note.lowerBound] }
        var counts: [LintSeverity: Int] = [:]
        for part in list.split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count == 2, let count = Int(words[0]), let severity = LintSeverity(rawValue: String(words[1])) else { continue }
            counts[severity, default: 0] += count
        }
        return counts
    }
}

/// Each severity's role on screen.
enum SeverityStyle {
    static func role(_ severity: LintSeverity) -> StyleRole {
        switch severity {
        case .critical: .severityCritical
        case .high: .severityHigh
        case .medium: .severityMedium
        case .low: .severityLow
        case .info: .severityInfo
        }
    }
}
