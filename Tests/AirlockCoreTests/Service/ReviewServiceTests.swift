import Foundation
import GRDB
import Synchronization
import Testing
@testable import AirlockCore

private struct Crash: Error {}

/// The review service as every process uses it: reading, proposing, deciding on what
/// was shown, waiting, and the typed event stream from the audit cursor.
@Suite("Review service")
struct ReviewServiceTests {
    static let change = modification("a.txt", lines: numbered(8), line: 4, with: "four")

    private func service(_ w: ReviewWorkspace, access: AirlockStore.Access = .longLived, clock: WallClock = .system) throws -> LocalReviewService {
        LocalReviewService(workspace: try ManagedWorkspace.open(root: w.root, access: access).workspace, clock: clock)
    }

    @Test func proposeShowDecideApplyThroughTheProtocol() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(numbered(8))])
        let service: any ReviewService = try service(w)
        let receipt = try await service.propose(Submission(agent: "coder-1", title: "Four", patch: Array(Self.change.utf8)))
        #expect(receipt.isNew && receipt.proposal.state == .ready)
        let again = try await service.propose(Submission(agent: "coder-1", title: "Four", patch: Array(Self.change.utf8)))
        #expect(!again.isNew && again.proposal.id == receipt.proposal.id)
        let detail = try await service.proposal(receipt.proposal.id)
        #expect(detail.checks.map(\.run.name) == ["applies", "security lint"])
        #expect(detail.checks.map(\.run.status) == [.passed, .passed])
        #expect(detail.gates.allSatisfy { $0.passed })
        #expect(detail.history.map(\.kind) == ["submitted", "state", "check", "check", "state"])
        #expect(try await service.proposals(ProposalFilter(states: [.ready])).map(\.id) == [receipt.proposal.id])
        #expect(try await service.proposals(ProposalFilter(agent: "someone-else")).isEmpty)
        #expect(try await service.proposals(ProposalFilter(ids: [receipt.proposal.id, 999])).map(\.id) == [receipt.proposal.id])
        #expect(try await service.proposals(ProposalFilter(ids: [])).isEmpty)
        let newest = try await service.auditEntries(AuditFilter(limit: 2, latest: true))
        #expect(newest.map(\.seq) == detail.history.suffix(2).map(\.seq))

        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        #expect(try await service.refusal(of: reviewer) == nil)
        let decision = try await service.approve(Approval(id: receipt.proposal.id, shownDigest: detail.proposal.digest), by: reviewer)
        #expect(decision.digest == detail.proposal.digest)
        let report = try await service.apply(receipt.proposal.id)
        #expect(report.files.map(\.newPath) == ["a.txt"])
        #expect(w.read("a.txt") == text(numbered(8)).replacingOccurrences(of: "line 4\n", with: "four\n"))
        let outcome = try await service.waitForOutcome(receipt.proposal.id, timeout: 0)
        #expect(outcome == ProposalOutcome(id: receipt.proposal.id, state: .applied, reason: nil, feedback: nil, timedOut: false))
    }

    /// A second cockpit superseded the proposal on screen, or the screen was built from
    /// other bytes: the approval names what was shown, so it records nothing.
    @Test func anApprovalOfBytesNoLongerStoredRecordsNothing() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(numbered(8))])
        let service = try service(w)
        let shown = try await service.propose(Submission(agent: "coder-1", patch: Array(Self.change.utf8))).proposal
        let reviewer = try TestTerminal().reviewer()

        // The stored patch changed behind the screen (a forged or damaged row).
        let raw = try DatabaseQueue(path: w.workspace.store.path)
        let other = modification("a.txt", lines: numbered(8), line: 4, with: "FOUR")
        try await raw.write { db in try db.execute(sql: "UPDATE proposal_patch SET patch = ? WHERE proposal_id = ?", arguments: [Data(other.utf8), shown.id]) }
        await #expect(throws: DecisionError.self) {
            try await service.approve(Approval(id: shown.id, shownDigest: shown.digest), by: reviewer)
        }
        // A selection approved under the digest of the whole patch (not what was shown).
        await #expect(throws: DecisionError.self) {
            try await service.approve(Approval(id: shown.id, shownDigest: shown.digest, selection: HunkSelection(hunks: [.init(file: 0, hunk: 0)])), by: reviewer)
        }
        await #expect(throws: DecisionError.self) {
            try await service.reject(Rejection(id: shown.id, shownDigest: String(repeating: "0", count: 64), feedback: "no"), by: reviewer)
        }
        #expect(try w.workspace.store.decisions(for: shown.id).isEmpty)
        #expect(try w.workspace.store.proposal(shown.id)?.state == .ready)

        // A newer version from the agent superseded it while the reviewer looked.
        try await raw.write { db in try db.execute(sql: "UPDATE proposal_patch SET patch = ? WHERE proposal_id = ?", arguments: [Data(Self.change.utf8), shown.id]) }
        let newer = try await service.propose(Submission(agent: "coder-1", patch: Array(other.utf8), supersedes: shown.id)).proposal
        await #expect(throws: StoreError.self) {
            try await service.approve(Approval(id: shown.id, shownDigest: shown.digest), by: reviewer)
        }
        #expect(try w.workspace.store.decisions(for: shown.id).isEmpty)
        #expect(try await service.proposal(newer.id).proposal.state == .ready)
    }

    @Test func anAgentsOutputTailIsKeptShortReplacedAndNotAudited() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": "one\n"])
        let service = try service(w)
        let before = try w.workspace.store.auditHead()
        try await service.reportOutput(agent: "aider", tail: "first\n")
        try await service.reportOutput(agent: "aider", tail: String(repeating: "x", count: AgentSummary.outputLimit) + "last\n")
        let aider = try #require(try await service.agents().first { $0.name == "aider" })
        #expect(aider.output?.count == AgentSummary.outputLimit)
        #expect(aider.output?.hasSuffix("last\n") == true)
        #expect(aider.outputAt != nil)
        #expect(try w.workspace.store.auditHead() == before, "a live tail is not an event on the chain")
        await #expect(throws: ProposalError.self) { try await service.reportOutput(agent: "../evil", tail: "x") }
        try await service.reportStatus(AgentStatusReport(agent: "aider", state: .working))
        #expect(try await service.agents().first { $0.name == "aider" }?.output?.hasSuffix("last\n") == true, "a status report keeps the tail")
    }

    @Test func theEventStreamDeliversEveryChangeOnceInOrderAndCatchesUpFromACursor() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(numbered(8))])
        let service = try service(w)
        let events = service.events(after: 0)
        let reviewer = try TestTerminal().reviewer()
        let proposal = try await service.propose(Submission(agent: "coder-1", title: "Four", patch: Array(Self.change.utf8))).proposal
        try await service.reportStatus(AgentStatusReport(agent: "coder-1", state: .waiting, activity: "waiting for #1", channel: "cli"))
        _ = try await service.approve(Approval(id: proposal.id, shownDigest: proposal.digest), by: reviewer)
        _ = try await service.apply(proposal.id)
        let head = try w.workspace.store.auditHead()

        var seen: [ReviewEvent] = []
        for try await event in events {
            seen.append(event)
            if event.seq == head { break }
        }
        #expect(seen.map(\.seq) == Array(1...head))
        #expect(seen.map(\.kind) == [
            "submitted", "state_changed", "check_finished", "check_finished", "state_changed", "agent_status", "decided", "state_changed",
            "apply_started", "applied", "state_changed",
        ])
        #expect(seen[0].change == .submitted(title: "Four", digest: proposal.digest, files: 1, added: 1, removed: 1))
        #expect(seen[3].change == .checkFinished(name: "security lint", status: .passed, summary: "no findings"))
        #expect(seen[5].change == .agentStatus(state: .waiting, activity: "waiting for #1"))
        #expect(seen[6].change == .decided(verdict: .approve, digest: proposal.digest, feedback: nil))
        #expect(seen[7].change == .stateChanged(from: .ready, to: .approved, reason: nil))
        #expect(seen.allSatisfy { $0.proposal == ($0.kind == "agent_status" ? nil : proposal.id) })

        // A follower that starts late, from a cursor in the middle, gets the rest.
        var late: [Int64] = []
        for try await event in service.events(after: 6) {
            late.append(event.seq)
            if event.seq == head { break }
        }
        #expect(late == Array(7...head))
    }

    @Test func aFollowerFromNowSeesOnlyWhatComesAfterAndStopsWhenCancelled() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(numbered(8))])
        let service = try service(w)
        _ = try await service.propose(Submission(agent: "coder-1", patch: Array(Self.change.utf8)))
        let before = try w.workspace.store.auditHead()
        let follower = Task {
            var kinds: [String] = []
            for try await event in service.events(after: nil) {
                kinds.append(event.kind)
                if event.kind == "state_changed" { break }
            }
            return kinds
        }
        // Let the follower take its place at the head before anything is written.
        try await Task.sleep(nanoseconds: 50_000_000)
        _ = try await service.withdraw(1, agent: "coder-1")
        #expect(try await follower.value == ["state_changed"])
        #expect(try w.workspace.store.auditHead() == before + 1)

        let idle = Task { () -> Int in
            var count = 0
            for try await _ in service.events(after: nil) { count += 1 }
            return count
        }
        try await Task.sleep(nanoseconds: 30_000_000)
        idle.cancel()
        #expect(try await idle.value == 0)
    }

    /// The wait runs on the clock it is given: a timeout of an hour passes at once on a
    /// clock whose sleeps only move its hands.
    @Test func waitTimesOutOnTheClockItIsGiven() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(numbered(8))])
        let now = Atomic<Int64>(1_000_000)
        let fake = WallClock(now: { now.load(ordering: .relaxed) }, sleep: { ms in now.add(ms, ordering: .relaxed) })
        let service = try service(w, access: .oneShot, clock: fake)
        let proposal = try await service.propose(Submission(agent: "coder-1", patch: Array(Self.change.utf8))).proposal
        let started = ContinuousClock.now
        let outcome = try await service.waitForOutcome(proposal.id, timeout: 3600)
        #expect(outcome.timedOut && outcome.state == .ready)
        #expect(now.load(ordering: .relaxed) >= 1_000_000 + 3_600_000)
        #expect(ContinuousClock.now - started < .seconds(30), "the hour passed on the fake clock")
    }

    @Test func waitHearsARejectionWithItsFeedback() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(numbered(8))])
        let service = try service(w)
        let proposal = try await service.propose(Submission(agent: "coder-1", patch: Array(Self.change.utf8))).proposal
        let waiting = Task { try await service.waitForOutcome(proposal.id, timeout: 30) }
        let reviewer = try TestTerminal().reviewer()
        try await Task.sleep(nanoseconds: 50_000_000)
        _ = try await service.reject(Rejection(id: proposal.id, shownDigest: proposal.digest, feedback: "use a constant"), by: reviewer)
        let outcome = try await waiting.value
        #expect(outcome == ProposalOutcome(id: proposal.id, state: .rejected, reason: "use a constant", feedback: "use a constant", timedOut: false))
    }

    @Test func agentsReportTheirStatus() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(numbered(8))])
        let service = try service(w)
        _ = try await service.propose(Submission(agent: "coder-1", patch: Array(Self.change.utf8)))
        try await service.reportStatus(AgentStatusReport(agent: "codex", state: .working, activity: "editing net/fetch.swift", channel: "mcp"))
        try await service.reportStatus(AgentStatusReport(agent: "gemini", state: .blocked, activity: "needs you"))
        let agents = try await service.agents()
        #expect(agents.map(\.name) == ["gemini", "coder-1", "codex"], "blocked first, then by name")
        #expect(agents[2].state == .working && agents[2].channel == "mcp" && agents[2].activity == "editing net/fetch.swift")
        #expect(agents[1].state == nil && agents[1].waiting == 1)
        await #expect(throws: ProposalError.self) { try await service.reportStatus(AgentStatusReport(agent: "bad name\u{1b}", state: .idle)) }
    }
}

@Suite("Plan items")
struct PlanItemTests {
    @Test func parsesTaskListsAndPlainLines() {
        #expect(PlanItem.parse("- [x] one\n* [~] two\n[>] three\n[ ] four\nfive\n\n  \n[X] six") == [
            PlanItem("one", status: .completed), PlanItem("two", status: .inProgress), PlanItem("three", status: .inProgress),
            PlanItem("four", status: .pending), PlanItem("five", status: .pending), PlanItem("six", status: .completed),
        ])
    }
}
