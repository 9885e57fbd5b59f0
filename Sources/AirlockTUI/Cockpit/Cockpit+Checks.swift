import AirlockCore

extension CockpitState {
    /// A check of the open proposal is running: its detail is read again about twice a
    /// second, so that its output tail moves (and only then).
    public var hasRunningCheck: Bool {
        open?.detail.checks.contains { $0.run.status == .running } ?? false
    }

    /// Checks running in the workspace, as far as the queue's badges know.
    public var runningChecks: Int {
        checkBadges.values.reduce(0) { $0 + $1.count { $0.status == .running } }
    }

    /// The proposals whose rows the queue pane shows now.
    var visibleQueueIDs: [Int64] {
        guard let rect = Layout(self)?.panes[.queue] else { return [] }
        let height = rect.inner.height
        let rows = queue.shown
        guard height > 0, !rows.isEmpty else { return [] }
        let top = Scrolling.top(cursor: queue.selectedIndex ?? 0, count: rows.count, height: height)
        return rows[top..<min(rows.count, top + height)].map(\.id)
    }
}

extension Cockpit {
    /// Asks for the badges of rows in view that have none yet (nor are being read).
    static func badgeEffects(_ state: inout CockpitState) -> [Effect] {
        let missing = Set(state.visibleQueueIDs).subtracting(state.checkBadges.keys).subtracting(state.badgesAsked)
        guard !missing.isEmpty else { return [] }
        state.badgesAsked.formUnion(missing)
        return [.loadCheckRuns(missing)]
    }

    /// After an event about a proposal: its badge is read again.
    static func refreshBadge(_ state: inout CockpitState, _ id: Int64) -> [Effect] {
        state.badgesAsked.insert(id)
        return [.loadCheckRuns([id])]
    }

    /// `R`: the proposal in view has its checks queued again.
    static func rerunChecks(_ state: inout CockpitState) -> [Effect] {
        let id = state.focus == .queue ? state.queue.selected : state.open?.id ?? state.queue.selected
        let known = state.open?.id == id ? state.open?.proposal.state : state.queue.all.first { $0.id == id }?.state
        guard let id, let proposalState = known else {
            say(&state, "No proposal whose checks to re-run.")
            return []
        }
        guard proposalState.isWaiting else {
            say(&state, "#\(id) is \(proposalState.rawValue): only a waiting proposal's checks run again.", .failure)
            return []
        }
        say(&state, "Re-running the checks of #\(id)…")
        return [.rerunChecks(id)]
    }

    static func loadedChecks(_ state: inout CockpitState, _ loaded: Loaded) -> [Effect] {
        switch loaded {
        case .checkRuns(let runs, let asked):
            for id in asked { state.checkBadges[id] = runs[id] ?? [] }
            state.badgesAsked.subtract(asked)
            return badgeEffects(&state)
        case .checks(let detail):
            guard var open = state.open, open.id == detail.proposal.id, open.proposal.digest == detail.proposal.digest else { return [] }
            open.detail = detail
            if open.selection == nil { open.edit { $0.gates = detail.gates } }
            state.open = open
            state.checkBadges[detail.proposal.id] = detail.checks.map(\.run)
            return []
        case .checksRequeued(let id):
            say(&state, "The checks of #\(id) run again; it waits for them.", .success)
            return refreshBadge(&state, id)
        default:
            return []
        }
    }
}
