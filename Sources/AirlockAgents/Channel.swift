import AirlockCore

/// The ways an agent reaches Airlock. Each channel submits proposals and hears back
/// decisions; none of them can decide (see DESIGN.md, the invariant).
public enum Channel: String, Sendable, CaseIterable {
    case cli
    case mcp
    case hook
    case worktree
}
