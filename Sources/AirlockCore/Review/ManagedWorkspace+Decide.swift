import Foundation

/// Why a reviewer's decision was not recorded.
public enum DecisionError: Error, Equatable, CustomStringConvertible {
    case notAnApprover(reviewer: String, approvers: [String], owner: String)
    case gateNotOverridden(gate: String, detail: String)
    case badSelection(String)
    case emptyFeedback
    /// An approval with nothing chosen.
    case nothingSelected
    /// What the reviewer was shown is not what is stored (or selected) now.
    case staleDigest(id: Int64, shown: String, stored: String)
    /// The files the proposal reads changed since it was shown; it was re-checked.
    case workspaceMoved(id: Int64, now: String)

    public var description: String {
        switch self {
        case .notAnApprover(let reviewer, let approvers, let owner):
            let who = approvers.isEmpty ? "only \(owner), who owns .airlock/ (approvers is empty)" : "only \(approvers.joined(separator: ", "))"
            return "\(reviewer) may look but not decide: \(who) may decide (approvers in .airlock/config.toml)"
        case .gateNotOverridden(let gate, let detail):
            return "gate \(gate) fails (\(detail)): approving needs a typed reason to override it"
        case .badSelection(let message):
            return "the selected hunks do not form a patch: \(message)"
        case .emptyFeedback:
            return "a rejection needs feedback for the agent"
        case .nothingSelected:
            return "nothing is selected: choose what to approve, or reject the proposal"
        case .workspaceMoved(let id, let now):
            return "the files proposal #\(id) reads changed since it was shown (it was re-checked: \(now)): nothing was recorded; look at it again before deciding"
        case .staleDigest(let id, let shown, let stored):
            return "proposal #\(id) changed since it was shown (shown sha256:\(shown), now sha256:\(stored)): nothing was recorded; look at it again before deciding"
        }
    }
}

extension ManagedWorkspace {
    /// The policy gates for (a selection of) a proposal's patch and its checks as they
    /// stand: the checks ran on the whole proposal.
    public func gates(for patch: Patch, checks: [CheckResult]) -> [GateResult] {
        PolicyGates.evaluate(patch, gates: config.gates) + CheckGates.evaluate(checks, gates: config.gates)
    }

    /// The part of the proposal a selection covers (the whole patch when nil).
    public func selected(_ proposal: Proposal, _ selection: HunkSelection?) throws -> Patch {
        let patch = try proposal.canonicalPatch()
        guard let selection else { return patch }
        do {
            return try patch.selecting(selection)
        } catch {
            throw DecisionError.badSelection(error.message)
        }
    }

    /// Records an approval of the whole proposal or of `selection`, naming the digest of
    /// exactly those bytes. `shown` is the digest of what the reviewer saw: the proposal's
    /// digest, or for a selection the digest of the selected hunks. When the stored bytes
    /// no longer give it (a second cockpit superseded it, the screen was stale) nothing is
    /// recorded. Every failing gate needs an override with a reason.
    @discardableResult
    public func approve(
        _ id: Int64, by reviewer: Reviewer, shown: String, selection: HunkSelection? = nil, overrides: [GateOverride] = [],
        note: String? = nil, comments: [LineComment] = []
    ) throws -> Decision {
        try requirePermission(reviewer)
        guard let proposal = try store.proposal(id) else { throw StoreError.noSuchProposal(id) }
        let patch = try selected(proposal, selection)
        let digest = PatchDigest(of: patch).hex
        let shownProposal = selection == nil ? shown : proposal.digest
        guard digest == shown else { throw DecisionError.staleDigest(id: id, shown: shown, stored: digest) }
        let results = gates(for: patch, checks: try store.checkResults(for: id))
        for gate in results where !gate.passed {
            guard let override = overrides.first(where: { $0.gate == gate.gate }),
                !override.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else { throw DecisionError.gateNotOverridden(gate: gate.gate, detail: gate.detail) }
        }
        let used = overrides.filter { override in results.contains { !$0.passed && $0.gate == override.gate } }
        let pinned = try pin(proposal, patch)
        return try store.decide(
            id, verdict: .approve, by: reviewer, shownDigest: shownProposal, digest: digest, selection: selection,
            gates: results, overrides: used, feedback: nil, pinned: pinned, note: Self.note(note), comments: comments)
    }

    /// The files `patch` (the proposal or a selection of it) reads, with their hashes now.
    /// The reviewer was shown the proposal against the files of its last re-check: if the
    /// workspace moved since, it is re-checked and nothing is approved.
    private func pin(_ proposal: Proposal, _ patch: Patch) throws -> [FileImage] {
        let moved: () throws -> DecisionError = {
            let verdict = try recheck(proposal)?.verdict
            switch verdict {
            case .stillApplies(let summary)?: return .workspaceMoved(id: proposal.id, now: summary)
            case .conflicted(let reason)?: return .workspaceMoved(id: proposal.id, now: "conflicted, " + reason)
            case nil: return .workspaceMoved(id: proposal.id, now: "no longer waiting")
            }
        }
        // Not ready: the decision itself is refused, naming who decided first.
        guard proposal.state == .ready else { return [] }
        guard matches(proposal.preImage) else { throw try moved() }
        do {
            return try applier().check(patch).preImage
        } catch is ApplyRefusal {
            throw try moved()
        }
    }

    /// Records a rejection with the feedback the agent receives. `shown` is the digest of
    /// the proposal the reviewer saw; a proposal that changed since is not rejected.
    @discardableResult
    public func reject(_ id: Int64, by reviewer: Reviewer, shown: String, feedback: String, comments: [LineComment] = []) throws -> Decision {
        try requirePermission(reviewer)
        guard !feedback.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DecisionError.emptyFeedback }
        guard let proposal = try store.proposal(id) else { throw StoreError.noSuchProposal(id) }
        let patch = try proposal.canonicalPatch()
        return try store.decide(
            id, verdict: .reject, by: reviewer, shownDigest: shown, digest: proposal.digest, selection: nil,
            gates: gates(for: patch, checks: try store.checkResults(for: id)), overrides: [], feedback: feedback, comments: comments)
    }

    /// A note of only white space is no note.
    private static func note(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    /// Whether this reviewer may decide here.
    public func mayDecide(_ reviewer: Reviewer) -> Bool {
        reviewer.mayDecide(approvers: config.approvers, owner: owner)
    }

    /// Why this reviewer may not decide here.
    func refusal(of reviewer: Reviewer) -> DecisionError {
        DecisionError.notAnApprover(reviewer: reviewer.description, approvers: config.approvers, owner: owner)
    }

    func requirePermission(_ reviewer: Reviewer) throws {
        guard mayDecide(reviewer) else { throw refusal(of: reviewer) }
    }
}

