#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation
import Testing

@Suite("airlock review through a terminal")
struct ReviewCommandTests {
    static let change = PatchCommandTests.change

    static let numbered = (1...30).map { "line\($0)\n" }.joined()

    /// Two hunks in one file: line 2 and line 25.
    static let twoHunks = """
        diff --git a/f.txt b/f.txt
        --- a/f.txt
        +++ b/f.txt
        @@ -1,5 +1,5 @@
         line1
        -line2
        +LINE2
         line3
         line4
         line5
        @@ -22,7 +22,7 @@
         line22
         line23
         line24
        -line25
        +LINE25
         line26
         line27
         line28

        """

    @Test func approveAllAppliesAndRecordsTheReviewersTerminal() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(Self.change, title: "Shout two", rationale: "Two is important.\nSo is four.")
        let terminal = try fixture.review()
        try terminal.expect("#1 Shout two")
        try terminal.expect("So is four.")
        try terminal.expect("applies cleanly")
        try terminal.expect("+TWO")
        try terminal.expect("Review #1 [a]pprove all, [h]unk by hunk, [r]eject, [s]kip, [q]uit, [?]: ")
        terminal.send("a")
        try terminal.expect("Applied #1: 1 file, +2 -1")
        try terminal.expect("No more proposals are ready for review.")
        #expect(try terminal.waitForExit() == 0)

        #expect(try fixture.read("a.txt") == "one\nTWO\nthree\nfour\n")
        #expect(try fixture.proposal(proposal.id).state == .applied)
        let decisions = try fixture.workspace.store.decisions(for: proposal.id)
        #expect(decisions.count == 1)
        #expect(decisions.first?.verdict == .approve)
        #expect(decisions.first?.digest == proposal.digest)
        #expect(decisions.first?.reviewer.tty == terminal.slavePath)
        #expect(decisions.first?.reviewer.user == currentUserName())
    }

    @Test func hunkByHunkAppliesOnlyTheChosenHunk() throws {
        let fixture = try ReviewFixture(files: ["f.txt": Self.numbered])
        let proposal = try fixture.propose(Self.twoHunks)
        let terminal = try fixture.review(["1"])
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("h")
        try terminal.expect("+LINE2")
        try terminal.expect("(1/2) Approve this hunk [y,n,a (this and all after),d (none after),q (stop; decide later)]? ")
        terminal.send("y")
        try terminal.expect("+LINE25")
        try terminal.expect("(2/2) Approve this hunk")
        terminal.send("n")
        try terminal.expect("Selected of #1: 1 file, +1 -1")
        try terminal.expect("Applied #1")
        #expect(try terminal.waitForExit() == 0)

        #expect(try fixture.read("f.txt") == Self.numbered.replacingOccurrences(of: "line2\n", with: "LINE2\n"))
        #expect(try fixture.proposal(proposal.id).state == .applied)
        let selection = HunkSelection(hunks: [HunkSelection.HunkRef(file: 0, hunk: 0)])
        let expected = PatchDigest(of: try proposal.canonicalPatch().selecting(selection)).hex
        let decision = try #require(try fixture.workspace.store.decisions(for: proposal.id).first)
        #expect(decision.digest == expected)
        #expect(decision.digest != proposal.digest)
        #expect(try fixture.workspace.store.selection(ofDecision: try #require(decision.id)) == selection)
    }

    @Test func choosingNoHunkDecidesNothing() throws {
        let fixture = try ReviewFixture(files: ["f.txt": Self.numbered])
        let proposal = try fixture.propose(Self.twoHunks)
        let terminal = try fixture.review()
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("x")
        try terminal.expect("a - approve the whole proposal and apply it")
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("h")
        try terminal.expect("(1/2) Approve this hunk")
        terminal.send("maybe")
        try terminal.expect("d - do not approve this hunk or any later one")
        try terminal.expect("(1/2) Approve this hunk")
        terminal.send("d")
        try terminal.expect("No hunks selected: nothing decided.")
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
        #expect(try fixture.proposal(proposal.id).state == .ready)
        #expect(try fixture.read("f.txt") == Self.numbered)
    }

    @Test func rejectTakesMultiLineFeedbackFromTheTerminal() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(Self.change)
        let terminal = try fixture.review()
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("r")
        try terminal.expect("Feedback for the agent; end with a line containing only '.':")
        terminal.send("Keep two lowercase.")
        terminal.send("  And say why four is needed.")
        terminal.send(".")
        try terminal.expect("Rejected #1")
        #expect(try terminal.waitForExit() == 0)

        #expect(try fixture.proposal(proposal.id).state == .rejected)
        let decision = try #require(try fixture.workspace.store.decisions(for: proposal.id).first)
        #expect(decision.verdict == .reject)
        #expect(decision.feedback == "Keep two lowercase.\n  And say why four is needed.")
        #expect(try fixture.read("a.txt") == "one\ntwo\nthree\n")
    }

    @Test func rejectWritesFeedbackInTheEditor() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(Self.change)
        let editor = fixture.root.deletingLastPathComponent().appendingPathComponent("editor-\(UUID().uuidString).sh")
        // Keeps the template's comment lines, which must not reach the agent.
        try Data("#!/bin/sh\ntest -t 0 || exit 3\nprintf 'Use the config value.\\n' >> \"$1\"\n".utf8).write(to: editor)
        chmod(editor.path, 0o755)
        // Run through sh rather than executed: another test's child may still hold the
        // script's write descriptor, and exec would then fail with ETXTBSY.
        let terminal = try fixture.review(environment: ["EDITOR": "sh \(editor.path)"])
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("r")
        try terminal.expect("Rejected #1")
        #expect(try terminal.waitForExit() == 0)
        let decision = try #require(try fixture.workspace.store.decisions(for: proposal.id).first)
        #expect(decision.feedback == "Use the config value.")
    }

    @Test func agentEscapeSequencesAreShownEscaped() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let hostile = Self.change.replacingOccurrences(of: "+four", with: "+four \u{1b}[2J\u{202e}")
        let proposal = try fixture.propose(hostile, title: "Fix \u{1b}]0;pwned\u{07} now", rationale: "see \u{1b}[31mred")
        let terminal = try fixture.review()
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)

        let shown = terminal.transcript
        #expect(shown.contains("#1 Fix \\x1b]0;pwned\\x07 now"))
        #expect(shown.contains("see \\x1b[31mred"))
        #expect(shown.contains("+four \\x1b[2J\\u{202e}"))
        #expect(!shown.contains("\u{1b}"), "no escape sequence reaches the terminal (colour is off)")
        #expect(!shown.contains("\u{07}") && !shown.contains("\u{202e}"))
        #expect(try fixture.proposal(proposal.id).state == .ready)
    }

    @Test func endOfInputOnTheTerminalQuitsWithoutDeciding() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(Self.change)
        let terminal = try fixture.review()
        try terminal.expect("Review #1 [a]pprove all")
        terminal.sendEndOfInput()
        try terminal.expect("Stopped: whatever was not decided is still waiting.")
        #expect(try terminal.waitForExit() == 0)
        #expect(try fixture.proposal(proposal.id).state == .ready)
    }

    /// Who may decide instead of the person at the terminal.
    enum SomeoneElseDecides: CustomTestStringConvertible {
        /// `approvers` names another user: works as any user.
        case approvers
        /// `approvers` is empty and another user owns `.airlock/`: giving it away needs root.
        case owner

        static let approver = "airlock-test-other-reviewer"

        /// Every case this user can set up; CI runs as root, so both run there.
        static var possible: [Self] { geteuid() == 0 ? [.approvers, .owner] : [.approvers] }

        var testDescription: String { self == .approvers ? "approvers names someone else" : "someone else owns .airlock/" }
    }

    @Test(arguments: SomeoneElseDecides.possible)
    func someoneWhoMayNotDecideOnlyLooks(_ setup: SomeoneElseDecides) throws {
        let config = setup == .approvers ? "approvers = [\"\(SomeoneElseDecides.approver)\"]\n" : nil
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"], config: config)
        let proposal = try fixture.propose(Self.change)
        let mayDecide: String
        switch setup {
        case .approvers:
            try #require(currentUserName() != SomeoneElseDecides.approver)
            mayDecide = "only \(SomeoneElseDecides.approver) may decide"
        case .owner:
            let nobody = try #require(getpwnam("nobody")).pointee.pw_uid
            try #require(chown(fixture.workspace.stateDirectory, nobody, gid_t.max) == 0)
            mayDecide = "only nobody, who owns .airlock/ (approvers is empty) may decide"
        }
        let terminal = try fixture.review()
        try terminal.expect("Look-only mode: \(currentUserName())@local on \(terminal.slavePath) may look but not decide: \(mayDecide)")
        try terminal.expect("+TWO")
        try terminal.expect("Review #1 (look only) [s]kip, [q]uit, [?]: ")
        terminal.send("a")
        try terminal.expect("Look-only mode: you may not decide here.")
        try terminal.expect("Review #1 (look only)")
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
        #expect(try fixture.proposal(proposal.id).state == .ready)
        #expect(try fixture.workspace.store.decisions(for: proposal.id).isEmpty)
        #expect(try fixture.read("a.txt") == "one\ntwo\nthree\n")
    }

    @Test func refusesWithoutAControllingTerminalEvenWithAnswersOnStdin() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(Self.change)
        let result = try ChildProcess.runWithoutTerminal(
            arguments: ["review", "--workspace", fixture.root.path], environment: ReviewFixture.environment(), input: "a\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("airlock review needs an interactive terminal (/dev/tty)"))
        #expect(try fixture.proposal(proposal.id).state == .ready)
        #expect(try fixture.workspace.store.decisions(for: proposal.id).isEmpty)
        #expect(try fixture.read("a.txt") == "one\ntwo\nthree\n")
    }

    @Test func aDecisionByAnotherReviewerIsReportedAndTheSessionMovesOn() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n", "b.txt": "b\n"])
        let first = try fixture.propose(Self.change)
        let second = try fixture.propose("diff --git a/b.txt b/b.txt\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-b\n+B\n")
        let terminal = try fixture.review()
        try terminal.expect("Review #1 [a]pprove all")

        // Another reviewer, at another terminal, rejects #1 while this one looks at it.
        let other = try OtherReviewer()
        try fixture.workspace.reject(first.id, by: other.reviewer, shown: first.digest, feedback: "not now")

        terminal.send("a")
        try terminal.expect("proposal #1 was already rejected by \(currentUserName())@local on \(other.path)")
        try terminal.expect("Review #2 [a]pprove all")
        terminal.send("s")
        try terminal.expect("No more proposals are ready for review.")
        #expect(try terminal.waitForExit() == 0)
        #expect(try fixture.proposal(first.id).state == .rejected)
        #expect(try fixture.proposal(second.id).state == .ready)

        let again = try fixture.review(["1"])
        #expect(try again.waitForExit() == 1)
        #expect(again.transcript.contains("proposal #1 was already rejected by \(currentUserName())@local on \(other.path)"))
    }

    @Test func aFailingGateNeedsATypedReason() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n", "b.txt": "b\n"], config: "[gates]\nmax_files = 1\n")
        let secondFile = "diff --git a/b.txt b/b.txt\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-b\n+B\n"
        let proposal = try fixture.propose(Self.change + secondFile)
        let failing = fixture.workspace.gates(for: try proposal.canonicalPatch(), checks: try fixture.workspace.store.checkResults(for: proposal.id)).filter { !$0.passed }
        #expect(failing.map(\.gate) == ["max_files"], "two files under max_files = 1")
        try #require(!failing.isEmpty)
        let terminal = try fixture.review()
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("a")
        try terminal.expect("Gate \(failing[0].gate) fails (")
        try terminal.expect("Type a reason to override, or empty to cancel: ")
        terminal.send("")
        try terminal.expect("Cancelled: nothing decided.")
        try terminal.expect("Review #1 [a]pprove all")
        #expect(try fixture.proposal(proposal.id).state == .ready)
        terminal.send("a")
        for gate in failing {
            try terminal.expect("Gate \(gate.gate) fails (")
            terminal.send("Reviewed both files: \(gate.gate)")
        }
        try terminal.expect("Applied #1")
        #expect(try terminal.waitForExit() == 0)
        let decision = try #require(try fixture.workspace.store.decisions(for: proposal.id).first)
        #expect(decision.overrides == failing.map { GateOverride(gate: $0.gate, reason: "Reviewed both files: \($0.gate)") })
    }
}

/// A second person at a terminal of their own, for races between reviewers.
final class OtherReviewer {
    let reviewer: Reviewer
    let path: String
    private let master: Int32
    private let slave: Int32

    init() throws {
        (master, path) = try PseudoTerminalCalls.open()
        slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        reviewer = try Reviewer(terminal: slave, environment: [:])
    }

    deinit {
        close(slave)
        close(master)
    }
}
