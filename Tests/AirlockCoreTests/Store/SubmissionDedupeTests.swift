import Testing
@_spi(Benchmark) @testable import AirlockCore

/// An agent that submits the same change twice gets its proposal back; another agent's
/// identical change, or a resubmission after withdrawing, is a proposal of its own.
@Suite("Submission dedupe")
struct SubmissionDedupeTests {
    @Test func sameDigestFromOneAgentReturnsTheFirst() throws {
        let fixture = try StoreFixture()
        let first = try fixture.submit(1)
        let entries = try fixture.auditCount()
        let again = try fixture.submit(1)
        #expect(first.isNew && !again.isNew)
        #expect(again.proposal.id == first.proposal.id)
        #expect(try fixture.store.proposals().count == 1)
        #expect(try fixture.auditCount() == entries, "a duplicate left an audit entry")
    }

    @Test func sameDigestFromAnotherAgentIsNew() throws {
        let fixture = try StoreFixture()
        let first = try fixture.submit(1, agent: "coder-1")
        let other = try fixture.submit(1, agent: "coder-2")
        #expect(other.isNew)
        #expect(other.proposal.id != first.proposal.id)
        #expect(other.proposal.digest == first.proposal.digest)
        #expect(try fixture.store.proposals().map(\.agent) == ["coder-1", "coder-2"])
    }

    @Test func aWithdrawnProposalDoesNotDedupe() throws {
        let fixture = try StoreFixture()
        let first = try fixture.submit(1)
        try fixture.store.withdraw(first.proposal.id, agent: "coder-1")
        let again = try fixture.submit(1)
        #expect(again.isNew)
        #expect(again.proposal.id != first.proposal.id)
        #expect(again.proposal.state == .ready)
        #expect(try fixture.submit(1).proposal.id == again.proposal.id, "the new one dedupes in turn")
    }

    @Test func aRejectedProposalStillDedupes() throws {
        let fixture = try StoreFixture()
        let terminal = try TestTerminal()
        let first = try fixture.submit(1).proposal
        try fixture.store.decide(first.id, verdict: .reject, by: try terminal.reviewer(), shownDigest: first.digest, digest: first.digest, selection: nil, gates: [], overrides: [], feedback: "no")
        let again = try fixture.submit(1)
        #expect(!again.isNew)
        #expect(again.proposal.state == .rejected)
    }
}
