import AirlockAgents
import AirlockCore

/// The socket a running agent reaches Airlock through: a broker bound to its name, served
/// by the runner in the agent's checkout (`.airlock/airlock.sock`, `$AIRLOCK_SOCKET`).
enum RunSocket {
    static func serve(service: any AgentService, agent: String) -> @Sendable (_ path: String) throws -> @Sendable () -> Void {
        { path in
            let broker = BrokerServer(service: service, socketPath: path, agent: agent)
            try broker.start()
            return { broker.stop() }
        }
    }
}
