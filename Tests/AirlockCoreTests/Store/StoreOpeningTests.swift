import Foundation
import GRDB
import Testing
@_spi(Benchmark) @testable import AirlockCore

/// How a store file is opened: in write-ahead-log mode whatever it was in, with its schema
/// current, and with commits synced where the invariant needs it.
@Suite("Opening the store")
struct StoreOpeningTests {
    @Test func aNewStoreIsInWALModeWithItsSchema() throws {
        let fixture = try StoreFixture()
        #expect(try fixture.raw().read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try fixture.raw().read { db in try Schema.migrator.hasCompletedMigrations(db) })
    }

    @Test func aStoreCopiedOutOfWALModeIsPutBack() throws {
        let sandbox = try Sandbox()
        let path = sandbox.base + "/store.sqlite"
        do {
            let store = try AirlockStore(path: path)
            _ = try store.submit(StoreFixture.newProposal(1), check: StoreFixture.passed)
        }
        // As `sqlite3 .backup` or a restore tool may leave it: a rollback journal.
        let mode = try DatabaseQueue(path: path).writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
        #expect(mode == "delete")
        let reopened = try AirlockStore(path: path)
        #expect(try reopened.proposals().map(\.id) == [1])
        #expect(try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func anApplicationRecordIsSyncedAndLaterWritesAreNot() throws {
        let fixture = try StoreFixture()
        let proposal = try fixture.submit(1).proposal
        try fixture.force(proposal.id, into: .approved)
        try fixture.store.beginApplication(Application(proposalID: proposal.id, digest: proposal.digest, preImage: [], postImage: [], startedAt: 0))
        // 1 is NORMAL: the connection is back to its usual setting once the record is down.
        #expect(try fixture.store.database.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 1)
        #expect(try fixture.store.pendingApplications().map(\.proposalID) == [proposal.id])
    }

    @Test func aFileThatIsNotAStoreIsRefusedByPath() throws {
        let sandbox = try Sandbox()
        let path = sandbox.base + "/store.sqlite"
        try Data("not a database, just text\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try AirlockStore(path: path) }
        guard case .unusable(let named, let reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(named == path)
        #expect(reason.contains("not a database"), "\(reason)")
    }

    @Test func theKeptLogDoesNotKeepALargeProposalsSize() throws {
        let sandbox = try Sandbox()
        let path = sandbox.base + "/store.sqlite"
        do {
            let store = try AirlockStore(path: path)
            var large = StoreFixture.newProposal(1)
            large.patch += Array(repeating: UInt8(ascii: "x"), count: 12 << 20)
            _ = try store.submit(large, check: StoreFixture.passed)
            #expect(try size(path + "-wal") > 12 << 20, "the proposal went through the log")
        }
        // Closed: the log is kept for the next command, but emptied.
        #expect(try size(path + "-wal") == 0)
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(try AirlockStore(path: path).proposals().map(\.id) == [1])
    }

    private func size(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
    }
}

/// A state move does not rewrite a proposal's patch: SQLite rewrites a whole row on any
/// update, so the patch lives in a table of its own.
@Suite("Large proposals")
struct LargeProposalTests {
    @Test func stateMovesDoNotRewriteTheirPatch() throws {
        let fixture = try StoreFixture()
        var text = "diff --git a/big.txt b/big.txt\nnew file mode 100644\n--- /dev/null\n+++ b/big.txt\n@@ -0,0 +1,200000 @@\n"
        for n in 0..<200_000 { text += "+line \(n) of a large generated file, long enough to matter\n" }
        let patch = Array(text.utf8)
        var new = StoreFixture.newProposal(1)
        new.patch = patch
        new.digest = PatchDigest(canonicalText: patch).hex
        let id = try fixture.store.submit(new, check: StoreFixture.passed).proposal.id
        let wal = fixture.path + "-wal"
        // Start the log afresh, so its size afterwards is what the moves wrote.
        try fixture.raw().writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try fixture.store.markConflicted(id, reason: "moved")
        let written = try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0
        #expect(patch.count > 10_000_000)
        #expect(written < 1_000_000, "a state move wrote \(written) bytes to the log")
        #expect(try fixture.store.proposal(id)?.patch == Data(patch))
    }
}
