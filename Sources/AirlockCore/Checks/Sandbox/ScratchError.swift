#if canImport(Glibc)
import Glibc
#endif

/// Why a scratch copy could not be prepared. A patch that does not apply to it is an
/// `ApplyRefusal`, not one of these.
public enum ScratchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The workspace's files could not be listed (git failed, a directory did not read).
    case listing(String)
    /// Every slot of the pool is held by another runner and `wait` was false.
    case allSlotsBusy(Int)
    /// A file system call failed on this path.
    case fileSystem(call: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .listing(let reason): "cannot list the workspace's files: \(VisibleText.escape(reason))"
        case .allSlotsBusy(let count): "all \(count) scratch slots are in use by other check runners"
        case .fileSystem(let call, let path, let code): "scratch copy: \(call) \(VisibleText.escape(path)): \(String(cString: strerror(code)))"
        }
    }
}
