/// The gates that read a proposal's checks: `tests` (every test command passed) and
/// `findings` (no finding at or above `block_findings_at` that is not suppressed, and
/// every linter reached a verdict). Like the other gates, a failed one needs an override.
public enum CheckGates {
    public static let tests = "tests"
    public static let findings = "findings"

    /// `tests` then `findings`, for the current check results of a proposal.
    public static func evaluate(_ results: [CheckResult], gates: WorkspaceConfig.Gates) -> [GateResult] {
        [testsGate(results, required: gates.testsMustPass), findingsGate(results, threshold: gates.blockFindingsAt)]
    }

    static func testsGate(_ results: [CheckResult], required: Bool) -> GateResult {
        let runs = results.map(\.run).filter { $0.kind == .test }
        guard required else { return GateResult(gate: tests, passed: true, detail: "off (tests_must_pass = false)") }
        guard !runs.isEmpty else { return GateResult(gate: tests, passed: true, detail: "no tests configured") }
        let pending = runs.filter(\.status.isPending)
        if !pending.isEmpty {
            return GateResult(gate: tests, passed: false, detail: "not finished: " + pending.map { "\(name($0)) \($0.status.rawValue)" }.joined(separator: ", "))
        }
        let bad = runs.filter { $0.status != .passed }
        guard bad.isEmpty else {
            return GateResult(gate: tests, passed: false, detail: bad.map { "\(name($0)) \($0.status.rawValue): \(VisibleText.escape($0.summary))" }.joined(separator: "; "))
        }
        return GateResult(gate: tests, passed: true, detail: runs.map { "\(name($0)) passed" }.joined(separator: ", "))
    }

    static func findingsGate(_ results: [CheckResult], threshold: LintSeverity?) -> GateResult {
        guard let threshold else { return GateResult(gate: findings, passed: true, detail: "off (block_findings_at = \"off\")") }
        let linters = results.filter { $0.run.kind == .lint || $0.run.kind == .external }
        var problems: [String] = []
        for result in linters where result.run.status.isPending || result.run.status == .error || result.run.status == .timeout || result.run.status == .skipped {
            problems.append("\(name(result.run)) \(result.run.status.rawValue): its findings are unknown")
        }
        // A marker on the line is the agent's own word that its finding is fine: shown as
        // suppressed, but only the workspace's lint-ignore lets the gate pass.
        let blocking = linters.flatMap(\.findings).filter { ($0.suppressed == nil || $0.suppressedByMarker) && $0.severity >= threshold }
        if !blocking.isEmpty {
            let shown = blocking.prefix(3).map { "\($0.rule) at `\(VisibleText.escape($0.path))`:\($0.line)\($0.suppressedByMarker ? " (marker added by the proposal)" : "")" }
            let more = blocking.count > 3 ? ", and \(blocking.count - 3) more" : ""
            problems.insert("\(PolicyGates.counted(blocking.count, "finding")) at or above \(threshold.rawValue): \(shown.joined(separator: ", "))\(more)", at: 0)
        }
        guard problems.isEmpty else { return GateResult(gate: findings, passed: false, detail: problems.joined(separator: "; ")) }
        let suppressed = linters.flatMap(\.findings).count { $0.suppressed != nil }
        let note = suppressed > 0 ? " (\(suppressed) suppressed)" : ""
        return GateResult(gate: findings, passed: true, detail: "nothing at or above \(threshold.rawValue)\(note)")
    }

    /// A check's name as it is written in a gate's detail: configured by the user, but kept
    /// printable all the same.
    private static func name(_ run: CheckRun) -> String { VisibleText.escape(run.name) }
}
