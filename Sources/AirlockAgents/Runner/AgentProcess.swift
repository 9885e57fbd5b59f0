#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The agent's process, in a session of its own (so a signal for the runner's terminal
/// does not reach it, and the runner can end its whole group), its output read from a
/// pseudo-terminal or from two pipes.
final class AgentProcess: Sendable {
    /// What the agent is started as.
    struct Launch: Sendable {
        var executable: String
        var arguments: [String]
        var environment: [String: String]
        var directory: String
        /// Give it a pseudo-terminal (an interactive agent on the user's terminal) rather
        /// than pipes.
        var terminal: Bool
        /// With pipes: pass this process's standard input on (nil gives it `/dev/null`).
        var inheritInput: Bool
    }

    let pid: pid_t
    /// The pseudo-terminal's master, when it has one.
    let terminal: Int32?
    /// Descriptors to read its output from, with the descriptor of this process each is
    /// passed through to (1 or 2).
    let outputs: [(read: Int32, passTo: Int32)]
    private let exitStatus = Mutex<Int32?>(nil)

    private init(pid: pid_t, terminal: Int32?, outputs: [(read: Int32, passTo: Int32)]) {
        self.pid = pid
        self.terminal = terminal
        self.outputs = outputs
    }

    /// Starts it; throws when it cannot be started.
    static func start(_ launch: Launch) throws -> AgentProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        defer { for descriptor in childEnds { close(descriptor) } }
        var terminal: Int32?
        var outputs: [(read: Int32, passTo: Int32)] = []
        do {
            if launch.terminal {
                let (master, slavePath) = try openTerminal()
                parentEnds.append(master)
                terminal = master
                outputs.append((master, STDOUT_FILENO))
                // After setsid, opening the slave makes it the child's controlling terminal.
                posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
                posix_spawn_file_actions_adddup2(&actions, 0, 1)
                posix_spawn_file_actions_adddup2(&actions, 0, 2)
            } else {
                if launch.inheritInput {
                    // Standard input stays as it is.
                } else {
                    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                }
                for target in [STDOUT_FILENO, STDERR_FILENO] {
                    let (readEnd, writeEnd) = try pipe()
                    parentEnds.append(readEnd)
                    childEnds.append(writeEnd)
                    outputs.append((readEnd, target))
                    posix_spawn_file_actions_adddup2(&actions, writeEnd, target)
                }
            }
        } catch {
            for descriptor in parentEnds { close(descriptor) }
            throw error
        }
        guard let addChdir = SystemCalls.addChdir else { throw RunnerError.system("posix_spawn_file_actions_addchdir_np", ENOSYS) }
        _ = addChdir(&actions, launch.directory)
        if let addCloseFrom = SystemCalls.addCloseFrom { _ = addCloseFrom(&actions, 3) }

        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | SystemCalls.spawnSetSession))

        let argv: [UnsafeMutablePointer<CChar>?] = ([launch.executable] + launch.arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = launch.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, launch.executable, &actions, &attributes, argv, &envp)
        guard result == 0 else {
            for descriptor in parentEnds { close(descriptor) }
            throw RunnerError.cannotStart(launch.executable, SystemCalls.message(result))
        }
        return AgentProcess(pid: pid, terminal: terminal, outputs: outputs)
    }

    /// Its wait status once it has exited (reaped here, once), nil while it runs.
    func exited() -> Int32? {
        exitStatus.withLock { known in
            if let known { return known }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { known = status }
            return known
        }
    }

    /// Waits until it has exited.
    func waitForExit() -> Int32 {
        while true {
            if let status = exited() { return status }
            usleep(20_000)
        }
    }

    /// Reads its output until every descriptor is closed or `stop` says so, handing each
    /// chunk to `output` with the descriptor it belongs on. Runs on the caller's thread.
    func pump(stop: @escaping () -> Bool, output: (_ bytes: UnsafeBufferPointer<UInt8>, _ passTo: Int32) -> Void) {
        var open = outputs
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !open.isEmpty && !stop() {
            var entries = open.map { pollfd(fd: $0.read, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&entries, nfds_t(entries.count), 100)
            if ready < 0 && errno != EINTR { break }
            guard ready > 0 else { continue }
            var closed: Set<Int32> = []
            for (index, entry) in entries.enumerated() where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffer.withUnsafeBufferPointer { output(UnsafeBufferPointer(rebasing: $0[..<count]), open[index].passTo) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    // A pseudo-terminal's master reads EIO once the last slave is closed.
                    closed.insert(entry.fd)
                }
            }
            open.removeAll { closed.contains($0.read) }
        }
    }

    /// Closes the descriptors this process holds for it.
    func closeDescriptors() {
        for output in outputs { close(output.read) }
    }

    // MARK: - descriptors

    private static func openTerminal() throws -> (master: Int32, slavePath: String) {
        guard let openpt = SystemCalls.openpt, let grantpt = SystemCalls.grantpt, let unlockpt = SystemCalls.unlockpt,
            let ptsname = SystemCalls.ptsname
        else { throw RunnerError.system("posix_openpt", ENOSYS) }
        let master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw RunnerError.system("posix_openpt", errno) }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        var name = [CChar](repeating: 0, count: 256)
        guard grantpt(master) == 0, unlockpt(master) == 0, ptsname(master, &name, name.count) == 0 else {
            let code = errno
            close(master)
            throw RunnerError.system("grantpt", code)
        }
        return (master, String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard Glibc.pipe(&ends) == 0 else { throw RunnerError.system("pipe", errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }
}
