import Foundation
import GRDB
import Testing
@_spi(Benchmark) @testable import AirlockCore

/// A store in a temporary directory, proposals to put in it, and a raw connection to the
/// same file for tests that play the attacker who edits the database behind Airlock.
struct StoreFixture {
    let sandbox: Sandbox
    let store: AirlockStore
    var path: String { store.path }

    init() throws {
        sandbox = try Sandbox()
        store = try AirlockStore(path: sandbox.base + "/store.sqlite")
    }

    /// A second, independent connection pool on the same file, as another process has.
    func secondStore() throws -> AirlockStore {
        try AirlockStore(path: path)
    }

    /// A plain connection that bypasses the store's rules.
    func raw() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Submits proposal `n` of `agent` (a patch creating `f<n>.txt`) as a passed check.
    @discardableResult
    func submit(_ n: Int, agent: String = "coder-1") throws -> (proposal: Proposal, isNew: Bool) {
        try store.submit(Self.newProposal(n, agent: agent), check: Self.passed)
    }

    static let passed = CheckOutcome(name: "applies", passed: true, summary: "applies cleanly", startedAt: 0)

    static func newProposal(_ n: Int, agent: String = "coder-1") -> NewProposal {
        let patch = Array("diff --git a/f\(n).txt b/f\(n).txt\nnew file mode 100644\n--- /dev/null\n+++ b/f\(n).txt\n@@ -0,0 +1 @@\n+line \(n)\n".utf8)
        return NewProposal(
            agent: agent, title: "create f\(n).txt", rationale: "", format: "git", patch: patch,
            digest: PatchDigest(canonicalText: patch).hex, baseCommit: nil, preImage: [FileImage(path: "f\(n).txt", sha256: nil)],
            fileCount: 1, addedLines: 1, removedLines: 0)
    }

    /// Forces a proposal into `state` without the state machine, to start a move from there.
    func force(_ id: Int64, into state: ProposalState) throws {
        try raw().write { db in
            try db.execute(sql: "UPDATE proposal SET state = ? WHERE id = ?", arguments: [state.rawValue, id])
        }
    }

    func auditCount() throws -> Int {
        try raw().read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry") ?? 0 }
    }
}
