import Foundation
import Testing
@_spi(Benchmark) @testable import AirlockCore

/// What one submission leaves in the store: the proposal it answers with is the one
/// stored, every step is on the audit chain in order, and writers in several processes
/// at once chain onto each other without a gap.
@Suite("Submission record")
struct SubmissionRecordTests {
    @Test func theAnsweredProposalIsTheStoredOne() throws {
        let fixture = try StoreFixture()
        let ready = try fixture.submit(1).proposal
        #expect(ready.state == .ready)
        #expect(try fixture.store.proposal(ready.id) == ready)

        let failing = CheckOutcome(name: "applies", passed: false, summary: "does not apply: f2.txt exists", startedAt: 0)
        let failed = try fixture.store.submit(StoreFixture.newProposal(2), check: failing).proposal
        #expect(failed.state == .failed && failed.stateReason == "does not apply: f2.txt exists")
        #expect(try fixture.store.proposal(failed.id) == failed)

        let queued = [QueuedCheck(name: "unit", kind: .test, spec: "{}")]
        let checking = try fixture.store.submit(StoreFixture.newProposal(3), check: StoreFixture.passed, queue: queued).proposal
        #expect(checking.state == .checking)
        #expect(try fixture.store.proposal(checking.id) == checking)
    }

    @Test func everyStepIsOnTheChainInOrder() throws {
        let fixture = try StoreFixture()
        let finding = LintFinding(rule: "generic-secret", severity: .high, path: "f1.txt", line: 1, message: "a secret", excerpt: "line 1")
        let proposal = try fixture.store.submit(StoreFixture.newProposal(1), check: StoreFixture.passed, lint: [finding]).proposal
        let entries = try fixture.store.auditEntries(proposal: proposal.id)
        #expect(entries.map(\.kind) == ["submitted", "state", "check", "check", "state"])
        #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(entries[1].details.contains(#""to":"checking""#) && entries[4].details.contains(#""to":"ready""#))
        #expect(entries[3].details.contains(#""name":"security lint""#) && entries[3].details.contains(#""status":"failed""#))
        #expect(try fixture.store.verifyAudit() == .intact(count: 5, head: entries[4].hash))

        let lint = try #require(try fixture.store.checkResults(for: proposal.id).first { $0.run.kind == .lint })
        #expect(lint.run.status == .failed && lint.run.finishedAt != nil)
        #expect(lint.findings == [finding])
    }

    @Test func concurrentWritersLeaveOneUnbrokenChain() throws {
        let fixture = try StoreFixture()
        let writers = 4, each = 25
        let stores = try (0..<writers).map { _ in try fixture.secondStore() }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for n in 0..<each {
                do {
                    let result = try stores[writer].submit(StoreFixture.newProposal(writer * 1000 + n, agent: "agent-\(writer)"), check: StoreFixture.passed)
                    if !result.isNew || result.proposal.state != .ready { failures.add("writer \(writer) #\(n): \(result.proposal.state)") }
                } catch {
                    failures.add("writer \(writer) #\(n): \(error)")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
        let proposals = try fixture.store.proposals()
        #expect(proposals.count == writers * each)
        #expect(proposals.allSatisfy { $0.state == .ready })
        guard case .intact(let count, _) = try fixture.store.verifyAudit() else {
            Issue.record("the chain broke: \(try fixture.store.verifyAudit())")
            return
        }
        #expect(count == writers * each * 4)
    }
}

/// Errors collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.withLock { messages.append(message) }
    }

    var all: [String] { lock.withLock { messages } }
}
