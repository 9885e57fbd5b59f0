import Foundation
import GRDB
import Testing
@testable import AirlockCore

private struct Crash: Error {}

/// Records that cannot be forged by editing tables, and approvals that hold only for the
/// files they were made against.
@Suite("Forged records and moved files")
struct ForgedRecordsTests {
    static let lines = numbered(8)
    static let change = modification("a.txt", lines: lines, line: 4, with: "four")

    private func raw(_ w: ReviewWorkspace) throws -> DatabaseQueue {
        try DatabaseQueue(path: w.workspace.store.path)
    }

    /// Someone with write access to the store adds a decision row and moves the
    /// proposal to `approved`, as the decision path would, but outside it: no entry on
    /// the chain names that approval, so applying writes nothing.
    @Test func aForgedDecisionRowAndStateApplyNothing() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines)])
        let p = try w.propose(Self.change)
        let reviewer = try TestTerminal().reviewer()
        try raw(w).write { db in
            var forged = Decision(
                proposalID: p.id, verdict: .approve, reviewer: reviewer.identity, digest: p.digest, gates: [], overrides: [],
                feedback: nil, decidedAt: 1, pinned: nil)
            try forged.insert(db)
            try db.execute(sql: "UPDATE proposal SET state = 'approved' WHERE id = ?", arguments: [p.id])
        }
        let before = w.read("a.txt")
        let error = #expect(throws: ApplicationError.self) { try w.workspace.applyApproved(p.id) }
        guard case .unaudited(p.id)? = error else {
            Issue.record("expected unaudited, got \(String(describing: error))")
            return
        }
        #expect(w.read("a.txt") == before)
        #expect(try w.workspace.store.proposal(p.id)?.state == .failed)
    }

    /// A real approval whose chain entry was removed (and the chain re-linked by the
    /// forger) no longer applies either: the chain must verify.
    @Test func anApprovalOnABrokenChainAppliesNothing() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines)])
        let p = try w.propose(Self.change)
        try w.workspace.approveAsShown(p.id, by: try TestTerminal().reviewer())
        try raw(w).write { db in try db.execute(sql: "UPDATE audit_entry SET actor = 'mallory' WHERE kind = 'submitted'") }
        let error = #expect(throws: ApplicationError.self) { try w.workspace.applyApproved(p.id) }
        guard case .unaudited(p.id)? = error else {
            Issue.record("expected unaudited, got \(String(describing: error))")
            return
        }
        #expect(w.read("a.txt") == text(Self.lines))
    }

    /// Two identical blocks; the hunk is aimed at the second. After the approval a
    /// person inserts lines above, so the hunk's context now first matches the first
    /// block: the approval was pinned to the file as it was, so the apply refuses and
    /// the proposal goes back to review instead of landing in the other block.
    @Test func anInsertionAboveADuplicateBlockAfterTheApprovalSendsItBackToReview() throws {
        let block = ["func retry() {", "    attempts += 1", "    wait()", "}"]
        let file = ["// header"] + (1...4).map { "// filler \($0)" } + block + ["", "// second copy"] + block + ["// end"]
        let w = try ReviewWorkspace(files: ["a.swift": text(file)])
        // Change the second block's `wait()` (line 18).
        let index = try #require(file.lastIndex(of: "    wait()"))
        let p = try w.propose(modification("a.swift", lines: file, line: index + 1, with: "    waitLonger()"))
        let decision = try w.workspace.approveAsShown(p.id, by: try TestTerminal().reviewer())
        #expect(decision.pinned?.map(\.path) == ["a.swift"])

        w.write("a.swift", text(Array(file[0..<1]) + block + ["// moved"] + Array(file[1...])))
        let error = #expect(throws: ApplicationError.self) { try w.workspace.applyApproved(p.id) }
        guard case .filesChanged(let id, let paths)? = error else {
            Issue.record("expected filesChanged, got \(String(describing: error))")
            return
        }
        #expect(id == p.id && paths == ["a.swift"])
        #expect(!(w.read("a.swift") ?? "").contains("waitLonger"), "nothing was written")
        let back = try #require(try w.workspace.store.proposal(p.id))
        #expect(back.state == .ready)
        #expect(back.stateReason?.contains("changed since the approval") == true)
    }

    /// The files moved after the reviewer was shown the proposal and before they
    /// approved: nothing is recorded, and the proposal is re-checked.
    @Test func anApprovalAfterTheFilesMovedIsRefused() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(numbered(12))])
        let p = try w.propose(modification("a.txt", lines: numbered(12), line: 8, with: "eight"))
        w.write("a.txt", "zero\n" + text(numbered(12)))
        let error = #expect(throws: DecisionError.self) { try w.workspace.approveAsShown(p.id, by: try TestTerminal().reviewer()) }
        guard case .workspaceMoved(p.id, let now)? = error else {
            Issue.record("expected workspaceMoved, got \(String(describing: error))")
            return
        }
        #expect(now.contains("offsets"), "\(now)")
        #expect(try w.workspace.store.decisions(for: p.id).isEmpty)
        let checks = try w.workspace.store.checkRuns(for: p.id)
        #expect(checks.last?.summary.contains("offsets") == true, "the re-check found the new offset: \(checks.map(\.summary))")
    }

    /// A journal appears in `.airlock/journal` that no recorded apply started: recovery
    /// replays nothing and says so; the files it names stay.
    @Test func aJournalWithNoRecordedApplyDeletesNothing() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines), "victim.txt": "keep me\n"])
        let p = try w.propose(Self.change)
        try w.workspace.approveAsShown(p.id, by: try TestTerminal().reviewer())
        #expect(throws: Crash.self) { try w.workspace.applyApproved(p.id, onStep: { if $0 == 4 { throw Crash() } }) }
        try forgeJournal(w) { journal in
            journal.removals.append(WorkspacePath(components: ["victim.txt"]))
            journal.state = .committed
        }
        let (_, notice) = try w.reopen()
        #expect(notice?.refusedJournal?.contains("victim.txt") == true, "\(String(describing: notice))")
        #expect(w.read("victim.txt") == "keep me\n")

        // With no apply on record at all, nothing is replayed either.
        try raw(w).write { db in try db.execute(sql: "DELETE FROM application") }
        let (_, again) = try w.reopen()
        #expect(again?.refusedJournal?.contains("no apply recorded") == true)
        #expect(w.read("victim.txt") == "keep me\n")
    }

    /// A journal that matches the recorded apply is replayed, and the recovery is on the
    /// audit chain.
    @Test func aRecoveryIsAudited() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines)])
        let p = try w.propose(Self.change)
        try w.workspace.approveAsShown(p.id, by: try TestTerminal().reviewer())
        #expect(throws: Crash.self) { try w.workspace.applyApproved(p.id, onStep: { if $0 == 4 { throw Crash() } }) }
        let (reopened, notice) = try w.reopen()
        #expect(notice?.journal != nil && notice?.refusedJournal == nil)
        #expect(try reopened.store.auditEntries().contains { $0.kind == "recovered" })
    }

    private func forgeJournal(_ w: ReviewWorkspace, _ edit: (inout Journal) -> Void) throws {
        let path = w.workspace.journalDirectory + "/" + JournalDirectory.fileName
        var journal = try JSONDecoder().decode(Journal.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        edit(&journal)
        try JSONEncoder().encode(journal).write(to: URL(fileURLWithPath: path))
    }
}
