import Foundation
import GRDB

/// A check to queue for a runner: a configured test or linter command.
public struct QueuedCheck: Sendable, Equatable {
    public var name: String
    public var kind: CheckRun.Kind
    /// The command as configured (JSON of a `TestCommand` or `LinterCommand`).
    public var spec: String

    public init(name: String, kind: CheckRun.Kind, spec: String) {
        self.name = name
        self.kind = kind
        self.spec = spec
    }
}

/// What a runner found, to record when a check finishes.
public struct CheckVerdict: Sendable, Equatable {
    public var status: CheckRun.Status
    public var summary: String
    public var sandboxed: Bool?
    public var cases: [TestCase]
    public var findings: [LintFinding]
    public var output: String?

    public init(status: CheckRun.Status, summary: String, sandboxed: Bool?, cases: [TestCase] = [], findings: [LintFinding] = [], output: String? = nil) {
        self.status = status
        self.summary = summary
        self.sandboxed = sandboxed
        self.cases = cases
        self.findings = findings
        self.output = output
    }
}

/// A claim on a check that a runner no longer holds: it expired and another runner took
/// the check, or the check was settled meanwhile. The runner's result is not recorded.
public struct CheckClaimLost: Error, Equatable, CustomStringConvertible {
    public var run: Int64
    public var description: String { "check run \(run) is no longer claimed by this runner; its result was not recorded" }
}

extension AirlockStore {
    /// A check whose runner started it this many times and never finished it ends in `error`.
    static let maximumCheckAttempts = 3

    /// The current result of every check of a proposal: the latest run of each kind and
    /// name, with its cases and findings, in the order they were first run.
    public func checkResults(for id: Int64) throws -> [CheckResult] {
        try database.read { db in
            let runs = try CheckRun.filter(CheckRun.Columns.proposalID == id).order(Column("id")).fetchAll(db)
            var latest: [String: CheckRun] = [:]
            var order: [String] = []
            for run in runs {
                let key = run.kind.rawValue + "\u{0}" + run.name
                if latest.updateValue(run, forKey: key) == nil { order.append(key) }
            }
            return try order.compactMap { latest[$0] }.map { run in
                guard let runID = run.id else { return CheckResult(run: run) }
                let cases = try TestCaseRecord.filter(TestCaseRecord.Columns.checkRunID == runID).order(Column("id")).fetchAll(db).map(\.testCase)
                let findings = try Finding.filter(Finding.Columns.checkRunID == runID).order(Column("id")).fetchAll(db).map(\.lintFinding)
                return CheckResult(run: run, cases: cases, findings: findings)
            }
        }
    }

    /// The latest run of each check of many proposals, without cases or findings: what
    /// the queue's badges need.
    public func checkBadges(for ids: [Int64]) throws -> [Int64: [CheckRun]] {
        guard !ids.isEmpty else { return [:] }
        return try database.read { db in
            let runs = try CheckRun.filter(ids.contains(CheckRun.Columns.proposalID)).order(Column("id")).fetchAll(db)
            var result: [Int64: [CheckRun]] = [:]
            for run in runs {
                var list = result[run.proposalID, default: []]
                if let index = list.firstIndex(where: { $0.kind == run.kind && $0.name == run.name }) {
                    list[index] = run
                } else {
                    list.append(run)
                }
                result[run.proposalID] = list
            }
            return result
        }
    }

    // MARK: - runners

    /// Takes the oldest check waiting for a runner (queued, or running under a claim that
    /// expired) for `seconds`, and marks it `running`. `proposal` limits it to one
    /// proposal. Checks of proposals that are no longer waiting are skipped on the way.
    public func claimCheck(runner: String, for seconds: Int, proposal: Int64? = nil) throws -> CheckRun? {
        try database.write { db in
            let now = clock()
            try db.execute(
                sql: """
                    UPDATE check_run SET status = 'skipped', finished_at = ?, claimed_by = NULL,
                        summary = 'not run: the proposal is no longer waiting'
                    WHERE status IN ('queued', 'running') AND proposal_id IN
                        (SELECT id FROM proposal WHERE state NOT IN ('submitted', 'checking', 'ready'))
                    """,
                arguments: [now])
            while true {
                var request = CheckRun.filter(sql: "status = 'queued' OR (status = 'running' AND claim_expires < ?)", arguments: [now])
                if let proposal { request = request.filter(CheckRun.Columns.proposalID == proposal) }
                guard var run = try request.order(Column("id")).fetchOne(db) else { return nil }
                if run.status == .running && run.attempts >= Self.maximumCheckAttempts {
                    try settle(db, &run, CheckVerdict(
                        status: .error, summary: "its runner stopped \(run.attempts) times before finishing it", sandboxed: run.sandboxed), at: now)
                    continue
                }
                let abandoned = run.status == .running
                run.status = .running
                run.claimedBy = runner
                run.claimExpires = now + Int64(seconds) * 1000
                run.attempts += 1
                run.startedAt = now
                run.output = nil
                run.summary = abandoned ? "running again: its previous runner stopped" : "running"
                try run.update(db)
                try AuditChain.append(db, kind: "check-started", proposal: run.proposalID, actor: runner, details: CheckDetails(name: run.name, status: "running", summary: run.summary), at: now)
                return run
            }
        }
    }

    /// Extends a runner's claim and records the output so far. False when the claim was
    /// lost: the runner should stop the check.
    public func renewClaim(_ runID: Int64, runner: String, for seconds: Int, output: String?) throws -> Bool {
        try database.write { db in
            let now = clock()
            try db.execute(
                sql: "UPDATE check_run SET claim_expires = ?, output = COALESCE(?, output) WHERE id = ? AND status = 'running' AND claimed_by = ?",
                arguments: [now + Int64(seconds) * 1000, output, runID, runner])
            return db.changesCount == 1
        }
    }

    /// Records a check's verdict, its cases and findings. When it was the proposal's last
    /// pending check and the proposal is `checking`, it becomes `ready`. Throws
    /// `CheckClaimLost` when this runner no longer holds the claim.
    public func finishCheck(_ runID: Int64, runner: String, verdict: CheckVerdict) throws {
        try database.write { db in
            guard var run = try CheckRun.fetchOne(db, key: runID), run.status == .running, run.claimedBy == runner else {
                throw CheckClaimLost(run: runID)
            }
            try settle(db, &run, verdict, at: clock())
        }
    }

    /// Queues every configured check of a waiting proposal again; a `ready` one goes back
    /// to `checking` until they finish. Earlier runs stay as history.
    public func requeueChecks(_ id: Int64, checks: [QueuedCheck], actor: String) throws {
        try database.write { db in
            guard let proposal = try Proposal.withPatch.filter(key: id).fetchOne(db) else { throw StoreError.noSuchProposal(id) }
            guard proposal.state.isWaiting else {
                throw StoreError.stateConflict(id: id, current: proposal.state, wanted: .checking, decidedBy: nil)
            }
            guard !checks.isEmpty else { return }
            let now = clock()
            try db.execute(
                sql: "UPDATE check_run SET status = 'skipped', finished_at = ?, claimed_by = NULL, summary = 'replaced by a re-run' WHERE proposal_id = ? AND status IN ('queued', 'running')",
                arguments: [now, id])
            try queue(db, id, checks, at: now)
            if proposal.state == .ready {
                _ = try move(db, id, to: .checking, reason: "checks re-run by \(actor)", actor: actor)
            }
        }
    }

    func queue(_ db: Database, _ id: Int64, _ checks: [QueuedCheck], at now: Int64) throws {
        for check in checks {
            var run = CheckRun(proposalID: id, name: check.name, kind: check.kind, status: .queued, summary: "queued", startedAt: now, finishedAt: nil, spec: check.spec)
            try run.insert(db)
        }
    }

    /// Records a lint check that ran at submission, with its findings.
    func recordLint(_ db: Database, _ id: Int64, findings: [LintFinding], startedAt: Int64, at now: Int64) throws {
        // Inserted finished, as settling a running one would leave it, in one statement.
        var run = CheckRun(
            proposalID: id, name: LintSummary.checkName, kind: .lint, status: LintSummary.status(findings), summary: LintSummary.line(findings),
            startedAt: startedAt, finishedAt: now)
        try run.insert(db)
        guard let runID = run.id else { return }
        for finding in findings {
            var record = Finding(checkRunID: runID, finding)
            try record.insert(db)
        }
        try AuditChain.append(
            db, kind: "check", proposal: id, actor: "airlock", details: CheckDetails(name: run.name, status: run.status.rawValue, summary: run.summary), at: now)
    }

    /// Records the verdict, and moves a `checking` proposal whose last pending check this
    /// was to `ready`.
    private func settle(_ db: Database, _ run: inout CheckRun, _ verdict: CheckVerdict, at now: Int64) throws {
        guard let runID = run.id else { return }
        run.status = verdict.status
        run.summary = verdict.summary
        run.sandboxed = verdict.sandboxed
        run.finishedAt = now
        run.claimExpires = nil
        if let output = verdict.output { run.output = output }
        try run.update(db)
        for testCase in verdict.cases {
            var record = TestCaseRecord(checkRunID: runID, testCase)
            try record.insert(db)
        }
        for finding in verdict.findings {
            var record = Finding(checkRunID: runID, finding)
            try record.insert(db)
        }
        try AuditChain.append(
            db, kind: "check", proposal: run.proposalID, actor: run.claimedBy ?? "airlock",
            details: CheckDetails(name: run.name, status: run.status.rawValue, summary: run.summary), at: now)
        let pending = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM check_run WHERE proposal_id = ? AND status IN ('queued', 'running')", arguments: [run.proposalID]) ?? 0
        let state = try String.fetchOne(db, sql: "SELECT state FROM proposal WHERE id = ?", arguments: [run.proposalID])
        if pending == 0, state == ProposalState.checking.rawValue {
            _ = try move(db, run.proposalID, to: .ready, reason: nil, actor: "airlock")
        }
    }
}
