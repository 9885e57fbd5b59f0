import AirlockCore
import Foundation
import Testing

/// `airlock status --output-file`: a runner or a script hands the cockpit the tail of an
/// agent's output (live state, not on the audit log).
@Suite("airlock status --output-file")
struct StatusOutputTests {
    @Test func storesTheTailOfTheFileWithoutAnEvent() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        let file = root.appendingPathComponent("out.log")
        // Far more than the store keeps, ending in bytes that are not UTF-8.
        let big = (1...20_000).map { "line \($0)\n" }.joined()
        try Data(Array(big.utf8) + [0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a]).write(to: file)
        let before = try CLIHarness.run(["audit", "--since", "0"], in: root).stdout
        let reported = try CLIHarness.run(["status", "--agent", "runner", "--output-file", file.path], in: root)
        #expect(reported.status == 0, "\(reported.stderr)")
        #expect(try CLIHarness.run(["audit", "--since", "0"], in: root).stdout == before, "output is not audited")
        let workspace = try ManagedWorkspace.open(root: root.path).workspace
        let agent = try #require(try workspace.store.agents().first { $0.name == "runner" })
        let output = try #require(agent.output)
        #expect(output.count <= AgentSummary.outputLimit && output.hasSuffix("line 20000\n\u{fffd}\u{1b}[2J\n"))
        #expect(agent.outputAt != nil && agent.state == nil)

        // From stdin, with a status in the same call.
        let both = try CLIHarness.run(["status", "--agent", "runner", "--state", "working", "--channel", "worktree", "--output-file", "-"], in: root, input: Array("hello\n".utf8))
        #expect(both.status == 0, "\(both.stderr)")
        let again = try #require(try workspace.store.agents().first { $0.name == "runner" })
        #expect(again.output == "hello\n" && again.state == .working && again.channel == "worktree")
    }

    @Test func refusesWhatItCannotUse() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        let nothing = try CLIHarness.run(["status", "--agent", "runner"], in: root)
        #expect(nothing.status != 0 && nothing.stderr.contains("--state"))
        let missing = try CLIHarness.run(["status", "--agent", "runner", "--output-file", root.appendingPathComponent("nope\u{1b}[2J").path], in: root)
        #expect(missing.status != 0 && missing.stderr.contains("nope\\x1b[2J") && !missing.stderr.contains("\u{1b}"))
        let twice = try CLIHarness.run(["status", "--agent", "runner", "--state", "idle", "--plan-file", "-", "--output-file", "-"], in: root)
        #expect(twice.status != 0 && twice.stderr.contains("stdin"))
        let badName = try CLIHarness.run(["status", "--agent", "a b", "--output-file", "-"], in: root, input: Array("x".utf8))
        #expect(badName.status != 0)
        #expect(try ManagedWorkspace.open(root: root.path).workspace.store.agents().isEmpty)
        // Hidden: agents rarely need it, so the help does not list it.
        #expect(!(try CLIHarness.run(["status", "--help"], in: root)).stdout.contains("output-file"))
    }
}
