import AirlockCore

/// The findings of a proposal's lint and external checks in the order the Security pane
/// lists them and its cursor counts them: most severe first, within a severity the ones
/// that count before the suppressed ones, then by place.
enum SecurityFindings {
    static func ordered(_ detail: ProposalDetail?) -> [LintFinding] {
        guard let detail else { return [] }
        return detail.checks.filter { $0.run.kind == .lint || $0.run.kind == .external }.flatMap(\.findings).sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if (a.suppressed == nil) != (b.suppressed == nil) { return a.suppressed == nil }
            if a.path != b.path { return a.path < b.path }
            if a.line != b.line { return a.line < b.line }
            return a.rule < b.rule
        }
    }

    /// The lint and external check runs themselves (for their state while no finding is in).
    static func runs(_ detail: ProposalDetail?) -> [CheckRun] {
        (detail?.checks ?? []).map(\.run).filter { $0.kind == .lint || $0.kind == .external }
    }
}

extension Cockpit {
    /// Enter in the Security pane: the diff shows the finding's line (its file, for a
    /// finding about a whole file) and takes the focus.
    static func jumpToFinding(_ state: inout CockpitState) -> [Effect] {
        guard var open = state.open else { return [] }
        let findings = SecurityFindings.ordered(open.detail)
        guard findings.indices.contains(state.findingCursor) else {
            say(&state, "No finding to go to.")
            return []
        }
        let finding = findings[state.findingCursor]
        let found = finding.line > 0
            ? open.view.jump(toPath: finding.path, line: finding.line, in: open.document, comments: open.comments)
            : open.view.jump(toFile: finding.path, in: open.document, comments: open.comments)
        guard found else {
            say(&state, "\(VisibleText.escape(finding.path)) is not in this diff.", .failure)
            return []
        }
        state.open = open
        state.focus = .diff
        return []
    }
}
