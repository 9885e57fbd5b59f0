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

    /// The lock once nobody holds it, or nil when it stays held for `patience` seconds
    /// (an apply is running in another process). Waiting a little matters: a process
    /// spawned anywhere in the holder's process shares its descriptors until it execs,
    /// so a lock can outlive its holder by that moment.
    static func attempt(stateDirectory: String, patience: Double = 2) throws -> ApplyLock? {
        let descriptor = try openFile(stateDirectory)
        var waited = 0.0
        while lock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK, waited < patience else {
                close(descriptor)
                if code == EWOULDBLOCK { return nil }
                throw FileSystemError("flock", path: stateDirectory + "/apply.lock", errno: code)
            }
            usleep(10_000)
            waited += 0.01
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
