import AirlockCore

/// The cockpit's logic: `update` folds one event into the state and returns the effects
/// to perform. Nothing here touches a terminal, a file or the store.
public enum Cockpit {
    public static func update(_ state: inout CockpitState, _ event: CockpitEvent) -> [Effect] {
        let effects = fold(&state, event)
        fitDiff(&state)
        return effects
    }

    private static func fold(_ state: inout CockpitState, _ event: CockpitEvent) -> [Effect] {
        switch event {
        case .input(.resize(let size)):
            state.size = size
            return badgeEffects(&state)
        case .input(.paste(let text)):
            return paste(&state, text)
        case .input(.key(let key)):
            // On a screen too small to show anything, only q does anything: it closes a
            // dialog (never confirms one) or quits.
            if Layout(state) == nil {
                guard key == .character("q") else { return [] }
                if state.overlay != nil {
                    state.overlay = nil
                    return []
                }
                state.finished = true
                return [.quit]
            }
            if state.overlay != nil { return overlayKey(&state, key) }
            return paneKey(&state, key)
        case .service(let event):
            return serviceEvent(&state, event)
        case .tick(let now):
            state.now = now
            if let message = state.message, message.until <= now { state.message = nil }
            if var open = state.open, open.view.isSearching {
                open.view.continueSearch(in: open.document, comments: open.comments)
                state.open = open
            }
            // A check running on the open proposal, or an agent shown working: their
            // output tails move.
            var effects: [Effect] = []
            if let open = state.open, state.hasRunningCheck { effects.append(.loadChecks(open.id)) }
            if state.followsAgentOutput { effects.append(.loadAgents) }
            return effects
        case .loaded(let loaded):
            return self.loaded(&state, loaded)
        }
    }

    static func say(_ state: inout CockpitState, _ text: String, _ kind: StatusMessage.Kind = .info, seconds: Int64 = 6) {
        state.message = StatusMessage(text: text, kind: kind, until: state.now + seconds * 1000)
    }

    /// A pasted text only ever lands in a text field; elsewhere it is dropped, never read
    /// as keys.
    private static func paste(_ state: inout CockpitState, _ text: String) -> [Effect] {
        switch state.overlay {
        case .reject(var dialog)?:
            dialog.feedback.paste(text)
            state.overlay = .reject(dialog)
        case .comment(var box)?:
            box.field.paste(text)
            state.overlay = .comment(box)
        case .search(var field)?:
            field.paste(text)
            state.overlay = .search(field)
        case .approve(var dialog)?:
            if dialog.typing != nil { dialog.field.paste(text) } else if dialog.typingNote { dialog.note.paste(text) }
            state.overlay = .approve(dialog)
        default:
            say(&state, "Pasted text ignored: paste into a text box.")
        }
        return []
    }

    // MARK: - panes

    static func visiblePanes(_ state: CockpitState) -> [Pane] {
        var panes: [Pane] = [.agents, .queue, .diff, .tests, .security]
        if state.showActivity { panes.append(.activity) }
        return panes
    }

    private static func paneKey(_ state: inout CockpitState, _ key: Key) -> [Effect] {
        guard let binding = Keymap.binding(for: key, in: state.focus.keys) else { return [] }
        if binding.decides, let why = state.settings.lookOnly {
            say(&state, "\(binding.name.capitalized) is not available: \(why).", .failure)
            return []
        }
        switch binding.action {
        case .quit:
            state.finished = true
            return [.quit]
        case .help:
            state.overlay = .help(scroll: 0)
            return []
        case .nextPane, .previousPane:
            let panes = visiblePanes(state)
            let index = panes.firstIndex(of: state.focus) ?? 0
            let step = binding.action == .nextPane ? 1 : panes.count - 1
            state.focus = panes[(index + step) % panes.count]
            return []
        case .zoom:
            state.zoomed.toggle()
            return []
        case .toggleActivity:
            state.showActivity.toggle()
            if !state.showActivity, state.focus == .activity { state.focus = .queue }
            return []
        case .redraw:
            state.checkBadges = [:]
            state.badgesAsked = []
            return [.redrawAll] + CockpitState.start + (state.open.map { [.loadProposal($0.id)] } ?? [])
        case .rerunChecks:
            return rerunChecks(&state)
        default:
            switch state.focus {
            case .queue: return queueAction(&state, binding.action) + badgeEffects(&state)
            case .agents: return agentsAction(&state, binding.action) + badgeEffects(&state)
            case .diff: return diffAction(&state, binding.action)
            case .activity:
                listScroll(&state.activityScroll, binding.action, count: state.activity.count, page: pageHeight(state))
                return []
            case .tests:
                listScroll(&state.testsScroll, binding.action, count: TestsPane.rows(state, glyphs: Glyphs.of(state.settings.unicode)).count, page: pageHeight(state))
                return []
            case .security:
                if binding.action == .jumpToFinding { return jumpToFinding(&state) }
                listScroll(&state.findingCursor, binding.action, count: SecurityFindings.ordered(state.open?.detail).count, page: pageHeight(state))
                return []
            }
        }
    }

    static func pageHeight(_ state: CockpitState) -> Int { max(1, state.size.height / 2) }

    private static func listScroll(_ scroll: inout Int, _ action: CockpitAction, count: Int, page: Int) {
        switch action {
        case .down: scroll += 1
        case .up: scroll -= 1
        case .pageDown: scroll += page
        case .pageUp: scroll -= page
        case .top: scroll = 0
        case .bottom: scroll = count
        default: return
        }
        scroll = max(0, min(max(0, count - 1), scroll))
    }

    // MARK: - queue

    private static func queueAction(_ state: inout CockpitState, _ action: CockpitAction) -> [Effect] {
        let before = state.queue.selected
        switch action {
        case .down: state.queue.move(by: 1)
        case .up: state.queue.move(by: -1)
        case .pageDown: state.queue.move(by: pageHeight(state))
        case .pageUp: state.queue.move(by: -pageHeight(state))
        case .top: state.queue.moveTo(end: false)
        case .bottom: state.queue.moveTo(end: true)
        case .open:
            guard state.queue.selected != nil else { return [] }
            state.focus = .diff
        case .mark:
            guard let id = state.queue.selected else { return [] }
            if state.queue.marked.remove(id) == nil { state.queue.marked.insert(id) }
            state.queue.move(by: 1)
        case .markAll:
            let shown = Set(state.queue.shown.map(\.id))
            state.queue.marked = state.queue.marked == shown ? [] : shown
        case .cycleFilter:
            state.queue.filter = state.queue.filter.next
            state.queue.refilter()
            say(&state, "Showing \(state.queue.filter.rawValue) proposals.")
        case .clearFilter:
            state.queue.agent = nil
            state.queue.marked = []
            state.queue.refilter()
        case .approve:
            return Deciding.openApprove(&state)
        case .reject:
            return Deciding.openReject(&state)
        case .revert:
            return Deciding.openRevert(&state)
        default:
            return []
        }
        return selectionChanged(&state, from: before)
    }

    /// Reads the newly selected proposal for the diff pane.
    static func selectionChanged(_ state: inout CockpitState, from before: Int64?) -> [Effect] {
        guard let id = state.queue.selected, id != before || (state.open?.id != id && state.loading != id) else { return [] }
        if state.open?.id == id { return [] }
        state.loading = id
        return [.loadProposal(id)]
    }

    // MARK: - agents

    private static func agentsAction(_ state: inout CockpitState, _ action: CockpitAction) -> [Effect] {
        switch action {
        case .down: state.agents.move(by: 1)
        case .up: state.agents.move(by: -1)
        case .pageDown: state.agents.move(by: pageHeight(state))
        case .pageUp: state.agents.move(by: -pageHeight(state))
        case .top: state.agents.move(by: -state.agents.agents.count)
        case .bottom: state.agents.move(by: state.agents.agents.count)
        case .filterByAgent:
            guard let name = state.agents.selected else { return [] }
            let before = state.queue.selected
            state.queue.agent = name
            state.queue.refilter()
            state.focus = .queue
            say(&state, "Showing \(VisibleText.escape(name))'s proposals; Esc shows everyone's.")
            return selectionChanged(&state, from: before)
        case .clearFilter:
            let before = state.queue.selected
            state.queue.agent = nil
            state.queue.refilter()
            return selectionChanged(&state, from: before)
        default:
            break
        }
        return []
    }
}
