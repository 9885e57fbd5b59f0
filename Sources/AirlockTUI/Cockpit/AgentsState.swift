import AirlockCore

/// The agents pane: every agent heard from, those who need a person first.
public struct AgentsState: Sendable {
    public private(set) var agents: [AgentSummary] = []
    public var selected: String?

    public init() {}

    /// Blocked first, then waiting for review, working, in error, idle, exited; by name.
    public mutating func replace(_ list: [AgentSummary], staleAfter: Int64, now: Int64) {
        agents = list.sorted { a, b in
            let (ra, rb) = (Self.rank(a, staleAfter: staleAfter, now: now), Self.rank(b, staleAfter: staleAfter, now: now))
            return ra != rb ? ra < rb : a.name < b.name
        }
        if selected == nil || !agents.contains(where: { $0.name == selected }) { selected = agents.first?.name }
    }

    static func rank(_ agent: AgentSummary, staleAfter: Int64, now: Int64) -> Int {
        let stale = staleAfter > 0 && now - agent.lastHeard > staleAfter
        switch agent.state {
        case .blocked?: return 0
        case .waiting?: return 1
        case _ where agent.waiting > 0: return 1
        case .working?: return stale ? 5 : 2
        case .error?: return 3
        case .idle?, nil: return stale ? 5 : 4
        case .exited?: return 6
        }
    }

    /// Puts a status report into the agent's row: its state, activity, and the channel and
    /// plan when the report has them (a report without a plan keeps the one before). False
    /// when the agent is not known yet (its row must be read).
    public mutating func apply(_ report: AgentStatusReport, at: Int64, staleAfter: Int64, now: Int64) -> Bool {
        guard let index = agents.firstIndex(where: { $0.name == report.agent }) else { return false }
        var agent = agents[index]
        if agent.state != report.state { agent.stateSince = at }
        agent.state = report.state
        agent.activity = report.activity
        if let channel = report.channel { agent.channel = channel }
        if let plan = report.plan { agent.plan = plan }
        agent.lastHeard = max(agent.lastHeard, at)
        agents[index] = agent
        replace(agents, staleAfter: staleAfter, now: now)
        return true
    }

    public var selectedIndex: Int? { agents.firstIndex { $0.name == selected } }

    public var selectedAgent: AgentSummary? { agents.first { $0.name == selected } }

    public mutating func move(by delta: Int) {
        guard !agents.isEmpty else { return }
        selected = agents[max(0, min(agents.count - 1, (selectedIndex ?? 0) + delta))].name
    }

    public var blockedCount: Int { agents.count { $0.state == .blocked } }
}
