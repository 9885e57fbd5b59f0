import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// The tools' handlers on a real workspace and its store: what an agent proposes arrives
/// as a proposal, and what the reviewer decides comes back.
@Suite("MCP tools")
struct AgentToolsTests {
    static let files = ["a.txt": "one\ntwo\nthree\n"]

    @Test func aProposedPatchIsQueuedAndTheRejectionComesBackWithFeedbackAndComments() async throws {
        let w = try ToolWorkspace(files: Self.files)
        let patch = try JSONValue(encoding: lineTwoDiff())
        let proposed = try await w.call("propose_patch", #"{"patch": \#(patch.jsonText()), "title": "Shout two", "rationale": "louder"}"#)
        #expect(!proposed.isError, "\(proposed.text)")
        let id = try #require(proposed.id)
        #expect(proposed.text.contains("proposal #\(id) "))
        #expect(proposed.text.contains("wait_for_decision"))
        #expect(proposed["new"] == .bool(true))
        let stored = try #require(try w.workspace.store.proposal(id))
        #expect(stored.agent == "coder-1")
        #expect(stored.title == "Shout two")
        #expect(stored.rationale == "louder")
        #expect(w.read("a.txt") == "one\ntwo\nthree\n", "nothing is written before a decision")

        let waiting = try await w.call("proposal_status", #"{"id": \#(id)}"#)
        #expect(waiting["waiting"] == .bool(true))
        #expect(waiting["decision"] == nil)
        #expect(waiting.text.contains("waiting for a reviewer"))

        let terminal = try ReviewerTerminal()
        _ = try await w.service.reject(
            Rejection(id: id, shownDigest: stored.digest, feedback: "keep it lower case\n\u{1b}[31mred",
                comments: [LineComment(path: "a.txt", line: 2, text: "why shout?")]),
            by: try terminal.reviewer())

        let status = try await w.call("proposal_status", #"{"id": \#(id)}"#)
        #expect(status.string("state") == "rejected")
        #expect(status.string("feedback") == "keep it lower case\n\u{1b}[31mred", "structured content keeps the reviewer's words")
        #expect(status.text.contains("  keep it lower case"))
        #expect(status.text.contains("\\x1b[31mred"), "the text escapes control characters")
        #expect(!status.text.contains("\u{1b}"))
        #expect(status.text.contains("a.txt:2: why shout?"))
        guard case .array(let comments)? = status["comments"], case .object(let comment)? = comments.first else {
            Issue.record("no comments in \(status.structured)")
            return
        }
        #expect(comment["path"] == .string("a.txt"))
        #expect(comment["line"] == .integer(2))
        #expect(comment["text"] == .string("why shout?"))
        guard case .object(let decision)? = status["decision"] else {
            Issue.record("no decision in \(status.structured)")
            return
        }
        #expect(decision["verdict"] == .string("reject"))

        let outcome = try await w.call("wait_for_decision", #"{"id": \#(id), "timeout_s": 5}"#)
        #expect(!outcome.isError)
        #expect(outcome.string("state") == "rejected")
        #expect(outcome["timed_out"] == .bool(false))
        #expect(outcome.string("feedback") == "keep it lower case\n\u{1b}[31mred")
        #expect(outcome.text.contains("feedback from the reviewer:"))
        #expect(outcome.text.contains("line comments from the reviewer:\n  a.txt:2: why shout?"))
    }

    @Test func anApprovalIsAppliedByTheCoreAndItsNoteComesBack() async throws {
        let w = try ToolWorkspace(files: Self.files)
        let proposed = try await w.call("propose_edit", #"{"path": "a.txt", "old_text": "two\n", "new_text": "2\n"}"#)
        let id = try #require(proposed.id, "\(proposed.text)")
        let stored = try #require(try w.workspace.store.proposal(id))
        #expect(stored.format == "edits")
        let terminal = try ReviewerTerminal()
        _ = try await w.service.approve(Approval(id: id, shownDigest: stored.digest, note: "fine"), by: try terminal.reviewer())
        _ = try await w.service.apply(id)
        let outcome = try await w.call("wait_for_decision", #"{"id": \#(id)}"#)
        #expect(outcome.string("state") == "applied")
        #expect(outcome.string("note") == "fine")
        #expect(outcome.text.contains("note from the reviewer:\n  fine"))
        #expect(w.read("a.txt") == "one\n2\nthree\n")
    }

    @Test func proposeEditReplacesEveryOccurrenceOnlyWhenAsked() async throws {
        let w = try ToolWorkspace(files: ["b.txt": "x\nx\n"])
        let once = try await w.call("propose_edit", #"{"path": "b.txt", "old_text": "x", "new_text": "y"}"#)
        #expect(once.isError, "x occurs twice")
        #expect(once.text.contains("b.txt"))
        let all = try await w.call("propose_edit", #"{"path": "b.txt", "old_text": "x", "new_text": "y", "replace_all": true}"#)
        let id = try #require(all.id, "\(all.text)")
        #expect(all["added"] == .integer(2))
        #expect(all["removed"] == .integer(2))
        let patch = String(decoding: try #require(try w.workspace.store.proposal(id)).patch, as: UTF8.self)
        #expect(patch.contains("+y\n+y\n"))
    }

    @Test func proposeWriteCreatesAFileWithExactlyTheContentSent() async throws {
        let w = try ToolWorkspace()
        // Strings shaped like data: URLs are what the MCP library would turn into bytes.
        let content = "data: [1, 2]\ndata:,hello%20world\n"
        let arguments = try JSONValue(encoding: ["path": "config/new.yaml", "content": content, "title": "Add config"])
        let reply = await w.tools().call("propose_write", arguments: arguments)
        let id = try #require(reply.id, "\(reply.text)")
        let patch = String(decoding: try #require(try w.workspace.store.proposal(id)).patch, as: UTF8.self)
        #expect(patch.contains("+++ b/config/new.yaml"))
        #expect(patch.contains("+data: [1, 2]\n+data:,hello%20world\n"))
        #expect(reply.string("title") == "Add config")
    }

    @Test func theSameChangeTwiceIsTheSameProposal() async throws {
        let w = try ToolWorkspace(files: Self.files)
        let patch = try JSONValue(encoding: lineTwoDiff()).jsonText()
        let first = try await w.call("propose_patch", #"{"patch": \#(patch)}"#)
        let second = try await w.call("propose_patch", #"{"patch": \#(patch)}"#)
        #expect(first.id == second.id)
        #expect(second["new"] == .bool(false))
        #expect(second.text.contains("already has this change"))
    }

    @Test func aCodexPatchWithAFormatAndSupersedesReplacesTheEarlierProposal() async throws {
        let w = try ToolWorkspace(files: Self.files)
        let first = try await w.call("propose_patch", #"{"patch": \#(try JSONValue(encoding: lineTwoDiff()).jsonText())}"#)
        let earlier = try #require(first.id)
        let codex = "*** Begin Patch\n*** Update File: a.txt\n@@\n one\n-two\n+deux\n three\n*** End Patch\n"
        let second = try await w.call("propose_patch", #"{"patch": \#(try JSONValue(encoding: codex).jsonText()), "format": "codex", "supersedes": \#(earlier)}"#)
        #expect(!second.isError, "\(second.text)")
        #expect(try w.workspace.store.proposal(earlier)?.state == .superseded)
        #expect(try w.workspace.store.proposal(try #require(second.id))?.format == "codex")
    }

    @Test func waitingIsBoundedAndSaysItTimedOut() async throws {
        let w = try ToolWorkspace(files: Self.files)
        let id = try #require(try await w.call("propose_patch", #"{"patch": \#(try JSONValue(encoding: lineTwoDiff()).jsonText())}"#).id)
        let started = ContinuousClock.now
        let outcome = try await w.call("wait_for_decision", #"{"id": \#(id), "timeout_s": 0.3}"#)
        let waited = ContinuousClock.now - started
        #expect(!outcome.isError)
        #expect(outcome["timed_out"] == .bool(true))
        #expect(outcome.string("state") == "ready")
        #expect(outcome.text.contains("timed out"))
        // No upper bound: in the whole suite, tests that block Swift's two cooperative
        // threads can hold this wait up for minutes; `timed_out` says the bound ended it.
        #expect(waited >= .milliseconds(250))
    }

    @Test func listProposalsShowsOnlyThisAgentsAndWithdrawTakesOnlyItsOwn() async throws {
        let w = try ToolWorkspace(files: Self.files.merging(["b.txt": "one\ntwo\nthree\n"]) { a, _ in a })
        let mine = try #require(try await w.call("propose_patch", #"{"patch": \#(try JSONValue(encoding: lineTwoDiff()).jsonText())}"#).id)
        let theirs = try #require(try await w.call("propose_patch", #"{"patch": \#(try JSONValue(encoding: lineTwoDiff("b.txt")).jsonText())}"#, as: "other").id)
        let listing = try await w.call("list_proposals", "{}")
        guard case .array(let listed)? = listing["proposals"] else {
            Issue.record("no proposals in \(listing.structured)")
            return
        }
        #expect(listed.count == 1)
        #expect(listing.text.contains("#\(mine) "))
        #expect(!listing.text.contains("#\(theirs) "))

        let refused = try await w.call("withdraw", #"{"id": \#(theirs)}"#)
        #expect(refused.isError)
        #expect(refused.text == StoreError.notOwner(id: theirs, owner: "other", caller: "coder-1").description)
        #expect(try w.workspace.store.proposal(theirs)?.state == .ready)

        let withdrawn = try await w.call("withdraw", #"{"id": \#(mine)}"#)
        #expect(!withdrawn.isError)
        #expect(withdrawn.string("state") == "withdrawn")
        let waiting = try await w.call("list_proposals", #"{"state": "waiting"}"#)
        #expect(waiting.text == "no proposals of coder-1")
    }

    @Test func reportStatusRecordsStateActivityAndPlanOnTheMCPChannel() async throws {
        let w = try ToolWorkspace()
        let items = try await w.call("report_status", #"""
            {"state": "working", "activity": "writing tests", "plan": [{"text": "read", "status": "completed"}, {"text": "write", "status": "in_progress"}]}
            """#)
        #expect(!items.isError, "\(items.text)")
        var agent = try #require(try w.workspace.store.agents().first { $0.name == "coder-1" })
        #expect(agent.state == .working)
        #expect(agent.activity == "writing tests")
        #expect(agent.channel == "mcp")
        #expect(agent.plan == [PlanItem("read", status: .completed), PlanItem("write", status: .inProgress)])

        _ = try await w.call("report_status", #"{"state": "blocked", "plan": "[x] read\n[~] write\n[ ] ship"}"#)
        agent = try #require(try w.workspace.store.agents().first { $0.name == "coder-1" })
        #expect(agent.state == .blocked)
        #expect(agent.plan.map(\.status) == [.completed, .inProgress, .pending])
    }
}
