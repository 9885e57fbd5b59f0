import AirlockCore
@testable import AirlockTUI
import Foundation
import Testing

/// The Tests and Security panes, the queue's check badges and the approve dialog's
/// checks, rendered from states built by hand around a real proposal.
@Suite("Cockpit frames: checks")
struct CheckPanesRenderTests {
    static let now = CockpitRenderTests.now

    static let patch = """
        diff --git a/config/release.conf b/config/release.conf
        --- a/config/release.conf
        +++ b/config/release.conf
        @@ -1,2 +1,4 @@
         bucket = releases
         region = eu-west-1
        +user = ci
        +token = here

        """

    /// A state whose open proposal carries `checks`, with `pane` zoomed to the whole screen.
    static func opened(_ checks: [CheckResult], pane: Pane? = nil, size: Size = Size(width: 100, height: 30), unicode: Bool = true) throws -> CockpitState {
        let w = try CockpitWorkspace(files: ["config/release.conf": "bucket = releases\nregion = eu-west-1\n"])
        defer { w.remove() }
        let proposal = try w.propose(patch, title: "Configure uploads")
        let detail = ProposalDetail(proposal: proposal, checks: checks, gates: [], decisions: [], history: [])
        let canonical = try proposal.canonicalPatch()
        let summary = ProposalSummary(
            id: proposal.id, agent: proposal.agent, title: proposal.title, state: .ready, fileCount: 1, addedLines: 2, removedLines: 0,
            createdAt: now, updatedAt: now)
        var state = CockpitRenderTests.state(size, unicode: unicode, proposals: [summary])
        state.open = OpenProposal(detail: detail, patch: canonical, document: DiffDocument(canonical))
        if let pane {
            state.focus = pane
            state.zoomed = true
        }
        _ = Cockpit.update(&state, .input(.resize(size)))
        return state
    }

    static func run(_ name: String, _ kind: CheckRun.Kind, _ status: CheckRun.Status, _ summary: String, sandboxed: Bool? = true, output: String? = nil) -> CheckRun {
        var run = CheckRun(proposalID: 1, name: name, kind: kind, status: status, summary: summary, startedAt: now, finishedAt: nil, sandboxed: sandboxed)
        run.output = output
        return run
    }

    static func finding(_ rule: String, _ severity: LintSeverity, _ path: String, _ line: Int, _ message: String, suppressed: String? = nil) -> LintFinding {
        LintFinding(rule: rule, severity: severity, path: path, line: line, message: message, excerpt: "", suppressed: suppressed)
    }

    static func text(_ state: CockpitState) -> String { CockpitRenderer.render(state).lines.joined(separator: "\n") }

    /// No terminal control of any kind reached the buffer: escape, C1 controls, BEL, bidi
    /// overrides.
    static func expectNoControls(_ state: CockpitState, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in CockpitRenderer.render(state).lines {
            let raw = line.unicodeScalars.filter { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) || (0x202a...0x202e).contains($0.value) || (0x2066...0x2069).contains($0.value) }
            #expect(raw.isEmpty, "raw control in \(VisibleText.escape(line))", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Tests pane

    @Test func testsShowStatusNameSummaryFailingCasesAndAMissingSandbox() throws {
        let unit = CheckResult(
            run: Self.run("unit", .test, .failed, "1 passed, 1 failed in 0.2 s", sandboxed: false),
            cases: [TestCase(name: "adds", status: .passed), TestCase(name: "compares two digits", status: .failed, message: "expected -1, got 1\nat line 3")])
        let lint = CheckResult(run: Self.run("security lint", .lint, .passed, "no findings", sandboxed: nil))
        let state = try Self.opened([unit, lint], pane: .tests)
        let lines = CockpitRenderer.render(state).lines
        #expect(lines[0].contains("Tests") && lines[0].contains("0/1 passed"), "\(lines[0])")
        #expect(lines[1] == "│ ✗ unit failed NOT SANDBOXED, 1 passed, 1 failed in 0.2 s".padding(toLength: 99, withPad: " ", startingAt: 0) + "│")
        #expect(lines[2].hasPrefix("│   ✗ compares two digits: expected -1, got 1 "), "only the message's first line: \(lines[2])")
        #expect(!lines.joined().contains("adds"), "passing cases are not listed")
        #expect(!lines.joined().contains("security lint"), "the lint belongs to the Security pane")
        #expect(CockpitRenderer.render(state).roles(row: 1)[2] == .failed)
    }

    @Test func aRunningCheckShowsTheLastLinesOfItsOutputThatFit() throws {
        let output = (1...40).map { "step \($0) done\r\n" }.joined()
        let running = CheckResult(run: Self.run("unit", .test, .running, "running", output: output))
        let queued = CheckResult(run: Self.run("slow", .test, .queued, "queued"))
        let state = try Self.opened([running, queued], pane: .tests, size: Size(width: 80, height: 16))
        let lines = CockpitRenderer.render(state).lines
        #expect(lines[0].contains("2 running"))
        #expect(lines[1].hasPrefix("│ … unit running "), "\(lines[1])")
        #expect(lines.contains { $0.hasPrefix("│ … slow queued ") }, "queued says so, without repeating its summary")
        // 13 rows: two headers and the last eleven lines of output.
        #expect(lines[2].hasPrefix("│   step 30 done "), "\(lines)")
        #expect(lines[12].hasPrefix("│   step 40 done "), "\(lines)")
        #expect(lines[13].hasPrefix("│ … slow queued"), "\(lines)")
        #expect(!lines.contains { $0.contains("step 29 done") })
        #expect(!lines.joined().contains("\\r"), "CR LF line ends are line ends")
    }

    @Test func testsSayWhenNoneAreConfiguredOrNoProposalIsOpen() throws {
        let state = try Self.opened([CheckResult(run: Self.run("security lint", .lint, .passed, "no findings", sandboxed: nil))], pane: .tests)
        #expect(Self.text(state).contains("No tests configured: [[tests]] in .airlock/config.toml names them."))
        var closed = state
        closed.open = nil
        #expect(Self.text(closed).contains("No proposal open."))
    }

    @Test func hostileTestOutputNamesAndMessagesAreEscaped() throws {
        let hostile = "\u{1b}[2J\u{1b}]52;c;cm0gLXJmIH4=\u{07}\u{9b}31m\u{202e}gnp.exe"
        let failed = CheckResult(
            run: Self.run("unit\u{1b}[8m", .test, .failed, "exit 1 \u{1b}[1A", output: "ok\n\(hostile)\n"),
            cases: [TestCase(name: "case \(hostile)", status: .failed, message: hostile)])
        let running = CheckResult(run: Self.run("live", .test, .running, "running", output: "\(hostile)\nlast \u{1b}[0m\n"))
        let state = try Self.opened([failed, running], pane: .tests)
        Self.expectNoControls(state)
        let text = Self.text(state)
        #expect(text.contains("case \\x1b[2J\\x1b]52;c;cm0gLXJmIH4=\\x07\\x9b31m"), "\(text)")
        #expect(text.contains("last \\x1b[0m"))
        #expect(text.contains("\\u{202e}gnp.exe"))
    }

    // MARK: - Security pane

    @Test func findingsMostSevereFirstWithSuppressedOnesMarked() throws {
        let lint = CheckResult(run: Self.run("security lint", .lint, .failed, "3 findings: 1 high, 1 medium (1 suppressed)", sandboxed: nil), findings: [
            Self.finding("generic-secret", .medium, "config/release.conf", 4, "a secret assigned in code"),
            Self.finding("aws-access-key-id", .high, "config/release.conf", 3, "AWS access key id"),
            Self.finding("private-key", .critical, "config/release.conf", 4, "a private key", suppressed: "lint-ignore fingerprint"),
        ])
        let external = CheckResult(run: Self.run("shellcheck", .external, .failed, "1 finding: 1 critical"), findings: [
            Self.finding("SC2086", .critical, "config/release.conf", 0, "about the whole file"),
        ])
        let state = try Self.opened([lint, external], pane: .security)
        let lines = CockpitRenderer.render(state).lines
        #expect(lines[0].contains("1 critical of 3"), "\(lines[0])")
        #expect(lines[1].hasPrefix("│▶critical SC2086 config/release.conf (whole file) about the whole file "), "\(lines[1])")
        #expect(lines[2].hasPrefix("│ critical private-key config/release.conf:4 suppressed (lint-ignore fingerprint) a private key "), "\(lines[2])")
        #expect(lines[3].hasPrefix("│ high     aws-access-key-id config/release.conf:3 AWS access key id "), "\(lines[3])")
        #expect(lines[4].hasPrefix("│ medium   generic-secret config/release.conf:4 "), "\(lines[4])")
        #expect(CockpitRenderer.render(state).roles(row: 3)[2] == .severityHigh)
        #expect(CockpitRenderer.render(state).roles(row: 2)[2] == .dim, "a suppressed finding does not shout")
    }

    @Test func pendingAndFailedLintersSayTheirFindingsAreUnknown() throws {
        let lint = CheckResult(run: Self.run("security lint", .lint, .passed, "no findings", sandboxed: nil))
        let bandit = CheckResult(run: Self.run("bandit", .external, .error, "its report cannot be read", sandboxed: false))
        let semgrep = CheckResult(run: Self.run("semgrep", .external, .running, "running"))
        let state = try Self.opened([lint, bandit, semgrep], pane: .security)
        let lines = CockpitRenderer.render(state).lines
        #expect(lines[1].hasPrefix("│ ! bandit error NOT SANDBOXED, its report cannot be read "), "\(lines[1])")
        #expect(lines[2].hasPrefix("│ … semgrep running "))
        #expect(!lines.joined().contains("No findings."), "not while one still runs")
        let clean = try Self.opened([lint], pane: .security)
        #expect(Self.text(clean).contains("No findings."))
    }

    @Test func hostileFindingPathsRulesAndMessagesAreEscaped() throws {
        let lint = CheckResult(run: Self.run("semgrep\u{1b}[2J", .external, .failed, "1 finding: 1 high"), findings: [
            Self.finding("rule\u{1b}]0;pwned\u{07}", .high, "src/\u{202e}txt.sh\u{1b}[31m", 2, "message \u{9b}2J\u{1b}[?1049h", suppressed: "marker \u{1b}[8m"),
        ])
        let state = try Self.opened([lint], pane: .security)
        Self.expectNoControls(state)
        let text = Self.text(state)
        #expect(text.contains("src/\\u{202e}txt.sh\\x1b[31m:2"), "\(text)")
        #expect(text.contains("suppressed (marker \\x1b[8m)"))
    }

    // MARK: - Queue badges, status bar, approve dialog

    @Test func queueBadgesShowTestsAndTheWorstFinding() {
        var state = CockpitRenderTests.state(Size(width: 180, height: 40))
        state.checkBadges[12] = [
            Self.run("unit", .test, .failed, "1 failed"),
            Self.run("security lint", .lint, .failed, "3 findings: 1 high, 1 low (1 suppressed)", sandboxed: nil),
        ]
        state.checkBadges[13] = [Self.run("unit", .test, .running, "running"), Self.run("security lint", .lint, .passed, "no findings", sandboxed: nil)]
        let lines = CockpitRenderer.render(state).lines
        let row12 = lines.first { $0.contains("#12") } ?? ""
        #expect(row12.contains("+40 −3 2f T✗ S2H ready 5m"), "two findings count, the worst high: \(row12)")
        let row13 = lines.first { $0.contains("#13") } ?? ""
        #expect(row13.contains("1f T… S✓ checking"), "\(row13)")
        #expect(lines.contains { $0.contains("─ T tests · S findings ─") }, "the letters are explained")
        let frame = CockpitRenderer.render(state)
        let y = lines.firstIndex { $0.contains("#12") } ?? 0
        let column = Array(lines[y]).firstIndex(of: "✗").map { $0 } ?? 0
        #expect(frame.roles(row: y)[column] == .failed)
        #expect(lines.last?.contains("checks: running 1") == true, "\(lines.last ?? "")")

        state.settings.unicode = false
        let ascii = CockpitRenderer.render(state).lines
        #expect(ascii.first { $0.contains("#12") }?.contains("Tx S2H") == true)
        #expect(ascii.first { $0.contains("#13") }?.contains("T~ Sok") == true)
        #expect(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func badgesReadTheLintSummaryAsTheCoreWritesIt() {
        let findings = [
            Self.finding("a", .low, "x", 1, ""), Self.finding("b", .critical, "x", 2, ""),
            Self.finding("c", .critical, "x", 3, "", suppressed: "why"), Self.finding("d", .medium, "x", 4, ""),
        ]
        #expect(FindingCounts.read(LintSummary.line(findings)) == [.critical: 1, .medium: 1, .low: 1])
        #expect(FindingCounts.read(LintSummary.line([])) == [:])
        let badge = CheckBadge([Self.run("security lint", .lint, .failed, LintSummary.line(findings), sandboxed: nil)])
        #expect(badge.findings == .found(count: 3, worst: .critical))
        #expect(CheckBadge([Self.run("unit", .test, .passed, ""), Self.run("slow", .test, .timeout, "")]).tests == .trouble)
        #expect(CheckBadge([Self.run("unit", .test, .failed, ""), Self.run("slow", .test, .running, "")]).tests == .failed)
        #expect(CheckBadge([]).isEmpty)
    }

    @Test func theApproveDialogListsChecksAndTheirGates() {
        var state = CockpitRenderTests.state(Size(width: 100, height: 40))
        state.overlay = .approve(ApproveDialog(items: [ApproveDialog.Item(
            id: 12, title: "Add retry", agent: "coder-1", digest: String(repeating: "ab", count: 32), selection: nil, files: ["a"], added: 1, removed: 0,
            gates: [
                GateResult(gate: "tests", passed: false, detail: "unit failed: 1 failed"),
                GateResult(gate: "findings", passed: false, detail: "1 finding at or above high"),
            ],
            checks: [Self.run("unit", .test, .failed, "1 failed", sandboxed: false), Self.run("security lint", .lint, .failed, "", sandboxed: nil)])]))
        let text = Self.text(state)
        #expect(text.contains("checks: ✗ unit failed NOT SANDBOXED, ✗ security lint failed"), "\(text)")
        #expect(text.contains("✗ gate tests: unit failed: 1 failed — needs a reason to override"))
        #expect(text.contains("✗ gate findings: 1 finding at or above high — needs a reason to override"))
        #expect(!text.contains("no test runs"))
    }
}
