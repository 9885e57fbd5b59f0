import AirlockCore

/// A proposal's checks as text lines for `show` and `review`: each check with its status
/// and summary, whether it ran sandboxed, its failing cases and its findings. Everything a
/// check or an agent wrote is escaped.
enum CheckText {
    /// Lines without a trailing newline, indented by two spaces.
    static func lines(_ results: [CheckResult]) -> [(text: String, status: CheckRun.Status?)] {
        guard !results.isEmpty else { return [("  none yet", nil)] }
        var lines: [(String, CheckRun.Status?)] = []
        for result in results {
            let run = result.run
            var head = "  \(run.status.rawValue.padding(7)) \(VisibleText.escape(run.name)) (\(run.kind.rawValue)): \(VisibleText.escape(run.summary))"
            if let sandboxed = run.sandboxed { head += sandboxed ? " [sandboxed]" : " [NOT SANDBOXED]" }
            lines.append((head, run.status))
            let notable = result.cases.filter { $0.status == .failed || $0.status == .error }
            for testCase in notable.prefix(20) {
                let name = [testCase.suite, testCase.name].compactMap { $0 }.joined(separator: ".")
                var line = "      \(testCase.status.rawValue) \(VisibleText.escape(name))"
                if let message = testCase.message?.split(separator: "\n").first { line += ": " + VisibleText.escape(String(message)) }
                lines.append((line, .failed))
            }
            if notable.count > 20 { lines.append(("      and \(notable.count - 20) more", .failed)) }
            let findings = result.findings.sorted { ($0.severity, $1.path, $1.line) > ($1.severity, $0.path, $0.line) }
            for finding in findings {
                var line = "      \(finding.severity.rawValue) \(VisibleText.escape(finding.rule)) at \(VisibleText.escape(finding.path)):\(finding.line): \(VisibleText.escape(finding.message))"
                if let why = finding.suppressed { line += " (suppressed: \(VisibleText.escape(why)))" }
                lines.append((line, finding.suppressed == nil && finding.severity >= .medium ? .failed : nil))
            }
        }
        return lines
    }
}
