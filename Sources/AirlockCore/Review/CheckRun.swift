import GRDB

/// One check of one proposal: whether it applies to the workspace, the built-in lint, a
/// configured test command or an external linter run on a scratch copy.
public struct CheckRun: Equatable, Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "check_run"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The patch applies to the workspace (checked at submission and when files change).
        case applies
        /// A `[[tests]]` command.
        case test
        /// The built-in security lint.
        case lint
        /// A `[[linters]]` command.
        case external
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for a runner.
        case queued
        case running
        case passed
        case failed
        /// The check could not reach a verdict: it could not start, its results were
        /// malformed, its runner gave up.
        case error
        /// The command ran past its timeout and its whole process tree was killed.
        case timeout
        /// Not run: the proposal was decided or withdrawn first.
        case skipped

        /// Still to be decided by a runner.
        public var isPending: Bool { self == .queued || self == .running }
    }

    public var id: Int64?
    public var proposalID: Int64
    /// What was checked: `applies`, `security lint`, or the configured name.
    public var name: String
    public var kind: Kind
    public var status: Status
    /// One line for the review screen ("applies cleanly at offsets +2, -1", "12 passed, 1 failed").
    public var summary: String
    /// When it was queued, then when a runner started it.
    public var startedAt: Int64
    public var finishedAt: Int64?
    /// Whether its command ran under the sandbox; nil for checks that run no command.
    public var sandboxed: Bool?
    /// The configured command (JSON of a `TestCommand` or `LinterCommand`), kept with the
    /// run so a re-run and the screen show what was run.
    public var spec: String?
    /// The runner holding it while `running`, and until when (milliseconds since 1970).
    public var claimedBy: String?
    public var claimExpires: Int64?
    /// How many times a runner started it.
    public var attempts: Int
    /// The last part of what the command printed, updated while it runs.
    public var output: String?

    public init(
        proposalID: Int64, name: String, kind: Kind = .applies, status: Status, summary: String, startedAt: Int64, finishedAt: Int64?,
        sandboxed: Bool? = nil, spec: String? = nil
    ) {
        self.proposalID = proposalID
        self.name = name
        self.kind = kind
        self.status = status
        self.summary = summary
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.sandboxed = sandboxed
        self.spec = spec
        self.attempts = 0
    }

    enum CodingKeys: String, CodingKey {
        case id
        case proposalID = "proposal_id"
        case name, kind, status, summary
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case sandboxed, spec
        case claimedBy = "claimed_by"
        case claimExpires = "claim_expires"
        case attempts, output
    }

    public enum Columns {
        public static let proposalID = Column(CodingKeys.proposalID)
        public static let status = Column(CodingKeys.status)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A problem a check found at a place in the proposal: a lint finding, built in or from
/// an external linter.
public struct Finding: Equatable, Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "finding"

    public var id: Int64?
    public var checkRunID: Int64
    public var rule: String
    public var severity: String
    public var path: String?
    public var line: Int?
    public var message: String
    public var excerpt: String?
    public var suppressed: String?
    public var fingerprint: String?

    public init(checkRunID: Int64, _ finding: LintFinding) {
        self.checkRunID = checkRunID
        rule = finding.rule
        severity = finding.severity.rawValue
        path = finding.path
        line = finding.line
        message = finding.message
        excerpt = finding.excerpt
        suppressed = finding.suppressed
        fingerprint = finding.fingerprint.isEmpty ? nil : finding.fingerprint
    }

    /// As the lint engine's value; an unknown severity (a newer Airlock's) reads as `info`.
    public var lintFinding: LintFinding {
        LintFinding(
            rule: rule, severity: LintSeverity(rawValue: severity) ?? .info, path: path ?? "", line: line ?? 0,
            message: message, excerpt: excerpt ?? "", suppressed: suppressed, fingerprint: fingerprint ?? "")
    }

    enum CodingKeys: String, CodingKey {
        case id
        case checkRunID = "check_run_id"
        case rule, severity, path, line, message, excerpt, suppressed, fingerprint
    }

    public enum Columns {
        public static let checkRunID = Column(CodingKeys.checkRunID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A test case as stored with its check run.
struct TestCaseRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "test_case"

    var id: Int64?
    var checkRunID: Int64
    var name: String
    var suite: String?
    var status: String
    var duration: Double?
    var message: String?
    var output: String?

    init(checkRunID: Int64, _ testCase: TestCase) {
        self.checkRunID = checkRunID
        name = testCase.name
        suite = testCase.suite
        status = testCase.status.rawValue
        duration = testCase.duration
        message = testCase.message
        output = testCase.output
    }

    var testCase: TestCase {
        TestCase(name: name, suite: suite, status: TestCase.Status(rawValue: status) ?? .error, duration: duration, message: message, output: output)
    }

    enum CodingKeys: String, CodingKey {
        case id
        case checkRunID = "check_run_id"
        case name, suite, status, duration, message, output
    }

    enum Columns {
        static let checkRunID = Column(CodingKeys.checkRunID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A check run with what it found: the value the service hands out.
public struct CheckResult: Equatable, Sendable, Codable {
    public var run: CheckRun
    public var cases: [TestCase]
    public var findings: [LintFinding]

    public init(run: CheckRun, cases: [TestCase] = [], findings: [LintFinding] = []) {
        self.run = run
        self.cases = cases
        self.findings = findings
    }
}
