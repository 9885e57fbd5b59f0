import GRDB
import Testing
@testable import AirlockCore

/// Every move between two states, allowed or refused, in the model and through the store.
@Suite("Proposal state machine")
struct ProposalStateMachineTests {
    /// The moves DESIGN.md's life cycle allows, written out independently of `canMove`.
    static let allowed: Set<[ProposalState]> = [
        [.submitted, .checking], [.submitted, .withdrawn], [.submitted, .superseded], [.submitted, .conflicted],
        [.checking, .ready], [.checking, .conflicted], [.checking, .failed], [.checking, .withdrawn],
        [.ready, .approved], [.ready, .rejected], [.ready, .conflicted], [.ready, .withdrawn], [.ready, .superseded], [.ready, .checking],
        [.approved, .applied], [.approved, .conflicted], [.approved, .failed],
    ]

    static let pairs: [(ProposalState, ProposalState)] = ProposalState.allCases.flatMap { from in
        ProposalState.allCases.map { to in (from, to) }
    }

    @Test func canMoveAllowsExactlyTheLifeCycle() {
        for (from, to) in Self.pairs {
            #expect(from.canMove(to: to) == Self.allowed.contains([from, to]), "\(from) → \(to)")
        }
    }

    @Test func finalStatesHaveNoWayOut() {
        for state in ProposalState.allCases where state.isFinal {
            #expect(ProposalState.allCases.allSatisfy { !state.canMove(to: $0) }, "\(state) is final yet can move")
        }
    }

    @Test func storeMakesEveryAllowedMoveAndRefusesEveryOther() throws {
        let fixture = try StoreFixture()
        for (index, (from, to)) in Self.pairs.enumerated() {
            let id = try fixture.submit(index).proposal.id
            try fixture.force(id, into: from)
            let entriesBefore = try fixture.auditCount()
            if Self.allowed.contains([from, to]) {
                let moved = try fixture.store.move(id, to: to, reason: "test", actor: "tester")
                #expect(moved.state == to)
                #expect(try fixture.store.proposal(id)?.state == to)
                let last = try fixture.store.auditEntries(proposal: id).last
                #expect(last?.kind == "state" && last?.details == #"{"from":"\#(from.rawValue)","reason":"test","to":"\#(to.rawValue)"}"#)
            } else {
                #expect(throws: StoreError.stateConflict(id: id, current: from, wanted: to, decidedBy: nil)) {
                    try fixture.store.move(id, to: to, actor: "tester")
                }
                #expect(try fixture.store.proposal(id)?.state == from, "a refused move changed \(from)")
                #expect(try fixture.auditCount() == entriesBefore, "a refused move was audited")
            }
        }
    }

    @Test func compareAndSetRefusesAStaleExpectation() throws {
        let fixture = try StoreFixture()
        let id = try fixture.submit(1).proposal.id
        #expect(throws: StoreError.stateConflict(id: id, current: .ready, wanted: .withdrawn, decidedBy: nil)) {
            try fixture.store.move(id, to: .withdrawn, expected: .submitted, actor: "coder-1")
        }
        #expect(try fixture.store.proposal(id)?.state == .ready)
        let moved = try fixture.store.move(id, to: .withdrawn, expected: .ready, actor: "coder-1")
        #expect(moved.state == .withdrawn)
    }

    @Test func aStaleWriterCannotUndoADecision() throws {
        let fixture = try StoreFixture()
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let id = try fixture.submit(1).proposal.id
        let digest = try #require(try fixture.store.proposal(id)).digest
        try fixture.store.decide(id, verdict: .approve, by: reviewer, digest: digest, selection: nil, gates: [], overrides: [], feedback: nil)
        // A re-check that read `ready` before the approval tries to mark it conflicted.
        #expect(throws: StoreError.stateConflict(id: id, current: .approved, wanted: .conflicted, decidedBy: reviewer.description)) {
            try fixture.store.move(id, to: .conflicted, expected: .ready, actor: "airlock")
        }
        #expect(try fixture.store.proposal(id)?.state == .approved)
    }

    @Test func unknownProposal() throws {
        let fixture = try StoreFixture()
        #expect(throws: StoreError.noSuchProposal(42)) { try fixture.store.move(42, to: .checking, actor: "airlock") }
    }
}
