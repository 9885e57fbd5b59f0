import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// The server over its transport, as a client on the other end of two pipes sees it.
@Suite("MCP session")
struct MCPSessionTests {
    @Test func initializeRegistersTheClientAsAWorkingAgentAndTheEndReportsItExited() async throws {
        let w = try ToolWorkspace()
        let client = try PipeClient(service: w.service)
        let initialized = try #require(await client.initialize(client: "Test Client"))
        #expect(initialized["serverInfo"]?["name"] == .string("airlock"))
        #expect(initialized["capabilities"]?["tools"] != nil)
        var agent = try #require(try w.workspace.store.agents().first)
        #expect(agent.name == "Test-Client")
        #expect(agent.state == .working)
        #expect(agent.channel == "mcp")

        let listed = try #require(await client.request(1, "tools/list"))
        guard case .array(let tools)? = listed["tools"] else {
            Issue.record("no tools: \(listed)")
            return
        }
        #expect(tools.count == 8)
        #expect(tools.allSatisfy { $0["inputSchema"]?["type"] == .string("object") })

        client.closeInput()
        try await client.finished.value
        agent = try #require(try w.workspace.store.agents().first)
        #expect(agent.state == .exited)
    }

    @Test func theConfiguredNameWinsOverTheClientsName() async throws {
        let w = try ToolWorkspace()
        let client = try PipeClient(service: w.service, agent: "coder-7")
        _ = await client.initialize(client: "Claude Code")
        let result = try #require(await client.request(1, "tools/call", #"{"name":"report_status","arguments":{"state":"idle"}}"#))
        #expect(result["isError"] == .bool(false))
        #expect(try w.workspace.store.agents().map(\.name) == ["coder-7"])
        client.closeInput()
        try await client.finished.value
    }

    @Test func argumentsShapedLikeDataURLsArriveExactly() async throws {
        let w = try ToolWorkspace()
        let client = try PipeClient(service: w.service)
        _ = await client.initialize()
        let content = try JSONValue(encoding: "data:,a%20b\ndata:text/plain;base64,aGk=\n").jsonText()
        let result = try #require(await client.request(1, "tools/call", #"{"name":"propose_write","arguments":{"path":"d.txt","content":\#(content)}}"#))
        #expect(result["isError"] == .bool(false), "\(result)")
        let proposal = try #require(try w.workspace.store.proposals().first)
        let patch = String(decoding: try #require(try w.workspace.store.proposal(proposal.id)).patch, as: UTF8.self)
        #expect(patch.contains("+data:,a%20b\n+data:text/plain;base64,aGk=\n"), "\(patch)")
        client.closeInput()
        try await client.finished.value
    }

    @Test func malformedMessagesAndBadArgumentsDoNotStopTheServer() async throws {
        let w = try ToolWorkspace()
        let client = try PipeClient(service: w.service, largestMessage: 4096)
        _ = await client.initialize()
        client.send("this is not json")
        #expect(await client.receive()?["error"] != nil)
        client.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"propose_write","arguments":"not an object"}}"#)
        let mistyped = try #require(await client.receive()?["result"])
        #expect(mistyped["isError"] == .bool(true))
        client.send(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"propose_write","arguments":{"path":"a","content":"\#(String(repeating: "x", count: 5000))"}}}"#)
        let oversized = try #require(await client.receive())
        #expect(oversized["id"] == .integer(3))
        #expect(oversized["error"]?["message"] == .string("message over 4096 bytes: refused unread"))
        let after = try #require(await client.request(4, "tools/call", #"{"name":"list_proposals","arguments":{}}"#))
        #expect(after["isError"] == .bool(false))
        #expect(try w.workspace.store.proposals().isEmpty)
        client.closeInput()
        try await client.finished.value
    }

    @Test func aClientThatClosesItsEndAfterItsLastRequestStillGetsTheAnswer() async throws {
        let w = try ToolWorkspace(files: ["a.txt": "one\ntwo\nthree\n"])
        let client = try PipeClient(service: w.service)
        _ = await client.initialize()
        let patch = try JSONValue(encoding: lineTwoDiff()).jsonText()
        client.send(#"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"propose_patch","arguments":{"patch":\#(patch)}}}"#)
        client.send(#"{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"wait_for_decision","arguments":{"id":1,"timeout_s":0.5}}}"#)
        client.closeInput()
        var answered: Set<Int64> = []
        while answered.count < 2, let answer = await client.receive(), case .integer(let id)? = answer["id"] { answered.insert(id) }
        #expect(answered == [5, 6])
        try await client.finished.value
        #expect(try w.workspace.store.agents().first?.state == .exited)
    }
}
