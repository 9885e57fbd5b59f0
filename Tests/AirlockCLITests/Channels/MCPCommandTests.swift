import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// `airlock mcp` as a process: its stdout carries protocol messages only, a bad name is
/// refused at once, and a signal ends the session as a closed stdin does.
@Suite("airlock mcp")
struct MCPCommandTests {
    @Test func stdoutCarriesOnlyProtocolMessages() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let input = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"propose_write","arguments":{"path":"../out","content":"x"}}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{}}"#,
            "",
        ].joined(separator: "\n")
        let result = try CLIHarness.run(["mcp", "--workspace", fixture.root.path], in: fixture.root, input: Array(input.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3, "one answer per request, nothing else: \(result.stdout)")
        for line in lines {
            let message = try JSONValue(json: Data(line.utf8))
            #expect(message["jsonrpc"] == .string("2.0"))
            #expect(message["id"] != nil)
        }
        let refused = try #require(try lines.map { try JSONValue(json: Data($0.utf8)) }.first { $0["id"] == .integer(2) })
        #expect(refused["result"]?["isError"] == .bool(true))
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let agent = try #require(try fixture.workspace.store.agents().first)
        #expect(agent.name == "c")
        #expect(agent.state == .exited, "stdin closed: the session ended")
    }

    @Test func anInvalidAgentNameIsRefusedBeforeServing() throws {
        let fixture = try ReviewFixture(files: [:])
        let result = try CLIHarness.run(["mcp", "--workspace", fixture.root.path, "--agent", "bad name"], in: fixture.root)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("agent name bad name must be"))
        let fromEnvironment = try CLIHarness.run(["mcp", "--workspace", fixture.root.path], in: fixture.root, environment: ["AIRLOCK_AGENT": "x\u{1b}y"])
        #expect(fromEnvironment.status == 2)
        #expect(fromEnvironment.stderr.contains("x\\x1by"))
    }

    @Test func sigtermEndsTheSessionAndTheAgentShowsExited() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\n"])
        let server = try MCPServerProcess(["--workspace", fixture.root.path, "--agent", "coder-9"], in: fixture.root)
        _ = try #require(server.initialize(client: "ignored"))
        #expect(try fixture.workspace.store.agents().first?.state == .working)
        server.process.terminate()
        #expect(server.waitForExit() != nil)
        let agent = try #require(try fixture.workspace.store.agents().first)
        #expect(agent.name == "coder-9")
        #expect(agent.state == .exited)
    }
}
