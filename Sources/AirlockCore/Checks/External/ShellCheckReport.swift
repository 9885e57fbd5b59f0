/// shellcheck's `-f json` and `-f json1` reports: comments with a file, lines, a level and
/// a numeric code (`SC2086`).
enum ShellCheckReport {
    static func findings(_ root: LinterJSON.Node, scratchRoot: String?) throws(ExternalFindingsError) -> [LintFinding] {
        let comments: [LinterJSON.Node]
        if case .array = root.value {
            comments = try root.elements()
        } else {
            comments = try root.object().required("comments").elements()
        }
        var findings: [LintFinding] = []
        for comment in comments {
            let comment = try comment.object()
            let levelNode = try comment.required("level")
            let level = try levelNode.string()
            guard let severity = ExternalSeverity.shellcheck(level: level) else {
                throw levelNode.failure("expected one of error, warning, info, style, found \(SARIFReport.quoted(level))")
            }
            let line = try comment.required("line").integer(in: 1...Int(Int32.max))
            var endLine: Int?
            if let endNode = try comment.member("endLine") {
                let end = try endNode.integer(in: 1...Int(Int32.max))
                guard end >= line else { throw endNode.failure("\(end) is before line \(line)") }
                endLine = end > line ? end : nil
            }
            findings.append(LintFinding(
                rule: "shellcheck:SC\(try comment.required("code").integer())",
                severity: severity,
                path: ExternalFindings.localPath(try comment.required("file").string(), scratchRoot: scratchRoot),
                line: line,
                message: ExternalFindings.bounded(try comment.required("message").string()),
                excerpt: "",
                endLine: endLine))
        }
        return findings
    }
}
