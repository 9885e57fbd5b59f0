import AirlockCore

/// Everything the cockpit reacts to, in one stream: keys, pastes and resizes from the
/// terminal, events from the review service, clock ticks and the answers to effects.
public enum CockpitEvent: Sendable {
    case input(TerminalInput)
    case service(ReviewEvent)
    /// Milliseconds since 1970.
    case tick(Int64)
    case loaded(Loaded)
}

/// What an effect came back with.
public enum Loaded: Sendable {
    case queue([ProposalSummary])
    /// Proposals re-read after events about them; those asked for and missing are gone.
    case proposals([ProposalSummary], asked: Set<Int64>)
    case agents([AgentSummary])
    case activity([ReviewEvent])
    /// Its diff laid out off the loop: a 100,000-line patch takes milliseconds.
    case proposal(ProposalDetail, Patch, DiffDocument)
    /// A proposal read to be decided with others, not opened.
    case forDecision(ProposalDetail)
    case gates(Int64, HunkSelection?, [GateResult])
    /// The current check runs of these proposals (those asked for and missing have none).
    case checkRuns([Int64: [CheckRun]], asked: Set<Int64>)
    /// The open proposal read again for its checks while one runs (no new diff).
    case checks(ProposalDetail)
    /// The proposal's checks were queued again.
    case checksRequeued(Int64)
    /// A decision finished (and, for an approval, the application after it).
    case decided(Int64, Outcome)
    case revertPreview(Int64, Patch, digest: String)
    /// Text from `$EDITOR` for the feedback box; nil when the editor failed or was left.
    case edited(String?)
    case failed(String)
    /// An effect's work is over (its answers came before this).
    case finished(Effect)

    public enum Outcome: Sendable, Equatable {
        case approved(digest: String, applied: String?)
        case approvedNotApplied(digest: String, why: String)
        case rejected
        case reverted(String)
        case refused(String)
    }
}

/// Work the cockpit asks for; a runner performs it and answers with `CockpitEvent`s.
public enum Effect: Equatable, Sendable {
    case loadQueue
    case refreshProposals(Set<Int64>)
    case loadAgents
    case loadActivity
    case loadProposal(Int64)
    case loadForDecision(Int64)
    case loadGates(Int64, HunkSelection?)
    /// The queue's badges: the current check runs of these proposals.
    case loadCheckRuns(Set<Int64>)
    /// The open proposal's detail, for its live checks.
    case loadChecks(Int64)
    /// Queues a waiting proposal's checks again (a write: refused to whoever only looks).
    case rerunChecks(Int64)
    case approve(Approval)
    case reject(Rejection)
    case loadRevertPreview(Int64)
    case revert(Int64, digest: String)
    case editFeedback(String)
    // MARK: - the terminal's
    case setTitle(String)
    case bell
    case notify(title: String, body: String)
    /// Drops keys typed before the dialog just drawn was on screen: no decision by
    /// type-ahead.
    case discardTypeAhead
    case redrawAll
    case quit
}
