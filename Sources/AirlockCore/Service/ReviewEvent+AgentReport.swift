import Foundation

extension ReviewEvent {
    /// The whole status report an `agent_status` event records — its channel and plan as
    /// well as the state and activity `change` carries — so that a follower updates an
    /// agent's row without reading every agent again. Nil for any other event, or details
    /// that do not read as a report.
    public var agentReport: AgentStatusReport? {
        guard case .agentStatus(let state, let activity) = change,
              let fields = try? JSONDecoder().decode(ReportFields.self, from: Data(details.utf8))
        else { return nil }
        return AgentStatusReport(agent: actor, state: state, activity: activity, channel: fields.channel, plan: fields.plan)
    }

    private struct ReportFields: Decodable {
        var channel: String?
        var plan: [PlanItem]?
    }
}
