import AirlockCore
import Foundation
import Testing

/// The real cockpit running a workspace's tests: its own runner takes the queued checks,
/// runs them in the sandbox, and the Tests pane and the queue show how they went.
@Suite("The cockpit runs checks, in tmux", .requires(.tmux))
struct CheckTerminalTests {
    /// A TAP suite that passes when `sum.txt` holds 4 and fails otherwise.
    static let files = [
        "sum.txt": "5\n",
        "tests/run.sh": """
            echo "TAP version 13"
            echo "ok 1 - the file is there"
            if [ "$(cat sum.txt)" = 4 ]; then echo "ok 2 - two and two"; else echo "not ok 2 - two and two"; echo "  ---"; echo "  message: sum.txt is not 4"; echo "  ..."; fi
            echo "1..2"

            """,
    ]

    static func change(to value: String) -> String {
        "diff --git a/sum.txt b/sum.txt\n--- a/sum.txt\n+++ b/sum.txt\n@@ -1 +1 @@\n-5\n+\(value)\n"
    }

    @Test func theCockpitsRunnerRunsTheTestsAndThePaneShowsThem() throws {
        let sandboxed = (try? CommandSandbox(mode: .bubblewrap)) != nil
        // Unsandboxed only where bubblewrap cannot start here: the pane then says so.
        let config = """
            [checks]
            sandbox = "\(sandboxed ? "bubblewrap" : "off")"

            [[tests]]
            name = "unit"
            command = "sh tests/run.sh > tap.txt; cat tap.txt"
            results = "tap.txt"
            format = "tap"
            timeout = 60

            """
        let fixture = try ReviewFixture(files: Self.files, config: config)
        try fixture.propose(Self.change(to: "4"), title: "Fix the sum")
        try fixture.propose(Self.change(to: "22"), title: "Break the sum")
        #expect(try fixture.proposal(1).state == .checking)

        let screen = try TmuxScreen.airlock(["cockpit"], in: fixture.root, width: 120, height: 40)
        try screen.waitFor(text: "✓ unit passed", timeout: 60)
        let passing = try screen.screen()
        #expect(passing.contains("2 passed"), "\(passing)")
        #expect(passing.contains("NOT SANDBOXED") == !sandboxed, "\(passing)")
        try screen.waitUntil(timeout: 60, "both badges") { $0.contains("T✓") && $0.contains("T✗") }
        try screen.send(keys: "j")
        let failing = try screen.waitFor(text: "✗ unit failed", timeout: 30)
        #expect(failing.contains("✗ two and two: sum.txt is not 4"), "\(failing)")
        #expect(try fixture.proposal(1).state == .ready)
        #expect(try fixture.proposal(2).state == .ready)
        // The tests gate needs a reason to approve the failing one.
        try screen.send(keys: "a")
        try screen.waitFor(text: "gate tests: unit failed")
        try screen.send(keys: "n")
        try screen.waitFor(text: "Not approved")
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
        let runs = try fixture.workspace.store.checkRuns(for: 2)
        #expect(runs.contains { $0.name == "unit" && $0.status == .failed && $0.sandboxed == sandboxed }, "\(runs)")
    }

    @Test func aWatcherRunsNoChecks() throws {
        let config = "[[tests]]\nname = \"unit\"\ncommand = \"sh tests/run.sh\"\n"
        let fixture = try ReviewFixture(files: Self.files, config: config)
        try fixture.propose(Self.change(to: "4"), title: "Fix the sum")
        let screen = try TmuxScreen.airlock(["watch"], in: fixture.root, width: 120, height: 40)
        try screen.waitFor(text: "… unit queued")
        // Long enough for a runner's first pass, had the watcher started one.
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try screen.screen().contains("… unit queued"))
        #expect(try fixture.workspace.store.checkRuns(for: 1).first { $0.name == "unit" }?.status == .queued)
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }
}
