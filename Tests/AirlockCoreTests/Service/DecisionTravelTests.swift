import Foundation
import GRDB
import Testing
@testable import AirlockCore

/// What a decision carries end to end: a line selection approved through the service and
/// applied byte for byte, the reviewer's note and line comments stored, audited and given
/// back to the waiting agent.
@Suite("Decisions end to end")
struct DecisionTravelTests {
    static let lines = numbered(12)
    /// Line 4 replaced, line 9 removed, a line added after 11.
    static let change = """
        diff --git a/a.txt b/a.txt
        --- a/a.txt
        +++ b/a.txt
        @@ -3,3 +3,3 @@
         line 3
        -line 4
        +four
         line 5
        @@ -8,5 +8,5 @@
         line 8
        -line 9
         line 10
         line 11
        +eleven and a half
         line 12

        """

    @Test("a line selection approved through the service applies exactly those lines, as git apply would")
    func lineSelection() async throws {
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines)])
        let service = LocalReviewService(workspace: w.workspace)
        let p = try w.propose(Self.change)
        var draft = try ReviewDraft(try await service.proposal(p.id))
        draft.toggleLine(1, in: .init(file: 0, hunk: 0))  // keep line 4
        draft.toggleLine(1, in: .init(file: 0, hunk: 1))  // keep line 9
        let selection = try #require(draft.selection)
        #expect(selection == HunkSelection(lines: [.init(file: 0, hunk: 0): [2], .init(file: 0, hunk: 1): [4]]))
        let part = try draft.approvedPatch()
        let approval = try draft.approval()
        #expect(approval.shownDigest == PatchDigest(of: part).hex)
        // Approving the whole digest with this selection is refused: nothing recorded.
        await #expect(throws: DecisionError.self) {
            try await service.approve(Approval(id: p.id, shownDigest: p.digest, selection: selection), by: reviewer)
        }
        let decision = try await service.approve(approval, by: reviewer)
        #expect(decision.digest == approval.shownDigest)
        let decisionID = try #require(decision.id)
        let stored = try #require(try w.workspace.store.selection(ofDecision: decisionID))
        #expect(stored == selection)
        let audited = try #require(try w.workspace.store.auditEntries(proposal: p.id).first { $0.kind == "decision" })
        #expect(audited.details.contains("\"lines\""))
        _ = try await service.apply(p.id)
        var expected = Self.lines
        expected.insert("four", at: 4)
        expected.insert("eleven and a half", at: 12)
        #expect(w.read("a.txt") == text(expected))
        #expect(try w.workspace.store.proposal(p.id)?.state == .applied)
        guard case .intact = try w.workspace.store.verifyAudit() else {
            Issue.record("the chain does not verify")
            return
        }

        if RealGit.path != nil {
            let sandbox = try Sandbox()
            sandbox.write("a.txt", text(Self.lines))
            try Data(PatchRenderer.render(part)).write(to: URL(fileURLWithPath: sandbox.base + "/part.diff"))
            let outcome = try RealGit.run(
                ["apply", sandbox.base + "/part.diff"], in: sandbox.workspace,
                environment: ["PATH": "/usr/bin:/bin", "HOME": sandbox.base, "GIT_CEILING_DIRECTORIES": sandbox.base])
            #expect(outcome.succeeded)
            #expect(sandbox.text("a.txt") == text(expected))
        }
    }

    @Test("gates evaluated with a line selection see only the chosen lines")
    func gatesSeeTheSelection() async throws {
        var config = WorkspaceConfig.defaults
        config.gates.maxLines = 2
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines)], config: config)
        let service = LocalReviewService(workspace: w.workspace)
        let p = try w.propose(Self.change)
        let whole = try await service.gates(p.id, selection: nil)
        #expect(whole.contains { $0.gate == "max_lines" && !$0.passed })
        let one = try await service.gates(p.id, selection: HunkSelection(lines: [.init(file: 0, hunk: 1): [4]]))
        #expect(one.contains { $0.gate == "max_lines" && $0.passed })
    }

    @Test("a note and line comments are stored, audited, escaped nowhere in the data, and given back to the waiting agent")
    func notesAndComments() async throws {
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines)])
        let service = LocalReviewService(workspace: w.workspace)
        let p = try w.propose(Self.change)
        let comments = [LineComment(path: "a.txt", line: 4, text: "name it \u{1b}[2J four"), LineComment(path: "a.txt", line: 9, side: .old, text: "keep this")]
        _ = try await service.approve(Approval(id: p.id, shownDigest: p.digest, note: "good, thanks", comments: comments), by: reviewer)
        let decision = try #require(try w.workspace.store.decisions(for: p.id).last)
        #expect(decision.note == "good, thanks" && decision.comments == comments)
        let audited = try #require(try w.workspace.store.auditEntries(proposal: p.id).first { $0.kind == "decision" })
        #expect(audited.details.contains("good, thanks") && audited.details.contains("keep this"))
        _ = try await service.apply(p.id)
        let outcome = try await service.waitForOutcome(p.id, timeout: 0)
        #expect(outcome.state == .applied && outcome.note == "good, thanks" && outcome.comments == comments)
        let detail = try await service.proposal(p.id)
        #expect(detail.decisions.last?.comments == comments)

        var current = Self.lines
        current[3] = "four"
        current.remove(at: 8)
        current.insert("eleven and a half", at: 10)
        #expect(w.read("a.txt") == text(current))
        let q = try w.propose(modification("a.txt", lines: current, line: 2, with: "two"))
        _ = try await service.reject(Rejection(id: q.id, shownDigest: q.digest, feedback: "not yet", comments: [comments[1]]), by: reviewer)
        let rejected = try await service.waitForOutcome(q.id, timeout: 0)
        #expect(rejected.state == .rejected && rejected.feedback == "not yet" && rejected.comments == [comments[1]] && rejected.note == nil)
        guard case .intact = try w.workspace.store.verifyAudit() else {
            Issue.record("the chain does not verify")
            return
        }
    }

    @Test("decisions recorded before notes and comments existed still read")
    func oldDecisionsRead() async throws {
        let terminal = try TestTerminal()
        let w = try ReviewWorkspace(files: ["a.txt": text(Self.lines)])
        let p = try w.propose(Self.change)
        try w.workspace.approveAsShown(p.id, by: try terminal.reviewer())
        let raw = try DatabaseQueue(path: w.workspace.store.path)
        try await raw.write { db in try db.execute(sql: "UPDATE decision SET note = NULL, comments = NULL") }
        let decision = try #require(try w.workspace.store.decisions(for: p.id).last)
        #expect(decision.note == nil && decision.comments.isEmpty)
        let json = #"{"id":1,"proposal_id":1,"verdict":"approve","reviewer":{"user":"u","host":"h","tty":"/dev/pts/1"},"digest":"ab","gates":[],"overrides":[],"decided_at":5}"#
        let old = try JSONDecoder().decode(Decision.self, from: Data(json.utf8))
        #expect(old.note == nil && old.comments.isEmpty && old.digest == "ab")
    }
}
