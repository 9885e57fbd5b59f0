import AirlockAgents
import AirlockCore
import ArgumentParser
import Foundation

/// `airlock run`: the worktree runner, for agents that cannot be hooked. The agent works
/// in a clone of its own; its commits, and what it leaves uncommitted, become proposals.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an agent in a checkout of its own; its commits become proposals.",
        discussion: """
            The agent gets a clone of the workspace (borrowing its objects) on the branch \
            airlock/NAME at HEAD, inside the git directory, and COMMAND runs there with \
            AIRLOCK_AGENT=NAME. Each commit it makes on that branch is proposed (one at a \
            time: a later commit waits until the earlier proposal is applied), and at its \
            end what it left uncommitted. A rejection's feedback is written to \
            .airlock/feedback.md in its checkout and --on-reject runs. Without --sandbox the \
            agent runs as you and can write the workspace; with it, it cannot. Exit status: \
            the agent's.
            """
    )

    @Option(help: "The agent's name (letters, digits, '.', '_', '-').")
    var agent: String?

    @Flag(help: "Run the agent under bubblewrap: only its checkout and its own configuration in $HOME writable; the workspace and the store out of reach.")
    var sandbox = false

    @Flag(name: .customLong("no-network"), help: "With --sandbox: no network (it is on by default, for the agent's model API).")
    var noNetwork = false

    @Flag(help: "Keep the checkout and its branch when the agent ends.")
    var keep = false

    @Option(name: .customLong("on-reject"), help: ArgumentHelp("Run through /bin/sh -c in the checkout when a proposal is rejected, with AIRLOCK_PROPOSAL and AIRLOCK_FEEDBACK_FILE.", valueName: "command"))
    var onReject: String?

    @Flag(help: "List the agents running here.")
    var list = false

    @Option(help: ArgumentHelp("Stop the agent of that name (its uncommitted work is still proposed).", valueName: "name"))
    var stop: String?

    @Flag(help: "With --list: JSON.")
    var json = false

    @OptionGroup var endpoint: AgentEndpoint

    @Argument(parsing: .postTerminator, help: "The agent's command, after --.")
    var command: [String] = []

    func run() async throws {
        if list { return try listRunning() }
        if let stop { return try stopRunning(stop) }
        guard let agent else {
            throw CommandFailure.fail("run needs --agent NAME and a command after --", code: CommandFailure.unusableInput)
        }
        guard !command.isEmpty else {
            throw CommandFailure.fail("run needs the agent's command after --: airlock run --agent \(VisibleText.escape(agent)) -- COMMAND …", code: CommandFailure.unusableInput)
        }
        guard ManagedWorkspace.isValidAgentName(agent) else {
            throw CommandFailure.fail(CheckoutError.badName(agent).description, code: CommandFailure.unusableInput)
        }
        if noNetwork && !sandbox {
            throw CommandFailure.fail("--no-network needs --sandbox: without it the agent runs as you, with your network", code: CommandFailure.unusableInput)
        }
        let root = try workspaceRoot()
        _ = try repository(root)
        let service = try endpoint.service(.longLived)
        if !sandbox {
            CommandFailure.report("""
                run: \(agent) runs as your user, unsandboxed: it can write the workspace and drive `airlock review` itself. \
                Only its commits are proposed for review; --sandbox contains it.
                """)
        }
        let runner = WorktreeRunner(
            request: RunRequest(agent: agent, command: command, workspace: root, sandbox: sandbox, network: !noNetwork, keep: keep, onReject: onReject),
            service: service, serveSocket: RunSocket.serve(service: service, agent: agent))
        let summary: RunSummary
        do {
            summary = try await runner.run()
        } catch {
            throw CommandFailure.fail("run: \(error)", code: CommandFailure.unusableInput)
        }
        if summary.status != 0 { throw ExitCode(summary.status) }
    }

    // MARK: - --list and --stop

    private func listRunning() throws {
        let registry = RunRegistry(gitDirectory: try repository(try workspaceRoot()))
        let records = registry.running()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            emit(String(decoding: try encoder.encode(records), as: UTF8.self) + "\n")
            return
        }
        guard !records.isEmpty else { return emit("no agents running\n") }
        for record in records {
            let started = Date(timeIntervalSince1970: Double(record.started) / 1000).formatted(.iso8601)
            let proposals = record.proposals.isEmpty ? "none" : record.proposals.map { "#\($0)" }.joined(separator: " ")
            emit("""
                \(record.agent)  pid \(record.pid)  started \(started)  \(record.sandboxed ? "sandboxed" : "NOT SANDBOXED")  proposals \(proposals)
                  \(VisibleText.escape(record.worktree))  $ \(VisibleText.escape(record.command.joined(separator: " ")))

                """)
        }
    }

    private func stopRunning(_ name: String) throws {
        let registry = RunRegistry(gitDirectory: try repository(try workspaceRoot()))
        guard ManagedWorkspace.isValidAgentName(name), let record = registry.record(name), record.isAlive else {
            throw CommandFailure.fail(RunnerError.notRunning(name).description, code: 1)
        }
        kill(record.pid, SIGTERM)
        // The runner stops the agent (SIGTERM, SIGKILL after 5 s), proposes what it left
        // uncommitted and removes its checkout.
        let deadline = Date().addingTimeInterval(30)
        while record.isAlive && Date() < deadline { usleep(50_000) }
        if record.isAlive {
            throw CommandFailure.fail("\(name)'s runner (pid \(record.pid)) is still finishing after 30 s", code: 1)
        }
        emit("stopped \(name)\n")
    }

    // MARK: - the workspace

    private func workspaceRoot() throws -> String {
        let start = endpoint.target.workspace ?? FileManager.default.currentDirectoryPath
        guard let root = endpoint.target.workspace != nil ? start : ManagedWorkspace.find(from: start) else {
            throw CommandFailure.fail(WorkspaceError.notManaged(start).description, code: CommandFailure.unusableInput)
        }
        return URL(fileURLWithPath: root).standardizedFileURL.path
    }

    private func repository(_ root: String) throws -> String {
        do {
            return try AgentCheckout.repository(of: root).gitDirectory
        } catch {
            throw CommandFailure.fail("run: \(error)", code: CommandFailure.unusableInput)
        }
    }
}
