import GRDB
import Testing
@_spi(Benchmark) @testable import AirlockCore

/// The audit chain stays whole through ordinary writes, and `verifyAudit` names the entry
/// where someone with raw access to the database changed, removed or added a row.
@Suite("Audit chain tampering")
struct AuditTamperTests {
    /// A store with a few hundred entries of every ordinary kind.
    static func busyStore() throws -> StoreFixture {
        let fixture = try StoreFixture()
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        for n in 0..<60 {
            let proposal = try fixture.submit(n, agent: "coder-\(n % 3)").proposal
            switch n % 3 {
            case 0: try fixture.store.decide(proposal.id, verdict: .approve, by: reviewer, shownDigest: proposal.digest, digest: proposal.digest, selection: nil, gates: [], overrides: [], feedback: nil)
            case 1: try fixture.store.withdraw(proposal.id, agent: proposal.agent)
            default: try fixture.store.decide(proposal.id, verdict: .reject, by: reviewer, shownDigest: proposal.digest, digest: proposal.digest, selection: nil, gates: [], overrides: [], feedback: "line \"2\"\nneeds\ta test")
            }
        }
        return fixture
    }

    @Test func intactAfterManyWrites() throws {
        let fixture = try Self.busyStore()
        let entries = try fixture.store.auditEntries()
        #expect(entries.count == 60 * 4 + 20 * 2 + 20 * 1 + 20 * 2)
        #expect(entries.map(\.seq) == Array(1...Int64(entries.count)))
        #expect(try fixture.store.verifyAudit() == .intact(count: entries.count, head: entries.last?.hash ?? ""))
    }

    @Test(arguments: [
        ("details", #"'{"from":"ready","to":"approved"}'"#),
        ("kind", "'check'"),
        ("actor", "'someone-else'"),
        ("at", "at + 1"),
        ("proposal_id", "proposal_id + 1"),
    ])
    func editingAFieldNamesTheEntry(column: String, value: String) throws {
        let fixture = try Self.busyStore()
        let victim: Int64 = 123
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE audit_entry SET \(column) = \(value) WHERE seq = ?", arguments: [victim])
            #expect(db.changesCount == 1)
        }
        #expect(try fixture.store.verifyAudit() == .broken(seq: victim, reason: "entry 123 was altered: its content no longer matches its hash"))
    }

    @Test func rehashingAnEditedEntryBreaksTheLinkAfterIt() throws {
        let fixture = try Self.busyStore()
        try fixture.raw().write { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT at, kind, proposal_id, previous_hash FROM audit_entry WHERE seq = 50"))
            let forged = AuditEntry.computeHash(seq: 50, at: row["at"], kind: row["kind"], proposalID: row["proposal_id"], actor: "mallory", details: "{}", previousHash: row["previous_hash"])
            try db.execute(sql: "UPDATE audit_entry SET actor = 'mallory', details = '{}', hash = ? WHERE seq = 50", arguments: [forged])
        }
        #expect(try fixture.store.verifyAudit() == .broken(seq: 51, reason: "entry 51 does not link to entry 50: an entry before it was removed, inserted or rewritten"))
    }

    @Test func deletingAMiddleEntryNamesTheGap() throws {
        let fixture = try Self.busyStore()
        try fixture.raw().write { db in try db.execute(sql: "DELETE FROM audit_entry WHERE seq IN (77, 78)") }
        #expect(try fixture.store.verifyAudit() == .broken(seq: 79, reason: "entries 77…78 are missing: removed from the log"))
    }

    @Test func deletingTheFirstEntryIsNoticed() throws {
        let fixture = try Self.busyStore()
        try fixture.raw().write { db in try db.execute(sql: "DELETE FROM audit_entry WHERE seq = 1") }
        #expect(try fixture.store.verifyAudit() == .broken(seq: 2, reason: "entries 1…1 are missing: removed from the log"))
    }

    @Test func aForgedEntryAtTheEndIsNamed() throws {
        let fixture = try Self.busyStore()
        let last = try #require(try fixture.store.auditEntries().last)
        let seq = last.seq + 1
        try fixture.raw().write { db in
            // Linked correctly, but its hash was not made from its content.
            try db.execute(
                sql: "INSERT INTO audit_entry (seq, at, kind, proposal_id, actor, details, previous_hash, hash) VALUES (?, ?, 'decision', 1, 'mallory', '{}', ?, ?)",
                arguments: [seq, last.at, last.hash, String(repeating: "ab", count: 32)])
        }
        #expect(try fixture.store.verifyAudit() == .broken(seq: seq, reason: "entry \(seq) was altered: its content no longer matches its hash"))
    }

    @Test func aForgedEntryWithTheWrongLinkIsNamed() throws {
        let fixture = try Self.busyStore()
        let last = try #require(try fixture.store.auditEntries().last)
        let seq = last.seq + 1
        try fixture.raw().write { db in
            let previous = AuditEntry.genesisHash
            let hash = AuditEntry.computeHash(seq: seq, at: last.at, kind: "decision", proposalID: 1, actor: "mallory", details: "{}", previousHash: previous)
            try db.execute(
                sql: "INSERT INTO audit_entry (seq, at, kind, proposal_id, actor, details, previous_hash, hash) VALUES (?, ?, 'decision', 1, 'mallory', '{}', ?, ?)",
                arguments: [seq, last.at, previous, hash])
        }
        #expect(try fixture.store.verifyAudit() == .broken(seq: seq, reason: "entry \(seq) does not link to entry \(seq - 1): an entry before it was removed, inserted or rewritten"))
    }

    @Test func theStoreKeepsChainingAfterAnotherPoolWrote() throws {
        let fixture = try StoreFixture()
        let other = try fixture.secondStore()
        for n in 0..<20 {
            _ = try (n % 2 == 0 ? fixture.store : other).submit(StoreFixture.newProposal(n), check: StoreFixture.passed)
        }
        #expect(try fixture.store.verifyAudit() == .intact(count: 80, head: try other.auditEntries().last?.hash ?? ""))
    }
}
