#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation

/// Runs the reviewer's editor on a temporary file, attached to the terminal the review
/// reads from, and returns what was saved without its `#` lines.
struct FeedbackEditor {
    enum Failure: Error, CustomStringConvertible {
        case cannotStart(String, ProcessRunnerError)
        case ended(String, ProcessOutcome.Termination)

        var description: String {
            switch self {
            case .cannotStart(let command, let error): return "cannot start `\(command)`: \(error)"
            case .ended(let command, .exited(let status)): return "`\(command)` exited with status \(status)"
            case .ended(let command, let termination): return "`\(command)` was \(termination)"
            }
        }
    }

    /// A shell command, as git runs `core.editor`: it may carry arguments.
    let command: String
    let terminal: Int32
    var runner: any ProcessRunner = SystemProcessRunner()

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

    /// The editor's command: the shell runs it with the file as its last argument.
    func invocation(on path: String) -> ProcessCommand {
        ProcessCommand(
            "/bin/sh", ["-c", command + " \"$@\"", command, path],
            standardInput: .descriptor(terminal), standardOutput: .descriptor(terminal), standardError: .descriptor(terminal))
    }

    private func run(on path: String) throws {
        // ^C in the editor reaches the whole foreground group; like git, let the editor
        // handle it and keep the review alive. The runner gives the editor the default
        // handlers back.
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        let outcome: ProcessOutcome
        do throws(ProcessRunnerError) {
            outcome = try runner.run(invocation(on: path))
        } catch {
            throw Failure.cannotStart(command, error)
        }
        guard outcome.succeeded else { throw Failure.ended(command, outcome.termination) }
    }
}
