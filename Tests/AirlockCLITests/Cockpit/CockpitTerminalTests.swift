import AirlockCore
import Foundation
import Testing

/// The real `airlock cockpit` and `airlock watch` in a real terminal emulator (tmux):
/// keys, resizes, locales, terminals without colour, hostile text, several cockpits.
@Suite("The cockpit in tmux", .requires(.tmux))
struct CockpitTerminalTests {
    static let files = ["a.txt": "one\ntwo\nthree\n"]

    private func cockpit(_ fixture: ReviewFixture, _ arguments: [String] = ["cockpit"], _ environment: [String: String] = [:], width: Int = 120, height: Int = 40) throws -> TmuxScreen {
        try TmuxScreen.airlock(arguments, in: fixture.root, width: width, height: height, environment: TmuxScreen.environment(environment))
    }

    @Test func approvesByKeysAndTheFileChanges() throws {
        let fixture = try ReviewFixture(files: Self.files)
        let proposal = try fixture.propose(ReviewCommandTests.change, title: "Shout two")
        let screen = try cockpit(fixture)
        try screen.waitFor(text: "Queue · 1 waiting")
        try screen.waitFor(text: "+ TWO")
        #expect(try screen.title().contains("1 waiting"))
        try screen.send(keys: "a")
        try screen.waitFor(text: "y or Enter approves")
        #expect(try screen.screen().contains("sha256:\(proposal.digest)"))
        try screen.send(keys: "y")
        try screen.waitFor(text: "Approved #1")
        #expect(try fixture.read("a.txt") == "one\nTWO\nthree\nfour\n")
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
        #expect(!(try screen.title()).contains("waiting"), "the title the person had is put back")
        let decision = try #require(try fixture.workspace.store.decisions(for: proposal.id).first)
        #expect(decision.reviewer.tty == (try screen.terminalPath()))
    }

    @Test func followsResizesAndSaysWhenTooSmall() throws {
        let fixture = try ReviewFixture(files: Self.files)
        try fixture.propose(ReviewCommandTests.change, title: "Shout two")
        let screen = try cockpit(fixture, width: 100, height: 30)
        try screen.waitFor(text: "Queue · 1 waiting")
        try screen.resize(width: 50, height: 12)
        try screen.waitFor(text: "terminal too small")
        try screen.resize(width: 80, height: 24)
        let shown = try screen.waitFor(text: "Queue · 1 waiting")
        #expect(shown.lines.count == 24)
        #expect(shown.lines.first?.hasSuffix("┐") == true, "the right border at column 80: \(shown.lines.first ?? "")")
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }

    @Test func underLangCEverythingIsASCII() throws {
        let fixture = try ReviewFixture(files: Self.files)
        try fixture.propose(ReviewCommandTests.change, title: "Shout two")
        let screen = try cockpit(fixture, ["cockpit"], ["LANG": "C", "LC_ALL": "C"])
        let shown = try screen.waitFor(text: "Queue - 1 waiting")
        let foreign = shown.lines.flatMap(\.unicodeScalars).filter { !$0.isASCII }
        #expect(foreign.isEmpty, "\(shown)")
        #expect(shown.lines[0].hasPrefix("+ Agents"))
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }

    @Test func withoutColourStatesStillReadAsWords() throws {
        let fixture = try ReviewFixture(files: Self.files)
        try fixture.propose(ReviewCommandTests.change, title: "Shout two", agent: "coder-1")
        for environment in [["TERM": "vt100"], ["NO_COLOR": "1"]] {
            let screen = try cockpit(fixture, ["cockpit"], environment)
            try screen.waitFor(text: "Queue · 1 waiting")
            // The open proposal's state, in words, in the diff pane's border.
            let shown = try screen.waitFor(text: "ready", colours: true)
            // `\e[39m` (the default colour) is no colour; `\e[31m`, `\e[91m`, `\e[38;5;…m` are.
            let colour = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38|4[0-7]|48)[;m]/
            #expect(shown.text.firstMatch(of: colour) == nil, "no colour with \(environment)")
            #expect(shown.text.contains("\u{1b}[") , "attributes still drawn with \(environment)")
            #expect(shown.text.contains("ready"))
            try screen.send(keys: "q")
            #expect(try screen.waitForExit() == 0)
        }
    }

    @Test func escapeSequencesInADiffNeverReachTheTerminal() throws {
        let fixture = try ReviewFixture(files: Self.files)
        let hostile = "diff --git a/evil.txt b/evil.txt\nnew file mode 100644\n--- /dev/null\n+++ b/evil.txt\n@@ -0,0 +1,2 @@\n+\u{1b}]0;pwned\u{07}\u{1b}]52;c;ZWNobyBwd25lZA==\u{07}\n+\u{1b}[2J\u{1b}[Hclear \u{9b}31m \u{202e}gnp.exe\n"
        try fixture.propose(hostile, title: "Fix \u{1b}[31mred\u{1b}[0m", agent: "evil")
        let screen = try cockpit(fixture)
        let before = try screen.title()
        try screen.waitFor(text: "\\x1b]0;pwned\\x07")
        let shown = try screen.waitFor(text: "\\u{202e}gnp.exe")
        #expect(shown.contains("Fix \\x1b[31mred"))
        #expect(try screen.title() == before || (try screen.title()).contains("waiting"), "the agent did not set the title")
        #expect(!(try screen.title()).contains("pwned"))
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
    }

    @Test func twoCockpitsSeeEachOthersDecisions() throws {
        let fixture = try ReviewFixture(files: Self.files)
        try fixture.propose(ReviewCommandTests.change, title: "Shout two")
        let first = try cockpit(fixture)
        let second = try cockpit(fixture)
        try first.waitFor(text: "Queue · 1 waiting")
        try second.waitFor(text: "Queue · 1 waiting")
        try first.send(keys: "a")
        try first.waitFor(text: "y or Enter approves")
        try first.send(keys: "y")
        try first.waitFor(text: "Approved #1")
        // Without a key: the other cockpit follows the store's events (how fast is
        // measured by airlock-bench, not here).
        try second.waitFor(text: "Queue · 0 waiting")
        // Deciding there now is refused with a message, never a crash.
        try second.send(keys: "f", "f", "f")
        try second.waitFor(text: "applied")
        for screen in [first, second] {
            try screen.send(keys: "q")
            #expect(try screen.waitForExit() == 0)
        }
    }

    @Test func watchOnlyLooksAndWritesNothing() throws {
        let fixture = try ReviewFixture(files: Self.files)
        try fixture.propose(ReviewCommandTests.change, title: "Shout two")
        let store = fixture.root.appendingPathComponent(".airlock")
        let before = try CLIHarness.tree(store)
        let screen = try cockpit(fixture, ["watch"])
        try screen.waitFor(text: "WATCHING")
        try screen.send(keys: "a")
        try screen.waitFor(text: "not available")
        try screen.send(keys: "r")
        #expect(!(try screen.screen().contains("Reject #1")))
        try screen.send(keys: "q")
        #expect(try screen.waitForExit() == 0)
        #expect(try CLIHarness.tree(store).filter { !$0.key.hasSuffix("-shm") && !$0.key.hasSuffix("-wal") } == before.filter { !$0.key.hasSuffix("-shm") && !$0.key.hasSuffix("-wal") })
        #expect(try fixture.proposal(1).state == .ready)
    }
}

/// The cockpit and a watcher over a real SSH connection to loopback.
@Suite("The cockpit over SSH", .requires(.tmux, .sshd, .ssh, .sshKeygen))
struct CockpitOverSSHTests {
    @Test func approvingOverSSHRecordsTheClientHostAndAWatcherSeesIt() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(ReviewCommandTests.change, title: "Shout two")
        let ssh = try LoopbackSSH()
        let watcher = try ssh.screen(airlock: ["watch"], in: fixture.root, width: 120, height: 40)
        let screen = try ssh.screen(airlock: ["cockpit"], in: fixture.root, width: 120, height: 40)
        try watcher.waitFor(text: "Queue · 1 waiting", timeout: 20)
        try screen.waitFor(text: "Queue · 1 waiting", timeout: 20)
        try screen.send(keys: "a")
        try screen.waitFor(text: "y or Enter approves")
        try screen.send(keys: "y")
        try screen.waitFor(text: "Approved #1")
        try watcher.waitFor(text: "Queue · 0 waiting")
        #expect(try fixture.read("a.txt") == "one\nTWO\nthree\nfour\n")
        let decision = try #require(try fixture.workspace.store.decisions(for: proposal.id).first)
        #expect(decision.reviewer.host == "127.0.0.1")
        for s in [screen, watcher] {
            try s.send(keys: "q")
            #expect(try s.waitForExit() == 0)
        }
    }
}
