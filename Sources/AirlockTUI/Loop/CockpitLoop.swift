import AirlockCore
import Synchronization

/// The cockpit's one loop, on the thread that owns the terminal: it reads a key (waiting
/// briefly), folds it and whatever background work answered into the state, performs the
/// effects, and draws when the screen changed. Service calls run as tasks that hand
/// their answers back through an inbox.
public final class CockpitLoop {
    public private(set) var state: CockpitState
    let screen: any CockpitScreen
    let effects: ServiceEffects
    let clock: @Sendable () -> Int64
    /// Runs `$EDITOR` on a text; nil when it failed.
    let editor: ((String) -> String?)?

    private let inbox = Inbox()
    private let executor = EffectExecutor()
    private var inFlight: [Effect] = []
    private var queued: [Effect] = []
    private var stream: Task<Void, Never>?
    private var drawn: CellBuffer?
    private var lastTick: Int64 = 0

    public init(state: CockpitState, screen: any CockpitScreen, effects: ServiceEffects, clock: @escaping @Sendable () -> Int64, editor: ((String) -> String?)? = nil) {
        self.state = state
        self.screen = screen
        self.effects = effects
        self.clock = clock
        self.editor = editor
    }

    deinit { stream?.cancel() }

    /// Runs until the person quits.
    public func run() {
        start()
        while !state.finished { step(timeoutMilliseconds: 40) }
        stream?.cancel()
    }

    public func start() {
        state.size = screen.size
        state.now = clock()
        lastTick = state.now
        perform(CockpitState.start)
        draw()
    }

    /// One turn: the answers that arrived, then at most one input, then a frame.
    public func step(timeoutMilliseconds: Int) {
        var effectsToDo: [Effect] = []
        for event in inbox.drain() {
            effectsToDo += update(event)
        }
        if !effectsToDo.isEmpty { perform(effectsToDo) }
        // While reads are out, look for their answers often: the frame they bring should not
        // wait for the key timeout.
        let wait = !effectsToDo.isEmpty ? 0 : isBusy ? min(timeoutMilliseconds, 4) : timeoutMilliseconds
        let input = screen.nextInput(timeoutMilliseconds: wait)
        let now = clock()
        // A search through a long diff goes on a step at a time between keys; a running
        // check's output, or an agent's, is read again twice a second.
        let live = state.hasRunningCheck || state.followsAgentOutput
        if now - lastTick >= (live ? 500 : 1000) || state.open?.view.isSearching == true {
            lastTick = now
            perform(update(.tick(now)))
        }
        if let input {
            let answer = update(.input(input))
            if answer.contains(.discardTypeAhead) {
                // The dialog is on screen before any key can answer it: whatever was
                // typed before it appeared is dropped.
                draw()
                screen.discardTypeAhead()
            }
            perform(answer)
        }
        draw()
    }

    /// Hands the loop events from another thread (a check runner's failures).
    public var post: @Sendable ([CockpitEvent]) -> Void {
        let inbox = self.inbox
        return { inbox.push($0) }
    }

    /// Whether background work is still out, for tests that wait until the loop is idle.
    public var isBusy: Bool { inbox.running.load(ordering: .acquiring) > 0 || !inFlight.isEmpty || !inbox.isEmpty }

    private func update(_ event: CockpitEvent) -> [Effect] {
        if case .loaded(let loaded) = event { settle(loaded) }
        let answer = Cockpit.update(&state, event)
        if case .loaded(.activity) = event, stream == nil { follow(after: state.cursor) }
        return answer
    }

    private func draw() {
        let frame = CockpitRenderer.render(state)
        if frame != drawn {
            screen.draw(frame)
            drawn = frame
        }
    }

    // MARK: - effects

    private func perform(_ list: [Effect]) {
        var decisions: [Effect] = []
        for effect in list {
            switch effect {
            case .setTitle(let title): screen.setTitle(title)
            case .bell: screen.bell()
            case .notify(let title, let body): screen.notify(title: title, body: body)
            case .discardTypeAhead: break
            case .redrawAll:
                screen.redrawAll()
                drawn = nil
            case .quit: state.finished = true
            case .editFeedback(let text):
                var result: String?
                if let editor { screen.suspend { result = editor(text) } }
                screen.redrawAll()
                drawn = nil
                perform(update(.loaded(.edited(result))))
            case .approve, .reject, .revert:
                decisions.append(effect)
            default:
                load(effect)
            }
        }
        if !decisions.isEmpty { launch(decisions) }
    }

    /// A read: not started twice at once; asked again while running, it runs once more
    /// after, so what is shown is never older than the last event.
    private func load(_ effect: Effect) {
        // Moving through the queue asks for one proposal after another: only the last
        // asked for is read next, the ones passed over are not.
        if case .loadProposal = effect, inFlight.contains(where: Self.isOpening) {
            queued.removeAll(where: Self.isOpening)
            queued.append(effect)
            return
        }
        if inFlight.contains(effect) {
            if case .refreshProposals(let ids) = effect, let index = queued.firstIndex(where: { if case .refreshProposals = $0 { return true } else { return false } }),
               case .refreshProposals(let earlier) = queued[index] {
                queued[index] = .refreshProposals(earlier.union(ids))
            } else if !queued.contains(effect) {
                queued.append(effect)
            }
            return
        }
        inFlight.append(effect)
        launch([effect])
    }

    /// Decisions run one after another, in the order the person made them.
    private func launch(_ list: [Effect]) {
        inbox.running.add(1, ordering: .acquiringAndReleasing)
        let effects = self.effects
        let inbox = self.inbox
        Task(executorPreference: executor) {
            for effect in list {
                inbox.push(await effects.perform(effect) + [.loaded(.finished(effect))])
            }
            inbox.running.subtract(1, ordering: .acquiringAndReleasing)
        }
    }

    private func settle(_ loaded: Loaded) {
        guard case .finished(let effect) = loaded else { return }
        inFlight.removeAll { $0 == effect }
        if let index = queued.firstIndex(where: { $0 == effect || (isRefresh($0) && isRefresh(effect)) || (Self.isOpening($0) && Self.isOpening(effect)) }) {
            load(queued.remove(at: index))
        }
    }

    private static func isOpening(_ effect: Effect) -> Bool {
        if case .loadProposal = effect { return true }
        return false
    }

    private func isRefresh(_ effect: Effect) -> Bool {
        if case .refreshProposals = effect { return true }
        return false
    }

    private func follow(after cursor: Int64) {
        let events = effects.service.events(after: cursor > 0 ? cursor : nil)
        let inbox = self.inbox
        stream = Task(executorPreference: executor) {
            do {
                for try await event in events { inbox.push([.service(event)]) }
            } catch is CancellationError {
            } catch {
                inbox.push([.loaded(.failed("Live updates stopped: \(error). Ctrl-L reads everything again."))])
            }
        }
    }
}
