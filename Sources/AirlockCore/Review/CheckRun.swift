import GRDB

/// One check of one proposal: for now whether it applies to the workspace; the checks
/// issue adds test runs and lint on a scratch copy.
public struct CheckRun: Equatable, Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "check_run"

    public enum Status: String, Codable, Sendable {
        case running
        case passed
        case failed
        case error
    }

    public var id: Int64?
    public var proposalID: Int64
    /// What was checked, such as `applies`.
    public var name: String
    public var status: Status
    /// One line for the review screen ("applies cleanly at offsets +2, -1").
    public var summary: String
    public var startedAt: Int64
    public var finishedAt: Int64?

    public init(proposalID: Int64, name: String, status: Status, summary: String, startedAt: Int64, finishedAt: Int64?) {
        self.proposalID = proposalID
        self.name = name
        self.status = status
        self.summary = summary
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case proposalID = "proposal_id"
        case name, status, summary
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    public enum Columns {
        public static let proposalID = Column(CodingKeys.proposalID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A problem a check found at a place in the proposal (a failing test, a lint finding).
public struct Finding: Equatable, Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "finding"

    public var id: Int64?
    public var checkRunID: Int64
    public var rule: String
    public var severity: String
    public var path: String?
    public var line: Int?
    public var message: String

    enum CodingKeys: String, CodingKey {
        case id
        case checkRunID = "check_run_id"
        case rule, severity, path, line, message
    }
}

extension Finding {
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
