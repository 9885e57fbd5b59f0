import AirlockCore

/// Which proposals the queue shows.
public enum QueueFilter: String, CaseIterable, Sendable {
    case waiting, decided, troubled, all

    public func admits(_ state: ProposalState) -> Bool {
        switch self {
        case .waiting: return state.isWaiting || state == .approved
        case .decided: return state == .applied || state == .rejected || state == .approved || state == .reverted
        case .troubled: return state == .conflicted || state == .failed
        case .all: return true
        }
    }

    var next: QueueFilter {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// The review queue: every proposal read so far, what the filters let through, which one
/// the cursor is on and which are marked.
public struct QueueState: Sendable {
    /// By id, ascending.
    public private(set) var all: [ProposalSummary] = []
    public var filter: QueueFilter = .waiting
    public var agent: String?
    /// The proposal under the cursor; it stays under the cursor as rows come and go.
    public var selected: Int64?
    public var marked: Set<Int64> = []
    /// What the filters let through, in id order, kept with `all`.
    public private(set) var shown: [ProposalSummary] = []

    public init() {}

    public mutating func replaceAll(_ proposals: [ProposalSummary]) {
        all = proposals.sorted { $0.id < $1.id }
        refilter()
    }

    /// Puts re-read proposals in place (or in order, when new).
    public mutating func update(_ proposals: [ProposalSummary]) {
        for proposal in proposals {
            if let index = all.lastIndex(where: { $0.id <= proposal.id }) {
                if all[index].id == proposal.id { all[index] = proposal } else { all.insert(proposal, at: index + 1) }
            } else {
                all.insert(proposal, at: 0)
            }
        }
        refilter()
    }

    public mutating func refilter() {
        let previous = selectedIndex
        shown = all.filter { filter.admits($0.state) && (agent == nil || $0.agent == agent) }
        marked = marked.filter { id in shown.contains { $0.id == id } }
        if let selected, shown.contains(where: { $0.id == selected }) { return }
        // The selected proposal left the list: take the one now in its place.
        if shown.isEmpty {
            selected = nil
        } else {
            selected = shown[min(previous ?? 0, shown.count - 1)].id
        }
    }

    public var selectedIndex: Int? {
        guard let selected else { return nil }
        return shown.firstIndex { $0.id == selected } ?? nil
    }

    public var current: ProposalSummary? { selectedIndex.map { shown[$0] } }

    public mutating func move(by delta: Int) {
        guard !shown.isEmpty else { return }
        let index = max(0, min(shown.count - 1, (selectedIndex ?? 0) + delta))
        selected = shown[index].id
    }

    public mutating func moveTo(end: Bool) {
        guard !shown.isEmpty else { return }
        selected = end ? shown[shown.count - 1].id : shown[0].id
    }

    public var waitingCount: Int { all.count { $0.state.isWaiting } }
}
