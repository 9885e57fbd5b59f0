import AirlockCore

extension Cockpit {
    // MARK: - the service's events

    /// Follows the audit stream: the activity pane shows it, and only what an event is
    /// about is read again.
    static func serviceEvent(_ state: inout CockpitState, _ event: ReviewEvent) -> [Effect] {
        guard event.seq > state.cursor else { return [] }
        state.cursor = event.seq
        state.activity.append(event)
        if state.activity.count > CockpitState.activityLimit { state.activity.removeFirst(state.activity.count - CockpitState.activityLimit) }
        var effects: [Effect] = []
        switch event.change {
        case .agentStatus(let agentState, let activity):
            // The report says all that changed: no need to read every agent again, which
            // 32 agents reporting ten times a second would make the cockpit's main work.
            // Its plan and channel are in the entry's details.
            let report = event.agentReport ?? AgentStatusReport(agent: event.actor, state: agentState, activity: activity)
            let was = state.agents.agents.first { $0.name == event.actor }?.state
            if state.agents.apply(report, at: event.at, staleAfter: state.settings.staleAfter, now: state.now) {
                let blocked = agentState == .blocked && was != .blocked ? state.agents.agents.filter { $0.name == event.actor } : []
                effects += announce(&state, newlyBlocked: blocked)
            } else {
                effects.append(.loadAgents)
            }
        case .submitted:
            effects.append(.loadAgents)  // an agent's waiting count, or a new agent
        default:
            break
        }
        if let id = event.proposal {
            effects.append(.refreshProposals([id]))
            if event.change.changesProposal { effects += refreshBadge(&state, id) }
            if state.open?.id == id, event.change.changesProposal { effects.append(.loadProposal(id)) }
        }
        return effects
    }

    // MARK: - effects' answers

    static func loaded(_ state: inout CockpitState, _ loaded: Loaded) -> [Effect] {
        switch loaded {
        case .queue(let proposals):
            let first = !state.loaded.queue
            state.loaded.queue = true
            let before = state.queue.selected
            state.queue.replaceAll(proposals)
            if first { state.queue.selected = state.queue.shown.first { $0.state == .ready }?.id ?? state.queue.shown.first?.id }
            return selectionChanged(&state, from: first ? nil : before) + announce(&state) + badgeEffects(&state)
        case .proposals(let proposals, let asked):
            let before = state.queue.selected
            let wasWaiting = Set(state.queue.all.filter { $0.state.isWaiting }.map(\.id))
            state.queue.update(proposals)
            let gone = asked.subtracting(proposals.map(\.id))
            if !gone.isEmpty { state.queue.replaceAll(state.queue.all.filter { !gone.contains($0.id) }) }
            if before == nil, state.queue.selected != nil { return selectionChanged(&state, from: nil) + announce(&state) + badgeEffects(&state) }
            var effects = selectionChanged(&state, from: before)
            let nowWaiting = proposals.filter { $0.state == .ready && !wasWaiting.contains($0.id) }
            effects += announce(&state, newlyWaiting: nowWaiting)
            return effects + badgeEffects(&state)
        case .agents(let agents):
            let blockedBefore = Set(state.agents.agents.filter { $0.state == .blocked }.map(\.name))
            state.loaded.agents = true
            state.agents.replace(agents, staleAfter: state.settings.staleAfter, now: state.now)
            let newlyBlocked = state.agents.agents.filter { $0.state == .blocked && !blockedBefore.contains($0.name) }
            return announce(&state, newlyBlocked: newlyBlocked)
        case .activity(let events):
            state.activity = Array(events.suffix(CockpitState.activityLimit))
            state.cursor = max(state.cursor, events.last?.seq ?? 0)
            return []
        case .proposal(let detail, let patch, let document):
            // A late answer for a proposal no longer selected is dropped.
            guard detail.proposal.id == state.queue.selected || detail.proposal.id == state.open?.id else { return [] }
            if state.loading == detail.proposal.id { state.loading = nil }
            if var open = state.open, open.id == detail.proposal.id, open.proposal.digest == detail.proposal.digest {
                // The same proposal read again (its state moved): keep what was chosen.
                open.detail = detail
                if open.selection == nil { open.edit { $0.gates = detail.gates } }
                state.open = open
            } else {
                state.open = OpenProposal(detail: detail, patch: patch, document: document)
                state.findingCursor = 0
                state.testsScroll = 0
                fitDiff(&state)
            }
            state.checkBadges[detail.proposal.id] = detail.checks.map(\.run)
            fillDialogs(&state, with: detail)
            return []
        case .forDecision(let detail):
            fillDialogs(&state, with: detail)
            return []
        case .gates(let id, let selection, let gates):
            if var open = state.open, open.id == id, open.selection == selection {
                open.edit { $0.gates = gates }
                state.open = open
            }
            if case .approve(var dialog)? = state.overlay, let index = dialog.items.firstIndex(where: { $0.id == id && $0.selection == selection }) {
                dialog.items[index].gates = gates
                state.overlay = .approve(dialog)
            }
            return []
        case .decided(let id, let outcome):
            switch outcome {
            case .approved(let digest, let applied):
                say(&state, "Approved #\(id) (sha256:\(digest.prefix(12))…)" + (applied.map { " and applied: \($0)" } ?? "."), .success)
            case .approvedNotApplied(let digest, let why):
                say(&state, "Approved #\(id) (sha256:\(digest.prefix(12))…) but not applied: \(why)", .failure, seconds: 15)
            case .rejected:
                say(&state, "Rejected #\(id); the agent gets your feedback.", .success)
            case .reverted(let what):
                say(&state, "Reverted #\(id): \(what)", .success)
            case .refused(let why):
                say(&state, "#\(id): \(why)", .failure, seconds: 15)
            }
            state.queue.marked.remove(id)
            return [.refreshProposals([id])] + (state.open?.id == id ? [.loadProposal(id)] : [])
        case .revertPreview(let id, let patch, let digest):
            if case .revert(var dialog)? = state.overlay, dialog.id == id {
                let stats = PatchStats(patch)
                dialog.preview = (stats.files.map(\.path), stats.added, stats.removed, digest)
                state.overlay = .revert(dialog)
            }
            return []
        case .edited(let text):
            if case .reject(var dialog)? = state.overlay, let text {
                dialog.feedback.text = text
                state.overlay = .reject(dialog)
            }
            return [.redrawAll]
        case .checkRuns, .checks, .checksRequeued:
            return loadedChecks(&state, loaded)
        case .finished:
            return []
        case .failed(let message):
            if case .revert(var dialog)? = state.overlay, dialog.preview == nil {
                dialog.problem = message
                state.overlay = .revert(dialog)
            }
            say(&state, message, .failure, seconds: 15)
            return []
        }
    }

    /// Puts digests and gates of proposals read for a decision into the open dialog.
    private static func fillDialogs(_ state: inout CockpitState, with detail: ProposalDetail) {
        let id = detail.proposal.id
        switch state.overlay {
        case .approve(var dialog)?:
            guard let index = dialog.items.firstIndex(where: { $0.id == id && $0.selection == nil }), dialog.items[index].digest.isEmpty else { return }
            dialog.items[index].digest = detail.proposal.digest
            dialog.items[index].gates = detail.gates
            dialog.items[index].files = detail.proposal.preImage.map(\.path)
            dialog.items[index].checks = detail.checks.map(\.run)
            state.overlay = .approve(dialog)
        case .reject(var dialog)?:
            guard dialog.ids.contains(id), dialog.digests[id] == nil else { return }
            dialog.digests[id] = detail.proposal.digest
            state.overlay = .reject(dialog)
        default:
            return
        }
    }

    // MARK: - telling the person

    /// Keeps the terminal's title counting what waits for a person, and rings or notifies
    /// when something new does (as the settings ask).
    static func announce(_ state: inout CockpitState, newlyWaiting: [ProposalSummary] = [], newlyBlocked: [AgentSummary] = []) -> [Effect] {
        var effects: [Effect] = []
        let counts = (waiting: state.queue.waitingCount, blocked: state.agents.blockedCount)
        if counts != state.announced {
            state.announced = counts
            var title = "airlock · \(counts.waiting) waiting"
            if counts.blocked > 0 { title += " · \(counts.blocked) blocked" }
            effects.append(.setTitle(title))
        }
        let news = newlyWaiting.map { "#\($0.id) from \($0.agent) waits for review: \($0.title)" }
            + newlyBlocked.map { "\($0.name) is blocked: \($0.activity ?? "it needs you")" }
        guard !news.isEmpty, state.loaded.queue else { return effects }
        if state.settings.bell { effects.append(.bell) }
        if state.settings.notifications {
            effects.append(.notify(title: "airlock", body: VisibleText.escape(news.joined(separator: "; "))))
        }
        return effects
    }
}

extension ReviewEvent.Change {
    /// Whether the proposal's own record (state, decisions, checks) moved.
    var changesProposal: Bool {
        switch self {
        case .agentStatus, .other: return false
        default: return true
        }
    }
}
