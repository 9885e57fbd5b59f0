import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// The review service's refusals come back as tool errors in the words the CLI uses.
@Suite("MCP service refusals")
struct ServiceRefusalTests {
    @Test func aPatchThatDoesNotApplyIsRefusedAndNothingIsQueued() async throws {
        let w = try ToolWorkspace(files: ["a.txt": "uno\ndos\ntres\n"])
        let reply = try await w.call("propose_patch", #"{"patch": \#(try JSONValue(encoding: lineTwoDiff()).jsonText())}"#)
        #expect(reply.isError)
        #expect(reply.text.hasPrefix("refused: "), "\(reply.text)")
        #expect(reply.text.contains("a.txt"))
        #expect(reply.text.hasSuffix("\nnothing was queued"))
        #expect(try w.workspace.store.proposals().isEmpty)
    }

    @Test func textThatIsNotAPatchSaysWhereAndWhy() async throws {
        let w = try ToolWorkspace()
        let reply = try await w.call("propose_patch", #"{"patch": "hello\nworld\n"}"#)
        #expect(reply.isError)
        #expect(reply.text.hasPrefix("patch: not a patch"), "\(reply.text)")
    }

    @Test func aPathOutsideTheWorkspaceIsRefused() async throws {
        let w = try ToolWorkspace()
        for path in ["../escape.txt", "/etc/passwd", ".git/config", "a/../../b"] {
            let reply = await w.tools().call("propose_write", arguments: .object(["path": .string(path), "content": .string("x\n")]))
            #expect(reply.isError, "\(path)")
            #expect(reply.text.contains("refused") || reply.text.contains("not allowed") || reply.text.contains("absolute"), "\(path): \(reply.text)")
        }
        #expect(try w.workspace.store.proposals().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: w.base + "/../escape.txt"))
    }

    @Test func aWriteThroughASymlinkIsRefused() async throws {
        let w = try ToolWorkspace(files: ["a.txt": "one\n"])
        let outside = w.base + "-outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: w.root + "/link", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: w.root + "/b.txt", withDestinationPath: w.root + "/a.txt")
        for path in ["link/new.txt", "b.txt"] {
            let reply = await w.tools().call("propose_write", arguments: .object(["path": .string(path), "content": .string("x\n")]))
            #expect(reply.isError, "\(path): \(reply.text)")
            #expect(reply.text.contains("symlink") || reply.text.contains("symbolic link"), "\(path): \(reply.text)")
        }
        #expect(try w.workspace.store.proposals().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
    }

    @Test func anUnknownProposalIsNamed() async throws {
        let w = try ToolWorkspace()
        for tool in ["proposal_status", "wait_for_decision", "withdraw"] {
            let reply = try await w.call(tool, #"{"id": 999}"#)
            #expect(reply.isError)
            #expect(reply.text == "no proposal #999", "\(tool): \(reply.text)")
        }
    }

    @Test func anInvalidAgentNameIsRefusedByTheService() async throws {
        let w = try ToolWorkspace(files: ["a.txt": "one\ntwo\nthree\n"])
        let reply = try await w.call("report_status", #"{"state": "idle"}"#, as: "bad name\u{1b}")
        #expect(reply.isError)
        #expect(reply.text.contains("agent name bad name\\x1b must be"), "\(reply.text)")
    }
}
