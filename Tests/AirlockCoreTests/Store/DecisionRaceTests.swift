import Dispatch
import Foundation
import Synchronization
import Testing
@_spi(Benchmark) @testable import AirlockCore

/// Two reviewers press approve on the same proposal at the same moment, each through its
/// own connection pool as two cockpits would: one decision is recorded, the other hears who
/// was first.
@Suite("Concurrent decisions")
struct DecisionRaceTests {
    enum Outcome: Equatable, Sendable {
        case decided
        case conflict(String)
        case other(String)
    }

    @Test(arguments: [Decision.Verdict.approve, .reject])
    func twoDecisionsOnOneProposal(second: Decision.Verdict) throws {
        let fixture = try StoreFixture()
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        let stores = [fixture.store, try fixture.secondStore()]
        for round in 0..<20 {
            let proposal = try fixture.submit(round).proposal
            let outcomes = Mutex<[Outcome]>([])
            let start = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            for (index, store) in stores.enumerated() {
                let verdict: Decision.Verdict = index == 0 ? .approve : second
                DispatchQueue.global().async(group: group) {
                    start.wait()
                    let outcome: Outcome
                    do {
                        try store.decide(
                            proposal.id, verdict: verdict, by: reviewer, shownDigest: proposal.digest, digest: proposal.digest, selection: nil, gates: [],
                            overrides: [], feedback: verdict == .reject ? "no" : nil)
                        outcome = .decided
                    } catch let error as StoreError {
                        if case .stateConflict = error { outcome = .conflict(error.description) } else { outcome = .other(error.description) }
                    } catch {
                        outcome = .other("\(error)")
                    }
                    outcomes.withLock { $0.append(outcome) }
                }
            }
            start.signal()
            start.signal()
            group.wait()
            let seen = outcomes.withLock { $0 }
            #expect(seen.filter { $0 == .decided }.count == 1, "round \(round): \(seen)")
            let conflicts = seen.compactMap { if case .conflict(let text) = $0 { text } else { nil } }
            #expect(conflicts.count == 1, "round \(round): \(seen)")
            let state = try #require(try fixture.store.proposal(proposal.id)).state
            #expect(conflicts.first == "proposal #\(proposal.id) was already \(state.rawValue) by \(reviewer.description)")
            #expect(try fixture.store.decisions(for: proposal.id).count == 1)
            let audited = try fixture.store.auditEntries(proposal: proposal.id)
            #expect(audited.filter { $0.kind == "decision" }.count == 1)
        }
        #expect(try fixture.store.verifyAudit() == .intact(count: try fixture.auditCount(), head: try fixture.store.auditEntries().last?.hash ?? ""))
    }
}
