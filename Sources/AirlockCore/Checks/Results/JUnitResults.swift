/// JUnit XML as pytest, `swift test --xunit-output` (both files), Maven Surefire,
/// jest-junit and go-junit-report write it.
///
/// The root is `<testsuites>` or one `<testsuite>`; suites may nest. Elements this does not
/// know (`properties`, Surefire's `flakyFailure` and `rerunFailure`) are ignored.
enum JUnitResults {
    static func parse(_ bytes: [UInt8]) throws(TestResultError) -> [TestCase] {
        let tree: XMLTree
        do {
            tree = try XMLReader.parse(bytes)
        } catch {
            throw TestResultError(format: .junit, line: error.line, column: error.column, reason: error.reason)
        }
        var reader = Reader(tree: tree)
        switch tree.root.name {
        case "testsuites", "testsuite":
            _ = try reader.suite(tree.root, inherited: nil)
        default:
            let (line, column) = tree.location(of: tree.root.offset)
            throw TestResultError(format: .junit, line: line, column: column, reason: "the root element <\(tree.root.name)> is not <testsuites> or <testsuite>")
        }
        return reader.collector.cases
    }

    private struct Reader {
        let tree: XMLTree
        var collector = CaseCollector(.junit)

        /// Reads a suite's cases and nested suites; returns how many failure and error
        /// elements it holds, so a suite that declares failures it does not list is caught.
        mutating func suite(_ suite: XMLTree.Element, inherited: String?) throws(TestResultError) -> Int {
            let name = nonEmpty(suite.attributes["name"]) ?? inherited
            var problems = 0
            for child in suite.children {
                switch child.name {
                case "testcase":
                    problems += try testCase(child, suite: name)
                case "testsuite":
                    problems += try self.suite(child, inherited: name)
                case "failure", "error":
                    // A suite-level failure: a class that could not load, a package that did not build.
                    problems += 1
                    let detail = Detail(child)
                    try append(TestCase(name: name ?? "(suite)", suite: name, status: .error, message: detail.message, output: detail.body), at: child)
                default:
                    continue
                }
            }
            let declared = try count("failures", of: suite) + count("errors", of: suite)
            if declared > 0 && problems == 0 {
                problems += 1
                try append(TestCase(
                    name: name ?? "(suite)", suite: name, status: .error,
                    message: "the suite reports \(declared) failures or errors but lists no failing case"), at: suite)
            }
            return problems
        }

        /// Reads one `<testcase>`; returns how many failure and error elements it holds.
        mutating func testCase(_ element: XMLTree.Element, suite: String?) throws(TestResultError) -> Int {
            guard let name = nonEmpty(element.attributes["name"]) else {
                throw error(at: element, "a <testcase> without a name")
            }
            let failures = element.children(named: "failure")
            let errors = element.children(named: "error")
            let skipped = element.child(named: "skipped")
            let status: TestCase.Status
            let detail: Detail?
            if let failure = failures.first {
                (status, detail) = (.failed, Detail(failure))
            } else if let error = errors.first {
                (status, detail) = (.error, Detail(error))
            } else if let skipped {
                (status, detail) = (.skipped, Detail(skipped))
            } else {
                (status, detail) = (.passed, nil)
            }
            var output: [String] = (failures + errors).compactMap { Detail($0).body }
            for stream in element.children where stream.name == "system-out" || stream.name == "system-err" {
                if let text = nonEmpty(stream.text) { output.append(text) }
            }
            try append(TestCase(
                name: name,
                suite: nonEmpty(element.attributes["classname"]) ?? suite,
                status: status,
                duration: try seconds(element),
                message: detail?.message,
                output: output.isEmpty ? nil : output.joined(separator: "\n")), at: element)
            return failures.count + errors.count
        }

        mutating func append(_ testCase: TestCase, at element: XMLTree.Element) throws(TestResultError) {
            try collector.append(testCase, line: tree.lines.line(of: element.offset))
        }

        /// `time` in seconds: a plain number or one with thousands separators (`1,234.5`, as
        /// Surefire writes); absent or empty is nil, anything else is an error.
        func seconds(_ element: XMLTree.Element) throws(TestResultError) -> Double? {
            guard let text = element.attributes["time"].map(trimmed), !text.isEmpty else { return nil }
            if let value = Double(text), value.isFinite { return value }
            if Self.isGroupedNumber(text), let value = Double(String(text.filter { $0 != "," })) { return value }
            throw error(at: element, "time=\"\(text)\" is not a number of seconds")
        }

        /// `1,234` or `12,345,678.9`: digits in groups of three after the first.
        static func isGroupedNumber(_ text: String) -> Bool {
            let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count) else { return false }
            let digits = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
            return groups.allSatisfy(digits) && groups.dropFirst().allSatisfy { $0.count == 3 }
                && (parts.count == 1 || digits(parts[1]))
        }

        func count(_ attribute: String, of element: XMLTree.Element) throws(TestResultError) -> Int {
            guard let text = element.attributes[attribute].map(trimmed), !text.isEmpty else { return 0 }
            guard let value = Int(text), value >= 0 else { throw error(at: element, "\(attribute)=\"\(text)\" is not a count") }
            return value
        }

        func error(at element: XMLTree.Element, _ reason: String) -> TestResultError {
            let (line, column) = tree.location(of: element.offset)
            return TestResultError(format: .junit, line: line, column: column, reason: reason)
        }
    }

    /// What a `<failure>`, `<error>` or `<skipped>` says.
    private struct Detail {
        var message: String?
        var body: String?

        init(_ element: XMLTree.Element) {
            body = nonEmpty(element.text)
            let stated = nonEmpty(element.attributes["message"]) ?? nonEmpty(element.attributes["type"])
            let firstLine = body?.split(separator: "\n").lazy.map { trimmed(String($0)) }.first { !$0.isEmpty }
            message = stated ?? firstLine
            if element.name == "skipped", element.attributes["type"] == "pytest.xfail" {
                message = "expected failure" + (nonEmpty(element.attributes["message"]).map { ": \($0)" } ?? "")
            }
        }
    }
}

private func trimmed(_ text: String) -> String {
    String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
}

private func nonEmpty(_ text: String?) -> String? {
    guard let text, !trimmed(text).isEmpty else { return nil }
    return text
}
