import TOMLKit

/// Turns a parsed TOML table into a `WorkspaceConfig`, collecting every problem and
/// reporting the first in the file, so the error a person sees is the one they meet first.
struct ConfigReader {
    let file: String
    let lines: TOMLKeyLines
    var problems: [ConfigError] = []

    init(file: String, lines: TOMLKeyLines) {
        self.file = file
        self.lines = lines
    }

    static let rootKeys = ["approvers", "gates", "store", "review", "quota", "agents", "cockpit", "checks", "hooks", "tests", "linters"]
    static let gatesKeys = ["protected_paths", "max_files", "max_lines", "tests_must_pass", "block_findings_at"]
    static let storeKeys = ["busy_timeout_ms"]
    static let reviewKeys = ["editor"]
    static let quotaKeys = ["max_proposal_bytes", "max_waiting_per_agent"]
    static let agentsKeys = ["stale_after_s"]
    static let cockpitKeys = ["theme", "bell", "notifications"]
    static let hooksKeys = ["wait_s"]

    mutating func read(_ root: TOMLTable) throws(ConfigError) -> WorkspaceConfig {
        var config = WorkspaceConfig.defaults
        for key in root.keys {
            guard let value = root[key] else { continue }
            let path = [key]
            do throws(ConfigError) {
                switch key {
                case "approvers": config.approvers = try approvers(value, at: path)
                case "gates": try gates(value, at: path, into: &config.gates)
                case "store": try store(value, at: path, into: &config.store)
                case "review": try review(value, at: path, into: &config.review)
                case "quota": try quota(value, at: path, into: &config.quota)
                case "agents": try agents(value, at: path, into: &config.agents)
                case "cockpit": try cockpit(value, at: path, into: &config.cockpit)
                case "checks": try checks(value, at: path, into: &config.checks)
                case "hooks": try hooks(value, at: path, into: &config.hooks)
                case "tests": config.tests = try tests(value, at: path)
                case "linters": config.linters = try linters(value, at: path)
                default: throw unknown(path, value, known: Self.rootKeys)
                }
            } catch {
                problems.append(error)
            }
        }
        if let first = problems.min(by: { ($0.line ?? .max) < ($1.line ?? .max) }) { throw first }
        return config
    }

    // MARK: - Sections

    private mutating func gates(_ value: any TOMLValueConvertible, at path: [String], into gates: inout WorkspaceConfig.Gates) throws(ConfigError) {
        for (key, value) in try entries(value, at: path) {
            let path = path + [key]
            do throws(ConfigError) {
                switch key {
                case "protected_paths": gates.protectedPaths = try globs(value, at: path)
                case "max_files": gates.maxFiles = try count(value, at: path)
                case "max_lines": gates.maxLines = try count(value, at: path)
                case "tests_must_pass": gates.testsMustPass = try flag(value, at: path)
                case "block_findings_at": gates.blockFindingsAt = try severityOrOff(value, at: path)
                default: throw unknown(path, value, known: Self.gatesKeys)
                }
            } catch {
                problems.append(error)
            }
        }
    }

    private mutating func store(_ value: any TOMLValueConvertible, at path: [String], into store: inout WorkspaceConfig.Store) throws(ConfigError) {
        for (key, value) in try entries(value, at: path) {
            let path = path + [key]
            do throws(ConfigError) {
                switch key {
                case "busy_timeout_ms": store.busyTimeoutMilliseconds = try count(value, at: path)
                default: throw unknown(path, value, known: Self.storeKeys)
                }
            } catch {
                problems.append(error)
            }
        }
    }

    private mutating func review(_ value: any TOMLValueConvertible, at path: [String], into review: inout WorkspaceConfig.Review) throws(ConfigError) {
        for (key, value) in try entries(value, at: path) {
            let path = path + [key]
            do throws(ConfigError) {
                switch key {
                case "editor": review.editor = try string(value, at: path)
                default: throw unknown(path, value, known: Self.reviewKeys)
                }
            } catch {
                problems.append(error)
            }
        }
    }

    private mutating func quota(_ value: any TOMLValueConvertible, at path: [String], into quota: inout WorkspaceConfig.Quota) throws(ConfigError) {
        for (key, value) in try entries(value, at: path) {
            let path = path + [key]
            do throws(ConfigError) {
                switch key {
                case "max_proposal_bytes": quota.maxProposalBytes = try count(value, at: path)
                case "max_waiting_per_agent": quota.maxWaitingPerAgent = try count(value, at: path)
                default: throw unknown(path, value, known: Self.quotaKeys)
                }
            } catch {
                problems.append(error)
            }
        }
    }

    private mutating func agents(_ value: any TOMLValueConvertible, at path: [String], into agents: inout WorkspaceConfig.Agents) throws(ConfigError) {
        for (key, value) in try entries(value, at: path) {
            let path = path + [key]
            do throws(ConfigError) {
                switch key {
                case "stale_after_s": agents.staleAfterSeconds = try count(value, at: path)
                default: throw unknown(path, value, known: Self.agentsKeys)
                }
            } catch {
                problems.append(error)
            }
        }
    }

    private mutating func cockpit(_ value: any TOMLValueConvertible, at path: [String], into cockpit: inout WorkspaceConfig.Cockpit) throws(ConfigError) {
        for (key, value) in try entries(value, at: path) {
            let path = path + [key]
            do throws(ConfigError) {
                switch key {
                case "theme": cockpit.theme = try string(value, at: path)
                case "bell": cockpit.bell = try flag(value, at: path)
                case "notifications":
                    let text = try string(value, at: path)
                    guard let style = WorkspaceConfig.Cockpit.Notifications(rawValue: text) else {
                        throw problem(at: path, "expected \"off\", \"osc9\" or \"osc777\", got \(Self.quote(text))")
                    }
                    cockpit.notifications = style
                default: throw unknown(path, value, known: Self.cockpitKeys)
                }
            } catch {
                problems.append(error)
            }
        }
    }

    private mutating func hooks(_ value: any TOMLValueConvertible, at path: [String], into hooks: inout WorkspaceConfig.Hooks) throws(ConfigError) {
        for (key, value) in try entries(value, at: path) {
            let path = path + [key]
            do throws(ConfigError) {
                switch key {
                case "wait_s":
                    let seconds = try count(value, at: path)
                    let range = WorkspaceConfig.Hooks.waitRange
                    guard range.contains(seconds) else {
                        throw problem(at: path, "expected \(range.lowerBound) to \(range.upperBound) seconds, got \(seconds)")
                    }
                    hooks.waitSeconds = seconds
                default: throw unknown(path, value, known: Self.hooksKeys)
                }
            } catch {
                problems.append(error)
            }
        }
    }

    // MARK: - Values

    func entries(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> [(String, any TOMLValueConvertible)] {
        guard let table = value.table else { throw problem(at: path, "expected a table, got \(Self.describe(value))") }
        return table.keys.compactMap { key in table[key].map { (key, $0) } }
    }

    func count(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> Int {
        guard let number = value.int, number >= 0 else {
            throw problem(at: path, "expected a non-negative integer, got \(Self.describe(value))")
        }
        return number
    }

    func string(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> String {
        guard let text = value.string else { throw problem(at: path, "expected a string, got \(Self.describe(value))") }
        return text
    }

    private func approvers(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> [String] {
        try strings(value, at: path, what: "\"user\" or \"user@host\"") { entry, path throws(ConfigError) in
            guard Self.isApprover(entry) else {
                throw problem(at: path, "expected \"user\" or \"user@host\", got \(Self.quote(entry))")
            }
        }
    }

    private func globs(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> [String] {
        try strings(value, at: path, what: "a glob") { entry, path throws(ConfigError) in
            do throws(PathGlobError) {
                _ = try PathGlob(entry)
            } catch {
                throw problem(at: path, error.description)
            }
        }
    }

    /// An array of strings, each checked by `validate`.
    func strings(
        _ value: any TOMLValueConvertible, at path: [String], what: String,
        validate: (String, [String]) throws(ConfigError) -> Void
    ) throws(ConfigError) -> [String] {
        guard let array = value.array else {
            throw problem(at: path, "expected an array of strings, each \(what), got \(Self.describe(value))")
        }
        var entries: [String] = []
        for (index, element) in array.enumerated() {
            let path = path + [TOMLKeyLines.element(index)]
            guard let entry = element.string else {
                throw problem(at: path, "expected a string, \(what), got \(Self.describe(element))")
            }
            try validate(entry, path)
            entries.append(entry)
        }
        return entries
    }

    // MARK: - Problems

    func problem(at path: [String], _ message: String) -> ConfigError {
        ConfigError(file: file, line: lines.line(of: path), field: Self.render(path), message)
    }

    /// An unknown key, or an unknown table when its value is one.
    func unknown(_ path: [String], _ value: any TOMLValueConvertible, known: [String]) -> ConfigError {
        let name = Self.render(path)
        let parent = path.dropLast().isEmpty ? "at the top level" : "in [\(Self.render(Array(path.dropLast())))]"
        let what = value.type == .table ? "unknown table [\(name)]" : "unknown key \(name)"
        var message = "\(what); the keys \(parent) are \(known.joined(separator: ", "))"
        if let key = path.last, let near = known.first(where: { Self.isNear($0, key) }) {
            message += " (did you mean \(near)?)"
        }
        return ConfigError(file: file, line: lines.line(of: path), message)
    }

    // MARK: - Text

    static func isApprover(_ entry: String) -> Bool {
        let parts = entry.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        return !entry.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// `gates.protected_paths[2]`; keys that are not bare are quoted.
    static func render(_ path: [String]) -> String {
        var text = ""
        for component in path {
            if component.hasPrefix("["), component.hasSuffix("]"), Int(component.dropFirst().dropLast()) != nil {
                text += component
                continue
            }
            if !text.isEmpty { text += "." }
            let bare = !component.isEmpty && component.utf8.allSatisfy {
                $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
            }
            text += bare ? component : quote(component)
        }
        return text
    }

    static func quote(_ text: String) -> String {
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        var quoted = "\""
        for character in VisibleText.escape(shown) {
            if character == "\"" { quoted += "\\" }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// How a value reads in "got …".
    static func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: quote(value.string ?? "")
        case .int: value.int.map(String.init) ?? "an integer"
        case .double: value.double.map { "\($0)" } ?? "a number"
        case .bool: value.bool.map { "\($0)" } ?? "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }

    /// One edit apart: a character inserted, deleted or replaced, or two neighbours swapped.
    static func isNear(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard x != y, abs(x.count - y.count) <= 1 else { return false }
        let prefix = zip(x, y).prefix { $0 == $1 }.count
        let restX = x[prefix...], restY = y[prefix...]
        if restX.dropFirst().elementsEqual(restY.dropFirst()) { return true }  // replaced
        if restX.dropFirst().elementsEqual(restY) || restX.elementsEqual(restY.dropFirst()) { return true }  // inserted or deleted
        return x.count == y.count && restX.count >= 2
            && restX.first == restY.dropFirst().first && restY.first == restX.dropFirst().first
            && restX.dropFirst(2).elementsEqual(restY.dropFirst(2))  // swapped
    }
}
