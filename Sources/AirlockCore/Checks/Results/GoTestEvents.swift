/// `go test -json`: one event per line, `{Time, Action, Package, Test, Elapsed, Output}`.
///
/// Cases are keyed by package and test (a test run again with `-count` is a new case).
/// A test that starts and never ends (the binary crashed or hit its timeout) is an error,
/// and so is a package that failed with no failing test (it did not build, or `TestMain`
/// or the race detector failed it).
enum GoTestEvents {
    private struct Key: Hashable {
        var package: String
        var test: String
    }

    private struct Package {
        var name: String
        var output = ""
        var failed = false
        var elapsed: Double?
    }

    static func parse(_ bytes: [UInt8]) throws(TestResultError) -> [TestCase] {
        var collector = CaseCollector(.goTestJSON)
        var running: [Key: Int] = [:]
        var latest: [Key: Int] = [:]
        var packages: [String: Package] = [:]
        var packageOrder: [String] = []
        var sawEvent = false

        try JSONLines.forEach(in: bytes, format: .goTestJSON) { event, line throws(TestResultError) in
            guard let action = event["Action"] as? String else {
                throw TestResultError(format: .goTestJSON, line: line, reason: "an event without an Action")
            }
            sawEvent = true
            // Go 1.24 reports build output under ImportPath (`pkg [pkg.test]`), not Package.
            let importPath = (event["ImportPath"] as? String).map { String($0.prefix { $0 != " " }) }
            let packageName = event["Package"] as? String ?? importPath ?? ""
            let output = event["Output"] as? String
            let elapsed = event["Elapsed"] as? Double
            guard let test = event["Test"] as? String else {
                if packages[packageName] == nil {
                    packages[packageName] = Package(name: packageName)
                    packageOrder.append(packageName)
                }
                switch action {
                case "output", "build-output": packages[packageName]?.output += output ?? ""
                case "fail", "build-fail":
                    packages[packageName]?.failed = true
                    packages[packageName]?.elapsed = elapsed
                default: break
                }
                return
            }
            let key = Key(package: packageName, test: test)
            func current() throws(TestResultError) -> Int {
                if let index = running[key] ?? latest[key] { return index }
                let index = try collector.append(TestCase(name: test, suite: packageName, status: .error), line: line)
                running[key] = index
                return index
            }
            switch action {
            case "run":
                running[key] = try collector.append(TestCase(name: test, suite: packageName, status: .error), line: line)
            case "output", "bench":
                collector.appendOutput(output ?? "", to: try current())
            case "pass", "fail", "skip":
                let index = try current()
                collector[index].status = action == "pass" ? .passed : action == "fail" ? .failed : .skipped
                collector[index].duration = elapsed
                running[key] = nil
                latest[key] = index
            default:
                // pause, cont, start and actions newer than this reader.
                break
            }
        }

        guard sawEvent else {
            throw TestResultError(format: .goTestJSON, reason: "the stream holds no go test event")
        }
        for index in running.values.sorted() {
            collector[index].message = "started but never finished: the test binary crashed or was stopped by a timeout"
        }
        for index in collector.cases.indices where collector[index].message == nil && collector[index].status != .passed {
            collector[index].message = collector[index].output.flatMap(Self.reportedLine)
        }
        let packagesWithFailingTests = Set(collector.cases.filter { $0.status == .failed || $0.status == .error }.compactMap(\.suite))
        for name in packageOrder {
            guard let package = packages[name], package.failed, !packagesWithFailingTests.contains(name) else { continue }
            try collector.append(TestCase(
                name: name.isEmpty ? "(package)" : name, suite: name.isEmpty ? nil : name, status: .error,
                duration: package.elapsed,
                message: "the package failed without a failing test: it did not build, or its test binary failed outside a test",
                output: package.output.isEmpty ? nil : package.output))
        }
        return collector.cases
    }

    /// The first `file_test.go:12: text` line a test printed: what `t.Error` or `t.Skip` said.
    static func reportedLine(_ output: String) -> String? {
        for line in output.split(separator: "\n") {
            let text = line.drop { $0 == " " || $0 == "\t" }
            guard let colon = text.firstIndex(of: ":") else { continue }
            let file = text[..<colon]
            let rest = text[text.index(after: colon)...]
            let number = rest.prefix { $0.isASCII && $0.isNumber }
            if file.hasSuffix(".go"), !file.contains(" "), !number.isEmpty, rest.dropFirst(number.count).hasPrefix(":") {
                return String(text)
            }
        }
        return nil
    }
}
