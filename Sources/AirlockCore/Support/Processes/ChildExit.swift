#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization

/// Waits for a child to exit. `waitpid` has no timeout, so when there is a deadline a
/// thread waits while the caller watches the clock.
final class ChildExit: Sendable {
    private let pid: pid_t
    private let executable: String
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<Int32, ProcessRunnerError>?>(nil)

    /// Starts waiting for `pid` on a thread of its own.
    init(pid: pid_t, executable: String) {
        self.pid = pid
        self.executable = executable
        let thread = Thread { [self] in
            let status = Self.waitBlocking(pid, executable: executable)
            result.withLock { $0 = status }
            done.signal()
        }
        thread.start()
    }

    /// The raw wait status, or nil when the child is still running at `deadline`.
    func status(by deadline: ContinuousClock.Instant) throws(ProcessRunnerError) -> Int32? {
        let left = deadline - .now
        let nanoseconds = max(0, left.components.seconds * 1_000_000_000 + left.components.attoseconds / 1_000_000_000)
        guard done.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .success else { return nil }
        done.signal()
        return try status()
    }

    /// The raw wait status, once the child has exited.
    func status() throws(ProcessRunnerError) -> Int32 {
        done.wait()
        done.signal()
        guard let outcome = result.withLock({ $0 }) else { throw .systemCall("waitpid", executable: executable, errno: ECHILD) }
        return try outcome.get()
    }

    static func waitBlocking(_ pid: pid_t, executable: String) -> Result<Int32, ProcessRunnerError> {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .failure(.systemCall("waitpid", executable: executable, errno: errno)) }
        }
        return .success(status)
    }

    /// `WIFEXITED`/`WEXITSTATUS`/`WTERMSIG`, which Swift does not import (they are macros).
    static func termination(of status: Int32) -> ProcessOutcome.Termination {
        status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }
}
