/// What an agent says it is doing.
public enum AgentState: String, Codable, Sendable, CaseIterable {
    case working
    /// Waiting for a reviewer to decide one of its proposals.
    case waiting
    /// Needs a person (a question, a permission prompt).
    case blocked
    case idle
    case exited
    case error
}

/// An agent's report of its status, from any channel.
public struct AgentStatusReport: Equatable, Sendable, Codable {
    public var agent: String
    public var state: AgentState
    /// One line: what it is doing now.
    public var activity: String?
    /// The channel it reports through (`cli`, `mcp`, `hook`, `worktree`).
    public var channel: String?

    public init(agent: String, state: AgentState, activity: String? = nil, channel: String? = nil) {
        self.agent = agent
        self.state = state
        self.activity = activity
        self.channel = channel
    }
}

/// An agent as the cockpit's agents pane shows it.
public struct AgentSummary: Equatable, Sendable, Codable {
    public var name: String
    public var channel: String?
    /// Nil until the agent reports a status (it only proposed).
    public var state: AgentState?
    public var activity: String?
    /// When it entered its state, milliseconds since 1970.
    public var stateSince: Int64?
    /// When it was last heard from (a proposal or a report).
    public var lastHeard: Int64
    public var firstSeen: Int64
    /// How many of its proposals wait for a reviewer.
    public var waiting: Int

    public init(name: String, channel: String?, state: AgentState?, activity: String?, stateSince: Int64?, lastHeard: Int64, firstSeen: Int64, waiting: Int) {
        self.name = name
        self.channel = channel
        self.state = state
        self.activity = activity
        self.stateSince = stateSince
        self.lastHeard = lastHeard
        self.firstSeen = firstSeen
        self.waiting = waiting
    }
}
