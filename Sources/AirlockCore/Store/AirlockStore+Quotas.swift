import GRDB

extension AirlockStore {
    /// How many proposals of `agent` wait for a decision (submitted, checking or ready),
    /// counted without reading them.
    public func waitingCount(agent: String) throws -> Int {
        try database.read { db in
            try Proposal
                .filter(Proposal.Columns.agent == agent)
                .filter([ProposalState.submitted, .checking, .ready].contains(Proposal.Columns.state))
                .fetchCount(db)
        }
    }
}
