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

/// One item of an agent's plan, as agents report them (Claude Code's todo list, say).
public struct PlanItem: Equatable, Sendable, Codable {
    public enum Status: String, Codable, Sendable {
        case pending
        case inProgress = "in_progress"
        case completed
    }

    public var text: String
    public var status: Status

    public init(_ text: String, status: Status) {
        self.text = text
        self.status = status
    }

    /// Plan items from text, one a line: `[x] done`, `[~] doing` or `[>] doing`,
    /// `[ ] to do` (a leading `-` or `*` is allowed, as in Markdown task lists); a line
    /// with no box is to do. Blank lines are skipped.
    public static func parse(_ text: String) -> [PlanItem] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("- ") || line.hasPrefix("* ") { line = String(line.dropFirst(2)) }
            let boxes: [(String, Status)] = [("[x] ", .completed), ("[X] ", .completed), ("[~] ", .inProgress), ("[>] ", .inProgress), ("[ ] ", .pending)]
            for (box, status) in boxes where line.hasPrefix(box) {
                return PlanItem(String(line.dropFirst(box.count)).trimmingCharacters(in: .whitespaces), status: status)
            }
            return line.isEmpty ? nil : PlanItem(line, status: .pending)
        }
    }
}

/// An agent's report of its status, from any channel.
public struct AgentStatusReport: Equatable, Sendable, Codable {
    public var agent: String
    public var state: AgentState
    /// One line: what it is doing now.
    public var activity: String?
    /// The channel it reports through (`cli`, `mcp`, `hook`, `worktree`).
    public var channel: String?
    /// Its plan, when it reports one; nil keeps the plan it reported before.
    public var plan: [PlanItem]?

    public init(agent: String, state: AgentState, activity: String? = nil, channel: String? = nil, plan: [PlanItem]? = nil) {
        self.agent = agent
        self.state = state
        self.activity = activity
        self.channel = channel
        self.plan = plan
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
    /// The plan it last reported (empty when none).
    public var plan: [PlanItem]
    /// The tail of its process's output, when a runner captures it (raw agent text:
    /// escape before showing).
    public var output: String?
    /// When `output` was last replaced, milliseconds since 1970.
    public var outputAt: Int64?

    /// How many characters of output are kept.
    public static let outputLimit = 4096

    public init(
        name: String, channel: String?, state: AgentState?, activity: String?, stateSince: Int64?, lastHeard: Int64, firstSeen: Int64, waiting: Int,
        plan: [PlanItem] = [], output: String? = nil, outputAt: Int64? = nil
    ) {
        self.name = name
        self.channel = channel
        self.state = state
        self.activity = activity
        self.stateSince = stateSince
        self.lastHeard = lastHeard
        self.firstSeen = firstSeen
        self.waiting = waiting
        self.plan = plan
        self.output = output
        self.outputAt = outputAt
    }
}
