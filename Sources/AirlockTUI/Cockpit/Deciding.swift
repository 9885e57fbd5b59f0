import AirlockCore

/// Opening the decision dialogs: what they list is computed here, from the open proposal
/// or the marked ones.
enum Deciding {
    /// The marked proposals, or else the one under the cursor.
    private static func targets(_ state: CockpitState) -> [ProposalSummary] {
        let marked = state.queue.shown.filter { state.queue.marked.contains($0.id) }
        if !marked.isEmpty, state.focus == .queue { return marked }
        if state.focus == .diff, let open = state.open {
            return state.queue.all.filter { $0.id == open.id }
        }
        return state.queue.current.map { [$0] } ?? []
    }

    static func openApprove(_ state: inout CockpitState) -> [Effect] {
        let chosen = targets(state)
        guard !chosen.isEmpty else {
            Cockpit.say(&state, "No proposal to approve.")
            return []
        }
        let notReady = chosen.filter { $0.state != .ready }
        guard notReady.isEmpty else {
            let list = notReady.map { "#\($0.id) is \($0.state.rawValue)" }.joined(separator: ", ")
            Cockpit.say(&state, "Only ready proposals can be approved: \(list).", .failure)
            return []
        }
        var items: [ApproveDialog.Item] = []
        var effects: [Effect] = []
        for summary in chosen {
            if let open = state.open, open.id == summary.id {
                var item = ApproveDialog.Item(
                    id: open.id, title: open.proposal.title, agent: open.proposal.agent, digest: open.proposal.digest,
                    selection: open.selection, files: [], added: 0, removed: 0, gates: nil, comments: open.draft.comments,
                    checks: open.detail.checks.map(\.run))
                do {
                    let (part, digest) = try open.chosen()
                    let stats = PatchStats(part)
                    item.digest = digest
                    item.files = stats.files.map(\.path)
                    (item.added, item.removed) = (stats.added, stats.removed)
                    if part.files.isEmpty { item.problem = "nothing is chosen" }
                } catch {
                    item.problem = "\(error)"
                }
                items.append(item)
                effects.append(.loadGates(open.id, open.selection))
            } else {
                // Approved whole: the digest is the one stored with it, which the queue
                // row's numbers describe.
                items.append(ApproveDialog.Item(
                    id: summary.id, title: summary.title, agent: summary.agent, digest: "", selection: nil,
                    files: [], added: summary.addedLines, removed: summary.removedLines, gates: nil))
                effects.append(.loadForDecision(summary.id))
            }
        }
        state.overlay = .approve(ApproveDialog(items: items))
        return effects + [.discardTypeAhead]
    }

    static func openReject(_ state: inout CockpitState) -> [Effect] {
        let chosen = targets(state)
        guard !chosen.isEmpty else {
            Cockpit.say(&state, "No proposal to reject.")
            return []
        }
        let notWaiting = chosen.filter { !$0.state.isWaiting }
        guard notWaiting.isEmpty else {
            Cockpit.say(&state, "Only waiting proposals can be rejected: " + notWaiting.map { "#\($0.id) is \($0.state.rawValue)" }.joined(separator: ", ") + ".", .failure)
            return []
        }
        var digests: [Int64: String] = [:]
        var comments: [LineComment] = []
        if let open = state.open, chosen.contains(where: { $0.id == open.id }) {
            digests[open.id] = open.proposal.digest
            comments = open.draft.comments
        }
        let effects: [Effect] = chosen.filter { digests[$0.id] == nil }.map { .loadForDecision($0.id) }
        state.overlay = .reject(RejectDialog(
            ids: chosen.map(\.id), digests: digests,
            titles: Dictionary(uniqueKeysWithValues: chosen.map { ($0.id, $0.title) }), comments: comments))
        return effects + [.discardTypeAhead]
    }

    static func openRevert(_ state: inout CockpitState) -> [Effect] {
        guard let summary = (state.focus == .diff ? state.open.flatMap { o in state.queue.all.first { $0.id == o.id } } : nil) ?? state.queue.current else {
            Cockpit.say(&state, "No proposal to revert.")
            return []
        }
        guard summary.state == .applied else {
            Cockpit.say(&state, "Only an applied proposal can be reverted; #\(summary.id) is \(summary.state.rawValue).", .failure)
            return []
        }
        state.overlay = .revert(RevertDialog(id: summary.id, title: summary.title))
        return [.loadRevertPreview(summary.id), .discardTypeAhead]
    }
}
