/// Which proposals a listing shows.
public struct ProposalFilter: Equatable, Sendable, Codable {
    public var states: Set<ProposalState>?
    public var agent: String?
    /// Only these proposals: what a follower re-reads after events about them.
    public var ids: Set<Int64>?
    public var limit: Int?

    public init(states: Set<ProposalState>? = nil, agent: String? = nil, ids: Set<Int64>? = nil, limit: Int? = nil) {
        self.states = states
        self.agent = agent
        self.ids = ids
        self.limit = limit
    }

    public static let all = ProposalFilter()
}

/// A proposal and everything a reviewer reads about it.
public struct ProposalDetail: Equatable, Sendable, Codable {
    public var proposal: Proposal
    /// The current result of each check (the latest run of each), with cases and findings.
    public var checks: [CheckResult]
    /// The policy gates as they stand for the whole patch now.
    public var gates: [GateResult]
    public var decisions: [Decision]
    public var history: [AuditEntry]

    public init(proposal: Proposal, checks: [CheckResult], gates: [GateResult], decisions: [Decision], history: [AuditEntry]) {
        self.proposal = proposal
        self.checks = checks
        self.gates = gates
        self.decisions = decisions
        self.history = history
    }
}

/// An agent's change as a channel hands it in: the text in any supported format.
public struct Submission: Equatable, Sendable, Codable {
    public var agent: String
    public var title: String?
    public var rationale: String
    /// Detected from the text when nil.
    public var format: PatchFormat?
    /// Leading path components to strip from git and unified diffs.
    public var strip: Int
    public var patch: [UInt8]
    /// An earlier waiting proposal of the same agent that this one replaces.
    public var supersedes: Int64?

    public init(agent: String, title: String? = nil, rationale: String = "", format: PatchFormat? = nil, strip: Int = 1, patch: [UInt8], supersedes: Int64? = nil) {
        self.agent = agent
        self.title = title
        self.rationale = rationale
        self.format = format
        self.strip = strip
        self.patch = patch
        self.supersedes = supersedes
    }
}

/// What a submission became: the proposal, and whether it is new or the same change
/// the agent had already proposed.
public struct SubmissionReceipt: Equatable, Sendable, Codable {
    public var proposal: Proposal
    public var isNew: Bool

    public init(proposal: Proposal, isNew: Bool) {
        self.proposal = proposal
        self.isNew = isNew
    }
}

/// Where a proposal ended up, as an agent waiting for it hears.
public struct ProposalOutcome: Equatable, Sendable, Codable {
    public var id: Int64
    public var state: ProposalState
    /// Why it is conflicted, failed, withdrawn, reverted, …
    public var reason: String?
    /// The reviewer's feedback, for a rejection.
    public var feedback: String?
    /// The wait ended at its bound, not at an outcome.
    public var timedOut: Bool
    /// The reviewer's note with the approval.
    public var note: String?
    /// The reviewer's remarks on single lines, with the decision.
    public var comments: [LineComment]
    /// Who reverted it (`user@host on tty`), for a reverted proposal.
    public var revertedBy: String?

    public init(
        id: Int64, state: ProposalState, reason: String?, feedback: String?, timedOut: Bool,
        note: String? = nil, comments: [LineComment] = [], revertedBy: String? = nil
    ) {
        self.id = id
        self.state = state
        self.reason = reason
        self.feedback = feedback
        self.timedOut = timedOut
        self.note = note
        self.comments = comments
        self.revertedBy = revertedBy
    }

    private enum CodingKeys: String, CodingKey { case id, state, reason, feedback, timedOut, note, comments, revertedBy }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        state = try container.decode(ProposalState.self, forKey: .state)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        feedback = try container.decodeIfPresent(String.self, forKey: .feedback)
        timedOut = try container.decode(Bool.self, forKey: .timedOut)
        // Outcomes from before notes, comments and reverts have none.
        note = try container.decodeIfPresent(String.self, forKey: .note)
        comments = try container.decodeIfPresent([LineComment].self, forKey: .comments) ?? []
        revertedBy = try container.decodeIfPresent(String.self, forKey: .revertedBy)
    }
}

/// The patch that would undo an applied proposal, as the reviewer is shown it before
/// reverting: canonical git diff text and its digest.
public struct RevertPreview: Equatable, Sendable, Codable {
    public var id: Int64
    /// The canonical text of the reverse patch.
    public var patch: [UInt8]
    /// SHA-256 of `patch`: what `revert` wants as `shownDigest`.
    public var digest: String

    public init(id: Int64, patch: Patch) {
        self.id = id
        self.patch = PatchRenderer.render(patch)
        digest = PatchDigest(of: patch).hex
    }

    /// The reverse patch, parsed back.
    public func canonicalPatch() throws -> Patch {
        try PatchReader.canonical(Bytes(patch))
    }
}

/// A reviewer's approval of what they were shown: the whole proposal (its digest) or a
/// selection of hunks or lines (the digest of the selected patch), with an optional note
/// and line comments for the agent.
public struct Approval: Equatable, Sendable, Codable {
    public var id: Int64
    /// The digest of exactly what the reviewer saw and approves.
    public var shownDigest: String
    public var selection: HunkSelection?
    public var overrides: [GateOverride]
    /// What the reviewer tells the agent with the approval.
    public var note: String?
    public var comments: [LineComment]

    public init(
        id: Int64, shownDigest: String, selection: HunkSelection? = nil, overrides: [GateOverride] = [],
        note: String? = nil, comments: [LineComment] = []
    ) {
        self.id = id
        self.shownDigest = shownDigest
        self.selection = selection
        self.overrides = overrides
        self.note = note
        self.comments = comments
    }

    private enum CodingKeys: String, CodingKey { case id, shownDigest, selection, overrides, note, comments }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        shownDigest = try container.decode(String.self, forKey: .shownDigest)
        selection = try container.decodeIfPresent(HunkSelection.self, forKey: .selection)
        overrides = try container.decodeIfPresent([GateOverride].self, forKey: .overrides) ?? []
        // Approvals written before notes and comments existed have neither.
        note = try container.decodeIfPresent(String.self, forKey: .note)
        comments = try container.decodeIfPresent([LineComment].self, forKey: .comments) ?? []
    }
}

/// A reviewer's rejection of the proposal they were shown, with feedback and line comments
/// for the agent.
public struct Rejection: Equatable, Sendable, Codable {
    public var id: Int64
    public var shownDigest: String
    public var feedback: String
    public var comments: [LineComment]

    public init(id: Int64, shownDigest: String, feedback: String, comments: [LineComment] = []) {
        self.id = id
        self.shownDigest = shownDigest
        self.feedback = feedback
        self.comments = comments
    }

    private enum CodingKeys: String, CodingKey { case id, shownDigest, feedback, comments }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        shownDigest = try container.decode(String.self, forKey: .shownDigest)
        feedback = try container.decode(String.self, forKey: .feedback)
        // Rejections written before line comments existed have none.
        comments = try container.decodeIfPresent([LineComment].self, forKey: .comments) ?? []
    }
}

/// Which audit entries to read.
public struct AuditFilter: Equatable, Sendable, Codable {
    public var proposal: Int64?
    /// Entries at or after this time, in milliseconds since 1970.
    public var since: Int64?
    /// Entries after this sequence number.
    public var afterSeq: Int64?
    /// At most this many: the first ones, or the last ones when `latest` is set.
    public var limit: Int?
    /// Only the entry with this hash (lowercase hex).
    public var hash: String?
    /// The newest `limit` entries (still in order), for a screen showing the recent past.
    public var latest: Bool

    public init(proposal: Int64? = nil, since: Int64? = nil, afterSeq: Int64? = nil, limit: Int? = nil, hash: String? = nil, latest: Bool = false) {
        self.latest = latest
        self.proposal = proposal
        self.since = since
        self.afterSeq = afterSeq
        self.limit = limit
        self.hash = hash
    }
}

/// Why a service refused a call.
public enum ServiceError: Error, Equatable, CustomStringConvertible {
    /// The workspace was opened to look only.
    case readOnly(String)

    public var description: String {
        switch self {
        case .readOnly(let what): return "this workspace was opened read-only (as an observer): cannot \(what)"
        }
    }
}
