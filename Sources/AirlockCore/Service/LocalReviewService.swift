import Foundation

/// The review service on this machine: a managed workspace and its SQLite store, shared
/// with every other process that opened it.
///
/// Every call that does not wait is also offered blocking, through `blocking`: a
/// one-shot command (`airlock show`, `propose`, `list`) then never starts Swift's
/// concurrency runtime, whose threads would add a millisecond or two to each.
public struct LocalReviewService: ReviewService {
    public let workspace: ManagedWorkspace
    public let clock: WallClock
    /// The applier's fault hook, for crash tests.
    let onApplyStep: (@Sendable (Int) throws -> Void)?

    public var isObserver: Bool { workspace.store.access == .observer }

    public init(workspace: ManagedWorkspace, clock: WallClock = .system, onApplyStep: (@Sendable (Int) throws -> Void)? = nil) {
        self.workspace = workspace
        self.clock = clock
        self.onApplyStep = onApplyStep
    }

    /// The same calls, made on the caller's thread.
    public var blocking: Blocking { Blocking(service: self) }

    // MARK: - the protocol

    public func proposals(_ filter: ProposalFilter) async throws -> [ProposalSummary] { try blocking.proposals(filter) }
    public func proposal(_ id: Int64) async throws -> ProposalDetail { try blocking.proposal(id) }
    public func agents() async throws -> [AgentSummary] { try blocking.agents() }
    public func checkRuns(of ids: [Int64]) async throws -> [Int64: [CheckRun]] { try blocking.checkRuns(of: ids) }
    public func rerunChecks(_ id: Int64, actor: String) async throws { try blocking.rerunChecks(id, actor: actor) }
    public func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry] { try blocking.auditEntries(filter) }
    public func verifyAudit() async throws -> AuditVerdict { try blocking.verifyAudit() }

    public func events(after cursor: Int64?) -> AsyncThrowingStream<ReviewEvent, any Error> {
        EventFollower.stream(store: workspace.store, after: cursor, clock: clock)
    }

    public func propose(_ submission: Submission) async throws -> SubmissionReceipt { try blocking.propose(submission) }
    public func withdraw(_ id: Int64, agent: String) async throws -> ProposalSummary { try blocking.withdraw(id, agent: agent) }

    public func waitForOutcome(_ id: Int64, timeout: Double?) async throws -> ProposalOutcome {
        try await OutcomeWait(workspace: workspace, clock: clock).run(id, timeout: timeout, recheck: !isObserver)
    }

    public func reportStatus(_ report: AgentStatusReport) async throws { try blocking.reportStatus(report) }
    public func reportOutput(agent: String, tail: String) async throws { try blocking.reportOutput(agent: agent, tail: tail) }
    public func refusal(of reviewer: Reviewer) async throws -> DecisionError? { blocking.refusal(of: reviewer) }
    public func gates(_ id: Int64, selection: HunkSelection?) async throws -> [GateResult] { try blocking.gates(id, selection: selection) }
    public func approve(_ approval: Approval, by reviewer: Reviewer) async throws -> Decision { try blocking.approve(approval, by: reviewer) }
    public func reject(_ rejection: Rejection, by reviewer: Reviewer) async throws -> Decision { try blocking.reject(rejection, by: reviewer) }
    public func apply(_ id: Int64) async throws -> ApplyReport { try blocking.apply(id) }
    public func revertPreview(_ id: Int64) async throws -> RevertPreview { try blocking.revertPreview(id) }
    public func revert(_ id: Int64, shownDigest: String, by reviewer: Reviewer) async throws -> ApplyReport {
        try blocking.revert(id, shownDigest: shownDigest, by: reviewer)
    }

    // MARK: - blocking

    /// `LocalReviewService`'s calls that do not wait, on the caller's thread.
    public struct Blocking: Sendable {
        let service: LocalReviewService
        private var workspace: ManagedWorkspace { service.workspace }
        private var isObserver: Bool { service.isObserver }

        public func proposals(_ filter: ProposalFilter) throws -> [ProposalSummary] {
            try workspace.store.proposals(states: filter.states, agent: filter.agent, ids: filter.ids, limit: filter.limit)
        }

        public func proposal(_ id: Int64) throws -> ProposalDetail {
            let store = workspace.store
            guard var proposal = try store.proposal(id) else { throw StoreError.noSuchProposal(id) }
            if !isObserver, try workspace.recheck(proposal) != nil, let fresh = try store.proposal(id) { proposal = fresh }
            let checks = try store.checkResults(for: id)
            let gates = (try? proposal.canonicalPatch()).map { workspace.gates(for: $0, checks: checks) } ?? []
            return ProposalDetail(
                proposal: proposal, checks: checks, gates: gates,
                decisions: try store.decisions(for: id), history: try store.auditEntries(proposal: id))
        }

        public func agents() throws -> [AgentSummary] {
            try workspace.store.agents()
        }

        public func checkRuns(of ids: [Int64]) throws -> [Int64: [CheckRun]] {
            try workspace.store.checkBadges(for: ids)
        }

        public func rerunChecks(_ id: Int64, actor: String) throws {
            try writable("re-run checks")
            try workspace.rerunChecks(id, actor: actor)
        }

        public func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry] {
            try workspace.store.auditEntries(proposal: filter.proposal, since: filter.since, afterSeq: filter.afterSeq, limit: filter.limit, hash: filter.hash, latest: filter.latest)
        }

        public func verifyAudit() throws -> AuditVerdict {
            try workspace.store.verifyAudit()
        }

        public func propose(_ submission: Submission) throws -> SubmissionReceipt {
            try writable("propose")
            let result = try workspace.propose(ProposalRequest(
                agent: submission.agent, title: submission.title, rationale: submission.rationale, format: submission.format,
                strip: submission.strip, input: Bytes(submission.patch), supersedes: submission.supersedes))
            return SubmissionReceipt(proposal: result.proposal, isNew: result.isNew)
        }

        public func withdraw(_ id: Int64, agent: String) throws -> ProposalSummary {
            try writable("withdraw")
            return try workspace.withdraw(id, agent: agent).summary
        }

        public func reportStatus(_ report: AgentStatusReport) throws {
            try writable("report a status")
            guard ManagedWorkspace.isValidAgentName(report.agent) else { throw ProposalError.badAgentName(report.agent) }
            try workspace.store.recordStatus(report)
        }

        public func reportOutput(agent: String, tail: String) throws {
            try writable("record an agent's output")
            guard ManagedWorkspace.isValidAgentName(agent) else { throw ProposalError.badAgentName(agent) }
            try workspace.store.recordOutput(agent: agent, tail: tail)
        }

        public func refusal(of reviewer: Reviewer) -> DecisionError? {
            workspace.mayDecide(reviewer) ? nil : workspace.refusal(of: reviewer)
        }

        public func gates(_ id: Int64, selection: HunkSelection?) throws -> [GateResult] {
            guard let proposal = try workspace.store.proposal(id) else { throw StoreError.noSuchProposal(id) }
            return workspace.gates(for: try workspace.selected(proposal, selection), checks: try workspace.store.checkResults(for: id))
        }

        public func approve(_ approval: Approval, by reviewer: Reviewer) throws -> Decision {
            try writable("approve")
            return try workspace.approve(approval.id, by: reviewer, shown: approval.shownDigest, selection: approval.selection, overrides: approval.overrides,
                note: approval.note, comments: approval.comments)
        }

        public func reject(_ rejection: Rejection, by reviewer: Reviewer) throws -> Decision {
            try writable("reject")
            return try workspace.reject(rejection.id, by: reviewer, shown: rejection.shownDigest, feedback: rejection.feedback, comments: rejection.comments)
        }

        public func apply(_ id: Int64) throws -> ApplyReport {
            try writable("apply")
            return try workspace.applyApproved(id, onStep: service.onApplyStep)
        }

        public func revertPreview(_ id: Int64) throws -> RevertPreview {
            RevertPreview(id: id, patch: try workspace.revertPreview(id))
        }

        public func revert(_ id: Int64, shownDigest: String, by reviewer: Reviewer) throws -> ApplyReport {
            try writable("revert")
            return try workspace.revert(id, shown: shownDigest, by: reviewer, onStep: service.onApplyStep)
        }

        private func writable(_ what: String) throws {
            guard !isObserver else { throw ServiceError.readOnly(what) }
        }
    }
}

extension Proposal {
    /// The proposal without its patch.
    public var summary: ProposalSummary {
        ProposalSummary(
            id: id, agent: agent, title: title, state: state, fileCount: fileCount, addedLines: addedLines,
            removedLines: removedLines, createdAt: createdAt, updatedAt: updatedAt)
    }
}
