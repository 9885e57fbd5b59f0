#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation

/// `.airlock/feedback.md` in the agent's checkout, written without following a symlink:
/// the agent controls that directory, and a link planted there must not make the runner
/// (which runs as the user, outside any sandbox) write somewhere else.
enum FeedbackFile {
    /// Replaces `directory/.airlock/name` with `text`: `.airlock` is opened with
    /// `O_NOFOLLOW`, the text goes to a new file there and is renamed over the old name
    /// (a rename replaces a link, it does not follow it).
    static func write(_ text: String, in directory: String, name: String = "feedback.md") throws {
        let root = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else { throw RunnerError.feedbackNotWritten("\(VisibleText.escape(directory)): \(SystemCalls.message(errno))") }
        defer { close(root) }
        let state = try stateDirectory(in: root)
        defer { close(state) }
        let temporary = ".\(name).\(getpid()).tmp"
        _ = unlinkat(state, temporary, 0)
        let file = openat(state, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw RunnerError.feedbackNotWritten("\(temporary): \(SystemCalls.message(errno))") }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(file, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                let code = errno
                close(file)
                _ = unlinkat(state, temporary, 0)
                throw RunnerError.feedbackNotWritten("\(name): \(SystemCalls.message(code))")
            }
            written += result
        }
        close(file)
        guard renameat(state, temporary, state, name) == 0 else {
            let code = errno
            _ = unlinkat(state, temporary, 0)
            throw RunnerError.feedbackNotWritten("\(name): \(SystemCalls.message(code))")
        }
    }

    /// `.airlock` under `root`, made when missing; a symlink or anything but a directory
    /// there is refused.
    private static func stateDirectory(in root: Int32) throws -> Int32 {
        let name = ManagedWorkspace.stateDirectoryName
        if mkdirat(root, name, 0o755) != 0 && errno != EEXIST {
            throw RunnerError.feedbackNotWritten("\(name): \(SystemCalls.message(errno))")
        }
        let state = openat(root, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard state >= 0 else {
            let code = errno
            let why = code == ELOOP || code == ENOTDIR ? "it is not a directory (a symlink?)" : SystemCalls.message(code)
            throw RunnerError.feedbackNotWritten("\(name): \(why)")
        }
        return state
    }
}
