import GRDB

extension AirlockStore {
    // MARK: - reverts

    /// Notes, before the first byte is written, that a person reverts an applied proposal:
    /// who, the digest of the reverse patch, and what the workspace will hold. Refused
    /// unless the proposal is `applied`.
    func beginRevert(_ application: Application, by reviewer: Reviewer) throws {
        try database.writeWithoutTransaction { db in
            // Synced at commit, as an apply is: the workspace changes right after.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            try db.inTransaction(.immediate) {
                let id = application.proposalID
                guard let row = try Row.fetchOne(db, sql: "SELECT state FROM proposal WHERE id = ?", arguments: [id]) else {
                    throw StoreError.noSuchProposal(id)
                }
                let state = ProposalState(rawValue: row[0] as String)
                guard state == .applied else { throw RevertError.notApplied(id, state) }
                var record = application
                record.revertedBy = reviewer.identity.description
                try record.save(db)
                try AuditChain.append(
                    db, kind: "revert-started", proposal: id, actor: reviewer.identity.description,
                    details: ApplyStartedDetails(digest: application.digest, files: application.postImage), at: clock())
                return .commit
            }
        }
    }

    /// The revert finished (or recovery completed it): `applied → reverted`, moved by the
    /// person who reverted.
    @discardableResult
    func finishRevert(_ application: Application, files: [FileImage], recovered: Bool) throws -> Proposal {
        let id = application.proposalID
        let reviewer = application.revertedBy ?? "airlock"
        return try database.write { db in
            try db.execute(sql: "DELETE FROM application WHERE proposal_id = ?", arguments: [id])
            try AuditChain.append(db, kind: "reverted", proposal: id, actor: "airlock", details: AppliedDetails(files: files, recovered: recovered), at: clock())
            return try moveToReverted(db, id, reason: "reverted by \(reviewer)" + (recovered ? " (completed by crash recovery)" : ""), actor: reviewer)
        }
    }

    /// The revert did not happen (refused, or a crash was rolled back): the proposal stays applied.
    func abandonRevert(_ id: Int64, reason: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM application WHERE proposal_id = ?", arguments: [id])
            try AuditChain.append(db, kind: "apply-abandoned", proposal: id, actor: "airlock", details: ["reason": reason], at: clock())
        }
    }

    /// Who reverted the proposal, from the log: the actor of its last `revert-started` entry.
    public func reverter(of id: Int64) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT actor FROM audit_entry WHERE proposal_id = ? AND kind = 'revert-started' ORDER BY seq DESC LIMIT 1", arguments: [id])
        }
    }
}
