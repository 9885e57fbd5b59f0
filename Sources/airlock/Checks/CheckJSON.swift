import AirlockCore

/// One check in `show --json`: `{name, kind, status, sandboxed, started, finished,
/// summary, cases, findings}`. Times are milliseconds since 1970; agent text is as
/// written (JSON escapes it).
struct CheckJSON: Encodable {
    var name: String
    var kind: String
    var status: String
    var sandboxed: Bool?
    var started: Int64?
    var finished: Int64?
    var summary: String
    var output: String?
    var cases: [Case]
    var findings: [Found]

    struct Case: Encodable {
        var name: String
        var suite: String?
        var status: String
        var duration: Double?
        var message: String?
    }

    struct Found: Encodable {
        var rule, severity, path: String
        var line: Int
        var message: String
        var suppressed: Bool
        var suppression: String?
    }

    init(_ result: CheckResult) {
        let run = result.run
        name = run.name
        kind = run.kind.rawValue
        status = run.status.rawValue
        sandboxed = run.sandboxed
        started = run.status == .queued ? nil : run.startedAt
        finished = run.finishedAt
        summary = run.summary
        output = run.output
        cases = result.cases.map { Case(name: $0.name, suite: $0.suite, status: $0.status.rawValue, duration: $0.duration, message: $0.message) }
        findings = result.findings.map {
            Found(rule: $0.rule, severity: $0.severity.rawValue, path: $0.path, line: $0.line, message: $0.message, suppressed: $0.suppressed != nil, suppression: $0.suppressed)
        }
    }
}
