import AirlockCore
import Foundation

/// Makes a request's call on the service, as the agent the broker is bound to when it is
/// bound to one, and gives the answer line.
struct BrokerCalls: Sendable {
    let service: any AgentService
    /// The only agent this broker acts as, or nil for any.
    let agent: String?

    func answer(_ request: BrokerRequest) async -> Data {
        do {
            return try await result(request)
        } catch {
            return BrokerResponse.error(request.id, BrokerError(serving: error))
        }
    }

    private func result(_ request: BrokerRequest) async throws -> Data {
        let id = request.id
        switch request.call {
        case .proposals(var filter):
            if let agent {
                try allow(filter.agent ?? agent, "list the proposals of")
                filter.agent = agent
            }
            return try BrokerResponse.result(id, try await service.proposals(filter))
        case .proposal(let proposal):
            try await allowProposal(proposal)
            return try BrokerResponse.result(id, try await service.proposal(proposal))
        case .propose(let submission):
            try allow(submission.agent, "propose as")
            return try BrokerResponse.result(id, try await service.propose(submission))
        case .withdraw(let proposal, let name):
            try allow(name, "withdraw as")
            try await allowProposal(proposal)
            return try BrokerResponse.result(id, try await service.withdraw(proposal, agent: name))
        case .waitForOutcome(let proposal, let timeout):
            if let timeout, !(timeout >= 0 && timeout.isFinite) {
                throw BrokerError(.invalid, "timeout must be a number of seconds ≥ 0")
            }
            try await allowProposal(proposal)
            return try BrokerResponse.result(id, try await service.waitForOutcome(proposal, timeout: timeout))
        case .reportStatus(let report):
            try allow(report.agent, "report the status of")
            try await service.reportStatus(report)
            return try BrokerResponse.result(id, BrokerResponse.Empty())
        case .reportOutput(let name, let tail):
            try allow(name, "report the output of")
            try await service.reportOutput(agent: name, tail: tail)
            return try BrokerResponse.result(id, BrokerResponse.Empty())
        case .cancel:
            // The connection handles cancels; one that reaches here ended nothing.
            return try BrokerResponse.result(id, BrokerResponse.Empty())
        }
    }

    /// Refuses to act as another agent than the bound one.
    private func allow(_ name: String, _ what: String) throws {
        guard let agent, name != agent else { return }
        throw BrokerError(.forbidden, "this broker acts for agent \(agent) only: it cannot \(what) agent \(VisibleText.escape(name))")
    }

    /// Another agent's proposal is, to a bound broker, one that does not exist.
    private func allowProposal(_ id: Int64) async throws {
        guard let agent else { return }
        if try await service.proposals(ProposalFilter(agent: agent, ids: [id])).isEmpty {
            throw BrokerError(.notFound, StoreError.noSuchProposal(id).description)
        }
    }
}
