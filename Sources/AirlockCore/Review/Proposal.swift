import Foundation
import GRDB

/// One change set from one agent, as the store keeps it.
public struct Proposal: Equatable, Sendable, Codable, FetchableRecord, TableRecord {
    public static let databaseTableName = "proposal"

    /// Proposals with their patch, which is kept in a table of its own.
    static var withPatch: QueryInterfaceRequest<Proposal> {
        Proposal.all().annotated(with: SQL(sql: "(SELECT patch FROM proposal_patch WHERE proposal_patch.proposal_id = proposal.id)").forKey("patch"))
    }

    public var id: Int64
    public var agent: String
    public var title: String
    public var rationale: String
    /// The format the agent submitted in (`git`, `codex`, …); the patch itself is canonical.
    public var format: String
    /// The canonical git diff text of the whole change.
    public var patch: Data
    /// SHA-256 of `patch`, lowercase hex.
    public var digest: String
    /// The workspace's `HEAD` when it was submitted, for a git work tree.
    public var baseCommit: String?
    /// Each file the patch reads, with the hash it had when the patch last applied.
    public var preImage: [FileImage]
    public var fileCount: Int
    public var addedLines: Int
    public var removedLines: Int
    public var state: ProposalState
    /// Why it is conflicted, failed, …; nil on the happy path.
    public var stateReason: String?
    /// Milliseconds since 1970.
    public var createdAt: Int64
    public var updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, agent, title, rationale, format, patch, digest
        case baseCommit = "base_commit"
        case preImage = "pre_image"
        case fileCount = "file_count"
        case addedLines = "added_lines"
        case removedLines = "removed_lines"
        case state
        case stateReason = "state_reason"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let agent = Column(CodingKeys.agent)
        public static let digest = Column(CodingKeys.digest)
        public static let state = Column(CodingKeys.state)
    }

    /// Parses the stored canonical text back into the patch model.
    public func canonicalPatch() throws -> Patch {
        try PatchReader.canonical(Bytes([UInt8](patch)))
    }
}

/// A file as a patch expects or leaves it: its path and SHA-256, or nil for "absent".
public struct FileImage: Equatable, Sendable, Codable {
    public var path: String
    public var sha256: String?

    public init(path: String, sha256: String?) {
        self.path = path
        self.sha256 = sha256
    }
}

/// A line of `airlock list`: a proposal without its patch.
public struct ProposalSummary: Equatable, Sendable, Codable {
    public var id: Int64
    public var agent: String
    public var title: String
    public var state: ProposalState
    public var fileCount: Int
    public var addedLines: Int
    public var removedLines: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: Int64, agent: String, title: String, state: ProposalState, fileCount: Int, addedLines: Int, removedLines: Int, createdAt: Int64, updatedAt: Int64) {
        self.id = id
        self.agent = agent
        self.title = title
        self.state = state
        self.fileCount = fileCount
        self.addedLines = addedLines
        self.removedLines = removedLines
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, agent, title, state
        case fileCount = "file_count"
        case addedLines = "added_lines"
        case removedLines = "removed_lines"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

extension ProposalState: DatabaseValueConvertible {}
