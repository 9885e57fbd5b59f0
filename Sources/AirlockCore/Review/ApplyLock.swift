#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `.airlock/apply.lock`: held for the whole of an approved apply (noting it in the
/// store, writing, recording the result), and by crash recovery while it settles, so
/// recovery never mistakes a live apply for an interrupted one. The kernel drops the
/// lock when its holder dies, which is exactly when recovery should run.
final class ApplyLock {
    private let descriptor: Int32

    /// Waits for the lock.
    init(stateDirectory: String) throws {
        descriptor = try Self.openFile(stateDirectory)
        guard Self.lock(descriptor, LOCK_EX) == 0 else {
            let code = errno
            close(descriptor)
            throw FileSystemError("flock", path: stateDirectory + "/apply.lock", errno: code)
        }
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The lock if nobody holds it, else nil (an apply is running in another process).
    static func attempt(stateDirectory: String) throws -> ApplyLock? {
        let descriptor = try openFile(stateDirectory)
        guard lock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw FileSystemError("flock", path: stateDirectory + "/apply.lock", errno: code)
        }
        return ApplyLock(descriptor: descriptor)
    }

    deinit {
        close(descriptor)
    }

    private static func openFile(_ stateDirectory: String) throws -> Int32 {
        let path = stateDirectory + "/apply.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw FileSystemError("open", path: path, errno: errno) }
        return descriptor
    }

    private static func lock(_ descriptor: Int32, _ operation: Int32) -> Int32 {
        while true {
            let result = flock(descriptor, operation)
            if result == 0 || errno != EINTR { return result }
        }
    }
}
