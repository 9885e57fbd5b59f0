#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Crash testing: in a debug build, `AIRLOCK_FAULT_KILL_AT_STEP=N` makes the process kill
/// itself with SIGKILL just before step N of an apply, exactly as a crash or power cut
/// would stop it. A release build has no such hook: nothing in a user's environment
/// can make it stop half-way on purpose.
enum FaultInjection {
    static func fromEnvironment() -> (@Sendable (Int) throws -> Void)? {
        #if DEBUG
        guard let value = ProcessInfo.processInfo.environment["AIRLOCK_FAULT_KILL_AT_STEP"], let step = Int(value) else { return nil }
        return { current in
            if current == step { kill(getpid(), SIGKILL) }
        }
        #else
        return nil
        #endif
    }
}
