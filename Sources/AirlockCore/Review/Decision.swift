import GRDB

/// A reviewer's verdict on one proposal.
public struct Decision: Equatable, Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "decision"

    public enum Verdict: String, Codable, Sendable {
        case approve
        case reject
    }

    public var id: Int64?
    public var proposalID: Int64
    public var verdict: Verdict
    public var reviewer: ReviewerIdentity
    /// For an approval: the digest of exactly what may be applied (the whole patch or
    /// the selected hunks). For a rejection: the digest of the patch that was shown.
    public var digest: String
    /// The gates as they stood when the reviewer decided.
    public var gates: [GateResult]
    /// A typed reason for each failing gate the reviewer overrode.
    public var overrides: [GateOverride]
    /// What the agent is told on a rejection.
    public var feedback: String?
    public var decidedAt: Int64
    /// For an approval: each file the approved patch reads, with the hash it had when the
    /// reviewer decided. Applying refuses when any of them changed since.
    public var pinned: [FileImage]?
    /// The reviewer's note to the agent, with an approval.
    public var note: String? = nil
    /// The reviewer's remarks on single lines, sent to the agent with the decision.
    public var comments: [LineComment] = []

    enum CodingKeys: String, CodingKey {
        case id
        case proposalID = "proposal_id"
        case verdict, reviewer, digest, gates, overrides, feedback
        case decidedAt = "decided_at"
        case pinned, note, comments
    }

    public enum Columns {
        public static let proposalID = Column(CodingKeys.proposalID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Decision {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int64.self, forKey: .id)
        proposalID = try container.decode(Int64.self, forKey: .proposalID)
        verdict = try container.decode(Verdict.self, forKey: .verdict)
        reviewer = try container.decode(ReviewerIdentity.self, forKey: .reviewer)
        digest = try container.decode(String.self, forKey: .digest)
        gates = try container.decode([GateResult].self, forKey: .gates)
        overrides = try container.decode([GateOverride].self, forKey: .overrides)
        feedback = try container.decodeIfPresent(String.self, forKey: .feedback)
        decidedAt = try container.decode(Int64.self, forKey: .decidedAt)
        pinned = try container.decodeIfPresent([FileImage].self, forKey: .pinned)
        // Decisions recorded (or printed as JSON) before notes and comments existed.
        note = try container.decodeIfPresent(String.self, forKey: .note)
        comments = try container.decodeIfPresent([LineComment].self, forKey: .comments) ?? []
    }
}

/// A failing gate a reviewer let through, and the reason they typed.
public struct GateOverride: Equatable, Sendable, Codable {
    public var gate: String
    public var reason: String

    public init(gate: String, reason: String) {
        self.gate = gate
        self.reason = reason
    }
}

/// The hunks an approval covers, when it does not cover the whole patch.
struct HunkSelectionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "hunk_selection"
    var decisionID: Int64
    var selection: HunkSelection

    enum CodingKeys: String, CodingKey {
        case decisionID = "decision_id"
        case selection
    }
}
