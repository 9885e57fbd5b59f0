/// The agents whose hooks Airlock answers, each with its own event names and answer shape
/// (see CHANNELS.md).
public enum HookAgent: String, Sendable, CaseIterable {
    case claudeCode = "claude-code"
    case gemini
    case codex

    /// How people call it, in messages.
    public var displayName: String {
        switch self {
        case .claudeCode: "Claude Code"
        case .gemini: "Gemini CLI"
        case .codex: "Codex"
        }
    }

    /// The event before a tool runs.
    public var preToolUseEvent: String { self == .gemini ? "BeforeTool" : "PreToolUse" }

    /// The tools whose writes Airlock gates.
    public var gatedTools: Set<String> {
        switch self {
        case .claudeCode: ["Write", "Edit", "NotebookEdit"]
        case .gemini: ["write_file", "replace"]
        case .codex: ["apply_patch"]
        }
    }

    /// The tools that carry the agent's plan.
    public var planTools: Set<String> {
        switch self {
        case .claudeCode: ["TodoWrite"]
        case .gemini: ["write_todos"]
        case .codex: []
        }
    }
}
