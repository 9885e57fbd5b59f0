import AirlockCore
import Foundation
import Testing

/// `airlock serve --socket` and the agents' commands pointed at it with `$AIRLOCK_SOCKET`
/// from a directory where no store is in sight, as inside a sandbox.
@Suite("airlock serve --socket: agents through the broker")
struct BrokerChannelTests {
    /// A workspace with `airlock serve --socket` running on it, and an empty directory
    /// elsewhere to run agents' commands in.
    final class Served {
        let base: URL
        let workspace: URL
        let elsewhere: URL
        let socket: String
        let serving: CLIHarness.Running

        init(agent: String?) throws {
            base = try ManagedWorkspaceFixture.directory()
            workspace = base.appendingPathComponent("ws")
            elsewhere = base.appendingPathComponent("agent")
            let run = base.appendingPathComponent("run")
            for directory in [workspace, elsewhere, run] { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
            #expect(chmod(run.path, 0o700) == 0)
            #expect(try CLIHarness.run(["init"], in: workspace).status == 0)
            socket = run.appendingPathComponent("broker.sock").path
            serving = try CLIHarness.start(["serve", "--socket", socket] + (agent.map { ["--agent", $0] } ?? []), in: workspace)
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: socket) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        }

        /// Runs `airlock ARGS` where the store cannot be found, reaching it through the socket.
        func agent(_ arguments: [String], input: String = "") throws -> CLIHarness.Result {
            try CLIHarness.run(arguments, in: elsewhere, input: Array(input.utf8), environment: ["AIRLOCK_SOCKET": socket])
        }

        func stop() throws -> CLIHarness.Result {
            serving.process.terminate()
            serving.process.waitUntilExit()
            return try serving.finish()
        }

        deinit {
            if serving.process.isRunning { serving.process.terminate() }
            try? FileManager.default.removeItem(at: base)
        }
    }

    @Test("propose, status, wait and withdraw work through the socket of a broker bound to the agent, and not as another agent")
    func agentVerbsThroughTheSocket() throws {
        let served = try Served(agent: "coder-1")
        // Without the socket, there is no store here.
        let lost = try CLIHarness.run(["status", "--agent", "coder-1", "--state", "working"], in: served.elsewhere)
        #expect(lost.status == 2)

        let proposed = try served.agent(["propose", "--title", "Add n", "-"], input: String(decoding: ManagedWorkspaceFixture.creation("n.txt"), as: UTF8.self))
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(proposed.stdout == "proposal #1 ready: Add n (1 file, +1 -0)\n")
        let reported = try served.agent(["status", "--state", "blocked", "--activity", "needs \u{1b}]52;c;x\u{07} you"])
        #expect(reported.status == 0, "\(reported.stderr)")
        let waited = try served.agent(["wait", "1", "--timeout", "0.1", "--json"])
        #expect(waited.status == 5)
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(waited.stdout.utf8)) as? [String: Any])
        #expect(outcome["timedOut"] as? Bool == true)
        #expect(outcome["state"] as? String == "ready")

        let forged = try served.agent(["propose", "--agent", "coder-2", "-"], input: String(decoding: ManagedWorkspaceFixture.creation("m.txt"), as: UTF8.self))
        #expect(forged.status == 1)
        #expect(forged.stderr.contains("this broker acts for agent coder-1 only: it cannot propose as agent coder-2"))
        let forgedStatus = try served.agent(["status", "--agent", "coder-2", "--state", "idle"])
        #expect(forgedStatus.status == 1)
        let missing = try served.agent(["wait", "7", "--timeout", "0"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "airlock: no proposal #7\n")
        let unusable = try served.agent(["propose", "-"], input: "not a patch\n")
        #expect(unusable.status == 2)
        #expect(unusable.stderr.contains("not a patch"))

        let withdrawn = try served.agent(["withdraw", "1"])
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        #expect(withdrawn.stdout == "proposal #1 withdrawn\n")

        let listed = try ManagedWorkspaceFixture.json([ManagedWorkspaceFixture.Listed].self, try CLIHarness.run(["list", "--json"], in: served.workspace).stdout)
        #expect(listed.map(\.agent) == ["coder-1"])
        #expect(listed.map(\.state) == ["withdrawn"])
        let agents = try CLIHarness.run(["agents"], in: served.workspace).stdout
        #expect(agents.contains("coder-1"))
        #expect(agents.contains("blocked"))
        #expect(!agents.contains("coder-2"))
        #expect(!agents.contains("\u{1b}"))

        let stopped = try served.stop()
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.contains("airlock serve: broker for agent coder-1 only at \(served.socket)"))
        #expect(!FileManager.default.fileExists(atPath: served.socket))
    }

    @Test("an unbound broker serves any agent; an unreachable socket is a clear error")
    func unboundAndUnreachable() throws {
        let served = try Served(agent: nil)
        for agent in ["coder-1", "coder-2"] {
            let reported = try served.agent(["status", "--agent", agent, "--state", "working"])
            #expect(reported.status == 0, "\(reported.stderr)")
        }
        #expect(try CLIHarness.run(["agents"], in: served.workspace).stdout.contains("coder-2"))
        _ = try served.stop()
        let gone = try served.agent(["status", "--agent", "coder-1", "--state", "idle"])
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("cannot reach the broker at \(served.socket)"))
    }

    @Test("serve refuses a socket path where a file is, and leaves the file as it was")
    func refusesAFile() throws {
        let dir = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLIHarness.run(["init"], in: dir).status == 0)
        try CLIHarness.write("precious\n", to: "notes.txt", in: dir)
        let result = try CLIHarness.run(["serve", "--socket", "notes.txt"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("something that is not a socket is there: it is not replaced"))
        #expect(try CLIHarness.read("notes.txt", in: dir) == "precious\n")
        let badAgent = try CLIHarness.run(["serve", "--socket", "b.sock", "--agent", "a\u{1b}[2J"], in: dir)
        #expect(badAgent.status != 0)
        #expect(!badAgent.stderr.contains("\u{1b}"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("b.sock").path))
    }
}
