import Foundation
import Synchronization
import Testing
@testable import AirlockCore

private struct Crash: Error {}

@Suite("An approved apply interrupted at any step")
struct ApplyRecoveryTests {
    /// Seven files: six modified, one created.
    private func approvedWorkspace(_ terminal: TestTerminal) throws -> (ReviewWorkspace, Proposal) {
        var files: [String: String] = [:]
        for i in 0..<6 { files["src/f\(i).txt"] = text(numbered(12)) }
        let w = try ReviewWorkspace(files: files)
        var patch = ""
        for i in 0..<6 { patch += modification("src/f\(i).txt", lines: numbered(12), line: 6, with: "six \(i)") }
        patch += "diff --git a/src/new.txt b/src/new.txt\nnew file mode 100644\n--- /dev/null\n+++ b/src/new.txt\n@@ -0,0 +1 @@\n+new\n"
        let p = try w.propose(patch)
        try w.workspace.approveAsShown(p.id, by: try terminal.reviewer())
        return (w, p)
    }

    @Test("after reopening, the tree is old or new and the proposal's state says which, at every step")
    func crashAtEveryStep() throws {
        let terminal = try TestTerminal()
        let steps = Atomic<Int>(0)
        let (counted, countedProposal) = try approvedWorkspace(terminal)
        try counted.workspace.applyApproved(countedProposal.id, onStep: { _ in steps.add(1, ordering: .relaxed) })
        let total = steps.load(ordering: .relaxed)
        #expect(total > 10)
        var sawOld = false, sawNew = false
        for step in 1...total {
            let (w, p) = try approvedWorkspace(terminal)
            let old = tree(w)
            #expect(throws: Crash.self) {
                try w.workspace.applyApproved(p.id, onStep: { if $0 == step { throw Crash() } })
            }
            let (reopened, notice) = try w.reopen()
            #expect(notice != nil, "step \(step)")
            let state = try #require(try reopened.store.proposal(p.id)?.state)
            if tree(w) == old {
                sawOld = true
                #expect(state == .approved, "step \(step)")
                try reopened.applyApproved(p.id)
                #expect(try reopened.store.proposal(p.id)?.state == .applied)
            } else {
                sawNew = true
                #expect(state == .applied, "step \(step)")
            }
            #expect(tree(w) == tree(counted), "step \(step): the final tree is the new one")
            #expect(try reopened.store.pendingApplications().isEmpty)
            guard case .intact = try reopened.store.verifyAudit() else {
                Issue.record("audit chain broken after step \(step)")
                continue
            }
        }
        #expect(sawOld && sawNew)
    }
}

extension ApplyRecoveryTests {
    @Test("an apply running in another process is left alone, then settled once its holder is gone")
    func liveApplyIsNotSettled() throws {
        let terminal = try TestTerminal()
        let (w, p) = try approvedWorkspace(terminal)
        let plan = try w.workspace.applier().check(try p.canonicalPatch())
        try w.workspace.store.beginApplication(Application(proposalID: p.id, digest: p.digest, preImage: plan.preImage, postImage: plan.postImage, startedAt: 0))
        var holder: ApplyLock? = try ApplyLock(stateDirectory: w.workspace.stateDirectory)
        let (_, whileHeld) = try w.reopen()
        #expect(whileHeld == nil)
        #expect(try w.workspace.store.pendingApplications().count == 1)
        #expect(try w.workspace.store.proposal(p.id)?.state == .approved)
        holder = nil
        #expect(holder == nil)
        let (_, afterwards) = try w.reopen()
        #expect(afterwards?.settled.map(\.id) == [p.id])
        #expect(try w.workspace.store.pendingApplications().isEmpty)
        #expect(try w.workspace.store.proposal(p.id)?.state == .approved, "the tree is the old one")
    }
}

/// The workspace's files, without Airlock's own state.
private func tree(_ w: ReviewWorkspace) -> [String: String] {
    var files: [String: String] = [:]
    for (path, node) in w.sandbox.workspaceSnapshot() where !path.contains(".airlock") {
        files[path] = "\(node)"
    }
    return files
}
