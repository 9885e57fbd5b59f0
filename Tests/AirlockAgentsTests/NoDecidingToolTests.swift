import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// No tool, argument or value decides: the catalog names nothing that approves, rejects or
/// applies, and every tool run on a waiting proposal leaves it undecided.
@Suite("No MCP tool decides")
struct NoDecidingToolTests {
    static let decidingWords = ["approve", "accept", "reject", "decide", "apply", "merge", "override", "reviewer"]

    @Test func noToolOrParameterIsNamedForADecision() {
        #expect(AgentToolCatalog.tools.map(\.name).sorted() == [
            "list_proposals", "proposal_status", "propose_edit", "propose_patch", "propose_write", "report_status", "wait_for_decision", "withdraw",
        ])
        for tool in AgentToolCatalog.tools {
            for word in Self.decidingWords {
                #expect(!tool.name.contains(word), "\(tool.name)")
                #expect(!tool.parameters.contains { $0.name.contains(word) }, "\(tool.name): \(tool.parameters.map(\.name))")
                for parameter in tool.parameters {
                    if case .choice(let words) = parameter.kind {
                        #expect(!words.contains { ["approved", "applied", "approve", "apply"].contains($0) && tool.name != "list_proposals" })
                    }
                }
            }
        }
    }

    @Test func everyToolRunLeavesAWaitingProposalUndecided() async throws {
        let w = try ToolWorkspace(files: ["a.txt": "one\ntwo\nthree\n"])
        let id = try #require(try await w.call("propose_patch", #"{"patch": \#(try JSONValue(encoding: lineTwoDiff()).jsonText())}"#).id)
        let calls: [(String, String)] = [
            ("propose_edit", #"{"path": "a.txt", "old_text": "three", "new_text": "3"}"#),
            ("propose_write", #"{"path": "b.txt", "content": "b\n"}"#),
            ("proposal_status", #"{"id": \#(id)}"#),
            ("wait_for_decision", #"{"id": \#(id), "timeout_s": 0}"#),
            ("report_status", #"{"state": "waiting"}"#),
            ("list_proposals", "{}"),
            ("propose_patch", #"{"patch": \#(try JSONValue(encoding: lineTwoDiff(to: "2")).jsonText()), "supersedes": \#(id)}"#),
        ]
        for (tool, json) in calls {
            _ = try await w.call(tool, json)
        }
        for proposal in try w.workspace.store.proposals() {
            #expect(![.approved, .applied, .rejected].contains(proposal.state), "#\(proposal.id) is \(proposal.state)")
            #expect(try w.workspace.store.decisions(for: proposal.id).isEmpty)
        }
        #expect(w.read("a.txt") == "one\ntwo\nthree\n")
        #expect(w.read("b.txt") == nil)
    }
}
