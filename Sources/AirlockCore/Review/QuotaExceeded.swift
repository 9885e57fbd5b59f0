/// A submission over one of the workspace's quotas (`[quota]` in `.airlock/config.toml`):
/// refused before anything is stored. The message names the limit and the key that
/// raises it.
public enum QuotaExceeded: Error, Equatable, CustomStringConvertible {
    case proposalBytes(bytes: Int, limit: Int)
    case waitingPerAgent(agent: String, waiting: Int, limit: Int)

    public var description: String {
        switch self {
        case .proposalBytes(let bytes, let limit):
            return "the submission is \(bytes) bytes, over the limit of \(limit) bytes per proposal: "
                + "split the change, or raise quota.max_proposal_bytes in .airlock/config.toml"
        case .waitingPerAgent(let agent, let waiting, let limit):
            return "agent \(VisibleText.escape(agent)) already has \(waiting) proposals waiting for a decision, the limit is \(limit): "
                + "wait for decisions or withdraw some, or raise quota.max_waiting_per_agent in .airlock/config.toml"
        }
    }
}
