import AirlockCore

/// The status an agent's lifecycle events report: a prompt sets it working, a wait for
/// the person blocked, the end of a turn idle, the end of the session exited.
public enum HookStatus {
    /// The report for `event`, or nil when the event says nothing about the agent's state.
    public static func report(_ event: HookEvent, agent: String) -> AgentStatusReport? {
        let channel = Channel.hook.rawValue
        switch event.kind {
        case .promptSubmitted:
            return AgentStatusReport(agent: agent, state: .working, activity: "working on a prompt", channel: channel)
        case .waitingForPerson(let message):
            return AgentStatusReport(agent: agent, state: .blocked, activity: String(message.prefix(500)), channel: channel)
        case .turnEnded:
            return AgentStatusReport(agent: agent, state: .idle, activity: "turn ended", channel: channel)
        case .sessionStarted:
            return AgentStatusReport(agent: agent, state: .working, activity: "session started", channel: channel)
        case .sessionEnded:
            return AgentStatusReport(agent: agent, state: .exited, activity: "session ended", channel: channel)
        case .toolUse, .otherNotification:
            return nil
        }
    }

    /// The report of a plan the agent just wrote: it keeps working, with these items.
    public static func plan(_ items: [PlanItem], agent: String) -> AgentStatusReport {
        let doing = items.first { $0.status == .inProgress }?.text
        return AgentStatusReport(agent: agent, state: .working, activity: doing.map { String($0.prefix(200)) }, channel: Channel.hook.rawValue, plan: items)
    }

    /// `--agent`, else `<kind>-<first 8 characters of the session id>` with every
    /// character an agent name may not have replaced by `-`; the kind alone without one.
    public static func agentName(given: String?, agent: HookAgent, sessionID: String?) -> String {
        if let given { return given }
        guard let sessionID, !sessionID.isEmpty else { return agent.rawValue }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars)
        let part = String(String.UnicodeScalarView(sessionID.unicodeScalars.prefix(8).map { allowed.contains($0) ? $0 : "-" }))
        return agent.rawValue + "-" + part
    }
}
