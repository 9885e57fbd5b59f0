import Foundation

/// Why an applied proposal was not reverted. Nothing was written.
public enum RevertError: Error, Equatable, CustomStringConvertible {
    case notApplied(Int64, ProposalState?)
    /// What was applied can no longer be worked out from the store (a tampered patch or
    /// selection, a missing approval).
    case unknownApplication(Int64, String)
    /// The reverse patch is not the one the reviewer was shown.
    case staleDigest(id: Int64, shown: String, now: String)
    /// The workspace moved on since the apply: the reverse patch does not apply.
    case doesNotApply(id: Int64, problems: [String])

    public var description: String {
        switch self {
        case .notApplied(let id, let state):
            return "proposal #\(id) is \(state?.rawValue ?? "unknown"), not applied: only an applied proposal can be reverted"
        case .unknownApplication(let id, let why):
            return "refused: what proposal #\(id) applied cannot be worked out (\(why)); nothing was written"
        case .staleDigest(let id, let shown, let now):
            return "the revert of proposal #\(id) is not the one shown (shown sha256:\(shown), now sha256:\(now)): nothing was written; look at it again"
        case .doesNotApply(let id, let problems):
            return "cannot revert proposal #\(id): the workspace changed since it was applied and the reverse patch does not apply: "
                + problems.joined(separator: "; ") + "; nothing was written"
        }
    }
}

extension ManagedWorkspace {
    /// The patch that undoes an applied proposal: the reverse of exactly what was applied
    /// (the approved selection, or the whole patch), for the reviewer to look at. Its
    /// digest is what `revert` wants as `shown`.
    public func revertPreview(_ id: Int64) throws -> Patch {
        guard let proposal = try store.proposal(id) else { throw StoreError.noSuchProposal(id) }
        guard proposal.state == .applied else { throw RevertError.notApplied(id, proposal.state) }
        guard let decision = try store.decisions(for: id).last(where: { $0.verdict == .approve }), let decisionID = decision.id else {
            throw RevertError.unknownApplication(id, "it has no approval")
        }
        let applied: Patch
        do {
            applied = try selected(proposal, try store.selection(ofDecision: decisionID))
        } catch {
            throw RevertError.unknownApplication(id, "the stored patch no longer reads: \(error)")
        }
        let digest = PatchDigest(of: applied).hex
        guard digest == decision.digest else {
            throw RevertError.unknownApplication(id, "the stored patch gives sha256:\(digest), the approval names sha256:\(decision.digest)")
        }
        return applied.reversed()
    }

    /// Undoes an applied proposal as a person asked: the reverse of what was applied,
    /// validated against the workspace as it is now, written atomically through the
    /// applier and its journal, and recorded with the reviewer and the reverse patch's
    /// digest. `shown` is the digest of the reverse patch the reviewer was shown.
    @discardableResult
    public func revert(_ id: Int64, shown: String, by reviewer: Reviewer, onStep: (@Sendable (Int) throws -> Void)? = nil) throws -> ApplyReport {
        try requirePermission(reviewer)
        let lock = try ApplyLock(stateDirectory: stateDirectory)
        defer { withExtendedLifetime(lock) {} }
        let reverse = try revertPreview(id)
        let digest = PatchDigest(of: reverse).hex
        guard digest == shown else { throw RevertError.staleDigest(id: id, shown: shown, now: digest) }
        var applier = applier()
        applier.onStep = onStep
        let plan: ApplyReport
        do {
            plan = try applier.check(reverse)
        } catch let refusal as ApplyRefusal {
            throw RevertError.doesNotApply(id: id, problems: refusal.problems.map(\.message))
        }
        let application = Application(
            proposalID: id, digest: digest, preImage: plan.preImage, postImage: plan.postImage, startedAt: store.clock(),
            revertedBy: reviewer.identity.description)
        try store.beginRevert(application, by: reviewer)
        let report: ApplyReport
        do {
            report = try applier.apply(reverse)
        } catch let refusal as ApplyRefusal {
            try store.abandonRevert(id, reason: "the revert no longer applies: " + refusal.problems.map(\.message).joined(separator: "; "))
            throw RevertError.doesNotApply(id: id, problems: refusal.problems.map(\.message))
        }
        try store.finishRevert(application, files: report.postImage, recovered: false)
        try recheckWaiting()
        return report
    }
}
