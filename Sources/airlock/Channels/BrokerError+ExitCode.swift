import AirlockAgents

extension BrokerError {
    /// The exit code the same failure has when a command works on the store: 2 for what
    /// cannot be used at all (no such proposal, an unreadable patch), 1 for a refusal.
    var exitCode: Int32 {
        switch kind {
        case .notFound, .unusable, .invalid, .malformed, .unknownCall: CommandFailure.unusableInput
        default: 1
        }
    }
}
