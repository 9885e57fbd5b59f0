/// Where a proposal is in its life. The happy path is
/// `submitted → checking → ready → approved → applied`; every other state ends it. A
/// person may revert an applied proposal (`applied → reverted`).
public enum ProposalState: String, Codable, Sendable, CaseIterable, Comparable {
    case submitted
    case checking
    case ready
    case approved
    case applied
    case rejected
    case conflicted
    case withdrawn
    case superseded
    case failed
    case reverted

    /// The moves the store allows; anything else is refused, so a stale writer cannot
    /// undo what another process decided.
    public func canMove(to next: ProposalState) -> Bool {
        switch (self, next) {
        case (.submitted, .checking), (.submitted, .withdrawn), (.submitted, .superseded), (.submitted, .conflicted):
            return true
        case (.checking, .ready), (.checking, .conflicted), (.checking, .failed), (.checking, .withdrawn), (.checking, .superseded):
            return true
        case (.ready, .approved), (.ready, .rejected), (.ready, .conflicted), (.ready, .withdrawn),
            (.ready, .superseded), (.ready, .checking):
            return true
        case (.approved, .applied), (.approved, .conflicted), (.approved, .failed), (.approved, .ready):
            return true
        case (.applied, .reverted):
            return true
        default:
            return false
        }
    }

    /// Still waiting for a human: an agent may withdraw it and the workspace is watched
    /// for changes under it.
    public var isWaiting: Bool { self == .submitted || self == .checking || self == .ready }

    /// Nothing more will happen to it by itself (a person may still revert an applied one).
    public var isFinal: Bool {
        switch self {
        case .applied, .rejected, .conflicted, .withdrawn, .superseded, .failed, .reverted: return true
        case .submitted, .checking, .ready, .approved: return false
        }
    }

    /// In the order of the declaration: the life of a proposal, then its endings.
    public static func < (a: ProposalState, b: ProposalState) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
