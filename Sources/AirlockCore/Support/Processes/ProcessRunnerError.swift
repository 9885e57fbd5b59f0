#if canImport(Glibc)
import Glibc
#endif

/// A program could not be started, or waiting for it failed.
public enum ProcessRunnerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such file, or no such name in any directory of `PATH` (listed).
    case executableNotFound(String, searched: [String])
    /// The file exists but may not be executed.
    case notExecutable(String)
    case workingDirectoryNotFound(String)
    /// A system call failed: which, for which program, and its `errno`.
    case systemCall(String, executable: String, errno: Int32)

    public var description: String {
        switch self {
        case .executableNotFound(let name, let searched) where searched.isEmpty:
            return "cannot run `\(name)`: no such file"
        case .executableNotFound(let name, let searched):
            return "cannot run `\(name)`: not found in PATH (\(searched.joined(separator: ":")))"
        case .notExecutable(let path):
            return "cannot run `\(path)`: not an executable file"
        case .workingDirectoryNotFound(let path):
            return "cannot run in \(path): no such directory"
        case .systemCall(let call, let executable, let code):
            return "cannot run `\(executable)`: \(call): \(String(cString: strerror(code)))"
        }
    }
}
