import AirlockCore

/// The gate on an agent's file tools: queues the write as a proposal, waits for the
/// reviewer up to a bound below the agent's hook timeout, and says what the agent may do.
/// It only proposes, waits and reports status; deciding is not among the verbs it has.
public struct HookGate: Sendable {
    public let service: any AgentService
    public let agent: String
    /// How long to wait for a decision, in seconds.
    public let waitSeconds: Double

    public init(service: any AgentService, agent: String, waitSeconds: Double) {
        self.service = service
        self.agent = agent
        self.waitSeconds = waitSeconds
    }

    /// Queues `change` (or finds it already queued) and answers once it is settled or the
    /// bound passes. A change the workspace refuses is denied with the reason; an error
    /// of the store or of the agent's name is thrown, and the command blocks the tool.
    public func decide(_ change: HookChange) async throws -> HookVerdict {
        let receipt: SubmissionReceipt
        do {
            receipt = try await service.propose(change.submission(agent: agent))
        } catch ProposalError.empty {
            return .allow("Airlock: this \(change.tool) changes nothing in the workspace.")
        } catch let error as PatchFormatError {
            return .deny("Airlock refused this \(change.tool): \(HookOutcomeText.escaped(error.description)). Nothing was queued.")
        } catch let refusal as ApplyRefusal {
            return .deny("Airlock refused this \(change.tool): \(HookOutcomeText.escaped(refusal.description)). Nothing was queued.")
        } catch let quota as QuotaExceeded {
            return .deny("Airlock refused this \(change.tool): \(HookOutcomeText.escaped(quota.description)). Nothing was queued.")
        }
        let id = receipt.proposal.id
        try? await service.reportStatus(AgentStatusReport(
            agent: agent, state: .waiting, activity: "waiting for review of #\(id): \(receipt.proposal.title)", channel: Channel.hook.rawValue))
        let outcome = try await service.waitForOutcome(id, timeout: waitSeconds)
        var leftOut: [String]?
        if outcome.state == .applied, !outcome.timedOut {
            leftOut = HookOutcomeText.leftOut(try await service.proposal(id))
        }
        let heard = outcome.timedOut ? "#\(id) still awaits review" : "#\(id) \(outcome.state.rawValue)"
        try? await service.reportStatus(AgentStatusReport(agent: agent, state: .working, activity: heard, channel: Channel.hook.rawValue))
        return HookOutcomeText.verdict(change, outcome: outcome, leftOut: leftOut, waited: waitSeconds)
    }
}
