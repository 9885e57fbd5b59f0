import AirlockCore
import Foundation
import Testing

/// The agents' lifecycle events through `airlock hook KIND` become status reports that
/// `airlock agents --json` shows; one that cannot be recorded never blocks the agent.
@Suite("Hook status events")
struct HookStatusTests {
    @Test func everyStatusEventShowsInAgents() throws {
        let hook = try HookFixture()
        let common: [String: Any] = ["session_id": "abcdef12-3456", "cwd": hook.path, "transcript_path": "/tmp/t"]
        let steps: [(String, [String: Any], String, String?)] = [
            ("claude-code", ["hook_event_name": "SessionStart", "source": "startup"], "working", "session started"),
            ("claude-code", ["hook_event_name": "UserPromptSubmit", "prompt": "fix it"], "working", "working on a prompt"),
            ("claude-code", ["hook_event_name": "Notification", "message": "Claude needs your permission \u{1b}[31m", "notification_type": "permission_prompt"],
             "blocked", "Claude needs your permission \u{1b}[31m"),
            ("claude-code", ["hook_event_name": "Stop", "stop_hook_active": false], "idle", "turn ended"),
            ("claude-code", ["hook_event_name": "SessionEnd", "reason": "exit"], "exited", "session ended"),
            ("gemini", ["hook_event_name": "BeforeAgent", "prompt": "go"], "working", nil),
            ("gemini", ["hook_event_name": "Notification", "notification_type": "ToolPermission", "message": "allow?", "details": [:]], "blocked", "allow?"),
            ("gemini", ["hook_event_name": "AfterAgent", "prompt": "go", "prompt_response": "done"], "idle", nil),
            ("codex", ["hook_event_name": "UserPromptSubmit", "prompt": "go"], "working", nil),
            ("codex", ["hook_event_name": "Stop"], "idle", nil),
        ]
        for (kind, fields, state, activity) in steps {
            let result = try hook.run(kind, try hook.event(common.merging(fields) { a, _ in a }))
            #expect(result.status == 0 && result.stdout.isEmpty, "\(fields): \(result.stderr)")
            let agent = try #require(try hook.agents().first { $0.name == "\(kind)-abcdef12" })
            #expect(agent.state == state, "\(fields)")
            #expect(agent.channel == "hook")
            if let activity { #expect(agent.activity == activity) }
        }
        // A notification that does not wait for the person leaves the state alone.
        _ = try hook.run("claude-code", try hook.event(common.merging(["hook_event_name": "Notification", "message": "ok", "notification_type": "auth_success"]) { a, _ in a }))
        #expect(try hook.agents().first { $0.name == "claude-code-abcdef12" }?.state == "exited")
        // Codex's notify program gets its event as an argument.
        let notify = #"{"type":"agent-turn-complete","thread-id":"99887766-55","turn-id":"1","cwd":"/x","input-messages":["hi"],"last-assistant-message":"done"}"#
        let result = try CLIHarness.run(["hook", "codex", "--workspace", hook.path, notify], in: hook.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try hook.agents().first { $0.name == "codex-99887766" }?.state == "idle")
    }

    @Test func todoListsBecomeThePlanAndTheToolPassesThrough() throws {
        let hook = try HookFixture()
        let todos = try hook.toolEvent("claude-code", tool: "TodoWrite", input: ["todos": [
            ["content": "read the code", "status": "completed", "activeForm": "Reading"],
            ["content": "fix the bug", "status": "in_progress", "activeForm": "Fixing"],
            ["content": "add a test", "status": "pending", "activeForm": "Adding"],
        ]])
        let result = try hook.run("claude-code", todos, ["--agent", "planner"])
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stderr)")
        let agent = try #require(try hook.agents().first { $0.name == "planner" })
        #expect(agent.plan == [PlanItem("read the code", status: .completed), PlanItem("fix the bug", status: .inProgress), PlanItem("add a test", status: .pending)])
        #expect(agent.activity == "fix the bug")

        let gemini = try hook.toolEvent("gemini", tool: "write_todos", input: ["todos": [["description": "plan", "status": "cancelled"]]])
        #expect(try hook.run("gemini", gemini, ["--agent", "g1"]).status == 0)
        #expect(try hook.agents().first { $0.name == "g1" }?.plan == [PlanItem("plan (cancelled)", status: .completed)])
    }

    @Test func theWorkspaceIsFoundFromTheAgentsDirectoryToo() throws {
        let hook = try HookFixture(waitSeconds: 1)
        let elsewhere = try CLIHarness.temporaryDirectory()
        let status = try CLIHarness.run(["hook", "gemini"], in: elsewhere, input: try hook.event([
            "session_id": "feedface-0", "cwd": hook.path + "/src", "hook_event_name": "SessionStart", "source": "startup",
        ]))
        #expect(status.status == 0 && status.stderr.isEmpty, "\(status.stderr)")
        #expect(try hook.agents().first?.name == "gemini-feedface")
        let patch = "*** Begin Patch\n*** Update File: ../a.txt\n@@\n one\n-two\n+2\n*** End Patch\n"
        var event = try JSONSerialization.jsonObject(with: Data(try hook.toolEvent("codex", tool: "apply_patch", input: ["command": patch]))) as? [String: Any] ?? [:]
        event["cwd"] = hook.path + "/src"
        let gated = try CLIHarness.run(["hook", "codex"], in: elsewhere, input: try hook.event(event))
        #expect(try HookFixture.answer(gated).reason.contains("queued as proposal #1"), "\(gated.stderr)")
        // Codex names files from its directory; the proposal names them from the root.
        #expect(try hook.review.proposal(1).title == "Patch a.txt")
    }

    @Test func aStatusThatCannotBeRecordedWarnsAndLetsTheAgentGoOn() throws {
        let elsewhere = try CLIHarness.temporaryDirectory()
        let input = Array(#"{"session_id":"s","hook_event_name":"Stop"}"#.utf8)
        let result = try CLIHarness.run(["hook", "claude-code"], in: elsewhere, input: input)
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: the agent's status was not recorded"), "\(result.stderr)")
        let todos = Array(#"{"session_id":"s","hook_event_name":"PreToolUse","tool_name":"TodoWrite","tool_input":{"todos":[{"content":"x","status":"pending"}]}}"#.utf8)
        let plan = try CLIHarness.run(["hook", "claude-code"], in: elsewhere, input: todos)
        #expect(plan.status == 0 && plan.stdout.isEmpty && plan.stderr.contains("status was not recorded"), "\(plan.stderr)")
        let malformed = Array(#"{"session_id":"s","hook_event_name":"PreToolUse","tool_name":"TodoWrite","tool_input":{"todos":"all"}}"#.utf8)
        let unread = try CLIHarness.run(["hook", "claude-code"], in: elsewhere, input: malformed)
        #expect(unread.status == 0 && unread.stderr.contains("tool_input.todos: missing, or not an array"), "\(unread.stderr)")
        #expect(unread.stderr.contains("warning: the agent's plan was not recorded"))
        // A bad --agent is the caller's mistake, not the agent's: said plainly, exit 2.
        let hook = try HookFixture()
        let bad = try hook.run("claude-code", input, ["--agent", "no spaces"])
        #expect(bad.status == 2 && bad.stderr.contains("must be 1–64 characters"), "\(bad.stderr)")
    }
}
