import AirlockCore

/// The socket a running agent reaches Airlock through: a broker bound to its name, served
/// by the runner in the agent's checkout.
enum RunSocket {
    /// Nil until the broker is in: the agent then has no socket.
    static func serve(service: any AgentService, agent: String) -> (@Sendable (_ path: String) throws -> @Sendable () -> Void)? {
        nil
    }
}
