import AirlockAgents
import AirlockCore
import ArgumentParser
import Foundation

/// Where an agent's channel (`airlock mcp`, `airlock hook`, `propose`, `status`, `wait`,
/// `withdraw`) reaches the review service: a broker's socket when one is given
/// (`--socket`, or `$AIRLOCK_SOCKET` as the runner sets it inside a sandbox, where the store
/// is out of sight), else the workspace's store.
struct AgentEndpoint: ParsableArguments {
    @OptionGroup var target: ManagedWorkspaceOption

    @Option(help: ArgumentHelp(
        "Reach Airlock through the broker at this socket instead of the store (default: $AIRLOCK_SOCKET, unless --workspace is given).",
        valueName: "path"))
    var socket: String?

    /// The broker's socket this channel uses, if any: `--socket`, else `$AIRLOCK_SOCKET`
    /// unless `--workspace` names the store to use.
    func socketPath(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let socket {
            guard target.workspace == nil else {
                throw CommandFailure.fail("--socket and --workspace: give one (a broker serves one workspace)", code: CommandFailure.unusableInput)
            }
            return socket
        }
        guard target.workspace == nil, let path = environment[BrokerProtocol.socketVariable], !path.isEmpty else { return nil }
        return path
    }

    /// The agent-facing verbs, through the broker or on the workspace's store (`.longLived`
    /// for a server that stays up, `.oneShot` for a hook that answers once).
    func service(_ access: AirlockStore.Access) throws -> any AgentService {
        switch try connect(access) {
        case .broker(let client): client
        case .store(let service): service
        }
    }

    /// The calls that do not wait, made on the caller's thread: what a one-shot command
    /// uses, without starting Swift's concurrency runtime.
    func blocking(_ access: AirlockStore.Access = .oneShot) throws -> Connection {
        try connect(access)
    }

    /// What a channel reached.
    enum Connection {
        case broker(BrokerClient)
        case store(LocalReviewService)

        var calls: any BlockingAgentCalls {
            switch self {
            case .broker(let client): client.blocking
            case .store(let service): service.blocking
            }
        }

        /// The agent a bound broker acts for: the name to use when none is given.
        var boundAgent: String? {
            if case .broker(let client) = self { return client.agent }
            return nil
        }

        /// An agent's name: the one given, else `$AIRLOCK_AGENT`, else the bound broker's agent.
        func agent(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
            given ?? environment["AIRLOCK_AGENT"].flatMap { $0.isEmpty ? nil : $0 } ?? boundAgent
        }
    }

    private func connect(_ access: AirlockStore.Access) throws -> Connection {
        guard let path = try socketPath() else { return .store(try target.service(access)) }
        do {
            return .broker(try BrokerClient(socketPath: path))
        } catch {
            throw CommandFailure.fail("\(error)", code: 1)
        }
    }
}

/// The agent-facing calls that do not wait, on the caller's thread: on the store, or
/// through a broker.
protocol BlockingAgentCalls {
    func proposals(_ filter: ProposalFilter) throws -> [ProposalSummary]
    func proposal(_ id: Int64) throws -> ProposalDetail
    func propose(_ submission: Submission) throws -> SubmissionReceipt
    func withdraw(_ id: Int64, agent: String) throws -> ProposalSummary
    func reportStatus(_ report: AgentStatusReport) throws
    func reportOutput(agent: String, tail: String) throws
}

extension LocalReviewService.Blocking: BlockingAgentCalls {}
extension BrokerClient.Blocking: BlockingAgentCalls {}
