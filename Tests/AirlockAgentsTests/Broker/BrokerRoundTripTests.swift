import AirlockAgents
import AirlockCore
import Foundation
import Testing

/// Every verb of `AgentService` through a real socket gives what the store gives.
@Suite("Broker: each verb round-trips")
struct BrokerRoundTripTests {
    @Test("the hello names the protocol, the bound agent and exactly the agent-facing calls")
    func hello() throws {
        let fixture = try BrokerFixture(agent: "coder-1")
        let client = try fixture.client()
        #expect(client.hello.protocol == BrokerProtocol.version)
        #expect(client.agent == "coder-1")
        #expect(Set(client.hello.calls) == ["proposals", "proposal", "propose", "withdraw", "waitForOutcome", "reportStatus", "reportOutput", "cancel"])
    }

    @Test("propose, proposals, proposal, withdraw and waitForOutcome through the socket match the store")
    func proposalVerbs() async throws {
        let fixture = try BrokerFixture()
        let client = try fixture.client()
        let receipt = try await client.propose(BrokerFixture.submission("a.txt", title: "Add a"))
        #expect(receipt.isNew)
        #expect(receipt.proposal.agent == "coder-1")
        #expect(receipt.proposal.title == "Add a")
        let again = try await client.propose(BrokerFixture.submission("a.txt", title: "Add a"))
        #expect(!again.isNew && again.proposal.id == receipt.proposal.id)

        let listed = try await client.proposals(.all)
        #expect(listed == (try fixture.stored()))
        #expect(listed.map(\.id) == [receipt.proposal.id])

        let detail = try await client.proposal(receipt.proposal.id)
        #expect(detail == (try fixture.service.blocking.proposal(receipt.proposal.id)))
        #expect(detail.proposal.patch == receipt.proposal.patch)

        let waited = try await client.waitForOutcome(receipt.proposal.id, timeout: 0)
        #expect(waited.timedOut && waited.state.isWaiting)

        let withdrawn = try await client.withdraw(receipt.proposal.id, agent: "coder-1")
        #expect(withdrawn.state == .withdrawn)
        let outcome = try await client.waitForOutcome(receipt.proposal.id, timeout: 5)
        #expect(outcome.state == .withdrawn && !outcome.timedOut)
        #expect(try fixture.stored().first?.state == .withdrawn)
    }

    @Test("reportStatus and reportOutput reach the store's agents")
    func reports() async throws {
        let fixture = try BrokerFixture()
        let client = try fixture.client()
        try await client.reportStatus(AgentStatusReport(
            agent: "coder-1", state: .blocked, activity: "needs you", channel: "mcp", plan: [PlanItem("read", status: .completed), PlanItem("write", status: .inProgress)]))
        try await client.reportOutput(agent: "coder-1", tail: "$ make\nok\n")
        let agent = try #require(try fixture.service.blocking.agents().first { $0.name == "coder-1" })
        #expect(agent.state == .blocked)
        #expect(agent.activity == "needs you")
        #expect(agent.channel == "mcp")
        #expect(agent.plan == [PlanItem("read", status: .completed), PlanItem("write", status: .inProgress)])
        #expect(agent.output == "$ make\nok\n")
    }

    @Test("the blocking calls give the same answers without Swift's concurrency")
    func blockingCalls() throws {
        let fixture = try BrokerFixture()
        let client = try fixture.client().blocking
        let receipt = try client.propose(BrokerFixture.submission("b.txt"))
        #expect(try client.proposals(.all).map(\.id) == [receipt.proposal.id])
        #expect(try client.proposal(receipt.proposal.id).proposal.digest == receipt.proposal.digest)
        try client.reportStatus(AgentStatusReport(agent: "coder-1", state: .working))
        try client.reportOutput(agent: "coder-1", tail: "x")
        #expect(try client.withdraw(receipt.proposal.id, agent: "coder-1").state == .withdrawn)
        #expect(try client.waitForOutcome(receipt.proposal.id, timeout: 1).state == .withdrawn)
    }

    @Test("the service's refusals come back with the local command's message and a kind")
    func refusals() async throws {
        let fixture = try BrokerFixture()
        let client = try fixture.client()
        let missing = await #expect(throws: BrokerError.self) { try await client.proposal(999) }
        #expect(missing?.kind == .notFound)
        #expect(missing?.description == StoreError.noSuchProposal(999).description)

        let unreadable = await #expect(throws: BrokerError.self) {
            try await client.propose(Submission(agent: "coder-1", format: .git, patch: Array("diff --git a/x\nnonsense\n".utf8)))
        }
        #expect(unreadable?.kind == .unusable)

        let badName = await #expect(throws: BrokerError.self) { try await client.reportStatus(AgentStatusReport(agent: "no spaces\u{1b}", state: .idle)) }
        #expect(badName?.kind == .invalid)
        #expect(badName?.description == ProposalError.badAgentName("no spaces\u{1b}").description)

        let receipt = try await client.propose(BrokerFixture.submission("c.txt", agent: "coder-2"))
        let notTheirs = await #expect(throws: BrokerError.self) { try await client.withdraw(receipt.proposal.id, agent: "coder-3") }
        #expect(notTheirs?.kind == .forbidden)
        #expect(try fixture.stored().first?.state.isWaiting == true)
    }

    @Test("a wait on one connection does not hold up the calls behind it, and answers come back as they finish")
    func outOfOrder() async throws {
        let fixture = try BrokerFixture()
        let client = try fixture.client()
        let receipt = try await client.propose(BrokerFixture.submission("d.txt"))
        let wait = Task { try await client.waitForOutcome(receipt.proposal.id, timeout: 30) }
        // Calls on the same connection are answered while the wait goes on.
        for n in 0..<20 { try await client.reportStatus(AgentStatusReport(agent: "coder-1", state: .waiting, activity: "poll \(n)")) }
        _ = try await client.withdraw(receipt.proposal.id, agent: "coder-1")
        let outcome = try await wait.value
        #expect(outcome.state == .withdrawn && !outcome.timedOut)
    }

    @Test("cancelling a caller's task ends its wait on the broker")
    func cancelledWait() async throws {
        let fixture = try BrokerFixture()
        let client = try fixture.client()
        let receipt = try await client.propose(BrokerFixture.submission("e.txt"))
        let started = Date()
        let wait = Task { try await client.waitForOutcome(receipt.proposal.id, timeout: 60) }
        try await Task.sleep(for: .milliseconds(200))
        wait.cancel()
        await #expect(throws: CancellationError.self) { try await wait.value }
        #expect(Date().timeIntervalSince(started) < 10)
        // The connection still serves.
        #expect(try await client.proposals(.all).count == 1)
    }
}
