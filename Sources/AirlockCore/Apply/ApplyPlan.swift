#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything an application will do, decided and validated before the first write.
struct ApplyPlan {
    /// One new file or symlink, written to a staged name first and renamed over its
    /// target at commit.
    struct Write: Equatable {
        var target: WorkspacePath
        /// The directory the staged file is written in: the target's own directory, or,
        /// when a file that this patch removes stands where that directory must be, the
        /// nearest existing ancestor (the rename then moves it into the new directory).
        var stageDirectory: WorkspacePath
        /// Empty in a dry run's plan, which keeps only `size`.
        var content: [UInt8]
        var size: Int
        var permissions: mode_t
        var isSymlink: Bool
        /// The target did not exist when the plan was made, so a file found there later is
        /// someone else's: it is never replaced (see `Transaction`).
        var createsTarget: Bool = false
    }

    var report: ApplyReport
    var writes: [Write]
    /// Files and symlinks to unlink at commit: deleted files and rename sources that no
    /// other entry writes to.
    var removals: [WorkspacePath]
    /// Missing directories, created (parents first) while staging.
    var stagingDirectories: [WorkspacePath]
    /// Directories that replace a removed file, created (parents first) at commit.
    var commitDirectories: [WorkspacePath]
    /// Directories removed at commit if the removals leave them empty, deepest first.
    var prunes: [WorkspacePath]
}
