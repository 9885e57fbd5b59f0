import AirlockCore
import Foundation
import MCP

/// `airlock mcp`'s server: the agent tools over MCP on one transport, for one agent. The
/// client's `initialize` registers the agent as working on the `mcp` channel; the end of
/// the session reports it exited.
public struct AgentMCPServer: Sendable {
    public let service: any AgentService
    /// `--agent` or `$AIRLOCK_AGENT`; nil to take the client's name.
    public let configuredAgent: String?
    public let version: String
    /// Where diagnostics go (stderr): never the protocol's output.
    public let diagnose: @Sendable (String) -> Void

    public init(service: any AgentService, configuredAgent: String?, version: String, diagnose: @escaping @Sendable (String) -> Void) {
        self.service = service
        self.configuredAgent = configuredAgent
        self.version = version
        self.diagnose = diagnose
    }

    /// Serves until the client closes the transport or `transport` is disconnected, then
    /// waits (at most `drainSeconds`) for answers still owed and reports the agent exited.
    public func run(on transport: LineTransport, drainSeconds: Double = AgentToolCatalog.longestWait + 5) async throws {
        let session = AgentSession(service: service, configured: configuredAgent, diagnose: diagnose)
        let server = await makeServer(session)
        try await server.start(transport: transport) { client, _ in
            await session.register(client: client)
        }
        await server.waitUntilCompleted()
        await transport.drain(within: drainSeconds)
        await session.end()
    }

    func makeServer(_ session: AgentSession) async -> Server {
        let server = Server(
            name: "airlock", version: version, title: "Airlock", instructions: AgentToolCatalog.instructions,
            capabilities: .init(tools: .init(listChanged: false)))
        let tools = AgentToolCatalog.tools.map(\.mcpTool)
        let service = self.service
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { params in
            let agent = await session.agent
            switch ArgumentEnvelope.unwrap(params.arguments) {
            case .success(let arguments):
                return await AgentTools(service: service, agent: agent).call(params.name, arguments: arguments).mcpResult
            case .failure(let error):
                return ToolReply.failure(ToolFailure.escaped(error.message), argument: error.argument).mcpResult
            }
        }
        return server
    }
}

/// Who the session is and whether it registered, shared by the handlers.
actor AgentSession {
    private let service: any AgentService
    private let configured: String?
    private let diagnose: @Sendable (String) -> Void
    private var clientName: String?
    private var registered = false

    init(service: any AgentService, configured: String?, diagnose: @escaping @Sendable (String) -> Void) {
        self.service = service
        self.configured = configured
        self.diagnose = diagnose
    }

    /// The agent name in force: the configured one, else the client's, else `mcp`.
    var agent: String {
        configured ?? clientName.map(AgentName.sanitised) ?? AgentName.fallback
    }

    /// The client said who it is: the agent is working, on the `mcp` channel.
    func register(client: Client.Info) async {
        clientName = client.name
        registered = true
        let activity = "connected over MCP from \(String(client.name.prefix(64))) \(String(client.version.prefix(32)))"
        await report(.working, activity: activity)
    }

    /// The session is over: the agent exited, if it ever registered.
    func end() async {
        guard registered else { return }
        registered = false
        await report(.exited, activity: "MCP session ended")
    }

    private func report(_ state: AgentState, activity: String) async {
        do {
            try await service.reportStatus(AgentStatusReport(agent: agent, state: state, activity: activity, channel: Channel.mcp.rawValue))
        } catch {
            diagnose("cannot report \(agent) \(state.rawValue): \(error)")
        }
    }
}
