import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// A broker bound to one agent acts as that agent only, whatever a request says.
@Suite("Broker: bound to one agent")
struct BrokerBindingTests {
    @Test("it cannot propose, withdraw or report as another agent: refused, nothing recorded")
    func cannotActAsAnother() async throws {
        let fixture = try BrokerFixture(agent: "coder-1")
        let client = try fixture.client()
        let other = try fixture.service.blocking.propose(BrokerFixture.submission("theirs.txt", agent: "coder-2"))

        let propose = await #expect(throws: BrokerError.self) { try await client.propose(BrokerFixture.submission("x.txt", agent: "coder-2")) }
        #expect(propose?.kind == .forbidden)
        #expect(propose?.description == "this broker acts for agent coder-1 only: it cannot propose as agent coder-2")
        let withdraw = await #expect(throws: BrokerError.self) { try await client.withdraw(other.proposal.id, agent: "coder-2") }
        #expect(withdraw?.kind == .forbidden)
        let status = await #expect(throws: BrokerError.self) { try await client.reportStatus(AgentStatusReport(agent: "coder-2", state: .error)) }
        #expect(status?.kind == .forbidden)
        let output = await #expect(throws: BrokerError.self) { try await client.reportOutput(agent: "coder-2", tail: "forged") }
        #expect(output?.kind == .forbidden)

        #expect(try fixture.stored().map(\.id) == [other.proposal.id])
        #expect(try fixture.stored().first?.state.isWaiting == true)
        let agents = try fixture.service.blocking.agents()
        #expect(agents.first { $0.name == "coder-2" }?.state == nil)
        #expect(agents.first { $0.name == "coder-2" }?.output == nil)

        // As itself, everything works.
        let mine = try await client.propose(BrokerFixture.submission("mine.txt", agent: "coder-1"))
        try await client.reportStatus(AgentStatusReport(agent: "coder-1", state: .waiting))
        #expect(try await client.withdraw(mine.proposal.id, agent: "coder-1").state == .withdrawn)
    }

    @Test("it sees only its own proposals: listings are filtered, another's proposal does not exist for it")
    func seesOnlyItsOwn() async throws {
        let fixture = try BrokerFixture(agent: "coder-1")
        let client = try fixture.client()
        let theirs = try fixture.service.blocking.propose(BrokerFixture.submission("theirs.txt", agent: "coder-2"))
        let mine = try await client.propose(BrokerFixture.submission("mine.txt", agent: "coder-1"))

        #expect(try await client.proposals(.all).map(\.id) == [mine.proposal.id])
        #expect(try await client.proposals(ProposalFilter(ids: [theirs.proposal.id, mine.proposal.id])).map(\.id) == [mine.proposal.id])
        let listOthers = await #expect(throws: BrokerError.self) { try await client.proposals(ProposalFilter(agent: "coder-2")) }
        #expect(listOthers?.kind == .forbidden)

        let read = await #expect(throws: BrokerError.self) { try await client.proposal(theirs.proposal.id) }
        #expect(read?.kind == .notFound)
        #expect(read?.description == "no proposal #\(theirs.proposal.id)")
        let wait = await #expect(throws: BrokerError.self) { try await client.waitForOutcome(theirs.proposal.id, timeout: 0) }
        #expect(wait?.kind == .notFound)
        #expect(try await client.proposal(mine.proposal.id).proposal.agent == "coder-1")
    }

    @Test("a bad agent name cannot be bound")
    func badName() throws {
        let base = try BrokerFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let workspace = try ManagedWorkspace.initialize(at: base)
        let server = BrokerServer(service: LocalReviewService(workspace: workspace), socketPath: base + "/b.sock", agent: "a b\u{1b}[31m", maxLineBytes: 1024)
        #expect(throws: ProposalError.self) { try server.start() }
        #expect(!FileManager.default.fileExists(atPath: base + "/b.sock"))
    }
}
