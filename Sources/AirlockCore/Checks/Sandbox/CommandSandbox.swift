#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Runs one check command in a scratch copy, confined as its mode says, with a timeout
/// that kills everything it started, its output delivered as it arrives.
public struct CommandSandbox: Sendable {
    public let mode: SandboxMode
    /// bubblewrap's path under `.bubblewrap`.
    let bubblewrap: String?

    /// A sandbox of `mode`. `.bubblewrap` needs `availability` (by default the probe's
    /// answer for this process) to say it can start: otherwise this throws
    /// `SandboxUnavailable` with the reason, and nothing falls back to `.off` on its own.
    public init(mode: SandboxMode = .bubblewrap, availability: SandboxAvailability? = nil) throws(SandboxUnavailable) {
        self.mode = mode
        switch mode {
        case .off:
            bubblewrap = nil
        case .bubblewrap:
            switch availability ?? BubblewrapProbe.shared {
            case .available(let path): bubblewrap = path
            case .unavailable(let reason): throw SandboxUnavailable(reason: reason)
            }
        }
    }

    /// Runs `command` and returns how it ended. `output` receives standard output and
    /// error interleaved, chunk by chunk, on this thread, while the command runs. Throws
    /// only when it could not be started.
    public func run(_ command: SandboxedCommand, output: (ArraySlice<UInt8>) -> Void) throws -> SandboxOutcome {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: command.directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ProcessRunnerError.workingDirectoryNotFound(command.directory)
        }
        let process = try processCommand(for: command)
        let started = ContinuousClock.now
        var pipe = try OutputPipe()
        var spawned = process
        spawned.standardOutput = .descriptor(pipe.writeEnd)
        spawned.standardError = .descriptor(pipe.writeEnd)
        let path = try ExecutableSearch.resolve(process.executable, environment: process.environment)
        var request = try SpawnRequest(spawned, path: path)
        defer { request.close() }
        let pid: pid_t
        do {
            pid = try request.spawn()
        } catch {
            pipe.close()
            throw error
        }
        pipe.closeWriteEnd()
        defer { pipe.close() }
        let exit = ChildExit(pid: pid, executable: process.executable)
        let (status, timedOut, bytes) = try follow(pid: pid, exit: exit, pipe: pipe.readEnd, deadline: started + command.timeout, output: output)
        return SandboxOutcome(
            termination: ChildExit.termination(of: status), timedOut: timedOut, duration: ContinuousClock.now - started,
            sandboxed: mode == .bubblewrap, outputBytes: bytes)
    }

    /// The process this process starts: bubblewrap around the shell, or the shell alone.
    /// Either way in a session of its own, with no input and the minimal environment.
    func processCommand(for command: SandboxedCommand) throws -> ProcessCommand {
        switch mode {
        case .bubblewrap:
            guard let bubblewrap else { throw SandboxUnavailable(reason: "was not found") }
            let home = BubblewrapArguments.usableHome()
            let arguments = try BubblewrapArguments.arguments(for: command, home: home)
            return ProcessCommand(
                bubblewrap, arguments, environment: BubblewrapArguments.environment(for: command, home: home ?? BubblewrapArguments.defaultHome),
                workingDirectory: command.directory, standardInput: .null, detachedFromTerminal: true)
        case .off:
            let home = BubblewrapArguments.usableHome() ?? command.directory
            return ProcessCommand(
                "/bin/sh", ["-c", command.script], environment: BubblewrapArguments.environment(for: command, home: home),
                workingDirectory: command.directory, standardInput: .null, detachedFromTerminal: true)
        }
    }

    // MARK: - following the command

    /// Reads output until the command ends (and its output closes) or the deadline passes;
    /// at the deadline the whole tree is killed.
    private func follow(
        pid: pid_t, exit: ChildExit, pipe: Int32, deadline: ContinuousClock.Instant, output: (ArraySlice<UInt8>) -> Void
    ) throws -> (status: Int32, timedOut: Bool, bytes: Int) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var bytes = 0
        var open = true
        var status: Int32?
        // After the command exits, what it left running (outside a sandbox) may hold the
        // output open: its group is killed, and reading stops after a short grace.
        var drainUntil: ContinuousClock.Instant?
        func readAvailable(waiting milliseconds: Int32) -> Bool {
            var entry = pollfd(fd: pipe, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            guard ready > 0 else { return false }
            let count = chunk.withUnsafeMutableBytes { read(pipe, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += count
                output(chunk[..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                open = false
            }
            return true
        }
        while true {
            let now = ContinuousClock.now
            if status == nil && now >= deadline {
                ProcessTree.kill(root: pid)
                let killed = try exit.status()
                let stop = ContinuousClock.now + .milliseconds(200)
                while open && ContinuousClock.now < stop && readAvailable(waiting: 20) {}
                return (killed, true, bytes)
            }
            if open {
                let limit = min(deadline, drainUntil ?? deadline, now + .milliseconds(50))
                _ = readAvailable(waiting: Self.milliseconds(until: limit))
            }
            if status == nil, let exited = try exit.status(by: .now) {
                status = exited
                kill(-pid, SIGKILL)
                drainUntil = ContinuousClock.now + .seconds(1)
            }
            if let status, !open || ContinuousClock.now >= drainUntil ?? deadline {
                return (status, false, bytes)
            }
            if !open && status == nil, let exited = try exit.status(by: deadline) {
                status = exited
            }
        }
    }

    private static func milliseconds(until instant: ContinuousClock.Instant) -> Int32 {
        let left = instant - .now
        if left <= .zero { return 0 }
        let (seconds, attoseconds) = left.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}

/// The one pipe a command's standard output and error both go to, so their lines arrive
/// in the order they were written. Close-on-exec, so no other child inherits it.
private struct OutputPipe {
    private(set) var readEnd: Int32
    private(set) var writeEnd: Int32

    init() throws(ProcessRunnerError) {
        var ends: [Int32] = [-1, -1]
        let result = ends.withUnsafeMutableBufferPointer { buffer in
            if let pipe2 = GNUCalls.pipe2 { return pipe2(buffer.baseAddress, O_CLOEXEC) }
            guard pipe(buffer.baseAddress) == 0 else { return -1 }
            _ = fcntl(buffer[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(buffer[1], F_SETFD, FD_CLOEXEC)
            return 0
        }
        guard result == 0 else { throw .systemCall("pipe", executable: "/bin/sh", errno: errno) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    mutating func closeWriteEnd() {
        if writeEnd >= 0 { Glibc.close(writeEnd) }
        writeEnd = -1
    }

    mutating func close() {
        closeWriteEnd()
        if readEnd >= 0 { Glibc.close(readEnd) }
        readEnd = -1
    }
}
