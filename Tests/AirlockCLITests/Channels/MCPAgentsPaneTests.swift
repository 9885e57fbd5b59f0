import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// An agent on `airlock mcp` shows in the running cockpit's agents pane: registering makes
/// it working, report_status changes its state and activity, the end of the session
/// marks it exited.
@Suite("MCP status in the cockpit", .requires(.tmux))
struct MCPAgentsPaneTests {
    @Test func reportStatusShowsInTheAgentsPaneOfARunningCockpit() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let screen = try TmuxScreen.airlock(["cockpit"], in: fixture.root, width: 120, height: 40, environment: TmuxScreen.environment())
        try screen.waitFor(text: "No agent has reported yet.")

        let server = try MCPServerProcess(["--workspace", fixture.root.path], in: fixture.root)
        _ = try #require(server.initialize(client: "Pane Client"), "stderr: \(server.stderr)")
        try screen.waitUntil("Pane-Client working on the screen") { shown in
            shown.lines.contains { $0.contains("Pane-Client") && $0.contains("working") && $0.contains("connected over MCP") }
        }

        let reported = try #require(server.call("report_status", #"""
            {"state": "blocked", "activity": "needs a schema decision \u001b[31m", "plan": [{"text": "ask", "status": "in_progress"}]}
            """#))
        #expect(reported["isError"] == .bool(false))
        let blocked = try screen.waitUntil("Pane-Client blocked with its activity") { shown in
            shown.lines.contains { $0.contains("Pane-Client") && $0.contains("blocked") && $0.contains("needs a schema decision") }
        }
        #expect(blocked.contains("\\x1b[31m"), "the agent's escape sequence is shown, not obeyed")
        #expect(blocked.contains("1 blocked"), "the pane's border counts it")
        let agent = try #require(try fixture.workspace.store.agents().first)
        #expect(agent.plan == [PlanItem("ask", status: .inProgress)])

        server.closeInput()
        #expect(server.waitForExit() == 0, "stderr: \(server.stderr)")
        try screen.waitUntil("Pane-Client exited") { shown in
            shown.lines.contains { $0.contains("Pane-Client") && $0.contains("exited") }
        }
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }
}
