import Synchronization

/// Events that background work hands to the loop that owns the terminal.
final class Inbox: Sendable {
    private let events = Mutex<[CockpitEvent]>([])
    /// Background jobs started and not yet finished.
    let running = Atomic<Int>(0)

    func push(_ new: [CockpitEvent]) {
        guard !new.isEmpty else { return }
        events.withLock { $0.append(contentsOf: new) }
    }

    var isEmpty: Bool { events.withLock { $0.isEmpty } }

    func drain() -> [CockpitEvent] {
        events.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }
}
