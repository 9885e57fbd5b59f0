/// What a re-check concluded for one waiting proposal.
public struct RecheckOutcome: Equatable, Sendable {
    public enum Verdict: Equatable, Sendable {
        /// The files it reads changed, and it still applies (perhaps at offsets).
        case stillApplies(String)
        /// It no longer applies: it is now `conflicted`, with this reason.
        case conflicted(String)
    }

    public var id: Int64
    public var verdict: Verdict
}

extension ManagedWorkspace {
    /// Re-checks every waiting proposal whose files changed since it last applied. Each
    /// file is hashed once for the whole pass, however many proposals read it.
    @discardableResult
    public func recheckWaiting() throws -> [RecheckOutcome] {
        let hashes = WorkspaceFileHashes(reader: reader)
        return try store.waitingProposals().compactMap { try recheck($0, hashes: hashes) }
    }

    /// Re-checks one proposal if it is waiting and the files it reads changed; nil when
    /// nothing had to be done.
    @discardableResult
    public func recheck(_ proposal: Proposal) throws -> RecheckOutcome? {
        try recheck(proposal, hashes: WorkspaceFileHashes(reader: reader))
    }

    private func recheck(_ proposal: Proposal, hashes: WorkspaceFileHashes) throws -> RecheckOutcome? {
        guard proposal.state.isWaiting, !hashes.match(proposal.preImage) else { return nil }
        let patch = try proposal.canonicalPatch()
        do {
            let report = try applier().check(patch)
            let summary = "still " + Self.summary(of: report) + " after the workspace changed"
            try store.rebase(proposal.id, preImage: report.preImage, summary: summary)
            return RecheckOutcome(id: proposal.id, verdict: .stillApplies(summary))
        } catch let refusal as ApplyRefusal {
            let reason = "no longer applies: " + refusal.problems.map(\.message).joined(separator: "; ")
            do {
                try store.markConflicted(proposal.id, reason: reason)
            } catch StoreError.stateConflict {
                return nil  // another process decided or re-checked it first
            }
            return RecheckOutcome(id: proposal.id, verdict: .conflicted(reason))
        }
    }

    /// Whether every file is as the image says (nil: absent). A file that cannot be read
    /// safely (a symlink, say) does not match.
    func matches(_ images: [FileImage]) -> Bool {
        WorkspaceFileHashes(reader: reader).match(images)
    }
}
