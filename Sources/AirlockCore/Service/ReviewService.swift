/// The one interface every process that is not the core itself goes through: the CLI, the
/// cockpit, the agents' channels and check runners. Its values are plain, `Sendable` and
/// `Codable` — no SQLite type, no buffer into the store — so the same protocol can be
/// served over a socket by a broker or implemented on another database.
///
/// Only `approve` and `reject` decide, and they need a `Reviewer`, which only a person at
/// a terminal can produce. Nothing else reaches `approved` or `rejected`. `revert`, which
/// undoes an applied proposal, needs a `Reviewer` too.
public protocol ReviewService: AgentService {
    // MARK: - reading

    /// Every agent that has been heard from, with its reported status.
    func agents() async throws -> [AgentSummary]

    /// The current run of each check of these proposals (no cases or findings): what the
    /// queue's badges show.
    func checkRuns(of ids: [Int64]) async throws -> [Int64: [CheckRun]]

    /// The audit trail, in order.
    func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry]

    /// Re-hashes the chain and names the first entry that was altered, removed or inserted.
    func verifyAudit() async throws -> AuditVerdict

    /// Typed events from the audit log after sequence number `cursor` (0: from the
    /// beginning; nil: from now), then live as they are committed, in order, none missed
    /// or repeated. The sequence ends when the task iterating it is cancelled.
    func events(after cursor: Int64?) -> AsyncThrowingStream<ReviewEvent, any Error>

    // MARK: - more verbs that decide nothing

    /// Queues a waiting proposal's configured checks again (a `ready` one goes back to
    /// `checking`); `actor` is who asked. It decides nothing.
    func rerunChecks(_ id: Int64, actor: String) async throws

    // MARK: - a reviewer's verbs

    /// Whether this reviewer may decide here; nil when they may, else why not (they may
    /// still look).
    func refusal(of reviewer: Reviewer) async throws -> DecisionError?

    /// The policy gates for the selected hunks of a proposal (the whole patch when nil).
    func gates(_ id: Int64, selection: HunkSelection?) async throws -> [GateResult]

    /// Records an approval of exactly the bytes the reviewer was shown.
    func approve(_ approval: Approval, by reviewer: Reviewer) async throws -> Decision

    /// Records a rejection with the feedback the agent receives.
    func reject(_ rejection: Rejection, by reviewer: Reviewer) async throws -> Decision

    /// Applies an approved proposal (it decides nothing: the approval names the bytes).
    func apply(_ id: Int64) async throws -> ApplyReport

    /// The patch that would undo an applied proposal (the reverse of exactly what was
    /// applied) and its digest, to show before reverting.
    func revertPreview(_ id: Int64) async throws -> RevertPreview

    /// Undoes an applied proposal: the reverse patch the reviewer was shown (`shownDigest`),
    /// checked against the workspace as it is now and written atomically. It then is `reverted`.
    func revert(_ id: Int64, shownDigest: String, by reviewer: Reviewer) async throws -> ApplyReport
}
