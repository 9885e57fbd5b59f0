#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The demo's agents as running processes, each `airlock demo-agent` in a session of its
/// own: no controlling terminal, so nothing it or its children do reaches the reviewer's
/// screen or keyboard; its output goes to the agents' log. Each leads its own process
/// group, so stopping it stops the `airlock` commands it started too.
final class DemoCast {
    /// Agent name by process id, for the agents not yet reaped.
    private var running: [pid_t: String] = [:]
    /// The log every agent appends its lines to.
    let log: URL

    private init(log: URL) {
        self.log = log
    }

    /// Starts one process per script. `linger` is how long each agent waits for the
    /// outcome of its proposals (0 when no one is there to decide).
    static func start(
        _ scripts: [DemoScript], airlock: String, workspace: URL, pace: Double, linger: Double, log: URL
    ) throws -> DemoCast {
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure.fail("cannot open the agents' log \(log.path): \(String(cString: strerror(errno)))", code: 1)
        }
        defer { close(descriptor) }
        let cast = DemoCast(log: log)
        for script in scripts {
            let arguments = [
                "demo-agent", "--script", script.agent, "--workspace", workspace.path,
                "--pace", String(pace), "--linger", String(linger), "--demo", String(getpid()),
            ]
            do {
                let pid = try spawn(airlock, arguments, output: descriptor)
                cast.running[pid] = script.agent
            } catch {
                cast.stop()
                throw error
            }
        }
        return cast
    }

    /// The agents still running (those that ended are reaped).
    var stillRunning: [String] {
        for pid in running.keys {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { running[pid] = nil }
        }
        return running.values.sorted()
    }

    /// Stops every agent still running and whatever it started: SIGTERM to each group, a
    /// moment to finish, then SIGKILL to whatever is left of the group. A leader is reaped
    /// only after that, so its group id cannot have been reused by then.
    func stop() {
        guard !running.isEmpty else { return }
        for pid in running.keys { kill(-pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(1)
        while Date() < deadline, running.keys.contains(where: { !Self.hasEnded($0) }) {
            usleep(20_000)
        }
        for pid in running.keys {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        running = [:]
    }

    deinit {
        stop()
    }

    // MARK: - Processes

    /// Whether the child `pid` has ended, without reaping it.
    private static func hasEnded(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return true }
        return info._sifields._sigchld.si_pid == pid
    }

    /// glibc's `POSIX_SPAWN_SETSID`: the child calls `setsid`, which also makes it the
    /// leader of a new process group.
    private static let setSession: Int32 = 0x80

    private static func spawn(_ executable: String, _ arguments: [String], output: Int32) throws -> pid_t {
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
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | setSession))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw CommandFailure.fail("cannot start a demo agent (\(executable)): \(String(cString: strerror(result)))", code: 1)
        }
        return pid
    }
}
