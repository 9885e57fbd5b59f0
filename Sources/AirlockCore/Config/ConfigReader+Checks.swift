import TOMLKit

/// `[checks]`, `[[tests]]` and `[[linters]]`.
extension ConfigReader {
    static let checksKeys = ["sandbox", "run_in_cockpit", "claim_s", "lint", "read_only"]
    static let testKeys = ["name", "command", "timeout", "results", "format", "network"]
    static let linterKeys = ["name", "command", "format", "output", "timeout", "network"]

    mutating func checks(_ value: any TOMLValueConvertible, at path: [String], into checks: inout WorkspaceConfig.Checks) throws(ConfigError) {
        for (key, value) in try entries(value, at: path) {
            let path = path + [key]
            do throws(ConfigError) {
                switch key {
                case "sandbox":
                    checks.sandbox = try choice(value, at: path, SandboxMode.self)
                case "run_in_cockpit": checks.runInCockpit = try flag(value, at: path)
                case "claim_s":
                    let seconds = try count(value, at: path)
                    guard seconds >= 5 else { throw problem(at: path, "expected at least 5 seconds, got \(seconds)") }
                    checks.claimSeconds = seconds
                case "lint": checks.lint = try flag(value, at: path)
                case "read_only":
                    checks.readOnly = try strings(value, at: path, what: "an absolute path or one starting with ~/") { entry, path throws(ConfigError) in
                        guard entry.hasPrefix("/") || entry.hasPrefix("~/"), !entry.split(separator: "/").contains(".."), entry != "/" else {
                            throw problem(at: path, "expected an absolute path or one starting with ~/, without \"..\", got \(Self.quote(entry))")
                        }
                    }
                default: throw unknown(path, value, known: Self.checksKeys)
                }
            } catch {
                problems.append(error)
            }
        }
    }

    mutating func tests(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> [WorkspaceConfig.TestCommand] {
        var tests: [WorkspaceConfig.TestCommand] = []
        for (index, element) in try tables(value, at: path, what: "[[tests]]") {
            let path = path + [TOMLKeyLines.element(index)]
            var test = WorkspaceConfig.TestCommand(name: "", command: "")
            for (key, value) in try entries(element, at: path) {
                let path = path + [key]
                do throws(ConfigError) {
                    switch key {
                    case "name": test.name = try checkName(value, at: path, taken: tests.map(\.name))
                    case "command": test.command = try command(value, at: path)
                    case "timeout": test.timeoutSeconds = try timeout(value, at: path)
                    case "results": test.results = try relativePath(value, at: path)
                    case "format": test.format = try choice(value, at: path, TestResultFormat.self)
                    case "network": test.network = try flag(value, at: path)
                    default: throw unknown(path, value, known: Self.testKeys)
                    }
                } catch {
                    problems.append(error)
                }
            }
            try required(test.name, "name", at: path)
            try required(test.command, "command", at: path)
            tests.append(test)
        }
        return tests
    }

    mutating func linters(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> [WorkspaceConfig.LinterCommand] {
        var linters: [WorkspaceConfig.LinterCommand] = []
        for (index, element) in try tables(value, at: path, what: "[[linters]]") {
            let path = path + [TOMLKeyLines.element(index)]
            var linter = WorkspaceConfig.LinterCommand(name: "", command: "")
            for (key, value) in try entries(element, at: path) {
                let path = path + [key]
                do throws(ConfigError) {
                    switch key {
                    case "name": linter.name = try checkName(value, at: path, taken: linters.map(\.name))
                    case "command": linter.command = try command(value, at: path)
                    case "format": linter.format = try choice(value, at: path, ExternalFindingsFormat.self)
                    case "output": linter.output = try relativePath(value, at: path)
                    case "timeout": linter.timeoutSeconds = try timeout(value, at: path)
                    case "network": linter.network = try flag(value, at: path)
                    default: throw unknown(path, value, known: Self.linterKeys)
                    }
                } catch {
                    problems.append(error)
                }
            }
            try required(linter.name, "name", at: path)
            try required(linter.command, "command", at: path)
            linters.append(linter)
        }
        return linters
    }

    // MARK: - Values

    func flag(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> Bool {
        guard let flag = value.bool else { throw problem(at: path, "expected true or false, got \(Self.describe(value))") }
        return flag
    }

    func severityOrOff(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> LintSeverity? {
        let text = try string(value, at: path)
        if text == "off" { return nil }
        guard let severity = LintSeverity(rawValue: text) else {
            let names = LintSeverity.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw problem(at: path, "expected one of \(names) or \"off\", got \(Self.quote(text))")
        }
        return severity
    }

    private func choice<Choice: RawRepresentable & CaseIterable>(
        _ value: any TOMLValueConvertible, at path: [String], _ type: Choice.Type
    ) throws(ConfigError) -> Choice where Choice.RawValue == String {
        let text = try string(value, at: path)
        guard let chosen = Choice(rawValue: text) else {
            let names = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw problem(at: path, "expected one of \(names), got \(Self.quote(text))")
        }
        return chosen
    }

    private func tables(_ value: any TOMLValueConvertible, at path: [String], what: String) throws(ConfigError) -> [(Int, any TOMLValueConvertible)] {
        guard let array = value.array else { throw problem(at: path, "expected \(what) tables, got \(Self.describe(value))") }
        return Array(array.enumerated())
    }

    /// A check's name shows on screen and in JSON: short, printable, unique.
    private func checkName(_ value: any TOMLValueConvertible, at path: [String], taken: [String]) throws(ConfigError) -> String {
        let name = try string(value, at: path)
        guard (1...40).contains(name.count), name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !$0.properties.isBidiControl }) else {
            throw problem(at: path, "expected a name of 1 to 40 printable characters, got \(Self.quote(name))")
        }
        guard !taken.contains(name) else { throw problem(at: path, "the name \(Self.quote(name)) is used twice") }
        return name
    }

    private func command(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> String {
        let command = try string(value, at: path)
        guard !command.allSatisfy(\.isWhitespace) else { throw problem(at: path, "expected a command, got an empty string") }
        return command
    }

    private func timeout(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> Int {
        let seconds = try count(value, at: path)
        guard (1...86_400).contains(seconds) else { throw problem(at: path, "expected 1 to 86400 seconds, got \(seconds)") }
        return seconds
    }

    /// A path inside the scratch copy: relative, without `..`.
    private func relativePath(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> String {
        let text = try string(value, at: path)
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !text.isEmpty, !text.hasPrefix("/"), !parts.contains(".."), !text.contains("\0") else {
            throw problem(at: path, "expected a path relative to the workspace, without \"..\", got \(Self.quote(text))")
        }
        return text
    }

    private func required(_ text: String, _ key: String, at path: [String]) throws(ConfigError) {
        guard text.isEmpty else { return }
        throw problem(at: path, "\(key) is missing")
    }
}
