import Foundation
import GRDB
import Testing
@testable import AirlockCore

/// Someone with write access to `.airlock/store.sqlite` edits an approved proposal's patch,
/// its hunk selection or its decision's digest: the applier must notice that the bytes
/// are no longer the approved ones, write nothing, and mark the proposal failed.
@Suite("Tampering after approval")
struct TamperedApprovalTests {
    struct Approved {
        let sandbox: Sandbox
        let workspace: ManagedWorkspace
        let id: Int64
        let decision: Decision
        let before: [String: Sandbox.Node]

        func raw() throws -> DatabaseQueue { try DatabaseQueue(path: workspace.store.path) }

        /// The workspace's files, without Airlock's own state.
        var tree: [String: Sandbox.Node] {
            sandbox.workspaceSnapshot().filter { !$0.key.hasPrefix(ManagedWorkspace.stateDirectoryName) }
        }
    }

    /// `notes.txt` with two far-apart edits (two hunks), approved whole or in part.
    static func approved(selection: HunkSelection? = nil) throws -> Approved {
        let sandbox = try Sandbox()
        let lines = (1...40).map { "line \($0)\n" }
        sandbox.write("notes.txt", lines.joined())
        let workspace = try ManagedWorkspace.initialize(at: sandbox.workspace)
        let patch = """
            diff --git a/notes.txt b/notes.txt
            --- a/notes.txt
            +++ b/notes.txt
            @@ -4,3 +4,3 @@
             line 4
            -line 5
            +line five
             line 6
            @@ -34,3 +34,3 @@
             line 34
            -line 35
            +line thirty-five
             line 36

            """
        let proposal = try workspace.propose(ProposalRequest(agent: "coder-1", input: Bytes(Array(patch.utf8)))).proposal
        let terminal = try TestTerminal()
        let decision = try workspace.approveAsShown(proposal.id, by: try terminal.reviewer(), selection: selection)
        let before = sandbox.workspaceSnapshot().filter { !$0.key.hasPrefix(ManagedWorkspace.stateDirectoryName) }
        return Approved(sandbox: sandbox, workspace: workspace, id: proposal.id, decision: decision, before: before)
    }

    static func expectRefused(_ approved: Approved, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let error = #expect(throws: ApplicationError.self, sourceLocation: sourceLocation) {
            try approved.workspace.applyApproved(approved.id)
        }
        if case .digestMismatch(let expected, _)? = error {
            #expect(expected == approved.decision.digest, sourceLocation: sourceLocation)
        } else {
            Issue.record("expected digestMismatch, got \(String(describing: error))", sourceLocation: sourceLocation)
        }
        #expect(approved.tree == approved.before, "the workspace changed: \(Sandbox.difference(approved.before, approved.tree))", sourceLocation: sourceLocation)
        let proposal = try #require(try approved.workspace.store.proposal(approved.id), sourceLocation: sourceLocation)
        #expect(proposal.state == .failed, sourceLocation: sourceLocation)
        #expect(proposal.stateReason?.contains("not the one approved") == true, sourceLocation: sourceLocation)
        #expect(try approved.workspace.store.pendingApplications().isEmpty, sourceLocation: sourceLocation)
        guard case .intact = try approved.workspace.store.verifyAudit() else {
            Issue.record("the refusal broke the audit chain", sourceLocation: sourceLocation)
            return
        }
    }

    @Test func untouchedApprovalApplies() throws {
        let approved = try Self.approved()
        try approved.workspace.applyApproved(approved.id)
        #expect(approved.sandbox.text("notes.txt")?.contains("line thirty-five\n") == true)
        #expect(try approved.workspace.store.proposal(approved.id)?.state == .applied)
    }

    @Test func editedPatchIsRefused() throws {
        let approved = try Self.approved()
        try approved.raw().write { db in
            let patch = try #require(try Data.fetchOne(db, sql: "SELECT patch FROM proposal_patch WHERE proposal_id = ?", arguments: [approved.id]))
            let edited = String(decoding: patch, as: UTF8.self).replacingOccurrences(of: "+line five\n", with: "+rm -rf ~\n")
            #expect(edited != String(decoding: patch, as: UTF8.self))
            try db.execute(sql: "UPDATE proposal_patch SET patch = ? WHERE proposal_id = ?", arguments: [Data(edited.utf8), approved.id])
        }
        try Self.expectRefused(approved)
    }

    @Test func editedPatchAndProposalDigestAreRefused() throws {
        let approved = try Self.approved()
        try approved.raw().write { db in
            let patch = try #require(try Data.fetchOne(db, sql: "SELECT patch FROM proposal_patch WHERE proposal_id = ?", arguments: [approved.id]))
            let edited = Array(String(decoding: patch, as: UTF8.self).replacingOccurrences(of: "+line five\n", with: "+rm -rf ~\n").utf8)
            // The attacker also fixes up the proposal's own digest; the decision's still differs.
            try db.execute(sql: "UPDATE proposal_patch SET patch = ? WHERE proposal_id = ?", arguments: [Data(edited), approved.id])
            try db.execute(sql: "UPDATE proposal SET digest = ? WHERE id = ?", arguments: [PatchDigest(canonicalText: edited).hex, approved.id])
        }
        try Self.expectRefused(approved)
    }

    @Test func editedHunkSelectionIsRefused() throws {
        let approved = try Self.approved(selection: HunkSelection(hunks: [.init(file: 0, hunk: 0)]))
        let decisionID = try #require(approved.decision.id)
        let other = String(decoding: try JSONEncoder().encode(HunkSelection(hunks: [.init(file: 0, hunk: 1)])), as: UTF8.self)
        try approved.raw().write { db in
            try db.execute(sql: "UPDATE hunk_selection SET selection = ? WHERE decision_id = ?", arguments: [other, decisionID])
            #expect(db.changesCount == 1)
        }
        #expect(try approved.workspace.store.selection(ofDecision: decisionID) == HunkSelection(hunks: [.init(file: 0, hunk: 1)]))
        try Self.expectRefused(approved)
    }

    @Test func removedHunkSelectionIsRefused() throws {
        let approved = try Self.approved(selection: HunkSelection(hunks: [.init(file: 0, hunk: 0)]))
        try approved.raw().write { db in try db.execute(sql: "DELETE FROM hunk_selection") }
        try Self.expectRefused(approved)
    }

    @Test func editedDecisionDigestIsRefused() throws {
        let approved = try Self.approved()
        let forged = String(repeating: "0", count: 64)
        try approved.raw().write { db in
            try db.execute(sql: "UPDATE decision SET digest = ? WHERE proposal_id = ?", arguments: [forged, approved.id])
        }
        // The decision row no longer matches the approval on the audit chain.
        let error = #expect(throws: ApplicationError.self) { try approved.workspace.applyApproved(approved.id) }
        guard case .unaudited(let id)? = error else {
            Issue.record("expected unaudited, got \(String(describing: error))")
            return
        }
        #expect(id == approved.id)
        #expect(approved.tree == approved.before)
        #expect(try approved.workspace.store.proposal(approved.id)?.state == .failed)
    }
}
