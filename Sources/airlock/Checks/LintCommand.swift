import AirlockCore
import ArgumentParser
import Foundation

/// `airlock lint`: the built-in security rules over the lines a patch adds.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Scan the lines a patch adds for secrets and dangerous code; writes nothing.",
        discussion: """
            Prints one finding per line as `path:line: severity rule-id: message`. Exits 1 when a finding is at \
            or above --fail-on, 0 otherwise, and 2 when the input is not a usable patch.
            """
    )

    @OptionGroup var input: PatchInputOptions

    @Option(help: "Exit 1 when a finding is at or above this severity: \(LintSeverity.allCases.map(\.rawValue).joined(separator: ", ")).")
    var failOn: LintSeverity = .high

    @Flag(help: "Print the findings as JSON.")
    var json = false

    @Flag(help: "List the rules (id, severity, description) instead of scanning.")
    var rules = false

    @Option(help: "Workspace to read current files from, for formats located by content (default: current directory).")
    var workspace: String?

    func run() throws {
        if rules {
            emit(json ? try JSONOutput.encode(LintRules.all.map(RuleListing.init)) : Self.listing(LintRules.all))
            return
        }
        let root = workspace ?? FileManager.default.currentDirectoryPath
        let patch: Patch
        do {
            patch = try input.read(workspace: WorkspaceReader(root: root).closure, computesHeadings: false)
        } catch let refusal as ApplyRefusal {
            // Exit 1 means findings here: a patch the workspace refuses is unusable input.
            for problem in refusal.problems { CommandFailure.report("unusable: \(problem.message)") }
            throw ExitCode(CommandFailure.unusableInput)
        }
        let findings = LintEngine.scan(patch)
        emit(json ? try JSONOutput.encode(findings.map(FindingListing.init)) : Self.report(findings))
        if findings.contains(where: { $0.severity >= failOn }) { throw ExitCode(1) }
    }

    // MARK: - output

    /// One line per finding; the path is the agent's and is escaped, the excerpt already is.
    static func report(_ findings: [LintFinding]) -> String {
        findings.map { finding in
            let head = "\(VisibleText.escape(finding.path)):\(finding.line): \(finding.severity.rawValue) \(finding.rule): \(finding.message)\n"
            return finding.excerpt.isEmpty ? head : head + "    \(finding.excerpt)\n"
        }.joined()
    }

    static func listing(_ rules: [LintRule]) -> String {
        let width = rules.map(\.id.count).max() ?? 0
        return rules.map { rule in
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            let files = rule.fileGlobs.isEmpty ? "" : " (\(rule.fileGlobs.joined(separator: " ")))"
            return "\(id)  \(severity)  \(rule.description)\(files)\n"
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

        init(_ finding: LintFinding) {
            rule = finding.rule
            severity = finding.severity
            path = VisibleText.escape(finding.path)
            line = finding.line
            message = finding.message
            excerpt = finding.excerpt
        }
    }

    struct RuleListing: Codable {
        var id: String
        var severity: LintSeverity
        var description: String
        var files: [String]

        init(_ rule: LintRule) {
            id = rule.id
            severity = rule.severity
            description = rule.description
            files = rule.fileGlobs
        }
    }
}

extension LintSeverity: ExpressibleByArgument {}
