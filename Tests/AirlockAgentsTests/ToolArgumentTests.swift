import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// Arguments that do not match a tool's schema come back as tool errors that name the
/// argument; the service is not called.
@Suite("MCP tool arguments")
struct ToolArgumentTests {
    struct Bad: CustomTestStringConvertible, Sendable {
        var tool: String
        var json: String
        /// Words the error must contain.
        var says: String
        var testDescription: String { "\(tool) \(json.prefix(60))" }
    }

    static let cases: [Bad] = [
        Bad(tool: "propose_patch", json: "{}", says: "missing argument `patch`"),
        Bad(tool: "propose_patch", json: #"{"patch": 42}"#, says: "argument `patch` must be a string, not a number"),
        Bad(tool: "propose_patch", json: #"{"patch": ""}"#, says: "argument `patch` must not be empty"),
        Bad(tool: "propose_patch", json: #"{"patch": "x", "approve": true}"#, says: #"unknown argument "approve""#),
        Bad(tool: "propose_patch", json: #"{"patch": "x", "format": "rtf"}"#, says: "argument `format` must be one of: git, unified, codex, aider, edits"),
        Bad(tool: "propose_patch", json: #"{"patch": "x", "strip": -1}"#, says: "argument `strip` must be between 0 and 64, not -1"),
        Bad(tool: "propose_patch", json: #"{"patch": "x", "strip": 1.5}"#, says: "argument `strip` must be an integer, not a number"),
        Bad(tool: "propose_patch", json: #"{"patch": "x", "supersedes": 0}"#, says: "argument `supersedes` must be between 1"),
        Bad(tool: "propose_patch", json: #"["patch"]"#, says: "the arguments must be an object, not an array"),
        Bad(tool: "propose_edit", json: #"{"path": "", "old_text": "a", "new_text": "b"}"#, says: "argument `path` must not be empty"),
        Bad(tool: "propose_edit", json: #"{"path": "a.txt", "old_text": "a"}"#, says: "missing argument `new_text`"),
        Bad(tool: "propose_edit", json: #"{"path": "a.txt", "old_text": "a", "new_text": "b", "replace_all": "yes"}"#, says: "argument `replace_all` must be true or false, not a string"),
        Bad(tool: "propose_write", json: #"{"path": "a.txt", "content": null}"#, says: "missing argument `content`"),
        Bad(tool: "propose_write", json: #"{"path": ["a.txt"], "content": ""}"#, says: "argument `path` must be a string, not an array"),
        Bad(tool: "proposal_status", json: #"{"id": -3}"#, says: "argument `id` must be between 1 and"),
        Bad(tool: "proposal_status", json: #"{"id": "7"}"#, says: "argument `id` must be an integer, not a string"),
        Bad(tool: "wait_for_decision", json: #"{"id": 1, "timeout_s": 3600}"#, says: "argument `timeout_s` must be between 0 and 50, not 3600"),
        Bad(tool: "wait_for_decision", json: #"{"id": 1, "timeout_s": -1}"#, says: "argument `timeout_s` must be between 0 and 50"),
        Bad(tool: "report_status", json: #"{"state": "asleep"}"#, says: "argument `state` must be one of: working, waiting, blocked, idle, exited, error"),
        Bad(tool: "report_status", json: #"{"state": "idle", "plan": [{"text": "x", "status": "done"}]}"#, says: "argument `plan[0]`.status must be one of: pending, in_progress, completed"),
        Bad(tool: "report_status", json: #"{"state": "idle", "plan": [{"text": "x", "status": "pending", "by": "me"}]}"#, says: #"argument `plan[0]` has an unknown field "by""#),
        Bad(tool: "report_status", json: #"{"state": "idle", "plan": 3}"#, says: "argument `plan` must be an array of {text, status} or text"),
        Bad(tool: "list_proposals", json: #"{"limit": 0}"#, says: "argument `limit` must be between 1 and 1000"),
        Bad(tool: "withdraw", json: #"{"id": 1, "agent": "someone-else"}"#, says: #"unknown argument "agent""#),
        Bad(tool: "approve", json: #"{"id": 1}"#, says: #"no tool "approve""#),
    ]

    @Test(arguments: cases) func aMismatchIsAToolErrorNamingTheArgument(_ bad: Bad) async throws {
        let w = try ToolWorkspace(files: ["a.txt": "one\ntwo\nthree\n"])
        let reply = try await w.call(bad.tool, bad.json)
        #expect(reply.isError)
        #expect(reply.text.contains(bad.says), "\(reply.text)")
        #expect(reply.string("error") == reply.text)
        #expect(try w.workspace.store.proposals().isEmpty, "nothing was queued")
        #expect(try w.workspace.store.agents().isEmpty, "nothing was reported")
    }

    @Test func hostileArgumentNamesAndHugeValuesAreRefusedVisibly() async throws {
        let w = try ToolWorkspace()
        let hostileName = try await w.call("propose_write", #"{"path": "a", "content": "", "\u001b]52;c;aGk=\u0007": 1}"#)
        #expect(hostileName.isError)
        #expect(hostileName.text.contains("\\x1b]52;c;aGk=\\x07"), "\(hostileName.text)")
        #expect(!hostileName.text.contains("\u{1b}"))

        let title = String(repeating: "t", count: 5000)
        let huge = await w.tools().call("propose_write", arguments: .object(["path": .string("a"), "content": .string(""), "title": .string(title)]))
        #expect(huge.isError)
        #expect(huge.text.contains("argument `title` is 5000 bytes, over the limit of 4096 bytes"))
        #expect(huge.string("argument") == "title")

        let plan = JSONValue.array(Array(repeating: .object(["text": .string("x"), "status": .string("pending")]), count: 201))
        let long = await w.tools().call("report_status", arguments: .object(["state": .string("working"), "plan": plan]))
        #expect(long.isError)
        #expect(long.text.contains("201 items, over the limit of 200"))
    }

    @Test func aNullOptionalArgumentCountsAsLeftOut() async throws {
        let w = try ToolWorkspace(files: ["a.txt": "one\ntwo\nthree\n"])
        let reply = try await w.call("propose_edit", #"{"path": "a.txt", "old_text": "two", "new_text": "2", "title": null, "replace_all": null}"#)
        #expect(!reply.isError, "\(reply.text)")
    }

    /// The schema the client sees is the one the server checks: every tool's schema is a
    /// closed object whose required members are its required parameters.
    @Test func everySchemaIsAClosedObject() throws {
        for tool in AgentToolCatalog.tools {
            guard case .object(let schema) = tool.inputSchema, case .object(let properties)? = schema["properties"] else {
                Issue.record("\(tool.name): no properties")
                continue
            }
            #expect(schema["type"] == .string("object"))
            #expect(schema["additionalProperties"] == .bool(false))
            #expect(Set(properties.keys) == Set(tool.parameters.map(\.name)))
            #expect(schema["required"] == .array(tool.parameters.filter(\.isRequired).map { .string($0.name) }))
        }
    }
}
