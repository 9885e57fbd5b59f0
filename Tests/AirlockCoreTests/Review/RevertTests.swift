import Foundation
import GRDB
import Synchronization
import Testing
@testable import AirlockCore

private struct Crash: Error {}

@Suite("Reverting an applied proposal")
struct RevertTests {
    static let lines = numbered(12)

    /// A workspace where a proposal modifying, creating, deleting, renaming and making a
    /// file executable was approved and applied.
    private func appliedWorkspace(_ reviewer: Reviewer) throws -> (ReviewWorkspace, Proposal, [String: Sandbox.Node]) {
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines), "gone.txt": "bye\n", "old.txt": "moving\n", "run.sh": "echo hi\n"])
        let before = Sandbox.snapshot(of: w.root)
        let patch = modification("a.txt", lines: Self.lines, line: 6, with: "six")
            + "diff --git a/new.txt b/new.txt\nnew file mode 100644\n--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+fresh\n+lines\n"
            + "diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n"
            + "diff --git a/old.txt b/moved.txt\nsimilarity index 100%\nrename from old.txt\nrename to moved.txt\n"
            + "diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n"
        let p = try w.propose(patch)
        try w.workspace.approveAsShown(p.id, by: reviewer)
        try w.workspace.applyApproved(p.id)
        #expect(Sandbox.snapshot(of: w.root) != before)
        return (w, p, before)
    }

    private func tree(_ w: ReviewWorkspace) -> [String: Sandbox.Node] {
        Sandbox.snapshot(of: w.root).filter { !$0.key.hasPrefix(".airlock") }
    }

    @Test("a revert restores every byte and mode, is recorded as the person's, and the chain verifies")
    func restoresExactly() async throws {
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let (w, p, before) = try appliedWorkspace(reviewer)
        let service = LocalReviewService(workspace: w.workspace)
        let preview = try await service.revertPreview(p.id)
        #expect(try preview.canonicalPatch() == (try p.canonicalPatch()).reversed())
        #expect(preview.digest == PatchDigest(of: try preview.canonicalPatch()).hex)
        #expect(preview.digest != p.digest)
        _ = try await service.revert(p.id, shownDigest: preview.digest, by: reviewer)
        #expect(tree(w) == before.filter { !$0.key.hasPrefix(".airlock") }, "\(Sandbox.difference(before, tree(w)))")
        #expect(try w.workspace.store.proposal(p.id)?.state == .reverted)
        let entries = try w.workspace.store.auditEntries(proposal: p.id)
        let started = try #require(entries.first { $0.kind == "revert-started" })
        #expect(started.actor == reviewer.identity.description)
        #expect(started.details.contains(preview.digest))
        #expect(entries.last?.kind == "state" && entries.last?.actor == reviewer.identity.description)
        guard case .intact = try w.workspace.store.verifyAudit() else {
            Issue.record("the chain does not verify after a revert")
            return
        }
        let outcome = try await service.waitForOutcome(p.id, timeout: 0)
        #expect(outcome.state == .reverted && outcome.revertedBy == reviewer.identity.description && !outcome.timedOut)
        #expect(outcome.reason == "reverted by \(reviewer.identity.description)")
        let events = try w.workspace.store.auditEntries(proposal: p.id).map { ReviewEvent($0).kind }
        #expect(events.suffix(3) == ["revert_started", "reverted", "state_changed"])
        // Once reverted, it cannot be reverted again.
        await #expect(throws: RevertError.notApplied(p.id, .reverted)) { try await service.revertPreview(p.id) }
    }

    @Test("only a line selection that was applied is reverted")
    func revertsTheSelection() throws {
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines)])
        let p = try w.propose(modification("a.txt", lines: Self.lines, line: 4, with: "four"))
        w.write("a.txt", text(Self.lines))
        let selection = HunkSelection(lines: [.init(file: 0, hunk: 0): [4]])  // only +four: line 4 stays
        try w.workspace.approveAsShown(p.id, by: reviewer, selection: selection)
        try w.workspace.applyApproved(p.id)
        var applied = Self.lines
        applied.insert("four", at: 4)
        #expect(w.read("a.txt") == text(applied))
        let reverse = try w.workspace.revertPreview(p.id)
        #expect(reverse == (try p.canonicalPatch().selecting(selection)).reversed())
        try w.workspace.revert(p.id, shown: PatchDigest(of: reverse).hex, by: reviewer)
        #expect(w.read("a.txt") == text(Self.lines))
    }

    @Test("a workspace that moved on, a stale digest, a proposal not applied and a look-only reviewer are refused; nothing is written")
    func refusals() throws {
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let (w, p, _) = try appliedWorkspace(reviewer)
        let digest = PatchDigest(of: try w.workspace.revertPreview(p.id)).hex
        #expect(throws: RevertError.staleDigest(id: p.id, shown: p.digest, now: digest)) {
            try w.workspace.revert(p.id, shown: p.digest, by: reviewer)
        }
        var moved = Self.lines
        moved[5] = "six, then edited by hand"
        w.write("a.txt", text(moved))
        let edited = tree(w)
        do {
            try w.workspace.revert(p.id, shown: digest, by: reviewer)
            Issue.record("a revert over a changed file went through")
        } catch let error as RevertError {
            guard case .doesNotApply(let id, let problems) = error else { throw error }
            #expect(id == p.id)
            #expect(problems.contains { $0.contains("a.txt") && $0.contains("hunk 1") }, "\(problems)")
            #expect(error.description.contains("nothing was written"))
        }
        #expect(tree(w) == edited)
        #expect(try w.workspace.store.proposal(p.id)?.state == .applied)
        #expect(try w.workspace.store.pendingApplications().isEmpty)

        let waiting = try w.propose(modification("a.txt", lines: moved, line: 2, with: "two"))
        #expect(throws: RevertError.notApplied(waiting.id, .ready)) { try w.workspace.revert(waiting.id, shown: digest, by: reviewer) }

        var config = w.workspace.config
        config.approvers = ["someone-else"]
        let strict = ManagedWorkspace(root: w.workspace.root, config: config, store: w.workspace.store)
        #expect(throws: DecisionError.self) { try strict.revert(p.id, shown: digest, by: reviewer) }
        #expect(tree(w) == edited)
        guard case .intact = try w.workspace.store.verifyAudit() else {
            Issue.record("the chain does not verify")
            return
        }
    }

    @Test("a revert interrupted at any step is completed or rolled back, and the state says which")
    func crashAtEveryStep() throws {
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let steps = Atomic<Int>(0)
        let (counted, countedProposal, original) = try appliedWorkspace(reviewer)
        let countedDigest = PatchDigest(of: try counted.workspace.revertPreview(countedProposal.id)).hex
        try counted.workspace.revert(countedProposal.id, shown: countedDigest, by: reviewer, onStep: { _ in steps.add(1, ordering: .relaxed) })
        let total = steps.load(ordering: .relaxed)
        #expect(total > 5)
        var sawOld = false, sawNew = false
        for step in stride(from: 1, through: total, by: max(1, total / 12)) {
            let (w, p, _) = try appliedWorkspace(reviewer)
            let applied = tree(w)
            let digest = PatchDigest(of: try w.workspace.revertPreview(p.id)).hex
            #expect(throws: Crash.self) { try w.workspace.revert(p.id, shown: digest, by: reviewer, onStep: { if $0 == step { throw Crash() } }) }
            let (reopened, notice) = try w.reopen()
            #expect(notice != nil, "step \(step)")
            let state = try #require(try reopened.store.proposal(p.id)?.state)
            if tree(w) == applied {
                sawOld = true
                #expect(state == .applied, "step \(step)")
            } else {
                sawNew = true
                #expect(state == .reverted, "step \(step)")
                #expect(tree(w) == original.filter { !$0.key.hasPrefix(".airlock") }, "step \(step)")
            }
            #expect(try reopened.store.pendingApplications().isEmpty)
            guard case .intact = try reopened.store.verifyAudit() else {
                Issue.record("audit chain broken after step \(step)")
                continue
            }
        }
        #expect(sawOld && sawNew)
    }

    @Test("a revert whose start is re-signed by someone else is named by the audit check")
    func forgedReverterIsNamed() throws {
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let (w, p, _) = try appliedWorkspace(reviewer)
        try w.workspace.revert(p.id, shown: PatchDigest(of: try w.workspace.revertPreview(p.id)).hex, by: reviewer)
        let started = try #require(try w.workspace.store.auditEntries(proposal: p.id).first { $0.kind == "revert-started" })
        // Re-chained from the forged entry on, as a forger with the store and this code would.
        let raw = try DatabaseQueue(path: w.workspace.store.path)
        try raw.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT seq, at, kind, proposal_id, actor, details FROM audit_entry WHERE seq >= ? ORDER BY seq", arguments: [started.seq])
            var previous = started.previousHash
            for row in rows {
                let n: Int64 = row["seq"]
                let actor: String = n == started.seq ? "mallory@local on /dev/pts/9" : row["actor"]
                let hash = AuditEntry.computeHash(seq: n, at: row["at"], kind: row["kind"], proposalID: row["proposal_id"], actor: actor, details: row["details"], previousHash: previous)
                try db.execute(sql: "UPDATE audit_entry SET actor = ?, previous_hash = ?, hash = ? WHERE seq = ?", arguments: [actor, previous, hash, n])
                previous = hash
            }
        }
        guard case .broken(_, let reason) = try w.workspace.store.verifyAudit() else {
            Issue.record("a revert moved by someone other than who started it should break the log")
            return
        }
        #expect(reason.contains("reverted with no revert by \(reviewer.identity.description)"), "\(reason)")
    }
}
