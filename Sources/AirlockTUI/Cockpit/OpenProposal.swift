import AirlockCore

/// The proposal whose diff is on screen, with what the reviewer chose and wrote so far.
public struct OpenProposal: Sendable {
    public var detail: ProposalDetail
    public var patch: Patch
    /// Nil: the whole proposal.
    public var selection: HunkSelection?
    public var comments: [LineComment] = []
    /// Gates for the current selection, once read.
    public var gates: [GateResult]
    public var diff: DiffPaneState

    public init(detail: ProposalDetail, patch: Patch) {
        self.detail = detail
        self.patch = patch
        gates = detail.gates
        diff = DiffPaneState(patch: patch)
    }

    public var id: Int64 { detail.proposal.id }
    public var proposal: Proposal { detail.proposal }

    /// The patch an approval would name, and its digest.
    public func chosen() throws(HunkSelectionError) -> (patch: Patch, digest: String) {
        guard let selection else { return (patch, proposal.digest) }
        let part = try patch.selecting(selection)
        return (part, PatchDigest(of: part).hex)
    }
}
