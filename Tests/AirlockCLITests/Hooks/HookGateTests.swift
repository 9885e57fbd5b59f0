import AirlockCore
import Foundation
import Testing

/// `airlock hook KIND` on gated tools, against the real binary: each outcome of review
/// reaches the agent in its own answer shape.
@Suite("Hook gate outcomes")
struct HookGateTests {
    @Test func aWriteApprovedExactlyIsAllowed() throws {
        let hook = try HookFixture()
        let input = try hook.toolEvent("claude-code", tool: "Write", input: ["file_path": hook.path + "/src/new.txt", "content": "fresh\n"])
        let result = try hook.decided("claude-code", input) { proposal, service, reviewer in
            #expect(proposal.title == "Write src/new.txt")
            #expect(proposal.agent == "claude-code-5e55a0b1")
            try HookFixture.approveAndApply(proposal, service, reviewer, note: "nice \u{1b}[2J")
        }
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try HookFixture.answer(result)
        #expect(answer.decision == "allow")
        #expect(answer.reason.contains("approved after review as proposal #1 and applied"), "\(answer.reason)")
        #expect(answer.reason.contains("nice \\x1b[2J") && !answer.reason.contains("\u{1b}"))
        #expect(try hook.review.read("src/new.txt") == "fresh\n")
    }

    @Test func anEditApprovedExactlyIsDeniedBecauseAirlockAppliedIt() throws {
        let hook = try HookFixture()
        let input = try hook.toolEvent("gemini", tool: "replace", input: [
            "file_path": hook.path + "/a.txt", "instruction": "shout two", "old_string": "two", "new_string": "TWO",
        ])
        let result = try hook.decided("gemini", input) { proposal, service, reviewer in
            #expect(proposal.rationale == "shout two")
            try HookFixture.approveAndApply(proposal, service, reviewer)
        }
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try HookFixture.answer(result)
        #expect(answer.decision == "deny")
        #expect(answer.reason.contains("Airlock applied exactly this change after review, as proposal #1: a.txt already holds it"), "\(answer.reason)")
        #expect(answer.reason.contains("Do not repeat this replace"))
        #expect(try hook.review.read("a.txt") == "one\nTWO\nthree\n")
    }

    @Test func aPartialApprovalSaysWhatWasLeftOut() throws {
        let lines = (1...30).map { "line \($0)\n" }
        let hook = try HookFixture(files: ["b.txt": lines.joined()])
        var changed = lines
        changed[0] = "LINE 1\n"
        changed[25] = "LINE 26\n"
        let input = try hook.toolEvent("claude-code", tool: "Write", input: ["file_path": hook.path + "/b.txt", "content": changed.joined()])
        let result = try hook.decided("claude-code", input) { proposal, service, reviewer in
            let selection = HunkSelection(hunks: [HunkSelection.HunkRef(file: 0, hunk: 0)])
            try HookFixture.approveAndApply(proposal, service, reviewer, selection: selection)
        }
        let answer = try HookFixture.answer(result)
        #expect(answer.decision == "deny")
        #expect(answer.reason.contains("Airlock applied only part of this change after review, as proposal #1"), "\(answer.reason)")
        #expect(answer.reason.contains("b.txt: hunk 2 of 2 (@@ -"), "\(answer.reason)")
        #expect(!answer.reason.contains("hunk 1 of 2"))
        let now = try hook.review.read("b.txt")
        #expect(now.hasPrefix("LINE 1\n") && now.contains("line 26\n"))
    }

    @Test func aRejectionGivesTheFeedbackAndLineComments() throws {
        let hook = try HookFixture()
        let patch = "*** Begin Patch\n*** Update File: a.txt\n@@\n one\n-two\n+2\n three\n*** End Patch\n"
        let input = try hook.toolEvent("codex", tool: "apply_patch", input: ["command": patch])
        let result = try hook.decided("codex", input) { proposal, service, reviewer in
            #expect(proposal.format == "codex")
            _ = try service.blocking.reject(Rejection(
                id: proposal.id, shownDigest: proposal.digest, feedback: "keep words\n\u{1b}]0;pwned\u{07}",
                comments: [LineComment(path: "a.txt", line: 2, text: "spell it out")]), by: reviewer)
        }
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try HookFixture.answer(result)
        #expect(answer.decision == "deny")
        #expect(answer.reason.contains("The reviewer rejected this change (proposal #1); nothing was written."))
        #expect(answer.reason.contains("Feedback from the reviewer:\n  keep words\n  \\x1b]0;pwned\\x07"), "\(answer.reason)")
        #expect(answer.reason.contains("Line comments from the reviewer:\n  a.txt:2: spell it out"))
        #expect(!answer.reason.contains("\u{1b}"))
        #expect(try hook.review.read("a.txt") == "one\ntwo\nthree\n")
    }

    @Test func atTheBoundItIsQueuedAndTheSameChangeIsQueuedOnce() throws {
        let hook = try HookFixture(waitSeconds: 1)
        let input = try hook.toolEvent("claude-code", tool: "Edit", input: [
            "file_path": hook.path + "/a.txt", "old_string": "three", "new_string": "3", "replace_all": false,
        ])
        let started = Date()
        let first = try hook.run("claude-code", input)
        #expect(Date().timeIntervalSince(started) < 10)
        let answer = try HookFixture.answer(first)
        #expect(answer.decision == "deny")
        #expect(answer.reason.contains("queued as proposal #1, awaiting review"), "\(answer.reason)")
        #expect(answer.reason.contains("airlock wait 1 --timeout 0"))
        let again = try HookFixture.answer(try hook.run("claude-code", input))
        #expect(again.reason.contains("queued as proposal #1"))
        #expect(try hook.proposals().map(\.id) == [1])
        #expect(try hook.review.read("a.txt") == "one\ntwo\nthree\n")
        let agent = try #require(try hook.agents().first)
        #expect(agent.state == "working" && agent.activity == "#1 still awaits review")
    }

    @Test func otherToolsPassThroughWithoutOpeningTheStore() throws {
        let hook = try HookFixture()
        let elsewhere = try CLIHarness.temporaryDirectory()  // no workspace at all
        for (kind, tool) in [("claude-code", "Bash"), ("claude-code", "Read"), ("gemini", "run_shell_command"), ("codex", "shell")] {
            let input = try hook.toolEvent(kind, tool: tool, input: ["command": "rm -rf /"])
            let result = try CLIHarness.run(["hook", kind], in: elsewhere, input: input)
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(tool): \(result.stderr)")
        }
        #expect(try hook.proposals().isEmpty)
    }
}
