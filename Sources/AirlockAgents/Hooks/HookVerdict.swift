import AirlockCore

/// What the hook answers the agent about one tool call.
public enum HookVerdict: Equatable, Sendable {
    /// No opinion: the tool runs as it would without Airlock (its own permission rules
    /// still apply).
    case passThrough
    /// The tool may run; the reason is shown to the person.
    case allow(String)
    /// The tool must not run; the reason goes to the model.
    case deny(String)

    /// The text for stdout, exactly as `agent` reads it (CHANNELS.md); empty for a
    /// pass-through. Reasons are already made safe for a terminal by whoever wrote them.
    public func answer(for agent: HookAgent) -> String {
        let (decision, reason): (String, String)
        switch self {
        case .passThrough: return ""
        case .allow(let text): (decision, reason) = ("allow", text)
        case .deny(let text): (decision, reason) = ("deny", text)
        }
        let answer: OrderedJSON
        switch agent {
        case .claudeCode, .codex:
            answer = .object([("hookSpecificOutput", .object([
                ("hookEventName", .string("PreToolUse")),
                ("permissionDecision", .string(decision)),
                ("permissionDecisionReason", .string(reason)),
            ]))])
        case .gemini:
            answer = .object([("decision", .string(decision)), ("reason", .string(reason))])
        }
        return answer.text() + "\n"
    }
}
