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
            // Only the time changes, so the entry still reads as a consistent record.
            let row = try #require(try Row.fetchOne(db, sql: "SELECT at, kind, proposal_id, actor, details, previous_hash FROM audit_entry WHERE seq = 50"))
            let at: Int64 = row["at"] + 1
            let forged = AuditEntry.computeHash(seq: 50, at: at, kind: row["kind"], proposalID: row["proposal_id"], actor: row["actor"], details: row["details"], previousHash: row["previous_hash"])
            try db.execute(sql: "UPDATE audit_entry SET at = ?, hash = ? WHERE seq = 50", arguments: [at, forged])
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

/// A log whose every hash is right, rewritten by someone who recomputed them: the links
/// hold, but the records must still tell a story the state machine allows, and every
/// approval, rejection and application must have its entry.
@Suite("Audit chain consistency")
struct AuditConsistencyTests {
    /// Rewrites entry `seq`'s actor and details and re-chains every entry after it, as
    /// a forger with the store and this code would.
    static func rewrite(_ fixture: StoreFixture, seq: Int64, actor: String? = nil, details: (String) -> String) throws {
        try fixture.raw().write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT seq, at, kind, proposal_id, actor, details FROM audit_entry WHERE seq >= ? ORDER BY seq", arguments: [seq])
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM audit_entry WHERE seq = ?", arguments: [seq - 1]) ?? AuditEntry.genesisHash
            for row in rows {
                let n: Int64 = row["seq"]
                let newActor: String = n == seq ? (actor ?? row["actor"]) : row["actor"]
                let newDetails: String = n == seq ? details(row["details"]) : row["details"]
                let hash = AuditEntry.computeHash(seq: n, at: row["at"], kind: row["kind"], proposalID: row["proposal_id"], actor: newActor, details: newDetails, previousHash: previous)
                try db.execute(sql: "UPDATE audit_entry SET actor = ?, details = ?, previous_hash = ?, hash = ? WHERE seq = ?", arguments: [newActor, newDetails, previous, hash, n])
                previous = hash
            }
        }
    }

    @Test func anOrdinaryLogIsConsistent() throws {
        let fixture = try AuditTamperTests.busyStore()
        guard case .intact = try fixture.store.verifyAudit() else {
            Issue.record("an ordinary log should verify")
            return
        }
    }

    @Test func anApprovalWithoutItsDecisionEntryIsNamed() throws {
        let fixture = try AuditTamperTests.busyStore()
        // Proposal 1 was approved; its decision entry now claims a rejection.
        let seq = try #require(try fixture.store.auditEntries(proposal: 1).first { $0.kind == "decision" }?.seq)
        try Self.rewrite(fixture, seq: seq) { $0.replacingOccurrences(of: #""verdict":"approve""#, with: #""verdict":"reject""#) }
        guard case .broken(let at, let reason) = try fixture.store.verifyAudit() else {
            Issue.record("a forged verdict should break the log")
            return
        }
        #expect(at == seq + 1)
        #expect(reason.contains("makes proposal #1 approved with no approve decision"), "\(reason)")
    }

    @Test func aStateTheMachineDoesNotAllowIsNamed() throws {
        let fixture = try AuditTamperTests.busyStore()
        let entry = try #require(try fixture.store.auditEntries(proposal: 2).last { $0.kind == "state" })
        try Self.rewrite(fixture, seq: entry.seq) { $0.replacingOccurrences(of: #""to":"withdrawn""#, with: #""to":"applied""#) }
        guard case .broken(let at, let reason) = try fixture.store.verifyAudit() else {
            Issue.record("an impossible move should break the log")
            return
        }
        #expect(at == entry.seq)
        #expect(reason.contains("#2 from ready to applied, which the state machine does not allow"), "\(reason)")
    }

    @Test func aStoreThatDisagreesWithTheLogIsNamed() throws {
        let fixture = try AuditTamperTests.busyStore()
        try fixture.force(3, into: .approved)
        guard case .broken(_, let reason) = try fixture.store.verifyAudit() else {
            Issue.record("a state set behind the log should break it")
            return
        }
        #expect(reason == "proposal #3 is approved in the store, but the log leaves it rejected")
    }

    @Test func aDecisionRowWithoutAnEntryIsNamed() throws {
        let fixture = try AuditTamperTests.busyStore()
        try fixture.raw().write { db in
            try db.execute(sql: "INSERT INTO decision (proposal_id, verdict, reviewer, digest, gates, overrides, decided_at) SELECT proposal_id, verdict, reviewer, digest, gates, overrides, decided_at FROM decision WHERE proposal_id = 1")
        }
        guard case .broken(_, let reason) = try fixture.store.verifyAudit() else {
            Issue.record("a decision row added behind the log should break it")
            return
        }
        #expect(reason == "proposal #1 has 2 decision rows, but the log records 1")
    }
}
