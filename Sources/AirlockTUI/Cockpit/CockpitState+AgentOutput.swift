import AirlockCore

extension CockpitState {
    /// The selected agent's output is on screen and moving: the agents are read again
    /// about twice a second, since output is live state and brings no event (and only
    /// then: a cockpit left open on idle agents reads nothing).
    public var followsAgentOutput: Bool {
        guard let agent = agents.selectedAgent, AgentDetail.isLive(agent, now: now), let rect = Layout(self)?.panes[.agents] else { return false }
        return AgentsPane.listRows(self, height: rect.inner.height) < rect.inner.height
    }
}
