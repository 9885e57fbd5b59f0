import AirlockCore
import Foundation

/// `git`, run by the runner outside any sandbox. Its environment drops whatever git
/// variables this process inherited (a hook's `GIT_DIR` would point it elsewhere) and
/// never prompts.
struct Git: Sendable {
    /// Variables added to every call (`GIT_DIR`, `GIT_INDEX_FILE`, …).
    var environment: [String: String] = [:]
    /// Arguments before the subcommand (`-C DIR`, `--git-dir=…`, `-c key=value`).
    var options: [String] = []

    /// Runs `git OPTIONS ARGUMENTS` and returns its standard output; a non-zero exit
    /// throws with what git said.
    @discardableResult
    func run(_ arguments: [String], input: [UInt8]? = nil) throws -> [UInt8] {
        let outcome = try outcome(arguments, input: input)
        guard outcome.succeeded else {
            throw GitFailure(arguments: arguments, status: outcome.termination.description, message: String(decoding: outcome.standardError, as: UTF8.self))
        }
        return outcome.standardOutput
    }

    /// The same, as text without the trailing newline.
    func text(_ arguments: [String]) throws -> String {
        String(decoding: try run(arguments), as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// Runs it and returns how it ended, whatever the status.
    func outcome(_ arguments: [String], input: [UInt8]? = nil) throws -> ProcessOutcome {
        try SystemProcessRunner().run(ProcessCommand(
            "git", options + arguments, environment: callEnvironment(), standardInput: input.map { .bytes($0) } ?? .null,
            timeout: .seconds(120), detachedFromTerminal: true))
    }

    private func callEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        for (key, value) in self.environment { environment[key] = value }
        return environment
    }
}

/// A git command that did not succeed.
struct GitFailure: Error, CustomStringConvertible {
    var arguments: [String]
    var status: String
    var message: String

    var description: String {
        let said = message.trimmingCharacters(in: .whitespacesAndNewlines)
        return "git \(arguments.first ?? "") failed (\(status))\(said.isEmpty ? "" : ": " + VisibleText.escape(said))"
    }
}
