/// Everything a key can ask the cockpit to do.
public enum CockpitAction: Hashable, Sendable {
    // MARK: - anywhere
    case quit, help, nextPane, previousPane, toggleActivity, zoom, redraw
    // MARK: - lists and the diff
    case down, up, pageDown, pageUp, top, bottom, open, back
    // MARK: - queue and agents
    case mark, markAll, cycleFilter, clearFilter, filterByAgent
    // MARK: - diff
    case toggleHunk, toggleLine, toggleFile, selectAll, selectNone, comment
    case search, nextMatch, previousMatch, nextFile, previousFile, nextHunk, previousHunk
    case sideBySide, wrap
    // MARK: - checks
    case rerunChecks, jumpToFinding
    // MARK: - deciding
    case approve, reject, revert
}

/// Where keys are read: a pane has its own table; `global` applies in every pane.
public enum KeyContext: String, CaseIterable, Sendable {
    case global, agents, queue, diff, tests, security, activity

    public var title: String {
        switch self {
        case .global: return "Anywhere"
        case .agents: return "Agents"
        case .queue: return "Review queue"
        case .diff: return "Diff"
        case .tests: return "Tests"
        case .security: return "Security"
        case .activity: return "Activity"
        }
    }
}
