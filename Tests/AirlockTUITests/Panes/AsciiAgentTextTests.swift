import Testing
@testable import AirlockCore
@testable import AirlockTUI

/// Under a locale that is not UTF-8, agents' text beyond ASCII reads as code points in
/// every pane that shows it, never as the terminal's `?`, and the columns still line up.
@Suite("Agent text in ASCII")
struct AsciiAgentTextTests {
    @Test func queueDiffTitleAndActivityShowCodePoints() throws {
        let now = AgentsPaneTests.now
        var state = AgentsPaneTests.state(Size(width: 160, height: 40), unicode: false, agents: [AgentsPaneTests.agent("coder-1", activity: "lit le café")])
        state.showActivity = true
        state.queue.replaceAll([
            ProposalSummary(id: 7, agent: "エージェント", title: "Corrige le café", state: .ready, fileCount: 1, addedLines: 1, removedLines: 0, createdAt: now, updatedAt: now),
        ])
        state.queue.selected = 7
        let details = #"{"activity":"écrit","state":"working"}"#
        _ = Cockpit.update(&state, .service(ReviewEvent(AuditEntry(seq: 1, at: now, kind: "agent-status", proposalID: nil, actor: "coder-1", details: details, previousHash: "", hash: ""))))
        let lines = CockpitRenderer.render(state).lines
        for line in lines { #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)") }
        let text = lines.joined(separator: "\n")
        let row = try #require(lines.first { $0.contains("#7 ") })
        #expect(row.contains("#7 \\u{30a8") && !row.contains("?"), "the agent's name, cut to its column: \(row)")
        #expect(text.contains("Corrige le caf\\u{e9}"), "the queue's title: \(text)")
        #expect(text.contains("coder-1 is working: \\u{e9}crit"), "the activity pane: \(text)")
        #expect(lines.allSatisfy { $0.count == 160 }, "columns line up")
    }
}
