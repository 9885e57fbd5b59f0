/// One place in a patch's added lines where a lint rule matched.
public struct LintFinding: Equatable, Sendable, Codable {
    /// The rule's id, such as `aws-access-key-id`.
    public var rule: String
    public var severity: LintSeverity
    /// The file's path after the change, as the agent wrote it (unescaped: escape it
    /// before it reaches a terminal).
    public var path: String
    /// 1-based line number in the new file; 0 for a finding about the whole file (an
    /// external linter's result without a region).
    public var line: Int
    public var message: String
    /// The matched part of the line with some context, secrets masked, already escaped
    /// with `VisibleText.escape`.
    public var excerpt: String
    /// Why the finding is suppressed (a marker on the line, or its fingerprint in
    /// `.airlock/lint-ignore`); nil when it counts. A suppressed finding is still shown.
    public var suppressed: String?
    /// The last line of a finding that spans several (an external linter's region, such
    /// as a call written over three lines); nil when it is on `line` alone.
    public var endLine: Int?

    public init(
        rule: String, severity: LintSeverity, path: String, line: Int, message: String, excerpt: String, suppressed: String? = nil,
        endLine: Int? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.line = line
        self.message = message
        self.excerpt = excerpt
        self.suppressed = suppressed
        self.endLine = endLine
    }
}
