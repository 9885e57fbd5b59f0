import GRDB

/// An apply (or a revert) that has started: what the workspace held before and will hold
/// after, so that after a crash the proposal's state can be set to match the tree.
public struct Application: Equatable, Sendable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "application"

    public var proposalID: Int64
    public var digest: String
    public var preImage: [FileImage]
    public var postImage: [FileImage]
    public var startedAt: Int64
    /// For a revert: the reviewer who reverts (`user@host on tty`); nil for an apply.
    public var revertedBy: String?

    public init(proposalID: Int64, digest: String, preImage: [FileImage], postImage: [FileImage], startedAt: Int64, revertedBy: String? = nil) {
        self.proposalID = proposalID
        self.digest = digest
        self.preImage = preImage
        self.postImage = postImage
        self.startedAt = startedAt
        self.revertedBy = revertedBy
    }

    enum CodingKeys: String, CodingKey {
        case proposalID = "proposal_id"
        case digest
        case preImage = "pre_image"
        case postImage = "post_image"
        case startedAt = "started_at"
        case revertedBy = "reverted_by"
    }
}
