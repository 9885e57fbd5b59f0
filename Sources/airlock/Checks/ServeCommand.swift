import AirlockAgents
import AirlockCore
import ArgumentParser
import Foundation
import Synchronization

/// `airlock serve`: runs checks headless for as long as it lives, claiming them through
/// the store like every cockpit does, and stops cleanly on SIGINT or SIGTERM. With
/// `--socket`, it also serves the agent-facing verbs to agents that cannot reach the store
/// (a sandbox) through a broker there.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run proposals' checks headless until interrupted (alongside or instead of a cockpit).",
        discussion: """
            With --socket PATH, agents also reach Airlock through a broker at that Unix socket \
            (mode 0600, in a directory of yours): propose, list and read their proposals, wait, \
            withdraw and report status — never a decision. Point a channel at it with \
            AIRLOCK_SOCKET=PATH or --socket PATH. With --agent NAME, the broker acts as that \
            agent only.
            """
    )

    @OptionGroup var target: ManagedWorkspaceOption

    @Option(help: ArgumentHelp("Also serve agents through a broker at this Unix socket.", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("Bind the broker to this agent: every call acts as it, and sees only its proposals.", valueName: "name"))
    var agent: String?

    func validate() throws {
        if agent != nil && socket == nil { throw ValidationError("--agent names the agent a broker serves: give --socket PATH too") }
        if let agent, !ManagedWorkspace.isValidAgentName(agent) {
            throw ValidationError("--agent \(VisibleText.escape(agent)): not an agent name (1 to 64 letters, digits, '.', '_', '-')")
        }
    }

    func run() throws {
        let workspace = try target.open(.longLived)
        guard workspace.store.access != .observer else {
            throw CommandFailure.fail("this user may only look at the store here: checks cannot be run", code: 1)
        }
        let runner = CheckRunner(workspace: workspace)
        let stop = StopSignals.install()
        let broker = try socket.map { try Self.startBroker(workspace, at: $0, agent: agent) }
        defer { broker?.stop() }
        let sandbox = workspace.config.checks.sandbox == .off ? " (sandbox = \"off\": checks run UNSANDBOXED)" : ""
        emit("airlock serve: running checks in \(VisibleText.escape(workspace.root)) as \(VisibleText.escape(runner.identity))\(sandbox)\n")
        runner.serve(
            stop: { stop.isSet },
            started: { run in emit(CheckLine.started(run)) },
            finished: { run in emit(CheckLine.finished(run)) },
            failed: { error in CommandFailure.report("\(error)") })
        emit("airlock serve: stopped\n")
    }

    private static func startBroker(_ workspace: ManagedWorkspace, at path: String, agent: String?) throws -> BrokerServer {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let broker = BrokerServer(service: LocalReviewService(workspace: workspace), socketPath: absolute, agent: agent)
        do {
            try broker.start()
        } catch {
            throw CommandFailure.fail("\(error)", code: 1)
        }
        let whom = agent.map { "agent \($0) only" } ?? "any agent"
        emit("airlock serve: broker for \(whom) at \(VisibleText.escape(absolute))\n")
        return broker
    }
}

/// SIGINT and SIGTERM set a flag instead of ending the process, so a check in progress
/// is finished (or its command killed by its timeout) and its claim settled.
enum StopSignals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let flag = Atomic<Bool>(false)

    static func install() -> Flag {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { flag.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
        return Flag()
    }

    struct Flag {
        var isSet: Bool { StopSignals.flag.load(ordering: .relaxed) }
    }
}
