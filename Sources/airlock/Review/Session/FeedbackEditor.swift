#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs the reviewer's editor on a temporary file, attached to the terminal the review
/// reads from, and returns what was saved without its `#` lines.
struct FeedbackEditor {
    enum Failure: Error, CustomStringConvertible {
        case cannotStart(String, Int32)
        case exited(String, Int32)

        var description: String {
            switch self {
            case .cannotStart(let command, let code): return "cannot start `\(command)`: \(String(cString: strerror(code)))"
            case .exited(let command, let status): return "`\(command)` exited with status \(status)"
            }
        }
    }

    /// A shell command, as git runs `core.editor`: it may carry arguments.
    let command: String
    let terminal: Int32

    func edit(template: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-feedback-\(UUID().uuidString).txt").path
        guard FileManager.default.createFile(atPath: path, contents: Data(template.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        try run(on: path)
        let saved = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        return Feedback.strippingComments(saved)
    }

    private func run(on path: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, terminal, target) }

        let arguments = ["/bin/sh", "-c", command + " \"$@\"", command, path]
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, &envp)
        guard spawned == 0 else { throw Failure.cannotStart(command, spawned) }

        // ^C in the editor reaches the whole foreground group; like git, let the editor
        // handle it and keep the review alive.
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure.cannotStart(command, errno) }
        }
        let exitedNormally = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exitedNormally, code == 0 else { throw Failure.exited(command, exitedNormally ? code : 128 + (status & 0x7f)) }
    }
}
