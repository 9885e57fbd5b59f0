import AirlockCore
import Foundation
import GRDB
import Testing

/// `airlock audit --verify --expect HASH`: a head hash kept elsewhere catches a log that
/// was rewritten consistently — every hash recomputed — from some entry on.
@Suite("airlock audit --verify --expect")
struct AuditVerifyTests {
    private func head(_ root: URL) throws -> String {
        let verified = try CLIHarness.run(["audit", "--verify"], in: root)
        #expect(verified.status == 0, "\(verified.stderr)")
        return String(try #require(verified.stdout.split(separator: " ").last).dropLast())
    }

    @Test func aKeptHeadSurvivesAppendsAndCatchesARewrite() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        #expect(try CLIHarness.run(["propose", "--agent", "coder-1", "-"], in: root, input: ManagedWorkspaceFixture.creation("a.txt")).status == 0)
        let kept = try head(root)
        #expect(kept.count == 64)

        // More work after the hash was kept: it is still in the chain.
        #expect(try CLIHarness.run(["propose", "--agent", "coder-1", "-"], in: root, input: ManagedWorkspaceFixture.creation("b.txt")).status == 0)
        let later = try CLIHarness.run(["audit", "--verify", "--expect", kept], in: root)
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("the kept hash is entry 5"))

        // A forger changes the time of entry 2 and recomputes every hash after it.
        let store = root.appendingPathComponent(".airlock/store.sqlite").path
        try DatabaseQueue(path: store).write { db in
            var previous = try #require(try String.fetchOne(db, sql: "SELECT hash FROM audit_entry WHERE seq = 1"))
            for row in try Row.fetchAll(db, sql: "SELECT seq, at, kind, proposal_id, actor, details FROM audit_entry WHERE seq >= 2 ORDER BY seq") {
                let seq: Int64 = row["seq"]
                let at: Int64 = seq == 2 ? row["at"] - 60_000 : row["at"]
                let hash = AuditEntry.computeHash(seq: seq, at: at, kind: row["kind"], proposalID: row["proposal_id"], actor: row["actor"], details: row["details"], previousHash: previous)
                try db.execute(sql: "UPDATE audit_entry SET at = ?, previous_hash = ?, hash = ? WHERE seq = ?", arguments: [at, previous, hash, seq])
                previous = hash
            }
        }
        #expect(try CLIHarness.run(["audit", "--verify"], in: root).status == 0, "the links alone cannot tell")
        let caught = try CLIHarness.run(["audit", "--verify", "--expect", kept], in: root)
        #expect(caught.status == 1)
        #expect(caught.stderr.contains("audit chain rewritten: no entry has the hash you kept"))
        let misuse = try CLIHarness.run(["audit", "--expect", kept], in: root)
        #expect(misuse.status != 0 && misuse.stderr.contains("--expect goes with --verify"))
    }
}
