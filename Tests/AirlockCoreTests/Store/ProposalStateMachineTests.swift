import GRDB
import Testing
@_spi(Benchmark) @testable import AirlockCore

/// Every move between two states, allowed or refused, in the model and through the store.
@Suite("Proposal state machine")
struct ProposalStateMachineTests {
    /// The moves DESIGN.md's life cycle allows, written out independently of `canMove`.
    static let allowed: Set<[ProposalState]> = [
        [.submitted, .checking], [.submitted, .withdrawn], [.submitted, .superseded], [.submitted, .conflicted],
        [.checking, .ready], [.checking, .conflicted], [.checking, .failed], [.checking, .withdrawn], [.checking, .superseded],
        [.ready, .approved], [.ready, .rejected], [.ready, .conflicted], [.ready, .withdrawn], [.ready, .superseded], [.ready, .checking],
        [.approved, .applied], [.approved, .conflicted], [.approved, .failed], [.approved, .ready],
        [.applied, .reverted],
    ]

    static let pairs: [(ProposalState, ProposalState)] = ProposalState.allCases.flatMap { from in
        ProposalState.allCases.map { to in (from, to) }
    }

    @Test func canMoveAllowsExactlyTheLifeCycle() {
        for (from, to) in Self.pairs {
            #expect(from.canMove(to: to) == Self.allowed.contains([from, to]), "\(from) → \(to)")
        }
    }

    @Test func finalStatesHaveNoWayOutButAPersonsRevert() {
        for state in ProposalState.allCases where state.isFinal {
            let ways = ProposalState.allCases.filter { state.canMove(to: $0) }
            #expect(ways == (state == .applied ? [.reverted] : []), "\(state) is final yet can move to \(ways)")
        }
    }

    /// Each write of the store that moves a proposal, the state it moves to, and how to
    /// call it. There is no general "set the state": these are all the moves there are.
    struct Write: Sendable {
        var name: String
        var target: ProposalState?
        /// The states it may start from, written out independently of `canMove`.
        var from: Set<ProposalState>
        var call: @Sendable (StoreFixture, Int64, Reviewer) throws -> Void
    }

    static let writes: [Write] = [
        Write(name: "withdraw", target: .withdrawn, from: [.submitted, .checking, .ready]) { f, id, _ in
            try f.store.withdraw(id, agent: "coder-1")
        },
        Write(name: "supersede", target: .superseded, from: [.submitted, .checking, .ready]) { f, id, _ in
            // Only the newer proposal's agent and id matter to the move.
            var newer = try #require(try f.store.proposal(id))
            newer.id = id + 10_000
            try f.store.supersede(id, by: newer)
        },
        Write(name: "markConflicted", target: .conflicted, from: [.submitted, .checking, .ready]) { f, id, _ in
            try f.store.markConflicted(id, reason: "test")
        },
        Write(name: "decide approve", target: .approved, from: [.ready]) { f, id, reviewer in
            let digest = try #require(try f.store.proposal(id)).digest
            try f.store.decide(id, verdict: .approve, by: reviewer, shownDigest: digest, digest: digest, selection: nil, gates: [], overrides: [], feedback: nil)
        },
        Write(name: "decide reject", target: .rejected, from: [.ready]) { f, id, reviewer in
            let digest = try #require(try f.store.proposal(id)).digest
            try f.store.decide(id, verdict: .reject, by: reviewer, shownDigest: digest, digest: digest, selection: nil, gates: [], overrides: [], feedback: "test")
        },
        Write(name: "finishApplication", target: .applied, from: [.approved]) { f, id, _ in
            try f.store.finishApplication(id, files: [], recovered: false)
        },
        Write(name: "abandonApplication conflicted", target: .conflicted, from: [.approved]) { f, id, _ in
            try f.store.abandonApplication(id, .conflicted, reason: "test")
        },
        Write(name: "abandonApplication failed", target: .failed, from: [.approved]) { f, id, _ in
            try f.store.abandonApplication(id, .failed, reason: "test")
        },
        Write(name: "returnToReview", target: .ready, from: [.approved]) { f, id, _ in
            try f.store.returnToReview(id, reason: "test")
        },
        Write(name: "revert", target: .reverted, from: [.applied]) { f, id, reviewer in
            let application = Application(proposalID: id, digest: "d", preImage: [], postImage: [], startedAt: 0, revertedBy: reviewer.identity.description)
            try f.store.beginRevert(application, by: reviewer)
            try f.store.finishRevert(application, files: [], recovered: false)
        },
    ]

    @Test func eachWriteMakesItsMoveFromExactlyTheStatesThatAllowIt() throws {
        let fixture = try StoreFixture()
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        var n = 0
        for write in Self.writes {
            for from in ProposalState.allCases {
                n += 1
                let id = try fixture.submit(n).proposal.id
                try fixture.force(id, into: from)
                let entriesBefore = try fixture.auditCount()
                if write.from.contains(from) {
                    #expect(throws: Never.self, "\(write.name) from \(from)") { try write.call(fixture, id, reviewer) }
                    #expect(try fixture.store.proposal(id)?.state == write.target, "\(write.name) from \(from)")
                    let last = try fixture.store.auditEntries(proposal: id).last
                    #expect(last?.kind == "state" && last?.details.contains(#""to":"\#(write.target?.rawValue ?? "")""#) == true)
                } else {
                    #expect(throws: (any Error).self, "\(write.name) from \(from)") { try write.call(fixture, id, reviewer) }
                    #expect(try fixture.store.proposal(id)?.state == from, "a refused \(write.name) changed \(from)")
                    #expect(try fixture.auditCount() == entriesBefore, "a refused \(write.name) was audited")
                }
                // The writes' own starting states agree with the state machine's.
                if let target = write.target, write.from.contains(from) { #expect(from.canMove(to: target)) }
            }
        }
    }

    @Test func onlyADecisionReachesApprovedOrRejected() {
        let deciding = Self.writes.filter { $0.target == .approved || $0.target == .rejected }.map(\.name)
        #expect(deciding == ["decide approve", "decide reject"])
    }

    @Test func aStaleWriterCannotUndoADecision() throws {
        let fixture = try StoreFixture()
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let id = try fixture.submit(1).proposal.id
        let digest = try #require(try fixture.store.proposal(id)).digest
        try fixture.store.decide(id, verdict: .approve, by: reviewer, shownDigest: digest, digest: digest, selection: nil, gates: [], overrides: [], feedback: nil)
        // A re-check that read `ready` before the approval tries to mark it conflicted.
        #expect(throws: StoreError.stateConflict(id: id, current: .approved, wanted: .conflicted, decidedBy: reviewer.description)) {
            try fixture.store.markConflicted(id, reason: "no longer applies")
        }
        #expect(try fixture.store.proposal(id)?.state == .approved)
    }

    @Test func aDecisionOnBytesOtherThanThoseShownRecordsNothing() throws {
        let fixture = try StoreFixture()
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let id = try fixture.submit(1).proposal.id
        let shown = String(repeating: "ab", count: 32)
        let stored = try #require(try fixture.store.proposal(id)).digest
        #expect(throws: DecisionError.staleDigest(id: id, shown: shown, stored: stored)) {
            try fixture.store.decide(id, verdict: .approve, by: reviewer, shownDigest: shown, digest: shown, selection: nil, gates: [], overrides: [], feedback: nil)
        }
        #expect(try fixture.store.proposal(id)?.state == .ready)
        #expect(try fixture.store.decisions(for: id).isEmpty)
    }

    @Test func unknownProposal() throws {
        let fixture = try StoreFixture()
        #expect(throws: StoreError.noSuchProposal(42)) { try fixture.store.withdraw(42, agent: "coder-1") }
        #expect(throws: StoreError.noSuchProposal(42)) { try fixture.store.markConflicted(42, reason: "test") }
    }
}
