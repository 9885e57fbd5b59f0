/// TAP 13 and 14 (and the older unversioned TAP).
///
/// Test points become cases; `# SKIP` is skipped, and a `not ok # TODO` is skipped too (a
/// TODO failing is expected). A YAML block after a test point becomes its output, its
/// `message` (or node's `error`, or `severity`) its message, node's `duration_ms` its duration; other lines are output of the test point that
/// follows them. TAP 14 subtests, indented four spaces, are named `parent > child`, and the
/// parent's verdict counts: a failing child under a passing parent is shown as skipped,
/// with a note. What a stream leaves out is an error case, never a silent pass: tests the
/// plan announces that never reported, no plan at all, a `Bail out!`.
enum TAPResults {
    /// Subtests nested deeper than this are read as output.
    static let maximumDepth = 32

    /// Whether `bytes` start with a TAP version line or hold a top-level plan or test point.
    static func looksLikeTAP(_ bytes: [UInt8]) -> Bool {
        var first = true
        for line in lines(bytes) where !line.text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            let tap = TAPLine(line.text)
            if first, case .version = tap { return true }
            first = false
            switch tap {
            case .plan, .test: return true
            default: continue
            }
        }
        return false
    }

    static func parse(_ bytes: [UInt8]) throws(TestResultError) -> [TestCase] {
        var reader = TAPReader()
        for line in lines(bytes) {
            try reader.read(line.text, line: line.number)
            if reader.bailedOut { break }
        }
        return try reader.finish()
    }

    /// The lines of `bytes` with their 1-based numbers, without `\n` or `\r\n`.
    private static func lines(_ bytes: [UInt8]) -> [(number: Int, text: Substring)] {
        let text = String(decoding: bytes.starts(with: XMLEncoding.byteOrderMark) ? bytes.dropFirst(3) : bytes[...], as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.enumerated().map { ($0.offset + 1, $0.element.last == "\r" ? $0.element.dropLast() : $0.element) }
    }
}

/// The state of one TAP stream as it is read line by line.
private struct TAPReader {
    /// One block of test points: the document, or a subtest indented under it.
    struct Level {
        var name: String?
        /// The name a `# Subtest:` comment gave the test point coming at this level, which
        /// is also the name of the subtest indented under it.
        var announced: String?
        var cases: [TestCase] = []
        var plan: (count: Int, skip: String?, line: Int)?
        var planAfterTests = false
        var numbers: Set<Int> = []
        var nextNumber = 1
        var sawTest = false
        var output: [Substring] = []
        /// A finished subtest (its name and cases) waiting for the test point that closes it.
        var finishedChild: (name: String?, cases: [TestCase])?
    }

    private var levels = [Level()]
    private var created = 0
    private var sawTAP = false
    private(set) var bailedOut = false
    /// An open YAML block: its level, the line it started on and its lines so far.
    private var yaml: (level: Int, line: Int, lines: [Substring])?
    /// The level whose last line was a test point (a YAML block may follow only that).
    private var justReadTestAt: Int?

    mutating func read(_ text: Substring, line: Int) throws(TestResultError) {
        let indent = text.prefix { $0 == " " }.count
        let content = text.dropFirst(indent)
        if let block = yaml {
            if indent == block.level * 4 + 2, case .yamlEnd = TAPLine(content) {
                finishYAML()
            } else {
                yaml?.lines.append(text.dropFirst(min(indent, block.level * 4 + 2)))
            }
            return
        }
        let tap = TAPLine(content)
        if case .yamlStart = tap, indent % 4 == 2, let level = justReadTestAt, level == indent / 4 {
            yaml = (level, line, [])
            justReadTestAt = nil
            return
        }
        justReadTestAt = nil
        guard indent % 4 == 0, indent / 4 <= TAPResults.maximumDepth else {
            levels[levels.count - 1].output.append(text)
            return
        }
        let depth = indent / 4
        switch tap {
        case .other, .yamlStart, .yamlEnd:
            levels[levels.count - 1].output.append(text)
            return
        case .version where depth == 0 && !sawTAP:
            sawTAP = true
            return
        case .version:
            levels[levels.count - 1].output.append(text)
            return
        default:
            break
        }
        // A TAP line at a depth that does not follow on from the current one is output.
        guard depth <= levels.count else {
            levels[levels.count - 1].output.append(text)
            return
        }
        sawTAP = true
        while levels.count - 1 > depth { try closeLevel() }
        if depth == levels.count {
            levels.append(Level(name: levels[depth - 1].announced))
            levels[depth - 1].announced = nil
        }
        if case .subtest(let name) = tap {
            levels[depth].announced = name
            return
        }
        switch tap {
        case .plan(let count, let skip):
            try flushOrphan(at: depth)
            if levels[depth].plan != nil {
                try addError(at: depth, "a second plan", "line \(line) holds a second plan; a stream has one")
            } else {
                levels[depth].plan = (count, skip, line)
                levels[depth].planAfterTests = levels[depth].sawTest
            }
        case .test(let point):
            try readTest(point, depth: depth, line: line)
            justReadTestAt = depth
        case .bailOut(let reason):
            bailedOut = true
            try addError(at: 0, "Bail out!", reason.isEmpty ? "the tests bailed out" : "the tests bailed out: \(reason)")
        default:
            break
        }
    }

    private mutating func readTest(_ point: TAPTestPoint, depth: Int, line: Int) throws(TestResultError) {
        // Mutated in place through `levels[depth]`: a copy of the level would copy its cases
        // at every test point, which is quadratic.
        if levels[depth].planAfterTests, levels[depth].plan != nil {
            try addError(at: depth, "test after the plan", "line \(line) reports a test after the closing plan")
        }
        let number = point.number ?? levels[depth].nextNumber
        levels[depth].nextNumber = number + 1
        levels[depth].sawTest = true
        levels[depth].announced = nil
        if !levels[depth].numbers.insert(number).inserted {
            try addError(at: depth, "test \(number) reported twice", "line \(line) reports test \(number) again")
        }
        let name = point.description.isEmpty ? "test \(number)" : point.description
        var testCase = TestCase(name: name, status: point.passed ? .passed : .failed)
        switch point.directive {
        case .skip(let reason):
            testCase.status = .skipped
            testCase.message = reason.isEmpty ? "skipped" : reason
        case .todo(let reason):
            testCase.status = point.passed ? .passed : .skipped
            testCase.message = "TODO" + (reason.isEmpty ? "" : ": \(reason)")
        case nil:
            break
        }
        if !levels[depth].output.isEmpty {
            testCase.output = levels[depth].output.joined(separator: "\n")
            levels[depth].output = []
        }
        try count()
        if let child = levels[depth].finishedChild {
            levels[depth].finishedChild = nil
            levels[depth].cases += Self.adopt(child.cases, by: testCase)
        }
        levels[depth].cases.append(testCase)
    }

    /// Children named under their parent; a failing child of a parent that did not fail is
    /// kept, marked as skipped, because TAP 14 makes the parent's verdict the one that counts.
    private static func adopt(_ children: [TestCase], by parent: TestCase) -> [TestCase] {
        let parentFailed = parent.status == .failed || parent.status == .error
        return children.map { child in
            var adopted = child
            adopted.name = parent.name + " > " + child.name
            if !parentFailed, child.status == .failed || child.status == .error {
                adopted.status = .skipped
                adopted.message = "\(child.status.rawValue), but its parent \(parent.name) did not fail and TAP 14 lets the parent decide"
                    + (child.message.map { ": \($0)" } ?? "")
            }
            return adopted
        }
    }

    private mutating func finishYAML() {
        guard let block = yaml else { return }
        yaml = nil
        let level = block.level
        guard let last = levels[level].cases.indices.last else { return }
        var testCase = levels[level].cases[last]
        let text = block.lines.joined(separator: "\n")
        testCase.output = [testCase.output, text].compactMap { $0 }.joined(separator: "\n")
        if testCase.status == .failed || testCase.status == .error || testCase.message == nil,
           let message = ["message", "error", "severity"].lazy.compactMap({ TAPDiagnostics.value(of: $0, in: block.lines) }).first {
            testCase.message = message
        }
        if let milliseconds = TAPDiagnostics.value(of: "duration_ms", in: block.lines).flatMap(Double.init), milliseconds.isFinite {
            testCase.duration = milliseconds / 1000
        }
        levels[level].cases[last] = testCase
    }

    /// Ends the innermost subtest: its plan is checked and its cases wait for their parent.
    private mutating func closeLevel() throws(TestResultError) {
        try checkPlan(at: levels.count - 1)
        let child = levels.removeLast()
        try flushOrphan(at: levels.count - 1)
        levels[levels.count - 1].finishedChild = (child.name, child.cases)
    }

    /// A subtest whose parent test point never came: its cases stay, under the name it gave.
    private mutating func flushOrphan(at depth: Int) throws(TestResultError) {
        guard let child = levels[depth].finishedChild else { return }
        levels[depth].finishedChild = nil
        let prefix = child.name ?? "(subtest without a test point)"
        levels[depth].cases += child.cases.map { child in
            var named = child
            named.name = prefix + " > " + child.name
            return named
        }
        try addError(at: depth, prefix, "a subtest that no test point closes")
    }

    /// Error cases for a plan that is missing or that the test points do not fill.
    private mutating func checkPlan(at depth: Int) throws(TestResultError) {
        let level = levels[depth]
        guard let plan = level.plan else {
            if level.sawTest { try addError(at: depth, "(plan)", "no plan (`1..N`): the stream may be truncated") }
            return
        }
        if plan.count == 0, !level.sawTest, let skip = plan.skip {
            try count()
            levels[depth].cases.append(TestCase(name: "(all tests)", status: .skipped, message: skip.isEmpty ? "skipped" : skip))
            return
        }
        let missing = plan.count == 0 ? [] : (1...plan.count).filter { !level.numbers.contains($0) }
        if !missing.isEmpty {
            try addError(at: depth, "(missing tests)", "the plan 1..\(plan.count) announces tests that never reported: \(Self.ranges(missing)) (\(missing.count) of \(plan.count))")
        }
        let extra = level.numbers.filter { $0 < 1 || $0 > plan.count }.sorted()
        if !extra.isEmpty {
            try addError(at: depth, "(outside the plan)", "tests \(Self.ranges(extra)) are outside the plan 1..\(plan.count)")
        }
    }

    /// `1–3, 7, 9–12`.
    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count, parts.count < 20 {
            var end = index
            while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end == index ? "\(numbers[index])" : "\(numbers[index])–\(numbers[end])")
            index = end + 1
        }
        return parts.joined(separator: ", ") + (index < numbers.count ? ", …" : "")
    }

    private mutating func addError(at depth: Int, _ name: String, _ message: String) throws(TestResultError) {
        try count()
        levels[depth].cases.append(TestCase(name: name, status: .error, message: message))
    }

    private mutating func count() throws(TestResultError) {
        created += 1
        guard created <= TestResultLimits.maximumCases else {
            throw TestResultError(format: .tap, reason: "more than \(TestResultLimits.maximumCases) test cases")
        }
    }

    mutating func finish() throws(TestResultError) -> [TestCase] {
        if let block = yaml {
            throw TestResultError(format: .tap, line: block.line, reason: "a YAML block that never ends (`...`): the file is truncated")
        }
        while levels.count > 1 { try closeLevel() }
        try flushOrphan(at: 0)
        guard levels[0].plan != nil || !levels[0].cases.isEmpty else {
            throw TestResultError(format: .tap, reason: "no TAP plan or test point")
        }
        if !bailedOut { try checkPlan(at: 0) }
        // What printed after the last test point goes with it, summary comments aside.
        let trailing = levels[0].output.filter { !$0.hasPrefix("#") }
        if !trailing.isEmpty, let last = levels[0].cases.indices.last {
            levels[0].cases[last].output = ([levels[0].cases[last].output].compactMap { $0 } + trailing.map(String.init)).joined(separator: "\n")
        }
        return levels[0].cases
    }
}
