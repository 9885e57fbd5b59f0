import Foundation
import GRDB

/// What an agent hands in: the canonical patch and where it stands.
public struct NewProposal: Sendable {
    public var agent: String
    public var title: String
    public var rationale: String
    public var format: String
    public var patch: [UInt8]
    public var digest: String
    public var baseCommit: String?
    public var preImage: [FileImage]
    public var fileCount: Int
    public var addedLines: Int
    public var removedLines: Int

    public init(
        agent: String, title: String, rationale: String, format: String, patch: [UInt8], digest: String,
        baseCommit: String?, preImage: [FileImage], fileCount: Int, addedLines: Int, removedLines: Int
    ) {
        self.agent = agent
        self.title = title
        self.rationale = rationale
        self.format = format
        self.patch = patch
        self.digest = digest
        self.baseCommit = baseCommit
        self.preImage = preImage
        self.fileCount = fileCount
        self.addedLines = addedLines
        self.removedLines = removedLines
    }
}

/// A check that ran before the proposal was queued.
public struct CheckOutcome: Sendable {
    public var name: String
    public var passed: Bool
    public var summary: String
    public var startedAt: Int64

    public init(name: String, passed: Bool, summary: String, startedAt: Int64) {
        self.name = name
        self.passed = passed
        self.summary = summary
        self.startedAt = startedAt
    }
}

extension AirlockStore {
    // MARK: - submissions

    /// Queues a proposal whose check already passed: `submitted → checking`, with the lint
    /// findings made at submission and the checks queued for a runner, then `ready` when
    /// none was queued, in one transaction. The same digest from the same agent, while
    /// that proposal is waiting or was decided, returns that proposal instead (`isNew` false).
    @_spi(Benchmark)
    public func submit(_ new: NewProposal, check: CheckOutcome, lint: [LintFinding]? = nil, queue checks: [QueuedCheck] = []) throws -> (proposal: Proposal, isNew: Bool) {
        // Whatever needs no database is done before taking the write lock, which every
        // submitting agent queues for.
        let preImage = try JSON.text(new.preImage)
        let patch = Data(new.patch)
        return try database.write { db in
            if let existing = try standingDuplicate(db, agent: new.agent, digest: new.digest) { return (existing, false) }
            let now = clock()
            try db.cachedStatement(
                sql: "INSERT INTO agent (name, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET last_seen = excluded.last_seen"
            ).execute(arguments: [new.agent, now, now])
            try db.cachedStatement(
                sql: """
                    INSERT INTO proposal (agent, title, rationale, format, digest, base_commit, pre_image, file_count, added_lines, removed_lines, state, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                new.agent, new.title, new.rationale, new.format, new.digest, new.baseCommit,
                preImage, new.fileCount, new.addedLines, new.removedLines,
                ProposalState.submitted.rawValue, now, now,
            ])
            let id = db.lastInsertedRowID
            try db.cachedStatement(sql: "INSERT INTO proposal_patch (proposal_id, patch) VALUES (?, ?)").execute(arguments: [id, patch])
            // This transaction wrote the proposal and holds the write lock: it is known
            // as written, and is not read back before each move.
            var proposal = Proposal(
                id: id, agent: new.agent, title: new.title, rationale: new.rationale, format: new.format, patch: patch, digest: new.digest,
                baseCommit: new.baseCommit, preImage: new.preImage, fileCount: new.fileCount, addedLines: new.addedLines,
                removedLines: new.removedLines, state: .submitted, stateReason: nil, createdAt: now, updatedAt: now)
            try AuditChain.append(
                db, kind: "submitted", proposal: id, actor: new.agent,
                details: SubmittedDetails(digest: new.digest, title: new.title, format: new.format, files: new.fileCount, added: new.addedLines, removed: new.removedLines, baseCommit: new.baseCommit),
                at: now)
            try advance(db, &proposal, to: .checking, reason: nil, actor: "airlock")
            var run = CheckRun(proposalID: id, name: check.name, status: check.passed ? .passed : .failed, summary: check.summary, startedAt: check.startedAt, finishedAt: now)
            try run.insert(db)
            try AuditChain.append(db, kind: "check", proposal: id, actor: "airlock", details: CheckDetails(name: run.name, status: run.status.rawValue, summary: run.summary), at: now)
            guard check.passed else {
                try advance(db, &proposal, to: .failed, reason: check.summary, actor: "airlock")
                return (proposal, true)
            }
            if let lint { try recordLint(db, id, findings: lint, startedAt: check.startedAt, at: now) }
            try queue(db, id, checks, at: now)
            if checks.isEmpty { try advance(db, &proposal, to: .ready, reason: nil, actor: "airlock") }
            return (proposal, true)
        }
    }

    /// The proposal that `agent` already made with `digest`, while it is waiting or was
    /// decided.
    private func standingDuplicate(_ db: Database, agent: String, digest: String) throws -> Proposal? {
        let sql = "SELECT id FROM proposal WHERE agent = ? AND digest = ? AND state NOT IN ('withdrawn', 'superseded', 'conflicted', 'failed') ORDER BY id DESC LIMIT 1"
        guard let id = try Int64.fetchOne(try db.cachedStatement(sql: sql), arguments: [agent, digest]) else { return nil }
        return try Proposal.withPatch.filter(key: id).fetchOne(db)
    }

    // MARK: - state changes a channel or the workspace may make

    // There is no public way to set a state: each write below names the one move it
    // makes, and only `decide` — which takes a `Reviewer` — reaches `approved` or
    // `rejected`, in the same transaction as the decision it records.

    /// An agent takes back its own waiting proposal. The agent must be named: a
    /// proposal of another agent is refused, and the audit names who withdrew it.
    @discardableResult
    public func withdraw(_ id: Int64, agent: String) throws -> Proposal {
        try database.write { db in
            let proposal = try standing(db, id)
            guard agent == proposal.agent else { throw StoreError.notOwner(id: id, owner: proposal.agent, caller: agent) }
            return try move(db, id, to: .withdrawn, reason: "withdrawn by \(agent)", actor: agent)
        }
    }

    /// A newer proposal of the same agent replaces a waiting one.
    @discardableResult
    func supersede(_ id: Int64, by newer: Proposal) throws -> Proposal {
        try database.write { db in
            let proposal = try standing(db, id)
            guard proposal.agent == newer.agent else { throw StoreError.notOwner(id: id, owner: proposal.agent, caller: newer.agent) }
            return try move(db, id, to: .superseded, reason: "superseded by #\(newer.id)", actor: newer.agent)
        }
    }

    /// An approved proposal whose files changed since the decision goes back to review:
    /// what the reviewer approved against is not what the workspace holds.
    @discardableResult
    func returnToReview(_ id: Int64, reason: String) throws -> Proposal {
        try database.write { db in try move(db, id, to: .ready, expected: .approved, reason: reason, actor: "airlock") }
    }

    /// A waiting proposal no longer applies to the workspace. Refused when it is no
    /// longer waiting (a reviewer decided it meanwhile).
    @discardableResult
    func markConflicted(_ id: Int64, reason: String) throws -> Proposal {
        try database.write { db in
            let proposal = try standing(db, id)
            guard proposal.state.isWaiting else {
                throw StoreError.stateConflict(id: id, current: proposal.state, wanted: .conflicted, decidedBy: try decider(db, id, state: proposal.state))
            }
            return try move(db, id, to: .conflicted, expected: proposal.state, reason: reason, actor: "airlock")
        }
    }

    /// Records that a waiting proposal still applies to a workspace that changed, with
    /// the file hashes it now expects.
    func rebase(_ id: Int64, preImage: [FileImage], summary: String) throws {
        try database.write { db in
            let proposal = try standing(db, id)
            guard proposal.state.isWaiting else { throw StoreError.stateConflict(id: id, current: proposal.state, wanted: proposal.state, decidedBy: nil) }
            let now = clock()
            try db.execute(sql: "UPDATE proposal SET pre_image = ?, updated_at = ? WHERE id = ?", arguments: [try JSON.text(preImage), now, id])
            var run = CheckRun(proposalID: id, name: "applies", status: .passed, summary: summary, startedAt: now, finishedAt: now)
            try run.insert(db)
            try AuditChain.append(db, kind: "check", proposal: id, actor: "airlock", details: CheckDetails(name: run.name, status: run.status.rawValue, summary: summary), at: now)
        }
    }

    /// Whose a proposal is and where it stands, without reading its patch.
    private func standing(_ db: Database, _ id: Int64) throws -> (agent: String, state: ProposalState) {
        guard let row = try Row.fetchOne(db, sql: "SELECT agent, state FROM proposal WHERE id = ?", arguments: [id]) else {
            throw StoreError.noSuchProposal(id)
        }
        let name: String = row[1]
        guard let state = ProposalState(rawValue: name) else { throw StoreError.unusable(path: path, reason: "proposal #\(id) has an unknown state") }
        return (row[0], state)
    }

    func move(_ db: Database, _ id: Int64, to next: ProposalState, expected: ProposalState? = nil, reason: String?, actor: String) throws -> Proposal {
        guard var proposal = try Proposal.withPatch.filter(key: id).fetchOne(db) else { throw StoreError.noSuchProposal(id) }
        let current = proposal.state
        guard expected == nil || expected == current, current.canMove(to: next) else {
            throw StoreError.stateConflict(id: id, current: current, wanted: next, decidedBy: try decider(db, id, state: current))
        }
        try advance(db, &proposal, to: next, reason: reason, actor: actor)
        return proposal
    }

    /// Moves `proposal`, as this transaction holds it, to `next`: the row and the audit
    /// entry that records the move.
    private func advance(_ db: Database, _ proposal: inout Proposal, to next: ProposalState, reason: String?, actor: String) throws {
        let current = proposal.state
        guard current.canMove(to: next) else {
            throw StoreError.stateConflict(id: proposal.id, current: current, wanted: next, decidedBy: try decider(db, proposal.id, state: current))
        }
        let now = clock()
        proposal.state = next
        proposal.stateReason = reason
        proposal.updatedAt = now
        try db.cachedStatement(sql: "UPDATE proposal SET state = ?, state_reason = ?, updated_at = ? WHERE id = ?")
            .execute(arguments: [next.rawValue, reason, now, proposal.id])
        try AuditChain.append(
            db, kind: "state", proposal: proposal.id, actor: actor, details: StateDetails(from: current.rawValue, to: next.rawValue, reason: reason), at: now)
    }

    /// `applied → reverted`, for a revert that finished; the one move out of `applied`.
    func moveToReverted(_ db: Database, _ id: Int64, reason: String, actor: String) throws -> Proposal {
        try move(db, id, to: .reverted, expected: .applied, reason: reason, actor: actor)
    }

    /// Who decided, when `state` is the result of a decision.
    private func decider(_ db: Database, _ id: Int64, state: ProposalState) throws -> String? {
        guard state == .approved || state == .rejected || state == .applied else { return nil }
        guard let decision = try Decision.filter(Decision.Columns.proposalID == id).order(Column("id").desc).fetchOne(db) else { return nil }
        return decision.reviewer.description
    }

    // MARK: - decisions

    /// Records a reviewer's verdict and moves a `ready` proposal to `approved` or
    /// `rejected`: the only way into either state. Only a `Reviewer` — which needs a
    /// terminal — can call it, through `ManagedWorkspace.approve` and `reject`, which
    /// check permission and gates first. `shownDigest` is the digest of the proposal the
    /// reviewer was shown: if the stored patch no longer has it, nothing is recorded.
    @discardableResult
    func decide(
        _ id: Int64, verdict: Decision.Verdict, by reviewer: Reviewer, shownDigest: String, digest: String, selection: HunkSelection?,
        gates: [GateResult], overrides: [GateOverride], feedback: String?, pinned: [FileImage]? = nil,
        note: String? = nil, comments: [LineComment] = []
    ) throws -> Decision {
        try database.write { db in
            let next: ProposalState = verdict == .approve ? .approved : .rejected
            guard let proposal = try Proposal.withPatch.filter(key: id).fetchOne(db) else { throw StoreError.noSuchProposal(id) }
            guard proposal.state == .ready else {
                throw StoreError.stateConflict(id: id, current: proposal.state, wanted: next, decidedBy: try decider(db, id, state: proposal.state))
            }
            let stored = PatchDigest(canonicalText: [UInt8](proposal.patch)).hex
            guard stored == shownDigest, proposal.digest == shownDigest else {
                throw DecisionError.staleDigest(id: id, shown: shownDigest, stored: stored)
            }
            let now = clock()
            var decision = Decision(
                proposalID: id, verdict: verdict, reviewer: reviewer.identity, digest: digest, gates: gates,
                overrides: overrides, feedback: feedback, decidedAt: now, pinned: pinned, note: note, comments: comments)
            try decision.insert(db)
            if let selection, let decisionID = decision.id {
                try HunkSelectionRecord(decisionID: decisionID, selection: selection).insert(db)
            }
            try AuditChain.append(
                db, kind: "decision", proposal: id, actor: reviewer.identity.description,
                details: DecisionDetails(
                    verdict: verdict.rawValue, digest: digest, selection: selection, gates: gates, overrides: overrides, feedback: feedback,
                    pinned: pinned, note: note, comments: comments.isEmpty ? nil : comments),
                at: now)
            _ = try move(db, id, to: next, reason: verdict == .reject ? feedback : nil, actor: reviewer.identity.description)
            return decision
        }
    }

    // MARK: - applications

    /// Notes, before the first byte is written, what an apply will change.
    func beginApplication(_ application: Application) throws {
        // Synced at commit, unlike other writes: the workspace changes right after, and a
        // power cut must not leave new bytes without the approval and this record (the
        // sync covers every earlier commit in the log too).
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            try db.inTransaction(.immediate) {
                try application.save(db)
                try AuditChain.append(
                    db, kind: "apply-started", proposal: application.proposalID, actor: "airlock",
                    details: ApplyStartedDetails(digest: application.digest, files: application.postImage), at: clock())
                return .commit
            }
        }
    }

    /// The apply finished (or recovery completed it): `approved → applied`, with the
    /// resulting file hashes on the record.
    @discardableResult
    func finishApplication(_ id: Int64, files: [FileImage], recovered: Bool) throws -> Proposal {
        try database.write { db in
            try db.execute(sql: "DELETE FROM application WHERE proposal_id = ?", arguments: [id])
            try AuditChain.append(db, kind: "applied", proposal: id, actor: "airlock", details: AppliedDetails(files: files, recovered: recovered), at: clock())
            return try move(db, id, to: .applied, expected: .approved, reason: recovered ? "completed by crash recovery" : nil, actor: "airlock")
        }
    }

    /// What becomes of an approved proposal whose apply did not happen.
    enum AbandonedApplication {
        /// A crash was rolled back: it may be applied again.
        case stillApproved
        /// The workspace no longer takes it.
        case conflicted
        /// What was approved can no longer be applied as approved.
        case failed

        var state: ProposalState? {
            switch self {
            case .stillApproved: return nil
            case .conflicted: return .conflicted
            case .failed: return .failed
            }
        }
    }

    /// The apply did not happen (it was refused, or a crash was rolled back); the
    /// proposal ends as `outcome` says, with `reason`.
    func abandonApplication(_ id: Int64, _ outcome: AbandonedApplication, reason: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM application WHERE proposal_id = ?", arguments: [id])
            try AuditChain.append(db, kind: "apply-abandoned", proposal: id, actor: "airlock", details: ["reason": reason], at: clock())
            if let next = outcome.state { _ = try move(db, id, to: next, expected: .approved, reason: reason, actor: "airlock") }
        }
    }
}

// MARK: - audit details

struct SubmittedDetails: Encodable {
    var digest, title, format: String
    var files, added, removed: Int
    var baseCommit: String?
}

struct StateDetails: Encodable {
    var from, to: String
    var reason: String?
}

struct CheckDetails: Encodable {
    var name, status, summary: String
}

struct DecisionDetails: Codable {
    var verdict, digest: String
    var selection: HunkSelection?
    var gates: [GateResult]
    var overrides: [GateOverride]
    var feedback: String?
    var pinned: [FileImage]?
    var note: String?
    var comments: [LineComment]?
}

struct ApplyStartedDetails: Encodable {
    var digest: String
    var files: [FileImage]
}

struct AppliedDetails: Encodable {
    var files: [FileImage]
    var recovered: Bool
}

enum JSON {
    /// One encoder for every entry (a submission writes five); its options never change
    /// after this, and each `encode` works on state of its own.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

struct RecoveredDetails: Encodable {
    var outcome, transaction: String
}

extension AirlockStore {
    /// Crash recovery finished or undid an interrupted apply: on the record, like every
    /// other change to the workspace.
    func recordRecovery(_ outcome: RecoveryOutcome) throws {
        let details: RecoveredDetails
        switch outcome {
        case .rolledBack(let transaction): details = RecoveredDetails(outcome: "rolled back", transaction: transaction)
        case .rolledForward(let transaction): details = RecoveredDetails(outcome: "rolled forward", transaction: transaction)
        }
        try database.write { db in
            _ = try AuditChain.append(db, kind: "recovered", proposal: nil, actor: "airlock", details: details, at: clock())
        }
    }
}
