import AirlockCore
import Foundation

/// A managed git workspace for `airlock run` tests: one commit holding `a.txt`, the real
/// binary started in the background, and the review core to look and decide with.
struct RunnerFixture {
    let root: URL
    /// A directory outside the workspace for what agents and tests leave behind.
    let outside: URL

    init() throws {
        root = try ManagedWorkspaceFixture.directory()
        outside = try ManagedWorkspaceFixture.directory()
        try CLIHarness.write("one\ntwo\nthree\n", to: "a.txt", in: root)
        try git(["init", "-q"])
        try git(["add", "a.txt"])
        try git(["commit", "-qm", "start"])
        let initialized = try CLIHarness.run(["init"], in: root)
        guard initialized.status == 0 else { throw RunnerFixtureError(description: "airlock init: \(initialized.stderr)") }
    }

    @discardableResult
    func git(_ arguments: [String], in directory: URL? = nil) throws -> String {
        let outcome = try SystemProcessRunner().run(ProcessCommand(
            "git", ["-C", (directory ?? root).path, "-c", "user.name=test", "-c", "user.email=test@example.com"] + arguments))
        guard outcome.succeeded else {
            throw RunnerFixtureError(description: "git \(arguments.joined(separator: " ")): \(String(decoding: outcome.standardError, as: UTF8.self))")
        }
        return String(decoding: outcome.standardOutput, as: UTF8.self)
    }

    /// The agent's checkout.
    var checkoutRoot: URL { root.appendingPathComponent(".git/airlock/worktrees") }
    func checkout(_ agent: String) -> URL { checkoutRoot.appendingPathComponent(agent) }

    /// `airlock run ARGUMENTS` in the background, its output (stdout and stderr) logged.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> BackgroundProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "agent"
        environment["GIT_AUTHOR_EMAIL"] = "agent@example.com"
        environment["GIT_COMMITTER_NAME"] = "agent"
        environment["GIT_COMMITTER_EMAIL"] = "agent@example.com"
        environment["OUT"] = outside.path
        for (key, value) in extra { environment[key] = value }
        let log = outside.appendingPathComponent("runner-\(UUID().uuidString).log")
        return try BackgroundProcess(
            [CLIHarness.executable.path, "run", "--workspace", root.path] + arguments, environment: environment, log: log)
    }

    /// `airlock ARGUMENTS` on the workspace, to its end.
    func airlock(_ arguments: [String]) throws -> CLIHarness.Result {
        try CLIHarness.run(arguments + ["--workspace", root.path], in: root)
    }

    // MARK: - the review core

    func service() throws -> LocalReviewService {
        LocalReviewService(workspace: try ManagedWorkspace.open(root: root.path).workspace)
    }

    func proposals() throws -> [ProposalSummary] {
        try service().blocking.proposals(.all)
    }

    func proposal(_ id: Int64) throws -> Proposal {
        try service().blocking.proposal(id).proposal
    }

    /// Waits until `condition` holds or `seconds` pass; returns whether it held.
    @discardableResult
    static func eventually(_ seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    /// Waits for the runner to end; its exit status, or nil when it did not end in time.
    static func finish(_ runner: BackgroundProcess, seconds: Double = 30) -> Int32? {
        eventually(seconds) { runner.exitStatus() != nil }
        return runner.exitStatus()
    }

    func approve(_ id: Int64) throws {
        let terminal = try ReviewerTerminal()
        let service = try service()
        let proposal = try self.proposal(id)
        _ = try service.blocking.approve(Approval(id: id, shownDigest: proposal.digest), by: try terminal.reviewer())
        _ = try service.blocking.apply(id)
    }

    func reject(_ id: Int64, feedback: String, comments: [LineComment] = []) throws {
        let terminal = try ReviewerTerminal()
        let proposal = try self.proposal(id)
        _ = try service().blocking.reject(Rejection(id: id, shownDigest: proposal.digest, feedback: feedback, comments: comments), by: try terminal.reviewer())
    }

    /// A shell agent as one argument for `sh -c`.
    static func agent(_ lines: String...) -> [String] {
        ["--", "/bin/sh", "-c", "set -e\n" + lines.joined(separator: "\n")]
    }
}

struct RunnerFixtureError: Error, CustomStringConvertible {
    var description: String
}
