import Foundation
import Testing
@testable import AirlockCore

@Suite("The review loop: propose, decide, apply")
struct ReviewLoopTests {
    let lines = numbered(40)

    @Test("a valid change is queued ready, with its base, check and audit trail")
    func proposeQueuesReady() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let p = try w.propose(modification("a.txt", lines: lines, line: 10, with: "ten"), title: "Ten")
        #expect(p.state == .ready)
        #expect(p.title == "Ten")
        #expect(p.fileCount == 1 && p.addedLines == 1 && p.removedLines == 1)
        #expect(p.preImage.count == 1 && p.preImage[0].path == "a.txt" && p.preImage[0].sha256 != nil)
        let checks = try w.workspace.store.checkRuns(for: p.id)
        #expect(checks.map(\.status) == [.passed, .passed])
        #expect(checks.map(\.kind) == [.applies, .lint])
        let kinds = try w.workspace.store.auditEntries(proposal: p.id).map(\.kind)
        #expect(kinds == ["submitted", "state", "check", "check", "state"])
        #expect(w.read("a.txt") == text(lines), "proposing writes nothing")
    }

    @Test("a change that does not apply is refused and nothing is queued")
    func refusedQueuesNothing() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let wrong = modification("a.txt", lines: numbered(40).map { $0 + "x" }, line: 10, with: "ten")
        #expect(throws: ApplyRefusal.self) { try w.propose(wrong) }
        #expect(try w.workspace.store.proposals().isEmpty)
        #expect(try w.workspace.store.auditEntries().isEmpty)
    }

    @Test("the same change from the same agent is one proposal; from another agent it is two")
    func dedupe() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let patch = modification("a.txt", lines: lines, line: 10, with: "ten")
        let first = try w.propose(patch)
        let again = try w.workspace.propose(ProposalRequest(agent: "coder-1", input: Bytes(Array(patch.utf8))))
        #expect(!again.isNew && again.proposal.id == first.id)
        let other = try w.propose(patch, agent: "coder-2")
        #expect(other.id != first.id)
    }

    @Test("approving and applying writes exactly the approved bytes and records the hashes")
    func approveAndApply() throws {
        let terminal = try TestTerminal()
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let p = try w.propose(modification("a.txt", lines: lines, line: 10, with: "ten"))
        let decision = try w.workspace.approveAsShown(p.id, by: try terminal.reviewer())
        #expect(decision.digest == p.digest)
        #expect(decision.reviewer.tty.hasPrefix("/dev/pts/"))
        try w.workspace.applyApproved(p.id)
        var expected = lines
        expected[9] = "ten"
        #expect(w.read("a.txt") == text(expected))
        #expect(try w.workspace.store.proposal(p.id)?.state == .applied)
        let applied = try #require(try w.workspace.store.auditEntries(proposal: p.id).last(where: { $0.kind == "applied" }))
        #expect(applied.details.contains("\"path\":\"a.txt\""))
        #expect(try w.workspace.store.verifyAudit() == .intact(count: try w.workspace.store.auditEntries().count, head: try w.workspace.store.auditEntries().last!.hash))
    }

    @Test("approving some hunks applies only those, under the digest of the selection")
    func hunkSelection() throws {
        let terminal = try TestTerminal()
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let first = modification("a.txt", lines: lines, line: 5, with: "five")
        let second = modification("a.txt", lines: lines, line: 30, with: "thirty")
        let both = first + second.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "\n")
        let p = try w.propose(both)
        let selection = HunkSelection(hunks: [.init(file: 0, hunk: 1)])
        let decision = try w.workspace.approveAsShown(p.id, by: try terminal.reviewer(), selection: selection)
        let selected = try p.canonicalPatch().selecting(selection)
        #expect(decision.digest == PatchDigest(of: selected).hex)
        #expect(decision.digest != p.digest)
        try w.workspace.applyApproved(p.id)
        var expected = lines
        expected[29] = "thirty"
        #expect(w.read("a.txt") == text(expected))
    }

    @Test("a rejection keeps the feedback; a second decision is refused and names the first reviewer")
    func rejectThenConflict() throws {
        let terminal = try TestTerminal()
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let p = try w.propose(modification("a.txt", lines: lines, line: 10, with: "ten"))
        let reviewer = try terminal.reviewer()
        try w.workspace.rejectAsShown(p.id, by: reviewer, feedback: "use a constant\nand a test")
        #expect(try w.workspace.store.proposal(p.id)?.state == .rejected)
        #expect(try w.workspace.store.decisions(for: p.id).map(\.feedback) == ["use a constant\nand a test"])
        let error = #expect(throws: StoreError.self) { try w.workspace.approveAsShown(p.id, by: reviewer) }
        #expect(error?.description == "proposal #\(p.id) was already rejected by \(reviewer.identity.description)")
        #expect(throws: DecisionError.emptyFeedback) { try w.workspace.rejectAsShown(p.id, by: reviewer, feedback: "  \n") }
    }

    @Test("only approvers decide; anyone else may look")
    func approversOnly() throws {
        let terminal = try TestTerminal()
        var config = WorkspaceConfig.defaults
        config.approvers = ["somebody-else"]
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)], config: config)
        let p = try w.propose(modification("a.txt", lines: lines, line: 10, with: "ten"))
        let reviewer = try terminal.reviewer()
        #expect(!w.workspace.mayDecide(reviewer))
        #expect(throws: DecisionError.self) { try w.workspace.approveAsShown(p.id, by: reviewer) }
        #expect(try w.workspace.store.proposal(p.id)?.state == .ready)
        config.approvers = [reviewer.identity.address]
        let allowed = ManagedWorkspace(root: w.root, config: config, store: w.workspace.store)
        #expect(allowed.mayDecide(reviewer))
        #expect(try allowed.approveAsShown(p.id, by: reviewer).verdict == .approve)
    }

    @Test("deciding needs a terminal: a pipe or /dev/null makes no reviewer")
    func reviewerNeedsTerminal() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(throws: ReviewerError.noTerminal) { try Reviewer(terminal: fds[0], environment: [:]) }
        let null = open("/dev/null", O_RDWR)
        defer { close(null) }
        #expect(throws: ReviewerError.noTerminal) { try Reviewer(terminal: null, environment: [:]) }
    }

    @Test("the reviewer's host comes from SSH_CONNECTION")
    func reviewerHost() throws {
        let terminal = try TestTerminal()
        #expect(try terminal.reviewer().identity.host == "local")
        #expect(try terminal.reviewer(environment: ["SSH_CONNECTION": "203.0.113.9 50122 10.0.0.2 22"]).identity.host == "203.0.113.9")
    }

    @Test("an agent may withdraw only its own waiting proposal")
    func withdraw() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let p = try w.propose(modification("a.txt", lines: lines, line: 10, with: "ten"))
        #expect(throws: StoreError.self) { try w.workspace.store.withdraw(p.id, agent: "coder-2") }
        #expect(try w.workspace.store.withdraw(p.id, agent: "coder-1").state == .withdrawn)
        #expect(throws: StoreError.self) { try w.workspace.store.withdraw(p.id, agent: "coder-1") }
    }

    @Test("a newer proposal can supersede the agent's waiting one")
    func supersede() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let old = try w.propose(modification("a.txt", lines: lines, line: 10, with: "ten"))
        let new = try w.workspace.propose(ProposalRequest(agent: "coder-1", input: Bytes(Array(modification("a.txt", lines: lines, line: 10, with: "TEN").utf8)), supersedes: old.id)).proposal
        #expect(try w.workspace.store.proposal(old.id)?.state == .superseded)
        #expect(try w.workspace.store.proposal(old.id)?.stateReason == "superseded by #\(new.id)")
    }

    @Test("a failing gate needs a typed reason, which is recorded with the approval")
    func gateOverride() throws {
        let terminal = try TestTerminal()
        var config = WorkspaceConfig.defaults
        config.gates.maxFiles = 1
        let w = try ReviewWorkspace(files: ["a.txt": text(lines), ".env": "SECRET=1\n"], config: config)
        let patch = modification("a.txt", lines: lines, line: 10, with: "ten") + "diff --git a/.env b/.env\n--- a/.env\n+++ b/.env\n@@ -1 +1 @@\n-SECRET=1\n+SECRET=2\n"
        let p = try w.propose(patch)
        let reviewer = try terminal.reviewer()
        let failing = w.workspace.gates(for: try p.canonicalPatch(), checks: try w.workspace.store.checkResults(for: p.id)).filter { !$0.passed }.map(\.gate)
        #expect(failing == ["protected_paths", "max_files"])
        #expect(throws: DecisionError.self) { try w.workspace.approveAsShown(p.id, by: reviewer) }
        #expect(throws: DecisionError.self) {
            try w.workspace.approveAsShown(p.id, by: reviewer, overrides: [GateOverride(gate: "protected_paths", reason: "rotating the key"), GateOverride(gate: "max_files", reason: "   ")])
        }
        #expect(try w.workspace.store.proposal(p.id)?.state == .ready)
        let overrides = [GateOverride(gate: "protected_paths", reason: "rotating the key"), GateOverride(gate: "max_files", reason: "two small files")]
        let decision = try w.workspace.approveAsShown(p.id, by: reviewer, overrides: overrides)
        #expect(decision.overrides == overrides)
        #expect(decision.gates.filter { !$0.passed }.count == 2)
        let audited = try #require(try w.workspace.store.auditEntries(proposal: p.id).first { $0.kind == "decision" })
        #expect(audited.details.contains("rotating the key"))
    }

    @Test("selecting only the hunks that pass a gate needs no override")
    func selectionAvoidsGate() throws {
        let terminal = try TestTerminal()
        let w = try ReviewWorkspace(files: ["a.txt": text(lines), ".env": "SECRET=1\n"])
        let patch = modification("a.txt", lines: lines, line: 10, with: "ten") + "diff --git a/.env b/.env\n--- a/.env\n+++ b/.env\n@@ -1 +1 @@\n-SECRET=1\n+SECRET=2\n"
        let p = try w.propose(patch)
        let decision = try w.workspace.approveAsShown(p.id, by: try terminal.reviewer(), selection: HunkSelection(hunks: [.init(file: 0, hunk: 0)]))
        #expect(decision.overrides.isEmpty)
        try w.workspace.applyApproved(p.id)
        #expect(w.read(".env") == "SECRET=1\n")
        #expect(w.read("a.txt")?.contains("ten\n") == true)
    }
}
