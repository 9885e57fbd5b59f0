import Foundation

/// What happened (or, for a dry run, would happen) to one file entry.
public struct AppliedFile: Sendable, Equatable, Codable {
    public var operation: FilePatch.Operation
    public var oldPath: String?
    public var newPath: String?
    /// SHA-256 (lowercase hex) of the content before; nil for a created file or a gitlink.
    public var oldSHA256: String?
    /// SHA-256 (lowercase hex) of the content after; nil for a deleted file or a gitlink.
    public var newSHA256: String?
    /// Per hunk: the line it applied at minus the line its header names.
    public var offsets: [Int]

    public init(
        operation: FilePatch.Operation, oldPath: String?, newPath: String?,
        oldSHA256: String?, newSHA256: String?, offsets: [Int]
    ) {
        self.operation = operation
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldSHA256 = oldSHA256
        self.newSHA256 = newSHA256
        self.offsets = offsets
    }
}

/// The outcome of `Applier.check` or `Applier.apply`, one entry per file of the patch,
/// in patch order.
public struct ApplyReport: Sendable, Equatable, Codable {
    public var files: [AppliedFile]

    public init(files: [AppliedFile]) {
        self.files = files
    }
}

/// What `Applier.recover` did with an interrupted application.
public enum RecoveryOutcome: Sendable, Equatable {
    /// The crash came before the commit point: staged files and new directories were
    /// removed, and the workspace is as it was before the application.
    case rolledBack(transaction: String)
    /// The crash came after the commit point: the remaining renames and removals were
    /// done, and the workspace is as the patch makes it.
    case rolledForward(transaction: String)
}
