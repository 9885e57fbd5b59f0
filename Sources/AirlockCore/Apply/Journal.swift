/// The record of one application in progress. It is written before the first staged
/// file (`staging`: a crash rolls back) and rewritten once every staged file is in place
/// (`committed`: a crash rolls forward), so that recovery can always reach either the
/// old tree or the new one.
struct Journal: Codable, Equatable {
    enum State: String, Codable {
        case staging
        case committed
    }

    /// A staged file and the path it is renamed to at commit.
    struct StagedWrite: Codable, Equatable {
        var stage: WorkspacePath
        var target: WorkspacePath
        /// The target was absent when the patch was checked: the rename never replaces a
        /// file found there. Absent (false) in journals written before it was recorded.
        var createsTarget: Bool?

        var mustNotReplace: Bool { createsTarget ?? false }
    }

    var version: Int
    var transaction: String
    var state: State
    /// Which workspace the paths are relative to, so that recovery pointed at another
    /// directory refuses instead of "rolling back" files that are not its own.
    var workspace: WorkspaceTree.Identity
    /// Whether the application promised durability (`ApplyOptions.durable`); recovery
    /// keeps the same promise.
    var durable: Bool
    var stagingDirectories: [WorkspacePath]
    var writes: [StagedWrite]
    var removals: [WorkspacePath]
    var prunes: [WorkspacePath]
    var commitDirectories: [WorkspacePath]

    static let currentVersion = 1

    init(transaction: String, workspace: WorkspaceTree.Identity, durable: Bool, plan: ApplyPlan) {
        version = Self.currentVersion
        self.transaction = transaction
        state = .staging
        self.workspace = workspace
        self.durable = durable
        stagingDirectories = plan.stagingDirectories
        writes = plan.writes.enumerated().map { index, write in
            StagedWrite(
                stage: write.stageDirectory.appending(Self.stageName(transaction, index + 1)), target: write.target,
                createsTarget: write.createsTarget ? true : nil)
        }
        removals = plan.removals
        prunes = plan.prunes
        commitDirectories = plan.commitDirectories
    }

    /// `.airlock-stage-<transaction>-<n>`.
    static func stageName(_ transaction: String, _ number: Int) -> String {
        "\(PathPolicy.stagePrefix)\(transaction)-\(number)"
    }

    /// A fresh transaction id: 16 random hex digits.
    static func newTransactionID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Refuses a journal whose paths a patch could not have produced, so a tampered
    /// journal cannot make recovery touch anything outside the workspace or in `.git`.
    func validate() throws(JournalCorruption) {
        func corrupt(_ reason: String) -> JournalCorruption { JournalCorruption(reason: reason) }
        guard version == Self.currentVersion else { throw corrupt("unknown journal version \(version)") }
        guard (1...64).contains(transaction.count), transaction.allSatisfy({ $0.isHexDigit }) else {
            throw corrupt("malformed transaction id \(Quoted.name(transaction))")
        }
        let paths = stagingDirectories + writes.map(\.target) + writes.map(\.stage.parent) + removals + prunes + commitDirectories
        for path in paths where !path.isRoot {
            do {
                _ = try PathPolicy.check(path.description)
            } catch {
                throw corrupt("unsafe path: \(error.message)")
            }
        }
        let stagePrefix = Self.stageName(transaction, 0).dropLast()
        for write in writes {
            let number = write.stage.name.dropFirst(stagePrefix.count)
            guard write.stage.name.hasPrefix(stagePrefix), !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else {
                throw corrupt("staged file \(Quoted.name(write.stage.description)) is not named like one of this transaction's")
            }
        }
    }
}

/// The journal could not be read or does not look like one Airlock wrote; recovery
/// stops without touching the workspace so a person can look.
public struct JournalCorruption: Error, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "the apply journal is unreadable: \(reason)" }
}
