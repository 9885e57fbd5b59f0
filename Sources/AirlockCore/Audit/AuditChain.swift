import Crypto
import Foundation
import GRDB

/// Appending to and checking the hash-chained audit log inside the store.
enum AuditChain {
    /// Appends one entry after the current last one. Runs inside the caller's write
    /// transaction, which SQLite serialises, so two processes never chain onto the same
    /// predecessor.
    @discardableResult
    static func append(
        _ db: Database, kind: String, proposal: Int64?, actor: String, details: some Encodable, at: Int64
    ) throws -> AuditEntry {
        let text = try JSON.text(details)
        // Cached statements: a submission appends five entries, and preparing these two
        // statements each time cost more than running them.
        let last = try Row.fetchOne(try db.cachedStatement(sql: "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1"))
        let seq: Int64 = (last?[0] ?? 0) + 1
        let previous: String = last?[1] ?? AuditEntry.genesisHash
        let hash = AuditEntry.computeHash(seq: seq, at: at, kind: kind, proposalID: proposal, actor: actor, details: text, previousHash: previous)
        try db.cachedStatement(
            sql: "INSERT INTO audit_entry (seq, at, kind, proposal_id, actor, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [seq, at, kind, proposal, actor, text, previous, hash])
        return AuditEntry(seq: seq, at: at, kind: kind, proposalID: proposal, actor: actor, details: text, previousHash: previous, hash: hash)
    }

    static func entry(from row: Row) -> AuditEntry {
        AuditEntry(
            seq: row[0], at: row[1], kind: row[2], proposalID: row[3], actor: row[4], details: row[5],
            previousHash: row[6], hash: row[7])
    }

    /// Walks the chain in order. The first entry whose sequence number skips, whose link
    /// names another predecessor, or whose content no longer hashes to its stored hash
    /// is where the log was tampered with.
    static func verify(_ db: Database) throws -> AuditVerdict {
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, at, kind, proposal_id, actor, details, previous_hash, hash FROM audit_entry ORDER BY seq")
        var expectedSeq: Int64 = 1
        var previous = AuditEntry.genesisHash
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1024)
        var count = 0
        var consistency = AuditConsistency()
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            let storedPrevious: String = row[6]
            let storedHash: String = row[7]
            if seq != expectedSeq {
                return .broken(seq: seq, reason: seq > expectedSeq
                    ? "entries \(expectedSeq)…\(seq - 1) are missing: removed from the log"
                    : "entry \(seq) is out of order")
            }
            if storedPrevious != previous {
                return .broken(seq: seq, reason: "entry \(seq) does not link to entry \(seq - 1): an entry before it was removed, inserted or rewritten")
            }
            AuditEntry.hashedBytes(
                seq: seq, at: row[1], kind: row[2], proposalID: row[3], actor: row[4], details: row[5],
                previousHash: storedPrevious, into: &buffer)
            let digest = SHA256.hash(data: buffer)
            guard digest.matchesHex(storedHash) else {
                return .broken(seq: seq, reason: "entry \(seq) was altered: its content no longer matches its hash")
            }
            if let reason = consistency.check(seq: seq, kind: row[2], proposal: row[3], actor: row[4], details: row[5]) {
                return .broken(seq: seq, reason: reason)
            }
            previous = storedHash
            expectedSeq += 1
            count += 1
        }
        var states: [Int64: ProposalState] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, state FROM proposal") {
            let id: Int64 = row[0], name: String = row[1]
            guard let state = ProposalState(rawValue: name) else {
                return .broken(seq: expectedSeq - 1, reason: "proposal #\(id) has the unknown state \(VisibleText.escape(name))")
            }
            states[id] = state
        }
        var decisions: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT proposal_id, COUNT(*) FROM decision GROUP BY proposal_id") {
            decisions[row[0]] = row[1]
        }
        if let reason = consistency.finish(states: states, decisions: decisions) {
            return .broken(seq: expectedSeq - 1, reason: reason)
        }
        return .intact(count: count, head: previous)
    }
}

extension Digest {
    /// Compares with lowercase hex without building a string.
    func matchesHex(_ hex: String) -> Bool {
        var utf8 = hex.utf8.makeIterator()
        let digits = Array("0123456789abcdef".utf8)
        for byte in self {
            guard utf8.next() == digits[Int(byte >> 4)], utf8.next() == digits[Int(byte & 0x0F)] else { return false }
        }
        return utf8.next() == nil
    }
}
