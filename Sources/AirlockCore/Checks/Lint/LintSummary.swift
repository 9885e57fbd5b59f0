/// How the built-in lint check reads on screen: its name, status and one line.
public enum LintSummary {
    public static let checkName = "security lint"

    /// Failed when a finding that is not suppressed reaches `medium`.
    public static func status(_ findings: [LintFinding]) -> CheckRun.Status {
        findings.contains { $0.suppressed == nil && $0.severity >= .medium } ? .failed : .passed
    }

    /// `no findings`, `3 findings: 1 high, 2 low (1 suppressed)`.
    public static func line(_ findings: [LintFinding]) -> String {
        guard !findings.isEmpty else { return "no findings" }
        let counted = LintSeverity.allCases.reversed().compactMap { severity -> String? in
            let count = findings.count { $0.severity == severity && $0.suppressed == nil }
            return count == 0 ? nil : "\(count) \(severity.rawValue)"
        }
        let suppressed = findings.count { $0.suppressed != nil }
        var text = "\(findings.count) finding\(findings.count == 1 ? "" : "s")"
        if !counted.isEmpty { text += ": " + counted.joined(separator: ", ") }
        if suppressed > 0 { text += " (\(suppressed) suppressed)" }
        return text
    }
}
