import AirlockCore
import Foundation

/// What the review shows of one proposal before asking: who sent it and why, its size,
/// its checks and gates, then the diff. The rationale stands behind a bar and non-ASCII
/// paths carry a mark, so the agent's words cannot pass for the page's own.
struct ProposalPage {
    let proposal: Proposal
    let patch: Patch
    let checks: [CheckResult]
    let gates: [GateResult]
    let now: Int64

    func show(on console: ReviewConsole) {
        let separator = console.separator
        console.blank()
        Self.say("#\(proposal.id) \(proposal.title)", .heading, on: console)
        let size = "+\(proposal.addedLines) -\(proposal.removedLines)"
        let files = "\(proposal.fileCount) file\(proposal.fileCount == 1 ? "" : "s")"
        Self.say(
            "  " + ["agent \(proposal.agent)", proposal.state.rawValue, size, files, "submitted " + Age.describe(since: proposal.createdAt, now: now, style: .words) + " ago"]
                .joined(separator: separator), on: console)
        let rationale = proposal.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rationale.isEmpty {
            console.line("Rationale:", .heading)
            for line in AgentQuote.lines(rationale, indent: "  ", unicode: console.traits.unicode) { console.line(line) }
        }
        showFiles(on: console)
        showChecks(on: console)
        Self.showGates(gates, on: console)
        console.blank()
        DiffLines.show(patch, on: console)
        console.blank()
    }

    private func showFiles(on console: ReviewConsole) {
        console.line("Files:", .heading)
        for file in PatchStats(patch).files {
            let moved = file.oldPath.map { $0 + PathMark.suffix(for: $0) + " => " } ?? ""
            let name = moved + file.path + PathMark.suffix(for: file.path)
            let change = file.binary ? "binary" : "+\(file.added) -\(file.removed)"
            Self.say("  \(file.operation.verb) \(name) (\(change))", on: console)
        }
    }

    private func showChecks(on console: ReviewConsole) {
        console.line("Checks:", .heading)
        for line in CheckText.lines(checks) {
            let style: TextStyle
            switch line.status {
            case .passed?: style = .passed
            case .failed?, .error?, .timeout?: style = .failed
            case .queued?, .running?: style = .notice
            case .skipped?, nil: style = .plain
            }
            Self.say(line.text, style, on: console)
        }
    }

    static func showGates(_ gates: [GateResult], on console: ReviewConsole) {
        console.line("Gates:", .heading)
        if gates.isEmpty { console.line("  none configured") }
        for gate in gates {
            say("  \(console.mark(passed: gate.passed)) \(gate.gate): \(gate.detail)", gate.passed ? .passed : .failed, on: console)
        }
    }

    /// A line that carries agent text, escaped and cut into rows an 80-column terminal
    /// does not wrap (`AgentQuote.cut`).
    private static func say(_ text: String, _ style: TextStyle = .plain, on console: ReviewConsole) {
        for row in AgentQuote.cut(VisibleText.escape(text, keepTabs: true), unicode: console.traits.unicode) { console.line(row, style) }
    }
}
