import Foundation

/// Why an approved proposal was not applied. Its state says what happens next.
public enum ApplicationError: Error, CustomStringConvertible {
    case notApproved(Int64, ProposalState)
    /// The stored patch is not what the reviewer approved: the proposal is `failed`.
    case digestMismatch(approved: String, now: String)
    /// The workspace no longer takes it: the proposal is `conflicted`.
    case conflicted(ApplyRefusal)
    /// The approval is not on the verified audit chain: the proposal is `failed`.
    case unaudited(Int64)
    /// Files the approval was made against changed since: the proposal is back in review.
    case filesChanged(id: Int64, paths: [String])

    public var description: String {
        switch self {
        case .notApproved(let id, let state): return "proposal #\(id) is \(state.rawValue), not approved: nothing to apply"
        case .digestMismatch(let approved, let now):
            return "refused: the patch is not the one that was approved (approved sha256:\(approved), the stored patch now gives sha256:\(now)); the proposal is marked failed"
        case .conflicted(let refusal):
            return "refused: the workspace changed and the patch no longer applies: " + refusal.problems.map(\.message).joined(separator: "; ")
        case .unaudited(let id):
            return "refused: the approval of proposal #\(id) is not on the verified audit chain (a decision recorded outside Airlock, or a damaged log); nothing was written and the proposal is marked failed"
        case .filesChanged(let id, let paths):
            return "refused: \(paths.map { VisibleText.escape($0) }.joined(separator: ", ")) changed since proposal #\(id) was approved; nothing was written and the proposal is back in review"
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
        guard try store.isAudited(decision) else {
            try store.abandonApplication(id, .failed, reason: "the approval is not on the verified audit chain")
            throw ApplicationError.unaudited(id)
        }
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
        if let pinned = decision.pinned {
            let changed = pinned.filter { !matches([$0]) }.map(\.path)
            if !changed.isEmpty {
                try store.returnToReview(id, reason: "\(changed.joined(separator: ", ")) changed since the approval: look at it again")
                throw ApplicationError.filesChanged(id: id, paths: changed)
            }
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
        var refusedJournal: String?
        let pending = try store.pendingApplications()
        if FileManager.default.fileExists(atPath: journalDirectory) {
            // Only the apply recorded before it started may be replayed: a journal an
            // agent wrote (there is no such record, or it names other files) is left
            // alone, and the next person to look is told.
            if pending.isEmpty {
                if try Self.holdsJournal(journalDirectory) {
                    refusedJournal = "a journal in .airlock/journal has no apply recorded before it: it was not replayed (remove it once you have looked at it)"
                }
            } else {
                let expected = Set(pending.flatMap { $0.postImage.map(\.path) })
                do {
                    journal = try Applier.recover(workspace: root, journalDirectory: journalDirectory, expectedTargets: expected)
                } catch let foreign as ForeignJournal {
                    refusedJournal = foreign.description
                }
            }
            if let journal { try store.recordRecovery(journal) }
        }
        var settled: [(id: Int64, outcome: String)] = []
        for application in refusedJournal == nil ? pending : [] {
            let id = application.proposalID
            if let reviewer = application.revertedBy {
                settled.append((id, try settleRevert(application, by: reviewer)))
            } else if matches(application.postImage) {
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
        if journal == nil && settled.isEmpty && refusedJournal == nil { return nil }
        if !settled.isEmpty { try recheckWaiting() }
        return RecoveryNotice(journal: journal, settled: settled, refusedJournal: refusedJournal)
    }

    /// Sets an interrupted revert's proposal to what the tree holds: reverted when it holds
    /// the reverted files, still applied otherwise.
    private func settleRevert(_ application: Application, by reviewer: String) throws -> String {
        let id = application.proposalID
        if matches(application.postImage) {
            try store.finishRevert(application, files: application.postImage, recovered: true)
            return "reverted: the interrupted revert of #\(id) by \(reviewer) was completed"
        } else if matches(application.preImage) {
            try store.abandonRevert(id, reason: "the revert was interrupted and rolled back; the proposal is still applied")
            return "still applied: the interrupted revert of #\(id) was rolled back; run `airlock revert \(id)` to revert it"
        }
        try store.abandonRevert(id, reason: "after an interrupted revert the files match neither the applied nor the reverted version")
        return "still applied: after the interrupted revert of #\(id) the files match neither the applied nor the reverted version"
    }

    /// Whether the journal directory holds a transaction (not just an empty directory).
    private static func holdsJournal(_ path: String) throws -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return !names.isEmpty
    }
}
