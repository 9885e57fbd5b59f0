/// What an agent may do through any channel (the CLI, MCP, a hook, the worktree runner,
/// the socket broker a sandboxed agent talks to): propose, read back its proposals, wait,
/// withdraw, and say what it is doing. Nothing here decides; `ReviewService` adds the
/// reviewer's verbs on top, and a broker serves only this protocol.
public protocol AgentService: Sendable {
    /// Proposals in id order, filtered.
    func proposals(_ filter: ProposalFilter) async throws -> [ProposalSummary]

    /// One proposal with its patch, checks, gates, decisions and history. A writable
    /// service re-checks a waiting proposal against the workspace first.
    func proposal(_ id: Int64) async throws -> ProposalDetail

    /// Validates an agent's change against the workspace and queues it.
    func propose(_ submission: Submission) async throws -> SubmissionReceipt

    /// The agent that proposed it takes back a waiting proposal.
    func withdraw(_ id: Int64, agent: String) async throws -> ProposalSummary

    /// Waits until the proposal is decided and settled (applied, rejected, or ended
    /// otherwise) or `timeout` seconds pass; re-checks it while it waits.
    func waitForOutcome(_ id: Int64, timeout: Double?) async throws -> ProposalOutcome

    /// What an agent says it is doing.
    func reportStatus(_ report: AgentStatusReport) async throws

    /// The last lines an agent's process printed (the worktree runner captures them), for
    /// the cockpit's agents pane. A live tail, replaced on every call and not audited.
    func reportOutput(agent: String, tail: String) async throws
}
