#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation

struct PseudoTerminalError: Error, CustomStringConvertible {
    var description: String
}

/// The `airlock` binary running on a pseudo-terminal of its own, as when a person runs it:
/// the child starts a new session, so opening the slave makes it the controlling terminal
/// and `/dev/tty` works there. The test reads what it shows and types answers.
final class PseudoTerminal {
    let slavePath: String
    private let master: Int32
    private let pid: pid_t
    private var output: [UInt8] = []
    /// Where the next `expect` starts looking, so a prompt shown twice is waited for twice.
    private var cursor = 0
    private var status: Int32?

    /// `airlock ARGS`, or with `launcher` (such as `setpriv --reuid=… /path/to/airlock`)
    /// the launcher's command line followed by ARGS, as another user for instance.
    init(arguments: [String], environment: [String: String], launcher: [String] = []) throws {
        (master, slavePath) = try PseudoTerminalCalls.open()
        let slave = slavePath
        do {
            pid = try ChildProcess.spawn(arguments: arguments, environment: environment, newSession: true, launcher: launcher) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
                posix_spawn_file_actions_adddup2(&actions, 0, 1)
                posix_spawn_file_actions_adddup2(&actions, 0, 2)
            }
        } catch {
            close(master)
            throw error
        }
    }

    deinit {
        if status == nil {
            kill(pid, SIGKILL)
            var ignored: Int32 = 0
            waitpid(pid, &ignored, 0)
        }
        close(master)
    }

    /// Everything the program wrote so far.
    var transcript: String { String(decoding: output, as: UTF8.self) }

    /// Waits until the output after the previous match contains `text`.
    func expect(_ text: String, timeout: Double = 10) throws {
        let wanted = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = output[cursor...].firstRange(of: wanted) {
                cursor = range.upperBound
                return
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readSome(milliseconds: Int32(remaining * 1000)) else {
                throw PseudoTerminalError(
                    description: "waited \(timeout) s for \(VisibleText.escape(text)); the output so far:\n" + VisibleText.escape(transcript).replacingOccurrences(of: "\\n", with: "\n"))
            }
        }
    }

    /// Types `line` and Enter.
    func send(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Types these bytes as they are (Ctrl-C is 0x03).
    func send(bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Types the end-of-input character (^D) at the start of a line.
    func sendEndOfInput() {
        var byte: UInt8 = 0x04
        _ = write(master, &byte, 1)
    }

    /// Waits for the program to exit, reading what it still writes, and returns its exit
    /// status (128 + the signal when a signal ended it).
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid {
                while readSome(milliseconds: 0) {}
                let code = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
                status = code
                return code
            }
            if !readSome(milliseconds: 50) { usleep(10_000) }  // the child closed the terminal but has not been reaped yet
        }
        throw PseudoTerminalError(description: "the program did not exit within \(timeout) s; the output so far:\n" + VisibleText.escape(transcript))
    }

    /// Reads what is there within `milliseconds`; false on timeout or once the child side
    /// is closed.
    private func readSome(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, max(0, milliseconds)) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }  // EIO: every slave descriptor is closed
        output += chunk[..<count]
        return true
    }
}

/// `posix_spawn` of the built `airlock`, optionally as the leader of a new session (no
/// controlling terminal until it opens one).
enum ChildProcess {
    /// glibc's `POSIX_SPAWN_SETSID`.
    static let setSessionFlag: Int16 = 0x80

    static func spawn(
        arguments: [String], environment: [String: String], newSession: Bool, launcher: [String] = [],
        files: (inout posix_spawn_file_actions_t) -> Void
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        files(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newSession { posix_spawnattr_setflags(&attributes, setSessionFlag) }

        let command = (launcher.isEmpty ? [CLIHarness.executable.path] : launcher) + arguments
        let executable = command[0]
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, &argv, &envp)
        guard result == 0 else { throw PseudoTerminalError(description: "posix_spawn \(executable): \(PseudoTerminalCalls.message(result))") }
        return pid
    }

    /// Runs the program in a new session with pipes for stdin, stdout and stderr, so it
    /// has no controlling terminal at all; `input` is waiting on stdin.
    static func runWithoutTerminal(arguments: [String], environment: [String: String], input: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let stdin = try PseudoTerminalCalls.pipe(), stdout = try PseudoTerminalCalls.pipe(), stderr = try PseudoTerminalCalls.pipe()
        let bytes = Array(input.utf8)
        _ = bytes.withUnsafeBytes { write(stdin.write, $0.baseAddress, $0.count) }
        close(stdin.write)
        let pid = try spawn(arguments: arguments, environment: environment, newSession: true) { actions in
            posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
            posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
            posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        }
        close(stdin.read)
        close(stdout.write)
        close(stderr.write)
        let out = readAll(stdout.read), err = readAll(stderr.read)
        var raw: Int32 = 0
        waitpid(pid, &raw, 0)
        return ((raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f), out, err)
    }

    private static func readAll(_ descriptor: Int32) -> String {
        defer { close(descriptor) }
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            all += chunk[..<count]
        }
        return String(decoding: all, as: UTF8.self)
    }
}
