import Testing
@testable import AirlockCore
@testable import AirlockTUI

/// What the channels report reaches the agents pane live: plans with the status events,
/// output by reading the agents again twice a second while it moves on screen.
@Suite("Agents live")
struct AgentsLiveTests {
    static let now = AgentsPaneTests.now

    static func statusEvent(_ seq: Int64, agent: String, _ details: String) -> ReviewEvent {
        // What the store records: the kind, and the report as details.
        ReviewEvent(AuditEntry(seq: seq, at: now, kind: "agent-status", proposalID: nil, actor: agent, details: details, previousHash: "", hash: ""))
    }

    @Test func aPlanInAStatusEventReachesThePaneWithoutReadingEveryAgent() throws {
        var state = AgentsPaneTests.state(Size(width: 120, height: 40), agents: [AgentsPaneTests.agent("coder-1", channel: "cli")])
        let plan = #"{"activity":"fixing","channel":"mcp","plan":[{"status":"completed","text":"read"},{"status":"in_progress","text":"fix \u001b[2J"}],"state":"working"}"#
        let effects = Cockpit.update(&state, .service(Self.statusEvent(1, agent: "coder-1", plan)))
        #expect(!effects.contains(.loadAgents))
        let agent = try #require(state.agents.selectedAgent)
        #expect(agent.plan == [PlanItem("read", status: .completed), PlanItem("fix \u{1b}[2J", status: .inProgress)])
        #expect(agent.channel == "mcp" && agent.activity == "fixing")
        let lines = CockpitRenderer.render(state).lines
        #expect(lines.contains { $0.hasPrefix("│ ▸ fix \\x1b[2J ") }, "\(lines)")
        // A later report without a plan keeps it; one with an empty plan clears it.
        _ = Cockpit.update(&state, .service(Self.statusEvent(2, agent: "coder-1", #"{"activity":"fixing","state":"idle"}"#)))
        #expect(state.agents.selectedAgent?.plan.count == 2 && state.agents.selectedAgent?.state == .idle)
        _ = Cockpit.update(&state, .service(Self.statusEvent(3, agent: "coder-1", #"{"plan":[],"state":"working"}"#)))
        #expect(state.agents.selectedAgent?.plan == [])
        // An agent not known yet is read.
        #expect(Cockpit.update(&state, .service(Self.statusEvent(4, agent: "new", plan))).contains(.loadAgents))
    }

    @Test func liveOutputOnScreenIsReadTwiceASecondAndOnlyThen() {
        func ticks(_ agent: AgentSummary, focus: Pane = .queue, zoomed: Bool = false, at offset: Int64 = 0) -> Bool {
            var state = AgentsPaneTests.state(Size(width: 120, height: 40), agents: [agent], focus: focus)
            state.zoomed = zoomed
            return Cockpit.update(&state, .tick(Self.now + offset)).contains(.loadAgents)
        }
        let fresh = AgentsPaneTests.agent("coder-1", channel: "cli", output: "building\n", outputAge: 1_000)
        #expect(fresh.outputAt != nil)
        #expect(ticks(fresh))
        #expect(!ticks(fresh, at: 10_000), "output that stopped moving is not read again")
        #expect(ticks(AgentsPaneTests.agent("runner", .working, channel: "worktree")), "a runner's agent at work, before its first output")
        #expect(!ticks(AgentsPaneTests.agent("runner", .idle, channel: "worktree")))
        #expect(!ticks(AgentsPaneTests.agent("coder-1", .working, channel: "mcp")))
        #expect(!ticks(fresh, focus: .diff, zoomed: true), "the agents pane is not on screen")
        #expect(ticks(fresh, focus: .agents, zoomed: true))
    }
}
