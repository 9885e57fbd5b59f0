import AirlockCore
import Foundation

/// Turns the agent's commits (and, at its end, its uncommitted work) into proposals, one
/// at a time: a commit builds on the one before it, so while an earlier proposal of this
/// run waits for a reviewer the later ones are held; once it is applied the next is
/// proposed. Once one is rejected the agent is told (feedback file, `--on-reject`), and
/// the commits after it are still proposed when they apply to the workspace without it,
/// so the reviewer sees them; one that does not apply cannot become a proposal (a
/// submission that does not apply is refused at once), and the agent is told that it
/// builds on the rejected commit.
final class ProposalQueue {
    /// Something to propose: a commit, or the work tree's changes at the end.
    enum Item: Equatable {
        case commit(String)
        case uncommitted(diff: [UInt8], tip: String)
    }

    /// What the runner is told to do about a decision.
    enum Notice {
        case rejected(id: Int64, outcome: ProposalOutcome)
    }

    let agent: String
    let changes: AgentChanges
    let service: any AgentService
    let say: @Sendable (String) -> Void
    private(set) var proposed: [Int64] = []
    private(set) var held: [Item] = []
    /// The proposal that must settle before the next is proposed, and its commit.
    private(set) var current: (id: Int64, commit: String?)?
    private var seen: Set<String> = []
    /// Commits whose proposal was rejected (or that could not be proposed), with the id.
    private var rejected: [(commit: String, id: Int64?)] = []
    /// What the feedback file says, newest last.
    private(set) var feedback: [String] = []

    init(agent: String, changes: AgentChanges, service: any AgentService, say: @escaping @Sendable (String) -> Void) {
        self.agent = agent
        self.changes = changes
        self.service = service
        self.say = say
    }

    /// Queues the branch's commits not seen yet; returns the tip.
    @discardableResult
    func scan() -> String? {
        guard let tip = changes.tip() else { return nil }
        guard !seen.contains(tip) else { return tip }
        do {
            for commit in try changes.commits(to: tip) where seen.insert(commit).inserted {
                held.append(.commit(commit))
            }
            seen.insert(tip)
        } catch {
            say("cannot read the agent's commits: \(error)")
        }
        return tip
    }

    /// Queues the uncommitted work in the checkout, if there is any.
    func scanUncommitted() {
        let tip = changes.tip() ?? changes.checkout.base
        do {
            let diff = try changes.uncommitted(against: tip)
            if !diff.isEmpty { held.append(.uncommitted(diff: diff, tip: tip)) }
        } catch {
            say("cannot read the agent's uncommitted work: \(error)")
        }
    }

    /// Settles the current proposal if it is settled and proposes what may be proposed
    /// now; returns the rejections the agent must hear about.
    func advance() async -> [Notice] {
        var notices: [Notice] = []
        while true {
            if let waiting = current {
                guard let outcome = try? await service.waitForOutcome(waiting.id, timeout: 0) else { return notices }
                if outcome.timedOut || !outcome.state.isFinal {
                    // The agent rewrote the commit under a waiting proposal (an amend, a
                    // reset): what it committed instead supersedes that proposal.
                    if outcome.state.isWaiting, let commit = waiting.commit, !held.isEmpty, let tip = changes.tip(),
                        !changes.isAncestor(commit, of: tip)
                    {
                        await propose(held.removeFirst(), superseding: waiting.id)
                    }
                    return notices
                }
                current = nil
                switch outcome.state {
                case .applied: break
                case .rejected:
                    if let commit = waiting.commit { rejected.append((commit, waiting.id)) }
                    tellRejection(id: waiting.id, outcome: outcome)
                    notices.append(.rejected(id: waiting.id, outcome: outcome))
                default:
                    let why = outcome.reason.map { ": " + $0 } ?? ""
                    tell("Proposal #\(waiting.id) ended \(outcome.state.rawValue)\(why). It was not applied; later work was proposed on its own.")
                }
            }
            guard !held.isEmpty else { return notices }
            await propose(held.removeFirst())
        }
    }

    private func propose(_ item: Item, superseding: Int64? = nil) async {
        var submission: Submission
        var commit: String?
        var builtOn: (commit: String, id: Int64?)?
        switch item {
        case .commit(let id):
            commit = id
            let change: CommitChange
            do {
                change = try changes.commit(id)
            } catch {
                say("cannot read commit \(id.prefix(10)): \(error)")
                return
            }
            guard !change.diff.isEmpty else {
                say("commit \(change.shortID) changes nothing outside .airlock/: nothing to propose")
                return
            }
            builtOn = rejected.first { changes.isAncestor($0.commit, of: id) }
            var rationale = change.body
            if let builtOn {
                rationale += (rationale.isEmpty ? "" : "\n\n") + "Builds on commit \(builtOn.commit.prefix(10))" + (builtOn.id.map { ", whose proposal #\($0) was rejected." } ?? ", which could not be proposed.")
            }
            rationale += (rationale.isEmpty ? "" : "\n\n") + "Commit \(id) on \(changes.checkout.branch) (airlock run)."
            submission = Submission(
                agent: agent, title: change.subject.isEmpty ? nil : change.subject, rationale: rationale, format: .git, patch: change.diff)
        case .uncommitted(let diff, let tip):
            submission = Submission(
                agent: agent, title: "Uncommitted work of \(agent)",
                rationale: "What \(agent) left uncommitted in its checkout when it ended, on top of commit \(tip.prefix(10)) (airlock run).",
                format: .git, patch: diff)
        }
        submission.supersedes = superseding
        do {
            let receipt = try await service.propose(submission)
            let id = receipt.proposal.id
            if !proposed.contains(id) { proposed.append(id) }
            let replaced = superseding.map { " (supersedes #\($0), whose commit is no longer on the branch)" } ?? ""
            say("#\(id) proposed: \(VisibleText.escape(receipt.proposal.title))\(receipt.isNew ? "" : " (already proposed)")\(replaced)")
            current = (id, commit)
        } catch {
            let what = commit.map { "Commit \($0.prefix(10))" } ?? "The uncommitted work"
            say("\(what) was not proposed: \(error)")
            if let commit { rejected.append((commit, nil)) }
            if let builtOn {
                tell("""
                    \(what) builds on commit \(builtOn.commit.prefix(10))\(builtOn.id.map { ", whose proposal #\($0) was rejected," } ?? ",") \
                    and does not apply to the workspace without it, so it was not proposed. Undo that commit \
                    (git revert \(builtOn.commit.prefix(10)), or git reset to before it) and make the change again.

                    \(error)
                    """)
            } else {
                tell("\(what) was not proposed: it was refused.\n\n\(error)")
            }
        }
    }

    /// Adds a paragraph for the agent to the feedback file's text.
    func tell(_ text: String) {
        feedback.append(text)
    }

    /// The feedback for a rejection, for the file.
    private func tellRejection(id: Int64, outcome: ProposalOutcome) {
        var text = "Proposal #\(id) was rejected."
        if let words = outcome.feedback, !words.isEmpty { text += "\n\nFeedback from the reviewer:\n\n" + words }
        if !outcome.comments.isEmpty {
            text += "\n\nLine comments:\n\n" + outcome.comments.map { "- " + $0.formatted }.joined(separator: "\n")
        }
        feedback.append(text)
    }

    /// The feedback file: every paragraph of this run, oldest first.
    var feedbackText: String {
        "# Airlock: feedback for \(agent)\n\n" + feedback.joined(separator: "\n\n---\n\n") + "\n"
    }
}
