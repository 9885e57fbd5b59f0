import AirlockCore
import Foundation

/// A temporary managed workspace with proposals queued in-process, and `airlock review`
/// run on it through a pseudo-terminal.
struct ReviewFixture {
    let root: URL
    let workspace: ManagedWorkspace

    /// `config` is written as `.airlock/config.toml` before the workspace is initialised.
    init(files: [String: String], config: String? = nil) throws {
        root = try CLIHarness.temporaryDirectory()
        for (path, text) in files { try CLIHarness.write(text, to: path, in: root) }
        if let config { try CLIHarness.write(config, to: ".airlock/config.toml", in: root) }
        workspace = try ManagedWorkspace.initialize(at: root.path)
    }

    @discardableResult
    func propose(_ diff: String, title: String? = nil, agent: String = "coder-1", rationale: String = "") throws -> Proposal {
        try workspace.propose(ProposalRequest(agent: agent, title: title, rationale: rationale, input: Bytes(Array(diff.utf8)))).proposal
    }

    /// The proposal as the store holds it now.
    func proposal(_ id: Int64) throws -> Proposal {
        guard let proposal = try workspace.store.proposal(id) else { throw PseudoTerminalError(description: "no proposal #\(id)") }
        return proposal
    }

    func read(_ path: String) throws -> String {
        try CLIHarness.read(path, in: root)
    }

    /// A clean environment: UTF-8, no colour, no editor unless `extra` names one.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp",
            "LANG": "C.UTF-8",
            "TERM": "xterm",
            "NO_COLOR": "1",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// `airlock review ARGS --workspace ROOT` on a terminal of its own.
    func review(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> PseudoTerminal {
        try PseudoTerminal(arguments: ["review"] + arguments + ["--workspace", root.path], environment: Self.environment(environment))
    }
}
