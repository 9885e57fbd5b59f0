/// bandit's `-f json` report (the Debian package's bandit has no SARIF formatter): its
/// `results`, and its `errors`, the files it could not scan.
enum BanditReport {
    /// The rule of a finding that says bandit could not read a file.
    static let unscannedRule = "bandit:unscanned"

    static func findings(_ root: LinterJSON.Node, scratchRoot: String?) throws(ExternalFindingsError) -> [LintFinding] {
        let report = try root.object()
        var findings: [LintFinding] = []
        for result in try report.required("results").elements() {
            let result = try result.object()
            let line = try result.required("line_number").integer(in: 1...Int(Int32.max))
            // line_range: the lines of a call written over several; a proposal that adds any
            // of them (say `shell=True` on a line of its own) touched the finding.
            var endLine: Int?
            if let range = try result.member("line_range") {
                var last = line
                for number in try range.elements() { last = max(last, try number.integer(in: 1...Int(Int32.max))) }
                endLine = last > line ? last : nil
            }
            var message = try result.required("issue_text").string()
            if let confidence = try result.member("issue_confidence")?.string() {
                message += " (confidence: \(confidence.lowercased()))"
            }
            findings.append(LintFinding(
                rule: "bandit:\(try result.required("test_id").string())",
                severity: ExternalSeverity.bandit(try result.required("issue_severity").string()),
                path: ExternalFindings.localPath(try result.required("filename").string(), scratchRoot: scratchRoot),
                line: line,
                message: ExternalFindings.bounded(message),
                excerpt: "",
                endLine: endLine))
        }
        for error in try report.member("errors")?.elements() ?? [] {
            let error = try error.object()
            let reason = try error.member("reason")?.string() ?? "no reason given"
            findings.append(LintFinding(
                rule: unscannedRule, severity: .medium,
                path: ExternalFindings.localPath(try error.required("filename").string(), scratchRoot: scratchRoot),
                line: 0,
                message: ExternalFindings.bounded("bandit could not scan this file, so none of its checks ran on it: \(reason)"),
                excerpt: ""))
        }
        return findings
    }
}
