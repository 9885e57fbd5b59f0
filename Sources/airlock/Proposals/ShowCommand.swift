import AirlockCore
import ArgumentParser
import Foundation

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a proposal: its patch, stats, checks, gates, decisions and history."
    )

    @Argument(help: "The proposal id.")
    var id: Int64

    @OptionGroup var target: ManagedWorkspaceOption

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print the proposal's lint and linter findings as SARIF 2.1.0.")
    var sarif = false

    struct Output: Encodable {
        var id: Int64
        var agent, title, rationale, format, digest, state: String
        var stateReason: String?
        var baseCommit: String?
        var files, added, removed: Int
        var preImage: [FileImage]
        var checks: [CheckJSON]
        var gates: [GateResult]
        var decisions: [Decision]
        var history: [AuditEntry]
        var patch: String
        var createdAt, updatedAt: Int64
    }

    func run() throws {
        let service = try target.service()
        try explainingFailures {
            let detail = try service.blocking.proposal(id)
            let (proposal, gates, checks, decisions, history) = (detail.proposal, detail.gates, detail.checks, detail.decisions, detail.history)
            if sarif {
                let findings = checks.filter { $0.run.kind == .lint || $0.run.kind == .external }.flatMap(\.findings)
                emit(String(decoding: SARIFExport.document(proposal: proposal.id, findings: findings), as: UTF8.self) + "\n")
                return
            }
            if json {
                emit(try JSONOutput.encode(Output(
                    id: proposal.id, agent: proposal.agent, title: proposal.title, rationale: proposal.rationale,
                    format: proposal.format, digest: proposal.digest, state: proposal.state.rawValue,
                    stateReason: proposal.stateReason, baseCommit: proposal.baseCommit, files: proposal.fileCount,
                    added: proposal.addedLines, removed: proposal.removedLines, preImage: proposal.preImage,
                    checks: checks.map(CheckJSON.init), gates: gates, decisions: decisions, history: history,
                    patch: String(decoding: proposal.patch, as: UTF8.self), createdAt: proposal.createdAt, updatedAt: proposal.updatedAt)))
                return
            }
            let unicode = TerminalTraits(environment: ProcessInfo.processInfo.environment).unicode
            emit(ProposalText.describe(
                proposal, checks: checks, gates: gates, decisions: decisions, history: history, now: service.clock.now(), unicode: unicode))
        }
    }
}

/// A proposal as people read it, every piece of agent text escaped, its rationale behind
/// a bar (`AgentQuote`), its non-ASCII paths marked (`PathMark`), and every line before
/// the diff cut to 79 columns.
enum ProposalText {
    static func describe(
        _ p: Proposal, checks: [CheckResult], gates: [GateResult], decisions: [Decision], history: [AuditEntry], now: Int64,
        unicode: Bool
    ) -> String {
        var out = "proposal #\(p.id) \(p.state.rawValue)"
        if let reason = p.stateReason { out += " (\(VisibleText.escape(reason)))" }
        out += "\n"
        out += "  title:     \(VisibleText.escape(p.title))\n"
        out += "  agent:     \(VisibleText.escape(p.agent)), \(Age.describe(since: p.createdAt, now: now)) ago, as \(p.format)\n"
        out += "  size:      \(p.fileCount) file\(p.fileCount == 1 ? "" : "s"), +\(p.addedLines) -\(p.removedLines)\n"
        out += "  digest:    sha256:\(p.digest)\n"
        if let base = p.baseCommit { out += "  base:      \(base)\n" }
        if !p.rationale.isEmpty {
            out += "  rationale:\n"
            for line in AgentQuote.lines(p.rationale, indent: "    ", unicode: unicode) { out += line + "\n" }
        }
        if let patch = try? p.canonicalPatch() { out += files(of: patch) }
        out += "checks:\n"
        for line in CheckText.lines(checks) { out += line.text + "\n" }
        out += "gates:\n"
        for gate in gates { out += "  \((gate.passed ? "pass" : "FAIL").padding(7)) \(gate.gate): \(VisibleText.escape(gate.detail))\n" }
        if !decisions.isEmpty {
            out += "decisions:\n"
            for d in decisions {
                out += "  \(d.verdict.rawValue) by \(VisibleText.escape(d.reviewer.description)), digest\n    sha256:\(d.digest)\n"
                for o in d.overrides { out += "    override \(o.gate): \(VisibleText.escape(o.reason))\n" }
                if let feedback = d.feedback {
                    for line in feedback.split(separator: "\n", omittingEmptySubsequences: false) { out += "    > \(VisibleText.escape(String(line)))\n" }
                }
                if let note = d.note {
                    out += "    note:\n"
                    for line in note.split(separator: "\n", omittingEmptySubsequences: false) { out += "    > \(VisibleText.escape(String(line)))\n" }
                }
                for comment in d.comments { out += "    comment \(VisibleText.escape(comment.formatted))\n" }
            }
        }
        out += "history:\n"
        for entry in history { out += "  " + AuditText.line(entry) + "\n" }
        return cutToWidth(out, unicode: unicode) + "\n" + escapedLines(p.patch, unicode: unicode)
    }

    /// Every line in rows a terminal of 80 columns does not wrap (`AgentQuote.cut`), but
    /// for Airlock's own lines of a label and a hash, which hold nothing an agent wrote and
    /// must stay whole to be copied.
    static func cutToWidth(_ text: String, unicode: Bool) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if isLabelledHash(line) {
                out += line + "\n"
                continue
            }
            for row in AgentQuote.cut(String(line), unicode: unicode) { out += row + "\n" }
        }
        return out
    }

    /// `  digest:    sha256:<hex>`, `  base:      <hex>` or `    sha256:<hex>`.
    static func isLabelledHash(_ line: Substring) -> Bool {
        for label in ["  digest:    sha256:", "  base:      ", "    sha256:"] where line.hasPrefix(label) {
            let hash = line.dropFirst(label.count)
            return (40...64).contains(hash.count) && hash.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
        return false
    }

    /// One line per file entry, as `patch check` lists them.
    static func files(of patch: Patch) -> String {
        var out = "files:\n"
        for file in PatchStats(patch).files {
            let moved = file.oldPath.map { VisibleText.escape($0) + PathMark.suffix(for: $0) + " => " } ?? ""
            let change = file.binary ? "binary" : "+\(file.added) -\(file.removed)"
            out += "  \(file.operation.verb) \(moved)\(VisibleText.escape(file.path))\(PathMark.suffix(for: file.path)) (\(change))\n"
        }
        return out
    }

    /// Diff text with its line breaks kept, everything else that could drive the terminal
    /// escaped, and long lines cut into rows that keep their mark (`AgentQuote.cut(diffLine:)`).
    static func escapedLines(_ bytes: some BidirectionalCollection<UInt8>, unicode: Bool) -> String {
        var out = ""
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast(bytes.last == UInt8(ascii: "\n") ? 1 : 0) {
            for row in AgentQuote.cut(diffLine: VisibleText.escape(bytes: line, keepTabs: true), unicode: unicode) { out += row + "\n" }
        }
        return out
    }
}
