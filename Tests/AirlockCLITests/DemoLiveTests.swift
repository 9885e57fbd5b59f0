#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation
import Testing

/// `airlock demo` on a terminal: the agents work in processes of their own while the
/// cockpit runs, write only to their log, hear the reviewer's decisions, and stop when the
/// cockpit ends.
@Suite("airlock demo on a terminal")
struct DemoLiveTests {
    @Test func theAgentsWorkBesideTheReviewAndStopWithIt() throws {
        let workspace = try CLIHarness.temporaryDirectory().appendingPathComponent("demo")
        let terminal = try PseudoTerminal(arguments: ["demo", "--directory", workspace.path], environment: ReviewFixture.environment())
        try terminal.expect("5 agents are at work", timeout: 30)
        // The cockpit's queue pane, with the first proposal in it.
        try terminal.expect("Queue", timeout: 60)
        try terminal.expect("#1", timeout: 60)
        // At pace 1 none of them is done within the first minute.
        #expect(DemoAgentProcesses.running(for: workspace).count == 5)
        terminal.send("q")
        try terminal.expect("The agents have stopped.", timeout: 20)
        #expect(try terminal.waitForExit(timeout: 20) == 0)
        #expect(DemoAgentProcesses.running(for: workspace).isEmpty)

        let log = try CLIHarness.read(".git/airlock-demo/agents.log", in: workspace)
        #expect(log.contains("coder-1  proposed #"), "\(log)")
        #expect(!terminal.transcript.contains("status working"), "\(VisibleText.escape(terminal.transcript))")
    }

    @Test func theAgentsStopWhenTheDemoIsKilled() throws {
        let workspace = try CLIHarness.temporaryDirectory().appendingPathComponent("demo")
        let terminal = try PseudoTerminal(arguments: ["demo", "--directory", workspace.path], environment: ReviewFixture.environment())
        try terminal.expect("5 agents are at work", timeout: 30)
        // Seen once as 4 under load: looked for again briefly (an agent that did not start
        // stays missing).
        var agents = DemoAgentProcesses.running(for: workspace)
        for _ in 0..<20 where agents.count != 5 {
            usleep(100_000)
            agents = DemoAgentProcesses.running(for: workspace)
        }
        try #require(agents.count == 5, "\((try? CLIHarness.read(".git/airlock-demo/agents.log", in: workspace)) ?? "no log")")
        let demo = try #require(DemoAgentProcesses.parent(of: agents[0]))
        #expect(agents.allSatisfy { DemoAgentProcesses.parent(of: $0) == demo })
        // No chance to stop them: they notice that the demo is gone and stop by themselves.
        kill(demo, SIGKILL)
        #expect(try terminal.waitForExit() == 128 + SIGKILL)
        let deadline = Date().addingTimeInterval(15)
        while !DemoAgentProcesses.running(for: workspace).isEmpty && Date() < deadline { usleep(100_000) }
        #expect(DemoAgentProcesses.running(for: workspace).isEmpty)
        let log = try CLIHarness.read(".git/airlock-demo/agents.log", in: workspace)
        #expect(log.components(separatedBy: "the demo ended; stopping").count - 1 == 5, "\(log)")
    }

    @Test func anAgentHearsTheReviewersDecision() throws {
        let parent = try CLIHarness.temporaryDirectory()
        let workspace = parent.appendingPathComponent("demo")
        let built = try CLIHarness.run(["demo", "--directory", workspace.path, "--pace", "0"], in: parent)
        try #require(built.status == 0, "\(built.stderr)")
        // coder-1 again, waiting for the outcome this time: the same change from the same
        // agent is the same proposal.
        let agent = try CLIHarness.start(
            ["demo-agent", "--script", "coder-1", "--workspace", workspace.path, "--pace", "0", "--linger", "60"], in: workspace)
        let id = try waitForProposal(in: agent.out)

        let terminal = try PseudoTerminal(arguments: ["review", String(id), "--workspace", workspace.path], environment: ReviewFixture.environment())
        try terminal.expect("[s]kip, [q]uit, [?]: ")
        terminal.send("a")
        try terminal.expect("Applied #\(id)")
        #expect(try terminal.waitForExit() == 0)

        agent.process.waitUntilExit()
        let played = try agent.finish()
        #expect(played.status == 0, "\(played.stderr)")
        #expect(played.stdout.contains("#\(id) applied"), "\(played.stdout)")
        let listed = try CLIHarness.run(["agents", "--json"], in: workspace)
        let agents = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let coder = try #require(agents.first { $0["name"] as? String == "coder-1" })
        #expect(coder["state"] as? String == "idle")
        #expect(coder["activity"] as? String == "#\(id) applied: done")
    }

    /// The id of the proposal the agent logs as proposed in `log`, once it has.
    private func waitForProposal(in log: URL, timeout: Double = 30) throws -> Int64 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
            if let range = text.range(of: "proposed #") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let id = Int64(digits) { return id }
            }
            usleep(50_000)
        }
        throw PseudoTerminalError(description: "the agent proposed nothing within \(timeout) s")
    }
}
