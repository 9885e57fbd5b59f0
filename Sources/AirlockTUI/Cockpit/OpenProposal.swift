import AirlockCore

/// The proposal whose diff is on screen: what the reviewer chose and wrote so far (one
/// `ReviewDraft`, the model the line-mode review keeps too), and where they are in it.
public struct OpenProposal: Sendable {
    public var detail: ProposalDetail
    public var draft: ReviewDraft
    public let document: DiffDocument
    public var view: DiffViewState
    /// The draft's selection, kept with it: reading it walks every hunk, which a frame
    /// of a 100,000-line diff must not do.
    public private(set) var selection: HunkSelection?
    public private(set) var coverage: ReviewDraft.Coverage = .whole
    public private(set) var comments: DiffComments = .none

    public init(detail: ProposalDetail, patch: Patch, document: DiffDocument) {
        self.detail = detail
        let proposal = detail.proposal
        draft = ReviewDraft(proposalID: proposal.id, proposalDigest: proposal.digest, title: proposal.title, patch: patch, gates: detail.gates)
        self.document = document
        view = DiffViewState()
    }

    public var id: Int64 { detail.proposal.id }
    public var proposal: Proposal { detail.proposal }
    public var patch: Patch { draft.patch }

    /// Changes the draft and keeps what the screen reads of it in step.
    public mutating func edit(_ change: (inout ReviewDraft) -> Void) {
        change(&draft)
        selection = draft.selection
        coverage = draft.coverage
        comments = DiffComments(draft.comments)
    }

    /// The patch an approval would name, and its digest.
    public func chosen() throws -> (patch: Patch, digest: String) {
        (try draft.approvedPatch(), try draft.approvedDigest())
    }
}
