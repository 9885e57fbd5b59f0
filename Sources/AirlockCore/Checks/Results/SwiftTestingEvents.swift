/// Swift Testing's JSON event stream (`swift test --experimental-event-stream-output PATH
/// --experimental-event-stream-version 0`), in the shape Swift 6.3 writes it.
///
/// Every line is `{"kind": "test" | "event", "payload": {…}, "version": 0}` (`"6.3.0"`
/// when asked for version 6.3). `test` records declare suites and functions by `id`;
/// `event` records carry a `kind` (`runStarted`, `testStarted`, `testCaseStarted`,
/// `issueRecorded`, `testCaseEnded`, `testSkipped`, `testEnded`, `runEnded`), the
/// `testID` they concern and an `instant`. `testEnded` carries no verdict: a test failed
/// when it recorded an issue that counts (`isFailure`, or in version 0 an issue that is
/// not `isKnown`; version 0 omits warnings). One case per test function; a parameterised
/// function's arguments are named in its issues.
enum SwiftTestingEvents {
    private struct Declared {
        var name: String
        var isSuite: Bool
    }

    private struct Progress {
        var index: Int
        var started: Double?
        var failures = 0
        var ended = false
    }

    static func parse(_ bytes: [UInt8]) throws(TestResultError) -> [TestCase] {
        var collector = CaseCollector(.swiftTestingEvents)
        var declared: [String: Declared] = [:]
        var progress: [String: Progress] = [:]
        var order: [String] = []
        var sawRecord = false
        var runEnded = false

        try JSONLines.forEach(in: bytes, format: .swiftTestingEvents) { record, line throws(TestResultError) in
            guard let kind = record["kind"] as? String, let payload = record["payload"] as? [String: Any] else {
                throw TestResultError(format: .swiftTestingEvents, line: line, reason: "not a Swift Testing record (it needs kind and payload)")
            }
            try checkVersion(record["version"], line: line)
            sawRecord = true
            switch kind {
            case "test":
                guard let id = payload["id"] as? String else {
                    throw TestResultError(format: .swiftTestingEvents, line: line, reason: "a test record without an id")
                }
                let name = payload["displayName"] as? String ?? payload["name"] as? String ?? TestID(id).name
                declared[id] = Declared(name: name, isSuite: payload["kind"] as? String == "suite")
            case "event":
                guard let event = payload["kind"] as? String else {
                    throw TestResultError(format: .swiftTestingEvents, line: line, reason: "an event without a kind")
                }
                let instant = (payload["instant"] as? [String: Any])?["absolute"] as? Double
                let testID = payload["testID"] as? String
                let isFunction = testID.map { declared[$0]?.isSuite != true } ?? false

                /// The progress of the case `id` names, made on its first event.
                func entry(_ id: String, outsideFunctions: Bool = false) throws(TestResultError) -> Progress {
                    if let existing = progress[id] { return existing }
                    let parts = TestID(id)
                    let made = outsideFunctions
                        ? TestCase(name: testID ?? "(run)", status: .error)
                        : TestCase(name: declared[id]?.name ?? parts.name, suite: parts.suite, status: .error)
                    let index = try collector.append(made, line: line)
                    order.append(id)
                    return Progress(index: index)
                }

                switch event {
                case "testStarted" where isFunction:
                    guard let testID else { break }
                    var started = try entry(testID)
                    started.started = instant
                    progress[testID] = started
                case "testSkipped" where isFunction:
                    guard let testID else { break }
                    var skipped = try entry(testID)
                    skipped.ended = true
                    collector[skipped.index].status = .skipped
                    collector[skipped.index].message = skipReason(payload)
                    progress[testID] = skipped
                case "issueRecorded":
                    let issue = payload["issue"] as? [String: Any]
                    let counts = isFailure(issue)
                    let text = issueText(payload, issue: issue)
                    // An issue outside any function (a suite's, or the run's) is an error case of its own.
                    if !isFunction && !counts { break }
                    let id = isFunction ? testID ?? "" : "outside functions: " + (testID ?? "(run)")
                    var recorded = try entry(id, outsideFunctions: !isFunction)
                    if counts {
                        recorded.failures += 1
                        if collector[recorded.index].message == nil { collector[recorded.index].message = text }
                    }
                    if !isFunction { recorded.ended = true }
                    collector.appendOutput((counts ? "" : "(does not fail the test) ") + text + "\n", to: recorded.index)
                    progress[id] = recorded
                case "testEnded" where isFunction:
                    guard let testID else { break }
                    var ended = try entry(testID)
                    ended.ended = true
                    collector[ended.index].status = ended.failures > 0 ? .failed : .passed
                    if let start = ended.started, let instant { collector[ended.index].duration = max(0, instant - start) }
                    progress[testID] = ended
                case "runEnded":
                    runEnded = true
                default:
                    break
                }
            default:
                // Record kinds newer than this reader.
                break
            }
        }

        guard sawRecord else {
            throw TestResultError(format: .swiftTestingEvents, reason: "the stream holds no Swift Testing record")
        }
        for id in order {
            guard let entry = progress[id], !entry.ended else { continue }
            collector[entry.index].status = .error
            collector[entry.index].message = "started but never ended: the test process crashed or was stopped"
        }
        if !runEnded {
            try collector.append(TestCase(
                name: "(run)", status: .error,
                message: "the stream ends before the run did: the test process crashed or was stopped, or the file is truncated"))
        }
        return collector.cases
    }

    /// Versions 0 and 1 (both written as `0` by Swift 6.3) and `6.x` (as `"6.3.0"`).
    private static func checkVersion(_ version: Any?, line: Int) throws(TestResultError) {
        if let number = version as? Int, number == 0 || number == 1 { return }
        if let text = version as? String, text.hasPrefix("6.") { return }
        throw TestResultError(
            format: .swiftTestingEvents, line: line,
            reason: "event stream version \(version.map { "\($0)" } ?? "missing") is not one Airlock reads (0 or 6.x)")
    }

    /// Whether an issue fails its test: `isFailure` when the stream says (6.x), else an
    /// issue that is not a known one and is not a warning.
    private static func isFailure(_ issue: [String: Any]?) -> Bool {
        guard let issue else { return true }
        if let failure = issue["isFailure"] as? Bool { return failure }
        let severity = issue["severity"] as? String
        return issue["isKnown"] as? Bool != true && (severity == nil || severity == "error")
    }

    /// `file:line:col: message: details`, with the argument of a parameterised case.
    private static func issueText(_ payload: [String: Any], issue: [String: Any]?) -> String {
        let messages = (payload["messages"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        var text = messages.isEmpty ? "an issue was recorded" : messages.joined(separator: ": ")
        if let argument = (payload["_testCase"] as? [String: Any])?["displayName"] as? String {
            text = "with \(argument): " + text
        }
        if let location = issue?["sourceLocation"] as? [String: Any],
           let file = location["fileID"] as? String, let line = location["line"] as? Int {
            text = "\(file):\(line): " + text
        }
        return text
    }

    private static func skipReason(_ payload: [String: Any]) -> String? {
        if let comments = payload["_comments"] as? [String], !comments.isEmpty { return comments.joined(separator: "\n") }
        return (payload["messages"] as? [[String: Any]])?.first?["text"] as? String
    }
}

/// A Swift Testing test id (`Module.Suite/Inner/name()/File.swift:5:10`) taken apart.
struct TestID {
    var suite: String?
    var name: String

    init(_ id: String) {
        var parts = id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, let last = parts.last, last.contains(".swift:") { parts.removeLast() }
        let last = parts.removeLast()
        if parts.isEmpty, let paren = last.firstIndex(of: "("), let dot = last[..<paren].lastIndex(of: ".") {
            // A free function: `Module.name()`.
            suite = String(last[..<dot])
            name = String(last[last.index(after: dot)...])
        } else {
            suite = parts.isEmpty ? nil : parts.joined(separator: ".")
            name = last
        }
    }
}
