import Foundation

/// Why an approved proposal was not applied. Its state says what happens next.
public enum ApplicationError: Error, CustomStringConvertible {
    case notApproved(Int64, ProposalState)
    /// The stored patch is not what the reviewer approved: the proposal is `failed`.
    case digestMismatch(approved: String, now: String)
    /// The workspace no longer takes it: the proposal is `conflicted`.
    case conflicted(ApplyRefusal)

    public var description: String {
        switch self {
        case .notApproved(let id, let state): return "proposal #\(id) is \(state.rawValue), not approved: nothing to apply"
        case .digestMismatch(let approved, let now):
            return "refused: the patch is not the one that was approved (approved sha256:\(approved), the stored patch now gives sha256:\(now)); the proposal is marked failed"
        case .conflicted(let refusal):
            return "refused: the workspace changed and the patch no longer applies: " + refusal.problems.map(\.message).joined(separator: "; ")
        }
    }
}

extension ManagedWorkspace {
    /// Applies an approved proposal: re-reads it, recomputes the digest of what was
    /// approved and compares it with the decision, re-validates against the workspace,
    /// then writes through the atomic applier. `onStep` is the applier's fault hook.
    @discardableResult
    public func applyApproved(_ id: Int64, onStep: (@Sendable (Int) throws -> Void)? = nil) throws -> ApplyReport {
        let lock = try ApplyLock(stateDirectory: stateDirectory)
        defer { withExtendedLifetime(lock) {} }
        guard let proposal = try store.proposal(id) else { throw StoreError.noSuchProposal(id) }
        guard proposal.state == .approved,
            let decision = try store.decisions(for: id).last(where: { $0.verdict == .approve }),
            let decisionID = decision.id
        else { throw ApplicationError.notApproved(id, proposal.state) }
        let selection = try store.selection(ofDecision: decisionID)
        let patch: Patch
        let digest: String
        do {
            patch = try selected(proposal, selection)
            digest = PatchDigest(of: patch).hex
        } catch {
            try store.abandonApplication(id, .failed, reason: "the stored patch no longer reads: \(error)")
            throw error
        }
        guard digest == decision.digest else {
            try store.abandonApplication(id, .failed, reason: "the patch is not the one approved: approved sha256:\(decision.digest), stored patch gives sha256:\(digest)")
            throw ApplicationError.digestMismatch(approved: decision.digest, now: digest)
        }
        var applier = applier()
        applier.onStep = onStep
        let plan: ApplyReport
        do {
            plan = try applier.check(patch)
        } catch let refusal as ApplyRefusal {
            try store.abandonApplication(id, .conflicted, reason: "no longer applies: " + refusal.problems.map(\.message).joined(separator: "; "))
            throw ApplicationError.conflicted(refusal)
        }
        try store.beginApplication(Application(proposalID: id, digest: digest, preImage: plan.preImage, postImage: plan.postImage, startedAt: store.clock()))
        let report: ApplyReport
        do {
            report = try applier.apply(patch)
        } catch let refusal as ApplyRefusal {
            try store.abandonApplication(id, .conflicted, reason: "no longer applies: " + refusal.problems.map(\.message).joined(separator: "; "))
            throw ApplicationError.conflicted(refusal)
        }
        try store.finishApplication(id, files: report.postImage, recovered: false)
        try recheckWaiting()
        return report
    }

    /// Finishes or undoes an apply a crash interrupted (the journal), then sets each
    /// interrupted proposal's state to what the tree now holds: applied when it holds
    /// the new files, still approved when it holds the old ones.
    func recover() throws -> RecoveryNotice? {
        // Another process is applying right now: its journal and its proposal are its own.
        guard let lock = try ApplyLock.attempt(stateDirectory: stateDirectory) else { return nil }
        defer { withExtendedLifetime(lock) {} }
        var journal: RecoveryOutcome?
        if FileManager.default.fileExists(atPath: journalDirectory) {
            journal = try Applier.recover(workspace: root, journalDirectory: journalDirectory)
        }
        var settled: [(id: Int64, outcome: String)] = []
        for application in try store.pendingApplications() {
            let id = application.proposalID
            if matches(application.postImage) {
                try store.finishApplication(id, files: application.postImage, recovered: true)
                settled.append((id, "applied: the interrupted apply of #\(id) was completed"))
            } else if matches(application.preImage) {
                try store.abandonApplication(id, .stillApproved, reason: "the apply was interrupted and rolled back; the proposal is still approved")
                settled.append((id, "still approved: the interrupted apply of #\(id) was rolled back; run `airlock apply \(id)` to apply it"))
            } else {
                try store.abandonApplication(id, .failed, reason: "after an interrupted apply the files match neither the old nor the new version")
                settled.append((id, "failed: after the interrupted apply of #\(id) the files match neither the old nor the new version"))
            }
        }
        if journal == nil && settled.isEmpty { return nil }
        if !settled.isEmpty { try recheckWaiting() }
        return RecoveryNotice(journal: journal, settled: settled)
    }
}
