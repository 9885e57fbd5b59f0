import Foundation
import Testing
@testable import AirlockCore

private struct Crash: Error {}

/// An observer — `airlock audit --follow` over SSH, a look-only reviewer, another OS
/// user — opens the workspace without crash recovery, without the apply lock and
/// without writing a byte, even while an apply lies interrupted; the next writer
/// recovers it.
@Suite("Observers change nothing")
struct ObserverTests {
    /// Every file under `root` with its bytes, except SQLite's shared-memory index
    /// (`-shm`), which every reader of a WAL store marks its place in.
    private func snapshot(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = URL(fileURLWithPath: root)
        let enumerator = try #require(FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where !url.path.hasSuffix("-shm") {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(base.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func anObserverOpenLeavesEveryByteWhileAnApplyIsInterrupted() async throws {
        var files: [String: String] = [:]
        for i in 0..<4 { files["src/f\(i).txt"] = text(numbered(12)) }
        let w = try ReviewWorkspace(files: files)
        var patch = ""
        for i in 0..<4 { patch += modification("src/f\(i).txt", lines: numbered(12), line: 6, with: "six \(i)") }
        let proposal = try w.propose(patch)
        try w.workspace.approveAsShown(proposal.id, by: try TestTerminal().reviewer())
        #expect(throws: Crash.self) {
            try w.workspace.applyApproved(proposal.id, onStep: { if $0 == 6 { throw Crash() } })
        }
        #expect(try w.workspace.store.pendingApplications().count == 1, "the apply is interrupted")
        let before = try snapshot(w.root)
        #expect(before.keys.contains { $0.hasPrefix("/.airlock/journal/") }, "a journal waits for recovery")

        let (observed, notice) = try ManagedWorkspace.open(root: w.root, access: .observer)
        #expect(notice == nil, "an observer recovers nothing")
        let service = LocalReviewService(workspace: observed)
        #expect(try await service.proposals(.all).map(\.state) == [.approved])
        #expect(try await service.proposal(proposal.id).decisions.count == 1)
        guard case .intact = try await service.verifyAudit() else {
            Issue.record("the chain should verify")
            return
        }
        let head = try observed.store.auditHead()
        var seen = 0
        for try await event in service.events(after: 0) {
            seen += 1
            if event.seq == head { break }
        }
        #expect(seen == Int(head))
        #expect(try await service.waitForOutcome(proposal.id, timeout: 0).timedOut)
        let reviewer = try TestTerminal().reviewer()
        await #expect(throws: ServiceError.readOnly("apply")) { try await service.apply(proposal.id) }
        await #expect(throws: ServiceError.readOnly("propose")) {
            try await service.propose(Submission(agent: "coder-1", patch: Array(modification("src/f0.txt", lines: numbered(12), line: 2, with: "x").utf8)))
        }
        await #expect(throws: ServiceError.readOnly("approve")) {
            try await service.approve(Approval(id: proposal.id, shownDigest: proposal.digest), by: reviewer)
        }
        #expect(try snapshot(w.root) == before, "the observer wrote nothing")

        // The next writer finishes what the crash left.
        let (_, recovered) = try w.reopen()
        #expect(recovered != nil)
        #expect(try snapshot(w.root) != before)
    }

    @Test func anObserverRefusesAStoreThatIsMissingOrOlderThanItsSchema() throws {
        let sandbox = try Sandbox()
        #expect(throws: StoreError.self) { try AirlockStore(path: sandbox.base + "/none.sqlite", access: .observer) }
        #expect(!FileManager.default.fileExists(atPath: sandbox.base + "/none.sqlite"), "looking created nothing")
    }
}
