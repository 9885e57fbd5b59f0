import Foundation
import GRDB

extension AirlockStore {
    /// Whether `decision` — an approval — is the proposal's latest decision on an intact
    /// audit chain, with the same reviewer, time, digest and pinned files. A decision row
    /// and a state written into the tables behind Airlock's back have no entry on the
    /// chain, so they apply nothing.
    func isAudited(_ decision: Decision) throws -> Bool {
        try database.read { db in
            guard case .intact = try AuditChain.verify(db) else { return false }
            guard let row = try Row.fetchOne(
                db, sql: "SELECT actor, at, details FROM audit_entry WHERE proposal_id = ? AND kind = 'decision' ORDER BY seq DESC LIMIT 1",
                arguments: [decision.proposalID])
            else { return false }
            let text: String = row[2]
            guard let details = try? JSONDecoder().decode(DecisionDetails.self, from: Data(text.utf8)) else { return false }
            return details.verdict == Decision.Verdict.approve.rawValue && details.digest == decision.digest
                && (row[0] as String) == decision.reviewer.description && (row[1] as Int64) == decision.decidedAt
                && details.pinned == decision.pinned
        }
    }
}
