/// The panes of the cockpit, in Tab order.
public enum Pane: String, CaseIterable, Sendable {
    case agents, queue, diff, tests, security, activity

    public var title: String {
        switch self {
        case .agents: return "Agents"
        case .queue: return "Queue"
        case .diff: return "Diff"
        case .tests: return "Tests"
        case .security: return "Security"
        case .activity: return "Activity"
        }
    }

    var keys: KeyContext {
        switch self {
        case .agents: return .agents
        case .queue: return .queue
        case .diff: return .diff
        case .tests: return .tests
        case .security: return .security
        case .activity: return .activity
        }
    }
}
