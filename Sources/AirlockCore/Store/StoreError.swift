/// Why the store refused a write.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case noSuchProposal(Int64)
    /// The proposal is not in a state that allows the move; `decidedBy` names the
    /// reviewer when a decision is what moved it.
    case stateConflict(id: Int64, current: ProposalState, wanted: ProposalState, decidedBy: String?)
    /// The store was made by a newer Airlock, or is not Airlock's.
    case unusable(path: String, reason: String)
    /// An agent acted on a proposal that is another agent's.
    case notOwner(id: Int64, owner: String, caller: String)

    public var description: String {
        switch self {
        case .noSuchProposal(let id):
            return "no proposal #\(id)"
        case .stateConflict(let id, let current, let wanted, let decidedBy):
            if let decidedBy { return "proposal #\(id) was already \(current.rawValue) by \(decidedBy)" }
            return "proposal #\(id) is \(current.rawValue): it cannot become \(wanted.rawValue)"
        case .unusable(let path, let reason):
            return "\(path): \(reason)"
        case .notOwner(let id, let owner, let caller):
            return "proposal #\(id) is \(VisibleText.escape(owner))'s, not \(VisibleText.escape(caller))'s: only the agent that proposed it may take it back"
        }
    }
}
