#if canImport(Glibc)
import Glibc
#endif

/// What `posix_spawn` is given for one command: the descriptors the child gets as 0, 1
/// and 2, its directory, its signals and its process group. Owns the pipes and the file
/// it opens: the child's ends are closed once it is started, `close` releases the rest.
struct SpawnRequest {
    let command: ProcessCommand
    let path: String
    /// The read ends of the capture pipes, kept by this process.
    private(set) var capturedOutput: Int32?
    private(set) var capturedError: Int32?
    /// Descriptors that only the child needs (the pipes' write ends, the input file):
    /// closed here once it is started.
    private var childOutput: Int32?
    private var childError: Int32?
    private var childInput: Int32?

    init(_ command: ProcessCommand, path: String) throws(ProcessRunnerError) {
        self.command = command
        self.path = path
        do throws(ProcessRunnerError) {
            if case .capture = command.standardOutput { (capturedOutput, childOutput) = try openPipe() }
            if case .capture = command.standardError { (capturedError, childError) = try openPipe() }
            if case .bytes(let bytes) = command.standardInput { childInput = try inputFile(bytes) }
        } catch {
            close()
            throw error
        }
    }

    /// Starts the child; returns its process id.
    mutating func spawn() throws(ProcessRunnerError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        try describe(&actions)
        configure(&attributes)

        let arguments = [command.executable] + command.arguments
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = (command.environment ?? [:]).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = command.environment == nil
            ? posix_spawn(&pid, path, &actions, &attributes, argv, environ)
            : posix_spawn(&pid, path, &actions, &attributes, argv, &envp)
        closeChildEnds()
        switch result {
        case 0: return pid
        case ENOENT: throw .executableNotFound(path, searched: [])
        case EACCES, ENOEXEC: throw .notExecutable(path)
        default: throw .systemCall("posix_spawn", executable: command.executable, errno: result)
        }
    }

    /// Closes every descriptor this value still holds.
    mutating func close() {
        closeChildEnds()
        for descriptor in [capturedOutput, capturedError].compactMap({ $0 }) { _ = Glibc.close(descriptor) }
        capturedOutput = nil
        capturedError = nil
    }

    // MARK: - Descriptors

    /// A close-on-exec pipe: its read end, and its write end for the child.
    private func openPipe() throws(ProcessRunnerError) -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        let result = ends.withUnsafeMutableBufferPointer { buffer in
            if let pipe2 = GNUCalls.pipe2 { return pipe2(buffer.baseAddress, O_CLOEXEC) }
            guard pipe(buffer.baseAddress) == 0 else { return -1 }
            _ = fcntl(buffer[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(buffer[1], F_SETFD, FD_CLOEXEC)
            return 0
        }
        guard result == 0 else { throw .systemCall("pipe", executable: command.executable, errno: errno) }
        return (ends[0], ends[1])
    }

    /// An unlinked temporary file holding `bytes`, positioned at its start: input of any
    /// size, with no writer to block or to receive SIGPIPE when the child stops reading.
    private func inputFile(_ bytes: [UInt8]) throws(ProcessRunnerError) -> Int32 {
        var template = Array("/tmp/airlock-input-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw .systemCall("mkstemp", executable: command.executable, errno: errno) }
        unlink(template)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                let code = errno
                _ = Glibc.close(descriptor)
                throw .systemCall("write", executable: command.executable, errno: code)
            }
            written += result
        }
        _ = lseek(descriptor, 0, SEEK_SET)
        return descriptor
    }

    private mutating func closeChildEnds() {
        for descriptor in [childOutput, childError, childInput].compactMap({ $0 }) { _ = Glibc.close(descriptor) }
        childOutput = nil
        childError = nil
        childInput = nil
    }

    // MARK: - What the child gets

    private func describe(_ actions: inout posix_spawn_file_actions_t) throws(ProcessRunnerError) {
        switch command.standardInput {
        case .inherit: break
        case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .descriptor(let descriptor): posix_spawn_file_actions_adddup2(&actions, descriptor, 0)
        case .bytes: if let childInput { posix_spawn_file_actions_adddup2(&actions, childInput, 0) }
        }
        for (output, pipe, target) in [(command.standardOutput, childOutput, Int32(1)), (command.standardError, childError, Int32(2))] {
            switch output {
            case .inherit: break
            case .discard: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            case .descriptor(let descriptor): posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            case .capture: if let pipe { posix_spawn_file_actions_adddup2(&actions, pipe, target) }
            }
        }
        if let directory = command.workingDirectory {
            guard let addChdir = GNUCalls.addChdir else {
                throw .systemCall("posix_spawn_file_actions_addchdir_np", executable: command.executable, errno: ENOSYS)
            }
            _ = addChdir(&actions, directory)
        }
        if let addCloseFrom = GNUCalls.addCloseFrom { _ = addCloseFrom(&actions, 3) }
    }

    /// glibc's `POSIX_SPAWN_SETSID` (2.26), declared only for `_GNU_SOURCE`: the child
    /// calls `setsid`, which also makes it the leader of a new process group.
    private static let setSession: Int32 = 0x80

    /// Default dispositions and an empty mask, whatever this process ignores or blocks;
    /// a session or a group of its own when asked, or when a timeout must be able to
    /// kill everything it starts.
    private func configure(_ attributes: inout posix_spawnattr_t) {
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if command.detachedFromTerminal {
            flags |= Self.setSession
        } else if command.timeout != nil {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
    }
}
