import AirlockCore
import Foundation
import Testing

/// What agents report through `airlock status` shows up live in a running cockpit's
/// agents pane: the plan with the status event, the output tail by the cockpit's own
/// reading while it moves — at 80×24, and in ASCII under LANG=C.
@Suite("The agents pane in tmux", .requires(.tmux))
struct AgentsPaneTerminalTests {
    static let plan = "[x] Read the code\n[~] Build café\n[ ] Run the tests\n"

    private func status(_ fixture: ReviewFixture, _ arguments: [String], input: String = "") throws {
        let result = try CLIHarness.run(["status", "--agent", "runner"] + arguments, in: fixture.root, input: Array(input.utf8))
        #expect(result.status == 0, "\(result.stderr)")
    }

    private func writeOutput(_ text: String, to file: URL) throws {
        try Data(text.utf8).write(to: file)
    }

    @Test func planAndOutputArriveLiveAtEightyByTwentyFour() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\n"])
        let screen = try TmuxScreen.airlock(["cockpit"], in: fixture.root, width: 80, height: 24)
        try screen.waitFor(text: "No agent has reported yet.")
        // As the worktree runner reports: working, through the worktree, with a plan.
        try status(fixture, ["--state", "working", "--channel", "worktree", "--activity", "building", "--plan-file", "-"], input: Self.plan)
        try screen.waitFor(text: "▸ Build café")
        try screen.waitFor(text: "runner via worktree · plan 1/3")
        // Its output, with what a hostile program prints: no event, the cockpit reads it.
        let output = fixture.root.appendingPathComponent("output.log")
        try writeOutput("compiling 1/9\n\u{1b}]0;pwned\u{07}\u{1b}]52;c;cm0gLXJm\u{07}\n\u{1b}[31mstep two\u{1b}[0m\n", to: output)
        try status(fixture, ["--output-file", output.path])
        var shown = try screen.waitFor(text: "› step two")
        #expect(shown.contains("› \\x1b]0;pwned\\x07\\x1b]52;c;"), "\(shown)")
        #expect(!(try screen.title()).contains("pwned"))
        // Focused, the pane makes room for the plan and more output.
        try screen.send(keys: "BTab")
        try screen.waitFor(text: "✓ Read the code")
        try writeOutput("compiling 1/9\nlinking\n10%\r55%\r100% done\n", to: output)
        try status(fixture, ["--output-file", output.path])
        shown = try screen.waitFor(text: "› 100% done")
        #expect(shown.contains("› linking") && shown.contains("○ Run the tests"))
        #expect(shown.lines.count == 24 && shown.lines.allSatisfy { $0.count <= 80 })
        #expect(shown.lines.contains { $0.hasPrefix("┌ Queue") }, "\(shown)")
        // The plan moves on with the next report.
        try status(fixture, ["--state", "working", "--channel", "worktree", "--plan-file", "-"], input: "[x] Read the code\n[x] Build café\n[~] Run the tests\n")
        try screen.waitFor(text: "▸ Run the tests")
        try screen.waitFor(text: "plan 2/3")
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }

    @Test func underLangCThePaneIsASCIIAndReadable() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\n"])
        let screen = try TmuxScreen.airlock(["cockpit"], in: fixture.root, width: 80, height: 24, environment: TmuxScreen.environment(["LANG": "C", "LC_ALL": "C"]))
        try screen.waitFor(text: "No agent has reported yet.")
        try status(fixture, ["--state", "working", "--channel", "worktree", "--activity", "éditer", "--plan-file", "-"], input: Self.plan)
        try screen.send(keys: "BTab")
        try screen.waitFor(text: "[~] Build caf\\u{e9}")
        let output = fixture.root.appendingPathComponent("output.log")
        try writeOutput("tests: 3 passed ✓\n", to: output)
        try status(fixture, ["--output-file", output.path])
        let shown = try screen.waitFor(text: "> tests: 3 passed \\u{2713}")
        #expect(shown.contains("\\u{e9}diter") && shown.contains("[x] Read the code") && shown.contains("runner via worktree, plan 1/3"))
        let foreign = shown.lines.flatMap(\.unicodeScalars).filter { !$0.isASCII }
        #expect(foreign.isEmpty, "\(shown)")
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }
}
