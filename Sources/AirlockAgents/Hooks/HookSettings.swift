import AirlockCore

/// Why a settings file cannot take Airlock's hooks.
public struct HookSettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Airlock's entries in an agent's project hook settings (`.claude/settings.json`,
/// `.gemini/settings.json`, `.codex/hooks.json`), merged into what the user has: every
/// other key and hook stays as it was, installing twice changes nothing, and removing
/// takes out exactly Airlock's entries.
public struct HookSettings: Sendable {
    /// One hook Airlock installs.
    public struct Entry: Equatable, Sendable {
        public var event: String
        public var matcher: String?
        /// In the agent's unit: seconds for Claude Code and Codex, milliseconds for Gemini CLI.
        public var timeout: Int
    }

    public let agent: HookAgent
    /// The shell command the agent runs: the `airlock` binary's absolute path, quoted
    /// when it needs to be, then `hook KIND`.
    public let command: String
    public let entries: [Entry]

    /// How much longer than `[hooks] wait_s` the agent lets the hook run before it gives
    /// up on it, in seconds.
    public static let timeoutMargin = 30
    /// The timeout of a status hook, in seconds.
    public static let statusTimeout = 10

    public init(agent: HookAgent, executable: String, waitSeconds: Int) {
        self.agent = agent
        command = Self.shellQuoted(executable) + " hook " + agent.rawValue
        let unit = agent == .gemini ? 1000 : 1
        let gate = (waitSeconds + Self.timeoutMargin) * unit, status = Self.statusTimeout * unit
        switch agent {
        case .claudeCode:
            entries = [
                Entry(event: "PreToolUse", matcher: "Write|Edit|NotebookEdit|TodoWrite", timeout: gate),
                Entry(event: "UserPromptSubmit", timeout: status), Entry(event: "Notification", timeout: status),
                Entry(event: "Stop", timeout: status), Entry(event: "SessionStart", timeout: status), Entry(event: "SessionEnd", timeout: status),
            ]
        case .gemini:
            entries = [
                Entry(event: "BeforeTool", matcher: "write_file|replace|write_todos", timeout: gate),
                Entry(event: "BeforeAgent", timeout: status), Entry(event: "AfterAgent", timeout: status), Entry(event: "Notification", timeout: status),
                Entry(event: "SessionStart", timeout: status), Entry(event: "SessionEnd", timeout: status),
            ]
        case .codex:
            entries = [
                Entry(event: "PreToolUse", matcher: "apply_patch", timeout: gate),
                Entry(event: "UserPromptSubmit", timeout: status), Entry(event: "Stop", timeout: status), Entry(event: "SessionStart", timeout: status),
            ]
        }
    }

    /// Where the agent reads project hooks, relative to the workspace root.
    public static func path(for agent: HookAgent) -> String {
        switch agent {
        case .claudeCode: ".claude/settings.json"
        case .gemini: ".gemini/settings.json"
        case .codex: ".codex/hooks.json"
        }
    }

    // MARK: - Merging

    /// `settings` with Airlock's entries in place (replacing any earlier ones of this kind).
    public func installing(into settings: OrderedJSON) throws(HookSettingsError) -> OrderedJSON {
        try edit(settings, install: true)
    }

    /// `settings` without Airlock's entries of this kind.
    public func removing(from settings: OrderedJSON) throws(HookSettingsError) -> OrderedJSON {
        try edit(settings, install: false)
    }

    /// Airlock's hooks of this kind in `settings`, as `EVENT (matcher): command, timeout`.
    public func described(in settings: OrderedJSON) -> [String] {
        guard let hooks = settings["hooks"]?.members else { return [] }
        var out: [String] = []
        for (event, groups) in hooks {
            for group in groups.array ?? [] {
                for hook in group["hooks"]?.array ?? [] where isOurs(hook) {
                    let matcher = group["matcher"]?.string.map { " (\($0))" } ?? ""
                    let timeout = hook["timeout"].flatMap { if case .number(let n) = $0 { n } else { nil } } ?? "default"
                    out.append("\(event)\(matcher): \(hook["command"]?.string ?? ""), timeout \(timeout)\(agent == .gemini ? " ms" : " s")")
                }
            }
        }
        return out
    }

    private func edit(_ settings: OrderedJSON, install: Bool) throws(HookSettingsError) -> OrderedJSON {
        guard settings.members != nil else { throw HookSettingsError(message: "the settings are \(settings.kindName), not a JSON object") }
        var hooks = settings["hooks"] ?? .object([])
        guard hooks.members != nil else { throw HookSettingsError(message: "\"hooks\" is \(hooks.kindName), not an object") }
        var events = hooks.members?.map(\.key) ?? []
        if install { for entry in entries where !events.contains(entry.event) { events.append(entry.event) } }
        for event in events {
            let existing = hooks[event] ?? .array([])
            guard var groups = existing.array else { throw HookSettingsError(message: "\"hooks\".\"\(event)\" is \(existing.kindName), not an array") }
            var position: Int?
            groups = groups.enumerated().compactMap { index, group in
                guard let list = group["hooks"]?.array, list.contains(where: isOurs) else { return group }
                if position == nil { position = index }
                let rest = list.filter { !isOurs($0) }
                return rest.isEmpty ? nil : group.setting("hooks", to: .array(rest))
            }
            if install, let entry = entries.first(where: { $0.event == event }) {
                let at = min(position ?? groups.count, groups.count)
                groups.insert(group(for: entry), at: at)
            }
            if !groups.isEmpty {
                hooks = hooks.setting(event, to: .array(groups))
            } else if existing.array?.isEmpty == false {
                hooks = hooks.removing(event)
            }
        }
        if hooks.members?.isEmpty == true {
            // Airlock's were the only hooks: the key goes with them.
            return settings["hooks"]?.members?.isEmpty == false ? settings.removing("hooks") : settings
        }
        return settings.setting("hooks", to: hooks)
    }

    private func group(for entry: Entry) -> OrderedJSON {
        var hook: [(key: String, value: OrderedJSON)] = []
        if agent == .gemini { hook.append(("name", .string("airlock"))) }
        hook += [("type", .string("command")), ("command", .string(command)), ("timeout", .number(String(entry.timeout)))]
        var group: [(key: String, value: OrderedJSON)] = []
        if let matcher = entry.matcher { group.append(("matcher", .string(matcher))) }
        group.append(("hooks", .array([.object(hook)])))
        return .object(group)
    }

    /// A hook whose command runs some `airlock` binary's `hook KIND` for this kind.
    func isOurs(_ hook: OrderedJSON) -> Bool {
        guard let command = hook["command"]?.string else { return false }
        let words = Self.shellWords(command)
        guard words.count >= 3, let program = words[0].split(separator: "/").last else { return false }
        return program == "airlock" && words[1] == "hook" && words[2] == agent.rawValue
    }

    // MARK: - Shell words

    /// `/usr/bin/airlock` as it is; anything with other characters in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._-+@%:,".unicodeScalars.contains(scalar)
        }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words of a simple command line: blanks separate, single and double quotes group.
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = [], word = "", quote: Character?, started = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                started = true
            } else if character == " " || character == "\t" {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(character)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }
}
