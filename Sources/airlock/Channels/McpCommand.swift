import AirlockAgents
import AirlockCore
import ArgumentParser
import Foundation

/// `airlock mcp`: the agent tools served over MCP on stdin and stdout, for an agent's MCP
/// client to start. stdout carries protocol messages only; diagnostics go to stderr.
struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the agent tools over MCP on stdio (for agents' MCP clients to start).",
        discussion: """
            Tools: propose_patch, propose_edit, propose_write, proposal_status, \
            wait_for_decision, report_status, list_proposals, withdraw. None decides: a person \
            approves or rejects in `airlock review` or the cockpit. The agent's name is --agent, \
            else $AIRLOCK_AGENT, else the MCP client's own name, else `mcp`; the session marks \
            it working when the client connects and exited when it ends (stdin closed, SIGTERM \
            or SIGINT).
            """
    )

    @Option(help: "The agent's name (default: $AIRLOCK_AGENT, else the MCP client's name, else `mcp`).")
    var agent: String?

    @OptionGroup var endpoint: AgentEndpoint

    func run() async throws {
        let configured: String?
        do {
            configured = try AgentName.configured(option: agent, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        }
        let service = try endpoint.service(.longLived)
        // A client that goes away mid-answer must not kill the server with SIGPIPE before
        // it reports the agent exited.
        signal(SIGPIPE, SIG_IGN)
        let transport = LineTransport()
        McpStopSignals.install { Task { await transport.disconnect() } }
        let server = AgentMCPServer(service: service, configuredAgent: configured, version: "unreleased") { message in
            CommandFailure.report("mcp: \(message)")
        }
        do {
            try await server.run(on: transport)
        } catch {
            throw CommandFailure.fail("mcp: \(error)", code: 1)
        }
    }
}

/// SIGINT and SIGTERM end the session the way a closed stdin does: the agent is reported
/// exited before the process ends.
enum McpStopSignals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install(_ stop: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            sources.append(source)
        }
    }
}
