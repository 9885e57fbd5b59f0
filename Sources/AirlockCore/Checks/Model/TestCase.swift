/// One test case as a result file or stream reported it.
public struct TestCase: Equatable, Sendable, Codable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case passed
        case failed
        /// The test could not run to a verdict (a setup error, a crash, a bail-out).
        case error
        case skipped
    }

    /// The case's name as the tool wrote it (`test_login`, `TestParse/empty`).
    public var name: String
    /// Its suite, class or package, when the format names one.
    public var suite: String?
    public var status: Status
    /// Seconds, when the format gives them.
    public var duration: Double?
    /// Why it failed, was skipped or errored: the first line a reviewer reads.
    public var message: String?
    /// What it printed or the failure's body, as the tool wrote it (may be long).
    public var output: String?

    public init(name: String, suite: String? = nil, status: Status, duration: Double? = nil, message: String? = nil, output: String? = nil) {
        self.name = name
        self.suite = suite
        self.status = status
        self.duration = duration
        self.message = message
        self.output = output
    }
}

/// The formats Airlock reads test results in.
public enum TestResultFormat: String, Codable, Sendable, CaseIterable {
    /// JUnit XML in its variants (pytest, swift test --xunit-output, Surefire, jest-junit,
    /// go-junit-report).
    case junit
    /// TAP 13 and 14.
    case tap
    /// `go test -json`.
    case goTestJSON = "go-test-json"
    /// Swift Testing's JSON event stream (`--experimental-event-stream-output`).
    case swiftTestingEvents = "swift-testing-events"
}

/// The cases one result file or stream held.
public struct TestReport: Equatable, Sendable {
    public var format: TestResultFormat
    public var cases: [TestCase]

    public init(format: TestResultFormat, cases: [TestCase]) {
        self.format = format
        self.cases = cases
    }

    /// True when no case failed or errored (and there was at least one case).
    public var passed: Bool { !cases.isEmpty && !cases.contains { $0.status == .failed || $0.status == .error } }
}

/// A result file that cannot be read as what it claims to be: where and why. Never a
/// pass: a check whose results are malformed ends in `error`.
public struct TestResultError: Error, Equatable, Sendable, CustomStringConvertible {
    public var format: TestResultFormat?
    /// 1-based line and column in the file, when known.
    public var line: Int?
    public var column: Int?
    public var reason: String

    public init(format: TestResultFormat?, line: Int? = nil, column: Int? = nil, reason: String) {
        self.format = format
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var place = ""
        if let line { place = "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": " }
        let what = format.map { "\($0.rawValue) results" } ?? "test results"
        return "\(what): \(place)\(reason)"
    }
}
