import Foundation
import Testing
@testable import AirlockCore

@Suite("Re-checking waiting proposals when the workspace moves")
struct RecheckTests {
    let lines = numbered(40)

    @Test("nothing changed: nothing is re-checked")
    func unchanged() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        _ = try w.propose(modification("a.txt", lines: lines, line: 20, with: "twenty"))
        #expect(try w.workspace.recheckWaiting().isEmpty)
    }

    @Test("an edit elsewhere in the file: still applies, at an offset, with the new base recorded")
    func stillApplies() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let p = try w.propose(modification("a.txt", lines: lines, line: 20, with: "twenty"))
        w.write("a.txt", text(["new first", "new second"] + lines))
        let outcomes = try w.workspace.recheckWaiting()
        #expect(outcomes.count == 1)
        guard case .stillApplies(let summary) = outcomes.first?.verdict else {
            Issue.record("expected still applies, got \(outcomes)")
            return
        }
        #expect(summary.contains("+2"))
        let after = try #require(try w.workspace.store.proposal(p.id))
        #expect(after.state == .ready)
        #expect(after.preImage != p.preImage)
        #expect(try w.workspace.recheckWaiting().isEmpty, "the new base is remembered")
    }

    @Test("an edit of the changed lines: conflicted, with the reason")
    func conflicted() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let p = try w.propose(modification("a.txt", lines: lines, line: 20, with: "twenty"))
        var edited = lines
        edited[19] = "someone else's twenty"
        w.write("a.txt", text(edited))
        let outcomes = try w.workspace.recheckWaiting()
        guard case .conflicted(let reason) = outcomes.first?.verdict else {
            Issue.record("expected a conflict, got \(outcomes)")
            return
        }
        #expect(reason.contains("a.txt"))
        let after = try #require(try w.workspace.store.proposal(p.id))
        #expect(after.state == .conflicted)
        #expect(after.stateReason == reason)
    }

    @Test("applying one proposal re-checks the others")
    func applyRechecksOthers() throws {
        let terminal = try TestTerminal()
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let first = try w.propose(modification("a.txt", lines: lines, line: 20, with: "twenty"))
        let rival = try w.propose(modification("a.txt", lines: lines, line: 20, with: "XX"), agent: "coder-2")
        let distant = try w.propose(modification("a.txt", lines: lines, line: 35, with: "thirty-five"), agent: "coder-3")
        try w.workspace.approveAsShown(first.id, by: try terminal.reviewer())
        try w.workspace.applyApproved(first.id)
        #expect(try w.workspace.store.proposal(rival.id)?.state == .conflicted)
        #expect(try w.workspace.store.proposal(distant.id)?.state == .ready)
    }

    @Test("a file created under a proposal that creates it: conflicted")
    func createdUnderneath() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let p = try w.propose("diff --git a/new.txt b/new.txt\nnew file mode 100644\n--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+hello\n")
        w.write("new.txt", "mine\n")
        _ = try w.workspace.recheckWaiting()
        #expect(try w.workspace.store.proposal(p.id)?.state == .conflicted)
    }
}
