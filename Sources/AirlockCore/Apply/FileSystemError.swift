#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call on the workspace or the journal failed: which call, on which path, and
/// the `errno` it returned. When `Applier.apply` throws one after it started writing, it
/// has already tried to recover; `pendingRecovery` says whether the journal is still
/// there for `Applier.recover` to finish the job.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call, such as `openat` or `renameat`.
    public var operation: String
    /// The path it was about, relative to the workspace (or the journal directory).
    public var path: String
    public var errno: Int32
    public var pendingRecovery: Bool

    public init(_ operation: String, path: String, errno: Int32, pendingRecovery: Bool = false) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.pendingRecovery = pendingRecovery
    }

    /// The path, or a directory on the way, no longer exists or is now a file.
    var meansGone: Bool { errno == ENOENT || errno == ENOTDIR }

    public var description: String {
        let reason = String(cString: strerror(errno))
        var text = "\(operation) \(Quoted.name(path)) failed: \(reason) (errno \(errno))"
        if errno == EEXIST, operation.hasPrefix("rename") {
            text = "\(Quoted.name(path)) appeared after the patch was checked and was kept: Airlock never replaces a file it did not expect (\(operation): \(reason))"
        }
        return pendingRecovery ? text + "; the interrupted application is pending recovery" : text
    }
}
