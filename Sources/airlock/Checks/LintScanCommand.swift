import AirlockCore
import ArgumentParser
import Foundation

/// `airlock lint [scan]`: the built-in rules over a patch, with the workspace's
/// `.airlock/lint-ignore` applied.
struct LintScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan the lines a patch adds (and the files it touches); the default of `airlock lint`.",
        discussion: """
            Prints each finding as `path:line: severity rule-id: message`, the matched text (secrets masked) \
            and its fingerprint. A finding is suppressed by `airlock:allow [RULE…]` (or `gitleaks:allow`) on its \
            line, or by its fingerprint on a line of .airlock/lint-ignore in the workspace; suppressed findings \
            are still printed, marked, and never count. Exits 1 when a finding that counts is at or above \
            --fail-on, 0 otherwise, and 2 when the input is not a usable patch or lint-ignore is malformed.
            """
    )

    @OptionGroup var input: PatchInputOptions

    @Option(help: "Exit 1 when a finding is at or above this severity: \(LintSeverity.allCases.map(\.rawValue).joined(separator: ", ")).")
    var failOn: LintSeverity = .high

    @Flag(help: "Print the findings as JSON.")
    var json = false

    /// Kept from before `airlock lint rules` existed.
    @Flag(help: .hidden)
    var rules = false

    @Option(help: "Workspace to read current files and .airlock/lint-ignore from (default: current directory).")
    var workspace: String?

    func run() throws {
        if rules {
            return try LintRulesCommand.print(LintRules.all, json: json)
        }
        let root = workspace ?? FileManager.default.currentDirectoryPath
        let ignore: LintIgnore
        do {
            ignore = try LintIgnore.read(workspace: URL(fileURLWithPath: root))
        } catch let error as LintIgnoreError {
            throw CommandFailure.fail("\(error)", code: CommandFailure.unusableInput)
        }
        let patch: Patch
        do {
            patch = try input.read(workspace: WorkspaceReader(root: root).closure, computesHeadings: false)
        } catch let refusal as ApplyRefusal {
            // Exit 1 means findings here: a patch the workspace refuses is unusable input.
            for problem in refusal.problems { CommandFailure.report("unusable: \(problem.message)") }
            throw ExitCode(CommandFailure.unusableInput)
        }
        let findings = LintEngine.scan(patch, ignore: ignore)
        emit(json ? try JSONOutput.encode(findings.map(FindingListing.init)) : Self.report(findings))
        if findings.contains(where: { $0.counts && $0.severity >= failOn }) { throw ExitCode(1) }
    }

    // MARK: - output

    /// One head line per finding, then its excerpt and fingerprint indented; the path is
    /// the agent's and is escaped, the excerpt and fingerprint already are.
    static func report(_ findings: [LintFinding]) -> String {
        findings.map { finding in
            let mark = finding.suppressed.map { " [suppressed: \($0)]" } ?? ""
            var text = "\(VisibleText.escape(finding.path)):\(finding.line): \(finding.severity.rawValue) \(finding.rule): \(finding.message)\(mark)\n"
            if !finding.excerpt.isEmpty { text += "    \(finding.excerpt)\n" }
            if !finding.fingerprint.isEmpty { text += "    fingerprint \(finding.fingerprint)\n" }
            return text
        }.joined()
    }

    /// A finding in `--json`: the path is escaped as in the text output, since JSON
    /// escapes C0 controls but would pass C1 controls and bidi overrides to a terminal.
    struct FindingListing: Codable {
        var rule: String
        var severity: LintSeverity
        var path: String
        var line: Int
        var message: String
        var excerpt: String
        /// Why it does not count, or null.
        var suppressed: String?
        var fingerprint: String

        init(_ finding: LintFinding) {
            rule = finding.rule
            severity = finding.severity
            path = VisibleText.escape(finding.path)
            line = finding.line
            message = finding.message
            excerpt = finding.excerpt
            suppressed = finding.suppressed
            fingerprint = finding.fingerprint
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rule, forKey: .rule)
            try container.encode(severity, forKey: .severity)
            try container.encode(path, forKey: .path)
            try container.encode(line, forKey: .line)
            try container.encode(message, forKey: .message)
            try container.encode(excerpt, forKey: .excerpt)
            try container.encode(suppressed, forKey: .suppressed)
            try container.encode(fingerprint, forKey: .fingerprint)
        }
    }
}
