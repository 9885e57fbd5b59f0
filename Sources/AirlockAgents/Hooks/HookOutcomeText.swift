import AirlockCore
import Foundation

/// The answer to a gated tool call once its proposal has an outcome (or the wait ended),
/// worded for the model that reads it. Everything that came from an agent or a reviewer
/// is escaped, line by line, before it goes into the answer.
enum HookOutcomeText {
    static func verdict(_ change: HookChange, outcome: ProposalOutcome, leftOut: [String]?, waited: Double) -> HookVerdict {
        let id = outcome.id
        let files = change.paths.map { VisibleText.escape($0) }.joined(separator: ", ")
        if outcome.timedOut {
            let state = outcome.state == .approved ? "approved, not yet applied" : "awaiting review"
            return .deny(lines([
                "Airlock: queued as proposal #\(id), \(state). Nothing is written until a person approves it (waited \(Int(waited)) s).",
                "If it is approved, Airlock applies it itself: do not repeat this change. Check on it later with `airlock wait \(id) --timeout 0`, or carry on with other work.",
            ]))
        }
        switch outcome.state {
        case .applied:
            let remarks = reviewerRemarks(outcome)
            if let leftOut, !leftOut.isEmpty {
                return .deny(lines([
                    "Airlock applied only part of this change after review, as proposal #\(id): the reviewer approved some of it and left out:",
                ] + leftOut.map { "  - " + $0 } + [
                    "Nothing else was written. Read \(files) again before going on, and do not repeat this change.",
                ] + remarks))
            }
            if change.repeatAfterApply == .harmless {
                return .allow(lines(["Airlock: approved after review as proposal #\(id) and applied; \(files) already holds exactly this content."] + remarks))
            }
            return .deny(lines([
                "Airlock applied exactly this change after review, as proposal #\(id): \(files) already holds it.",
                "Do not repeat this \(change.tool): it is done. Carry on from the file as it is now.",
            ] + remarks))
        case .rejected:
            return .deny(lines(["The reviewer rejected this change (proposal #\(id)); nothing was written."] + reviewerRemarks(outcome) + [
                "Take the feedback into account and try again.",
            ]))
        case .reverted:
            return .deny(lines([
                "Proposal #\(id) was applied, then reverted by \(VisibleText.escape(outcome.revertedBy ?? "a reviewer")): the workspace does not hold this change.",
            ] + reviewerRemarks(outcome)))
        default:
            let reason = outcome.reason.map { ": " + escaped($0) } ?? "."
            return .deny(lines(["Proposal #\(id) was \(outcome.state.rawValue)\(reason) Nothing of it was written."]))
        }
    }

    /// The reviewer's feedback, note and line comments, each under a heading.
    private static func reviewerRemarks(_ outcome: ProposalOutcome) -> [String] {
        var out: [String] = []
        if let feedback = outcome.feedback, !feedback.isEmpty {
            out.append("Feedback from the reviewer:")
            out += feedback.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + VisibleText.escape(String($0), keepTabs: true) }
        }
        if let note = outcome.note, !note.isEmpty {
            out.append("Note from the reviewer:")
            out += note.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + VisibleText.escape(String($0), keepTabs: true) }
        }
        if !outcome.comments.isEmpty {
            out.append("Line comments from the reviewer:")
            out += outcome.comments.map { "  " + VisibleText.escape($0.formatted, keepTabs: true) }
        }
        return out
    }

    /// One line of agent text, its newlines shown as `\n`.
    static func escaped(_ text: String) -> String {
        VisibleText.escape(text, keepTabs: true)
    }

    private static func lines(_ lines: [String]) -> String {
        lines.joined(separator: "\n")
    }

    // MARK: - What a partial approval left out

    /// What the approval of `detail`'s proposal left out, one line per file or hunk; nil
    /// when it approved the whole proposal.
    static func leftOut(_ detail: ProposalDetail) -> [String]? {
        guard let approval = detail.decisions.last(where: { $0.verdict == .approve }), approval.digest != detail.proposal.digest else { return nil }
        guard let selection = selection(in: detail.history), let patch = try? detail.proposal.canonicalPatch() else {
            return ["some of it (the approval covers a part; see `airlock show \(detail.proposal.id)`)"]
        }
        var out: [String] = []
        for (f, file) in patch.files.enumerated() where !selection.files.contains(f) {
            let path = VisibleText.escape(file.path)
            let refs = file.hunks.indices.map { HunkSelection.HunkRef(file: f, hunk: $0) }
            if refs.allSatisfy({ !selection.hunks.contains($0) && selection.lines[$0] == nil }) {
                out.append("\(path): the whole file's change")
                continue
            }
            for (h, hunk) in file.hunks.enumerated() {
                let ref = HunkSelection.HunkRef(file: f, hunk: h)
                let place = "\(path): hunk \(h + 1) of \(file.hunks.count) (@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@)"
                if selection.hunks.contains(ref) { continue }
                if let lines = selection.lines[ref] {
                    let missing = hunk.changedLineIndices.subtracting(lines).count
                    if missing > 0 { out.append("\(place): \(missing) changed line\(missing == 1 ? "" : "s") of it") }
                } else {
                    out.append(place)
                }
            }
        }
        return out
    }

    /// The hunk selection the last approval in the audit trail recorded.
    private static func selection(in history: [AuditEntry]) -> HunkSelection? {
        struct Details: Decodable {
            var verdict: String
            var selection: HunkSelection?
        }
        for entry in history.reversed() where entry.kind == "decision" {
            guard let details = try? JSONDecoder().decode(Details.self, from: Data(entry.details.utf8)), details.verdict == "approve" else { continue }
            return details.selection
        }
        return nil
    }
}
