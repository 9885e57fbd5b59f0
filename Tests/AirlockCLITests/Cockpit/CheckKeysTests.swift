import AirlockCore
@testable import AirlockTUI
import Foundation
import Testing

/// The checks by keys: Enter on a finding shows its line in the diff, `R` queues the
/// checks again, and a running check's output shows as it comes.
@Suite("Cockpit by keys: checks")
struct CheckKeysTests {
    static let conf = "bucket = releases\nregion = eu-west-1\n"
    /// Adds a made-up AWS key id on line 4 (kept in pieces so no scanner flags this file).
    static let leak = """
        diff --git a/config/release.conf b/config/release.conf
        --- a/config/release.conf
        +++ b/config/release.conf
        @@ -1,2 +1,4 @@
         bucket = releases
         region = eu-west-1
        +# for uploads
        +aws_access_key_id = \("AKIA" + "Q3VZ7XKD2MWP4TNB")

        """

    /// A config naming one test command; sandboxed where bubblewrap starts here.
    static func testsConfig(_ command: String) -> String {
        let sandbox = (try? CommandSandbox(mode: .bubblewrap)) != nil ? "bubblewrap" : "off"
        return "[checks]\nsandbox = \"\(sandbox)\"\n\n[[tests]]\nname = \"unit\"\ncommand = \"\(command)\"\ntimeout = 60\n"
    }

    @Test func enterOnAFindingShowsItsLineInTheDiff() throws {
        let w = try CockpitWorkspace(files: ["config/release.conf": Self.conf])
        defer { w.remove() }
        try w.propose(Self.leak, title: "Configure uploads")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: w.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.tab, .tab, .tab)
        #expect(driver.state.focus == .security)
        // Zoomed, the pane has the width for the whole line.
        try driver.press(.character("z"))
        #expect(driver.screen.text.contains("aws-access-key-id config/release.conf:4 "), "\(driver.screen.text)")
        try driver.press(.character("z"), .enter)
        #expect(driver.state.focus == .diff)
        let open = try #require(driver.state.open)
        let target = try #require(open.view.cursorTarget(in: open.document))
        #expect(target.path == "config/release.conf" && target.newLine == 4, "\(target)")
    }

    @Test func aFindingAboutAWholeFileGoesToTheFileAndAnUnknownPathSaysSo() throws {
        let external = CheckResult(run: CheckPanesRenderTests.run("shellcheck", .external, .failed, "3 findings"), findings: [
            CheckPanesRenderTests.finding("whole", .critical, "config/release.conf", 0, "about the file"),
            CheckPanesRenderTests.finding("line", .high, "config/release.conf", 3, "on line 3"),
            CheckPanesRenderTests.finding("elsewhere", .medium, "not/in/diff.sh", 2, "not in this patch"),
        ])
        var state = try CheckPanesRenderTests.opened([external], size: Size(width: 120, height: 40))
        state.focus = .security
        _ = Cockpit.update(&state, .input(.key(.enter)))
        var open = try #require(state.open)
        #expect(state.focus == .diff)
        #expect(open.view.cursorTarget(in: open.document)?.kind == .file)

        state.focus = .security
        _ = Cockpit.update(&state, .input(.key(.character("j"))))
        _ = Cockpit.update(&state, .input(.key(.enter)))
        open = try #require(state.open)
        #expect(open.view.cursorTarget(in: open.document)?.newLine == 3)

        state.focus = .security
        _ = Cockpit.update(&state, .input(.key(.character("G"))))
        #expect(state.findingCursor == 2)
        _ = Cockpit.update(&state, .input(.key(.enter)))
        #expect(state.focus == .security)
        #expect(state.message?.text == "not/in/diff.sh is not in this diff.")
    }

    @Test func rQueuesTheChecksAgainAndALookOnlyPersonCannot() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\n"], config: Self.testsConfig("true"))
        try fixture.propose(CockpitKeyTests.creation("b.txt", "bee"), title: "Add b")
        let unitRuns = { try fixture.workspace.store.checkRuns(for: 1).filter { $0.name == "unit" } }
        #expect(try unitRuns().map(\.status) == [.queued])

        let watcher = try CockpitDriver(root: fixture.root, reviewer: nil, lookOnly: "not an approver")
        try watcher.settle()
        try watcher.press(.character("R"))
        #expect(watcher.state.message?.text.contains("is not available: not an approver") == true, "\(String(describing: watcher.state.message))")
        #expect(try unitRuns().count == 1)

        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: fixture.root, reviewer: try terminal.reviewer())
        try driver.settle()
        try driver.press(.character("R"))
        try driver.waitUntil { $0.state.message?.text == "The checks of #1 run again; it waits for them." }
        let runs = try unitRuns()
        #expect(runs.map(\.status) == [.skipped, .queued])
        #expect(runs.first?.summary == "replaced by a re-run")
    }

    @Test func aRunningChecksOutputShowsAsItComesThenItsVerdict() throws {
        let fixture = try ReviewFixture(
            files: ["a.txt": "one\n"], config: Self.testsConfig("echo first line; sleep 2; echo second line; sleep 1; exit 3"))
        try fixture.propose(CockpitKeyTests.creation("b.txt", "bee"), title: "Add b")
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: fixture.root, reviewer: try terminal.reviewer())
        try driver.settle()
        let workspace = fixture.workspace
        let runner = Thread { _ = try? CheckRunner(workspace: workspace).drain() }
        runner.start()
        // No event tells of new output: the cockpit reads it again while the check runs.
        try driver.waitUntil(seconds: 30) { $0.screen.text.contains("  first line") }
        #expect(driver.state.hasRunningCheck)
        #expect(driver.screen.text.contains("… unit running"), "\(driver.screen.text)")
        try driver.waitUntil(seconds: 30) { $0.screen.text.contains("  second line") }
        try driver.waitUntil(seconds: 30) { $0.screen.text.contains("✗ unit failed") }
        #expect(!driver.state.hasRunningCheck)
        #expect(driver.screen.text.contains("  second line"), "a failed check without cases keeps its output on screen")
        #expect(driver.screen.text.contains("T✗"), "the queue's badge follows")
    }

    @Test func aFailingTestAndALeakedKeyEachNeedAReasonToApprove() throws {
        let fixture = try ReviewFixture(files: ["config/release.conf": Self.conf], config: Self.testsConfig("echo not ok; exit 1"))
        try fixture.propose(Self.leak, title: "Configure uploads")
        _ = try CheckRunner(workspace: fixture.workspace).drain()
        let terminal = try ReviewerTerminal()
        let driver = try CockpitDriver(root: fixture.root, reviewer: try terminal.reviewer())
        try driver.settle()
        #expect(driver.screen.text.contains("✗ unit failed"), "\(driver.screen.text)")
        try driver.press(.character("a"))
        let dialog = driver.screen.text
        #expect(dialog.contains("✗ gate tests: unit failed"), "\(dialog)")
        #expect(dialog.contains("✗ gate findings: 1 finding at or above high"), "\(dialog)")
        try driver.press(.character("y"))
        #expect(try fixture.proposal(1).state == .ready, "nothing approved without the reasons")
        try driver.type("the test is known to be broken on main")
        try driver.press(.enter)
        try driver.type("a test key, revoked")
        try driver.press(.enter, .character("y"))
        try driver.waitUntil { _ in (try? fixture.proposal(1).state) == .applied }
        let decision = try #require(try fixture.workspace.store.decisions(for: 1).last)
        #expect(Set(decision.overrides.map(\.gate)) == ["tests", "findings"])
        #expect(Set(decision.overrides.map(\.reason)) == ["the test is known to be broken on main", "a test key, revoked"])
    }
}
