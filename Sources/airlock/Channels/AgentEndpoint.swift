import AirlockCore
import ArgumentParser
import Foundation

/// Where an agent's channel (`airlock mcp`, `airlock hook`) reaches the review service.
/// Every channel gets it through here, so that a channel inside a sandbox can be pointed
/// at a broker instead of the store.
struct AgentEndpoint: ParsableArguments {
    @OptionGroup var target: ManagedWorkspaceOption

    /// The agent-facing verbs, on the workspace's store (`.longLived` for a server that
    /// stays up, `.oneShot` for a hook that answers once).
    func service(_ access: AirlockStore.Access) throws -> any AgentService {
        try target.service(access)
    }
}
