/// One place in a patch's added lines where a lint rule matched.
public struct LintFinding: Equatable, Sendable, Codable {
    /// The rule's id, such as `aws-access-key-id`.
    public var rule: String
    public var severity: LintSeverity
    /// The file's path after the change, as the agent wrote it (unescaped: escape it
    /// before it reaches a terminal).
    public var path: String
    /// 1-based line number in the new file; for a rule about a whole file, its first
    /// added line (1 when it adds none); 0 for an external linter's result about a whole
    /// file (without a region).
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
    /// `path:rule:hash`, stable when the line moves; the line for `.airlock/lint-ignore`.
    /// Its path is escaped, so it may be printed as it is. Empty for findings made
    /// before fingerprints existed.
    public var fingerprint: String

    public init(
        rule: String, severity: LintSeverity, path: String, line: Int, message: String, excerpt: String,
        suppressed: String? = nil, endLine: Int? = nil, fingerprint: String = ""
    ) {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.line = line
        self.message = message
        self.excerpt = excerpt
        self.suppressed = suppressed
        self.endLine = endLine
        self.fingerprint = fingerprint
    }

    /// Whether the finding counts toward `--fail-on` and gates.
    public var counts: Bool { suppressed == nil }

    private enum CodingKeys: String, CodingKey {
        case rule, severity, path, line, message, excerpt, suppressed, endLine, fingerprint
    }

    /// Decodes findings stored before `suppressed`, `endLine` and `fingerprint` existed, too.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(String.self, forKey: .rule)
        severity = try container.decode(LintSeverity.self, forKey: .severity)
        path = try container.decode(String.self, forKey: .path)
        line = try container.decode(Int.self, forKey: .line)
        message = try container.decode(String.self, forKey: .message)
        excerpt = try container.decode(String.self, forKey: .excerpt)
        suppressed = try container.decodeIfPresent(String.self, forKey: .suppressed)
        endLine = try container.decodeIfPresent(Int.self, forKey: .endLine)
        fingerprint = try container.decodeIfPresent(String.self, forKey: .fingerprint) ?? ""
    }
}
