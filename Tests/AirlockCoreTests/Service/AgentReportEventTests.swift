import Foundation
import Testing
@testable import AirlockCore

/// A follower reads an agent's whole report — channel and plan too — from its event.
@Suite("Agent report events")
struct AgentReportEventTests {
    @Test func theEventCarriesThePlanAndTheChannel() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": "one\n"])
        let service = LocalReviewService(workspace: try ManagedWorkspace.open(root: w.root, access: .longLived).workspace)
        let plan = [PlanItem("read \u{1b}]52;c;eA==\u{07}", status: .completed), PlanItem("fix", status: .inProgress), PlanItem("test", status: .pending)]
        try await service.reportStatus(AgentStatusReport(agent: "codex", state: .working, activity: "fixing", channel: "mcp", plan: plan))
        try await service.reportStatus(AgentStatusReport(agent: "codex", state: .idle))
        let events = try await service.auditEntries(AuditFilter(limit: 10, latest: true)).map(ReviewEvent.init)
        let reports = events.compactMap(\.agentReport)
        #expect(reports == [
            AgentStatusReport(agent: "codex", state: .working, activity: "fixing", channel: "mcp", plan: plan),
            // No plan reported: nil, so the one before is kept.
            AgentStatusReport(agent: "codex", state: .idle, activity: nil, channel: nil, plan: nil),
        ])
    }

    @Test func otherEventsAndDamagedDetailsHaveNoReport() {
        func event(_ kind: String, _ details: String) -> ReviewEvent {
            ReviewEvent(AuditEntry(seq: 1, at: 0, kind: kind, proposalID: nil, actor: "codex", details: details, previousHash: "", hash: ""))
        }
        #expect(event("check-started", #"{"name":"unit"}"#).agentReport == nil)
        #expect(event("agent-status", #"{"state":"working","plan":"not a list"}"#).agentReport == nil)
        #expect(event("agent-status", #"{"state":"working","plan":[{"text":"x","status":"sideways"}]}"#).agentReport == nil)
        #expect(event("agent-status", #"{"state":"sleeping"}"#).agentReport == nil)
        #expect(event("agent-status", #"{"activity":"a","state":"working"}"#).agentReport == AgentStatusReport(agent: "codex", state: .working, activity: "a"))
    }
}
