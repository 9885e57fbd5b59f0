import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// `airlock mcp` driven by the official Python MCP client over stdio: the agent lists the
/// tools, proposes, and hears back what a reviewer decided through the review core.
@Suite("MCP end to end with the Python client", .requiresPythonMCP, .serialized)
struct MCPEndToEndTests {
    @Test func aPythonClientProposesAndHearsTheDecisionsFeedbackAndComments() throws {
        let python = try PythonMCP.interpreter()
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let script = fixture.root.appendingPathComponent("client.py")
        let patch = fixture.root.appendingPathComponent("change.diff")
        try Data(MCPClientScript.text.utf8).write(to: script)
        try Data(PatchCommandTests.change.utf8).write(to: patch)

        let client = Process()
        client.executableURL = URL(fileURLWithPath: python)
        client.arguments = [script.path, CLIHarness.executable.path, fixture.root.path, patch.path]
        let output = Pipe(), errors = Pipe()
        client.standardOutput = output
        client.standardError = errors
        client.standardInput = FileHandle.nullDevice
        try client.run()
        // Read both pipes as the client runs, so neither fills and stalls it.
        let collected = ProcessOutput(output: output, errors: errors)

        // The reviewer: rejects the patch with feedback and a line comment, then approves
        // the edit with a note; the core applies it.
        let service = LocalReviewService(workspace: fixture.workspace)
        let terminal = try ReviewerTerminal()
        let first = try waitForProposal(1, in: fixture)
        #expect(first.agent == "e2e-client", "the client's name, made a valid agent name")
        #expect(first.title == "Shout two")
        #expect(first.state == .ready)
        _ = try service.blocking.reject(
            Rejection(id: 1, shownDigest: first.digest, feedback: "keep it quiet", comments: [LineComment(path: "a.txt", line: 2, text: "no shouting")]),
            by: try terminal.reviewer())
        let second = try waitForProposal(2, in: fixture)
        _ = try service.blocking.approve(Approval(id: 2, shownDigest: second.digest, note: "good"), by: try terminal.reviewer())
        _ = try service.blocking.apply(2)

        let finished = collected.wait(for: client, seconds: 120)
        #expect(finished, "the client finished in time")
        #expect(client.terminationStatus == 0, "stderr: \(collected.errors)")
        let steps = collected.lines.compactMap { try? JSONValue(json: Data($0.utf8)) }
        func step(_ name: String) -> [JSONValue] { steps.filter { $0["step"] == .string(name) } }

        #expect(step("initialize").first?["server"] == .string("airlock"))
        guard case .array(let tools)? = step("tools").first?["tools"] else {
            Issue.record("no tools listed: \(collected.lines)")
            return
        }
        let names = tools.compactMap { tool -> String? in if case .string(let name)? = tool["name"] { return name } else { return nil } }
        #expect(names.sorted() == ["list_proposals", "proposal_status", "propose_edit", "propose_patch", "propose_write", "report_status", "wait_for_decision", "withdraw"])
        #expect(!names.contains { ["approve", "reject", "apply", "decide"].contains(where: $0.contains) }, "no tool decides")

        let proposed = try #require(step("propose_patch").first)
        #expect(proposed["isError"] == .bool(false))
        #expect(proposed["structured"]?["id"] == .integer(1))

        let rejected = try #require(step("wait_rejected").first)
        #expect(rejected["structured"]?["state"] == .string("rejected"))
        #expect(rejected["structured"]?["timed_out"] == .bool(false))
        #expect(rejected["structured"]?["feedback"] == .string("keep it quiet"))
        #expect(text(rejected).contains("feedback from the reviewer:\n  keep it quiet"))
        #expect(text(rejected).contains("a.txt:2: no shouting"))

        let status = try #require(step("status_rejected").first)
        #expect(status["structured"]?["decision"]?["verdict"] == .string("reject"))
        guard case .array(let comments)? = status["structured"]?["comments"] else {
            Issue.record("no comments: \(status)")
            return
        }
        #expect(comments.first?["text"] == .string("no shouting"))
        #expect(comments.first?["line"] == .integer(2))

        let applied = try #require(step("wait_applied").first)
        #expect(applied["structured"]?["state"] == .string("applied"))
        #expect(applied["structured"]?["note"] == .string("good"))
        #expect(try fixture.read("a.txt") == "one\ntwo\n3\n")

        let written = try #require(step("propose_write").first)
        #expect(written["isError"] == .bool(false))
        #expect(try fixture.proposal(3).state == .ready)
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("notes/new.txt").path), "nothing written before a decision")

        let bad = step("bad")
        #expect(bad.count == 7, "the server kept serving after each bad call")
        for reply in bad {
            #expect(reply["isError"] == .bool(true), "\(reply)")
        }
        let texts = bad.map(text)
        #expect(texts.contains { $0.contains("missing argument `patch`") })
        #expect(texts.contains { $0.contains("argument `id` must be between 1 and") })
        #expect(texts.contains { $0.contains("argument `path` must not be empty") })
        #expect(texts.contains { $0.contains("argument `timeout_s` must be between 0 and 50") })
        #expect(texts.contains { $0.contains(#"unknown argument "approve""#) })
        #expect(texts.contains { $0.contains("argument `id` must be an integer, not a string") })
        #expect(texts.contains { $0.contains(#"no tool "approve""#) })
        #expect(try fixture.workspace.store.proposals().count == 3, "no bad call queued anything")

        let listed = try #require(step("list").first)
        #expect(text(listed).contains("3 proposals of e2e-client"))
        #expect(step("report").first?["isError"] == .bool(false))

        let agent = try #require(try fixture.workspace.store.agents().first { $0.name == "e2e-client" })
        #expect(agent.channel == "mcp")
        #expect(agent.state == .exited, "the end of the session reports the agent exited")
        #expect(agent.plan.count == 2)
    }

    private func text(_ reply: JSONValue) -> String {
        if case .string(let text)? = reply["text"] { return text }
        return ""
    }

    /// The proposal once the client has submitted it.
    private func waitForProposal(_ id: Int64, in fixture: ReviewFixture) throws -> Proposal {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let proposal = try fixture.workspace.store.proposal(id) { return proposal }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw PythonMCP.Unavailable(description: "proposal #\(id) did not arrive within 60 s")
    }
}

/// A child's stdout (as lines) and stderr, read while it runs.
final class ProcessOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let done = DispatchGroup()

    init(output: Pipe, errors: Pipe) {
        for (pipe, isOut) in [(output, true), (errors, false)] {
            done.enter()
            DispatchQueue.global().async { [self] in
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                lock.withLock { if isOut { out = data } else { err = data } }
                done.leave()
            }
        }
    }

    /// Waits for the child to exit and its pipes to close; false after `seconds`.
    func wait(for process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            return false
        }
        return done.wait(timeout: .now() + 10) == .success
    }

    var lines: [String] { lock.withLock { String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init) } }
    var errors: String { lock.withLock { String(decoding: err, as: UTF8.self) } }
}
