/// Waiting for a proposal's outcome, as an agent does after proposing: until it is
/// settled (applied, rejected, conflicted, withdrawn, superseded, failed) or the bound
/// passes. While it waits it re-checks the proposal against the workspace (at most once
/// a second), so a change under it turns it `conflicted` instead of leaving the agent
/// waiting for a decision that cannot come.
struct OutcomeWait {
    let workspace: ManagedWorkspace
    let clock: WallClock
    /// How often the store is looked at for a commit while nothing happens.
    var pollMilliseconds: Int64 = 20
    var recheckMilliseconds: Int64 = 1000

    func run(_ id: Int64, timeout: Double?, recheck: Bool) async throws -> ProposalOutcome {
        let store = workspace.store
        let feed = try store.changeFeed()
        let deadline = timeout.map { clock.now() + Int64(($0 * 1000).rounded(.up)) }
        var lastRecheck: Int64?
        while true {
            guard var proposal = try store.proposal(id) else { throw StoreError.noSuchProposal(id) }
            if recheck, proposal.state.isWaiting, lastRecheck.map({ clock.now() - $0 >= recheckMilliseconds }) ?? true {
                lastRecheck = clock.now()
                if try workspace.recheck(proposal) != nil, let fresh = try store.proposal(id) { proposal = fresh }
            }
            if proposal.state.isFinal { return try outcome(proposal, timedOut: false) }
            if let deadline, clock.now() >= deadline { return try outcome(proposal, timedOut: true) }
            // Sleep until another process commits, the next re-check or the deadline.
            let nextRecheck = recheck && proposal.state.isWaiting ? lastRecheck.map { $0 + recheckMilliseconds } : nil
            let wakeAt = min(deadline ?? .max, nextRecheck ?? .max)
            while try !feed.poll() {
                let now = clock.now()
                if now >= wakeAt { break }
                try await clock.sleep(min(pollMilliseconds, wakeAt - now))
            }
        }
    }

    private func outcome(_ proposal: Proposal, timedOut: Bool) throws -> ProposalOutcome {
        // A proposal back in review has no standing decision.
        let decision = proposal.state.isWaiting ? nil : try workspace.store.decisions(for: proposal.id).last
        let feedback = proposal.state == .rejected ? decision?.feedback : nil
        let revertedBy = proposal.state == .reverted ? try workspace.store.reverter(of: proposal.id) : nil
        return ProposalOutcome(
            id: proposal.id, state: proposal.state, reason: proposal.stateReason, feedback: feedback, timedOut: timedOut,
            note: decision?.note, comments: decision?.comments ?? [], revertedBy: revertedBy)
    }
}
