#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation
import Synchronization

/// What `airlock run` was asked to do.
public struct RunRequest: Sendable {
    public var agent: String
    public var command: [String]
    /// The workspace's root.
    public var workspace: String
    public var sandbox: Bool
    public var network: Bool
    /// Keep the checkout (and its branch) when the agent ends.
    public var keep: Bool
    /// Run through `/bin/sh -c` in the checkout when a proposal is rejected.
    public var onReject: String?

    public init(agent: String, command: [String], workspace: String, sandbox: Bool, network: Bool = true, keep: Bool = false, onReject: String? = nil) {
        self.agent = agent
        self.command = command
        self.workspace = workspace
        self.sandbox = sandbox
        self.network = network
        self.keep = keep
        self.onReject = onReject
    }
}

/// How a run ended.
public struct RunSummary: Sendable, Equatable {
    /// The proposals it made, in order.
    public var proposals: [Int64]
    /// The agent's status as a shell reports it (128 + signal when a signal ended it).
    public var status: Int32
    public var checkout: String
    /// The checkout is still there (`--keep`, or commits were left unproposed).
    public var kept: Bool
}

/// The worktree runner: gives an agent its own checkout, runs it there (sandboxed or
/// not) with its output passed through and its tail reported, turns its commits and its
/// uncommitted work into proposals, and tells it about rejections.
public struct WorktreeRunner: Sendable {
    public var request: RunRequest
    public var service: any AgentService
    /// Serves the agent-facing verbs on a Unix socket at the path given, bound to the
    /// agent's name; returns the call that stops it. Nil runs without a socket.
    public var serveSocket: (@Sendable (_ path: String) throws -> @Sendable () -> Void)?
    public var pollInterval: Duration = .milliseconds(250)
    public var outputInterval: Duration = .milliseconds(500)
    public var stopGrace: Duration = .seconds(5)

    public init(request: RunRequest, service: any AgentService, serveSocket: (@Sendable (_ path: String) throws -> @Sendable () -> Void)?) {
        self.request = request
        self.service = service
        self.serveSocket = serveSocket
    }

    /// bubblewrap's path, or why it cannot start here.
    static func bubblewrap() throws -> String {
        switch BubblewrapProbe.shared {
        case .available(let path): return path
        case .unavailable(let reason): throw RunnerError.sandboxUnavailable(reason)
        }
    }

    /// Runs the agent to its end.
    public func run() async throws -> RunSummary {
        let bubblewrap = request.sandbox ? try Self.bubblewrap() : nil
        guard ManagedWorkspace.isValidAgentName(request.agent) else { throw CheckoutError.badName(request.agent) }
        let (gitDirectory, _) = try AgentCheckout.repository(of: request.workspace)
        let registry = RunRegistry(gitDirectory: gitDirectory)
        var record = RunRecord(
            agent: request.agent, pid: getpid(), startTicks: RunRegistry.ownStartTicks(), agentPid: nil,
            worktree: AgentCheckout.airlockDirectory(gitDirectory: gitDirectory) + "/worktrees/" + request.agent,
            started: Int64(Date().timeIntervalSince1970 * 1000), sandboxed: request.sandbox, command: request.command, proposals: [])
        try registry.claim(record)
        defer { registry.release(request.agent) }
        let checkout = try AgentCheckout.create(workspace: request.workspace, agent: request.agent)
        record.worktree = checkout.path
        let changes: AgentChanges
        do {
            changes = try AgentChanges(checkout: checkout, runsDirectory: registry.directory)
        } catch {
            try? checkout.remove()
            throw error
        }
        defer { changes.remove() }
        let session = RunSession(runner: self, checkout: checkout, changes: changes, registry: registry, record: record, bubblewrap: bubblewrap)
        let summary = await session.run()
        if !summary.kept { try? checkout.remove() }
        return summary
    }
}

/// Writes a runner message to standard error, each line escaped (with `\r\n` while the
/// terminal is raw).
func runnerMessage(_ text: String, raw: Bool) {
    let end = raw ? "\r\n" : "\n"
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { VisibleText.escape(String($0), keepTabs: true) }
    FileHandle.standardError.write(Data(("airlock run: " + lines.joined(separator: end + "  ") + end).utf8))
}
