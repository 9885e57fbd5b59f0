import AirlockCore

/// Why a hook's input cannot be used: the field it is about and what is wrong with it.
/// The command says it on stderr and exits 2, which every agent treats as blocking.
public struct HookInputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String?
    public var message: String

    public init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String {
        "hook input: " + (field.map { "\($0): " } ?? "") + message
    }
}

/// One event an agent's hook sends on stdin, as far as Airlock reads it.
public struct HookEvent: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A tool is about to run (`PreToolUse`, Gemini's `BeforeTool`).
        case toolUse(tool: String)
        /// The person sent a prompt (`UserPromptSubmit`, Gemini's `BeforeAgent`).
        case promptSubmitted
        /// The agent waits for the person, with what it says.
        case waitingForPerson(message: String)
        /// Another notification, of no interest to Airlock.
        case otherNotification
        /// The turn ended (`Stop`, Gemini's `AfterAgent`, Codex's `agent-turn-complete`).
        case turnEnded
        case sessionStarted
        case sessionEnded
    }

    public var kind: Kind
    public var sessionID: String?
    /// The agent's working directory, when it says.
    public var cwd: String?
    /// The whole input, for the tool's arguments.
    public var input: OrderedJSON

    /// Most bytes a hook reads: more than any quota allows a proposal, and still bounded.
    public static let maxInputBytes = 64 << 20

    /// Reads `bytes` as `agent`'s hook event.
    public static func parse(_ bytes: [UInt8], agent: HookAgent) throws(HookInputError) -> HookEvent {
        guard bytes.count <= maxInputBytes else {
            throw HookInputError(field: nil, "more than \(maxInputBytes >> 20) MiB on stdin: refused unread")
        }
        let root: OrderedJSON
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw HookInputError(field: nil, "not JSON: \(error)")
        }
        guard root.members != nil else { throw HookInputError(field: nil, "expected a JSON object, got \(root.kindName)") }
        if agent == .codex, root["type"] != nil, root["hook_event_name"] == nil {
            return try notify(root)
        }
        let name = try text(root, "hook_event_name")
        let kind: Kind
        switch (agent, name) {
        case (_, agent.preToolUseEvent): kind = .toolUse(tool: try text(root, "tool_name"))
        case (.claudeCode, "UserPromptSubmit"), (.codex, "UserPromptSubmit"), (.gemini, "BeforeAgent"): kind = .promptSubmitted
        case (.claudeCode, "Stop"), (.codex, "Stop"), (.gemini, "AfterAgent"): kind = .turnEnded
        case (_, "SessionStart"): kind = .sessionStarted
        case (_, "SessionEnd"): kind = .sessionEnded
        case (.claudeCode, "Notification"):
            // Without a type (older versions) every notification is one that waits.
            let waits: Set<String> = ["permission_prompt", "idle_prompt", "agent_needs_input"]
            if let type = try optionalText(root, "notification_type"), !waits.contains(type) {
                kind = .otherNotification
            } else {
                kind = .waitingForPerson(message: try optionalText(root, "message") ?? "needs you")
            }
        case (.gemini, "Notification"):
            kind = .waitingForPerson(message: try optionalText(root, "message") ?? "needs you")
        default:
            throw HookInputError(field: "hook_event_name", "\(VisibleText.escape(name)) is not a \(agent.displayName) event Airlock handles")
        }
        return HookEvent(kind: kind, sessionID: try optionalText(root, "session_id"), cwd: try optionalText(root, "cwd"), input: root)
    }

    /// Codex's `notify` program gets its event as one argument: `agent-turn-complete`.
    private static func notify(_ root: OrderedJSON) throws(HookInputError) -> HookEvent {
        let type = try text(root, "type")
        guard type == "agent-turn-complete" else {
            throw HookInputError(field: "type", "\(VisibleText.escape(type)) is not a Codex notification Airlock handles")
        }
        return HookEvent(kind: .turnEnded, sessionID: try optionalText(root, "thread-id"), cwd: try optionalText(root, "cwd"), input: root)
    }

    /// The tool's arguments (`tool_input`).
    public func toolInput() throws(HookInputError) -> OrderedJSON {
        guard let value = input["tool_input"] else { throw HookInputError(field: "tool_input", "missing") }
        guard value.members != nil else { throw HookInputError(field: "tool_input", "expected an object, got \(value.kindName)") }
        return value
    }

    // MARK: - Fields

    static func text(_ object: OrderedJSON, _ key: String, in parent: String? = nil) throws(HookInputError) -> String {
        guard let value = try optionalText(object, key, in: parent) else {
            throw HookInputError(field: parent.map { "\($0).\(key)" } ?? key, "missing")
        }
        return value
    }

    static func optionalText(_ object: OrderedJSON, _ key: String, in parent: String? = nil) throws(HookInputError) -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard let text = value.string else {
            throw HookInputError(field: parent.map { "\($0).\(key)" } ?? key, "expected a string, got \(value.kindName)")
        }
        return text
    }

    static func optionalFlag(_ object: OrderedJSON, _ key: String, in parent: String) throws(HookInputError) -> Bool? {
        guard let value = object[key], value != .null else { return nil }
        guard let flag = value.bool else { throw HookInputError(field: "\(parent).\(key)", "expected true or false, got \(value.kindName)") }
        return flag
    }
}
