import AirlockCore

/// What an agent reads about its proposal: state, checks, gates and the reviewer's words,
/// as text (every piece of agent or reviewer text escaped) and as structured facts.
enum DecisionText {
    /// The facts `proposal_status` reports, from the service's detail.
    static func facts(_ detail: ProposalDetail) -> ToolResults.Status {
        let proposal = detail.proposal
        let decision = detail.decisions.last
        return ToolResults.Status(
            id: proposal.id, agent: proposal.agent, title: proposal.title, state: proposal.state, waiting: proposal.state.isWaiting,
            reason: proposal.stateReason, files: proposal.fileCount, added: proposal.addedLines, removed: proposal.removedLines,
            checksSummary: checksSummary(detail.checks),
            checks: detail.checks.map { result in
                ToolResults.Check(
                    name: result.run.name, kind: result.run.kind, status: result.run.status, summary: result.run.summary,
                    findings: result.findings.count, failedCases: result.cases.filter { $0.status == .failed || $0.status == .error }.count)
            },
            gates: detail.gates.map { ToolResults.Gate(gate: $0.gate, passed: $0.passed, detail: $0.detail) },
            decision: decision.map {
                ToolResults.DecisionFacts(verdict: $0.verdict, reviewer: $0.reviewer.description, decidedAt: $0.decidedAt, digest: $0.digest)
            },
            feedback: decision?.feedback, note: decision?.note, comments: (decision?.comments ?? []).map(ToolResults.Comment.init))
    }

    /// `3 passed, 1 failed, 1 running`, or `no checks`.
    static func checksSummary(_ checks: [CheckResult]) -> String {
        guard !checks.isEmpty else { return "no checks" }
        var counts: [CheckRun.Status: Int] = [:]
        for check in checks { counts[check.run.status, default: 0] += 1 }
        return CheckRun.Status.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }.joined(separator: ", ")
    }

    static func status(_ facts: ToolResults.Status) -> String {
        var lines = ["proposal #\(facts.id) \(facts.state.rawValue): \(VisibleText.escape(facts.title)) (\(facts.files) file\(facts.files == 1 ? "" : "s"), +\(facts.added) -\(facts.removed))"]
        if let reason = facts.reason { lines.append("reason: \(VisibleText.escape(reason))") }
        lines.append("checks: \(facts.checksSummary)")
        for check in facts.checks {
            lines.append("  \(check.status.rawValue) \(VisibleText.escape(check.name)) (\(check.kind.rawValue)): \(VisibleText.escape(check.summary))")
        }
        if !facts.gates.isEmpty {
            lines.append("gates:")
            for gate in facts.gates { lines.append("  \(gate.passed ? "pass" : "FAIL") \(gate.gate): \(VisibleText.escape(gate.detail))") }
        }
        if let decision = facts.decision {
            lines.append("decision: \(decision.verdict == .approve ? "approved" : "rejected") by \(VisibleText.escape(decision.reviewer))")
        } else if facts.waiting {
            lines.append("waiting for a reviewer")
        }
        lines += reviewerWords(feedback: facts.feedback, note: facts.note, comments: facts.comments)
        return lines.joined(separator: "\n")
    }

    /// What `wait_for_decision` says, in the words of `airlock wait`.
    static func outcome(_ outcome: ProposalOutcome) -> String {
        var lines: [String]
        if outcome.timedOut {
            lines = ["proposal #\(outcome.id) is still \(outcome.state.rawValue): timed out (call wait_for_decision again to keep waiting)"]
        } else {
            var line = "proposal #\(outcome.id) \(outcome.state.rawValue)"
            if outcome.state != .rejected, let reason = outcome.reason { line += ": \(VisibleText.escape(reason))" }
            lines = [line]
            if let by = outcome.revertedBy { lines.append("reverted by \(VisibleText.escape(by))") }
        }
        lines += reviewerWords(feedback: outcome.feedback, note: outcome.note, comments: outcome.comments.map(ToolResults.Comment.init))
        return lines.joined(separator: "\n")
    }

    private static func reviewerWords(feedback: String?, note: String?, comments: [ToolResults.Comment]) -> [String] {
        var lines: [String] = []
        if let feedback {
            lines.append("feedback from the reviewer:")
            lines += feedback.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + VisibleText.escape(String($0), keepTabs: true) }
        }
        if let note {
            lines.append("note from the reviewer:")
            lines += note.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + VisibleText.escape(String($0), keepTabs: true) }
        }
        if !comments.isEmpty {
            lines.append("line comments from the reviewer:")
            for comment in comments {
                let formatted = LineComment(path: comment.path, line: comment.line, side: comment.side, text: comment.text).formatted
                lines.append("  " + VisibleText.escape(formatted, keepTabs: true))
            }
        }
        return lines
    }
}
