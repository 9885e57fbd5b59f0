#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation

/// A long-running program a test starts and stops (a server), in a process group of its
/// own, with no signal blocked or ignored, its output in a log file. It is killed, with
/// everything in its group, when the value goes away.
final class BackgroundProcess {
    let pid: pid_t
    let log: URL
    private var status: Int32?

    init(_ command: [String], environment: [String: String], log: URL) throws {
        guard let executable = command.first else { throw PseudoTerminalError(description: "no command given") }
        self.log = log
        let output = open(log.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw PseudoTerminalError(description: "cannot open \(log.path): \(PseudoTerminalCalls.message(errno))") }
        defer { close(output) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw PseudoTerminalError(description: "posix_spawn \(executable): \(PseudoTerminalCalls.message(result))") }
        self.pid = pid
    }

    deinit {
        stop()
    }

    /// The exit status (128 + N for signal N) once the program has ended, else nil.
    func exitStatus() -> Int32? {
        if let status { return status }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
        status = Self.shellStatus(raw)
        return status
    }

    /// What the program has written so far, escaped for a failure message.
    var output: String {
        VisibleText.escape((try? String(contentsOf: log, encoding: .utf8)) ?? "").replacingOccurrences(of: "\\n", with: "\n")
    }

    /// SIGTERM to the group, SIGKILL after a second, and the reap.
    func stop() {
        guard exitStatus() == nil else { return }
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(1)
        while exitStatus() == nil, Date() < deadline { usleep(10_000) }
        guard exitStatus() == nil else { return }
        kill(-pid, SIGKILL)
        var raw: Int32 = 0
        waitpid(pid, &raw, 0)
        status = Self.shellStatus(raw)
    }

    private static func shellStatus(_ raw: Int32) -> Int32 {
        (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }
}
