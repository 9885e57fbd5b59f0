import AirlockCore
import Foundation
import Testing

@Suite("airlock revert through a terminal")
struct RevertCommandTests {
    static let hostile = """
        diff --git a/a.txt b/a.txt
        --- a/a.txt
        +++ b/a.txt
        @@ -1,3 +1,3 @@
         one
        -two
        +TWO \u{1b}[2J\u{1b}]0;pwned\u{07}
         three

        """

    /// A workspace where proposal #1 was approved and applied through `airlock review`.
    private func applied(title: String = "Shout two") throws -> ReviewFixture {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        try fixture.propose(Self.hostile, title: title)
        let review = try fixture.review(["1"])
        try review.expect("Review #1 [a]pprove all")
        review.send("a")
        try review.expect("Applied #1")
        #expect(try review.waitForExit() == 0)
        #expect(try fixture.proposal(1).state == .applied)
        return fixture
    }

    private func revert(_ fixture: ReviewFixture) throws -> PseudoTerminal {
        try PseudoTerminal(arguments: ["revert", "1", "--workspace", fixture.root.path], environment: ReviewFixture.environment())
    }

    @Test func aYesRevertsShowsTheReverseEscapedAndTheAgentHearsIt() throws {
        let fixture = try applied(title: "Shout \u{1b}[31mtwo")
        let terminal = try revert(fixture)
        try terminal.expect("Revert #1: Shout \\x1b[31mtwo: this undoes what was applied.")
        try terminal.expect("-TWO \\x1b[2J\\x1b]0;pwned\\x07")
        try terminal.expect("+two")
        try terminal.expect("Revert #1? [y/N] ")
        terminal.send("y")
        try terminal.expect("Reverted #1")
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.transcript.contains("\u{1b}"))
        #expect(try fixture.read("a.txt") == "one\ntwo\nthree\n")
        #expect(try fixture.proposal(1).state == .reverted)

        let verify = try CLIHarness.run(["audit", "--verify", "--workspace", fixture.root.path], in: fixture.root)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let wait = try CLIHarness.run(["wait", "1", "--json", "--workspace", fixture.root.path], in: fixture.root)
        #expect(wait.status == 4)
        let outcome = try JSONDecoder().decode(ProposalOutcome.self, from: Data(wait.stdout.utf8))
        #expect(outcome.state == .reverted && outcome.revertedBy?.contains("@") == true, "\(wait.stdout)")
        let text = try CLIHarness.run(["wait", "1", "--workspace", fixture.root.path], in: fixture.root)
        #expect(text.stdout.hasPrefix("proposal #1 reverted: reverted by "), "\(text.stdout)")
    }

    @Test func anythingButYesRevertsNothing() throws {
        let fixture = try applied()
        let terminal = try revert(fixture)
        try terminal.expect("Revert #1? [y/N] ")
        terminal.send("")
        try terminal.expect("Nothing was reverted.")
        #expect(try terminal.waitForExit() == 0)
        #expect(try fixture.read("a.txt") == "one\nTWO \u{1b}[2J\u{1b}]0;pwned\u{07}\nthree\n")
        #expect(try fixture.proposal(1).state == .applied)
    }

    @Test func aChangedFileIsNamedAndNothingIsWritten() throws {
        let fixture = try applied()
        try CLIHarness.write("one\nedited\nthree\n", to: "a.txt", in: fixture.root)
        let terminal = try revert(fixture)
        try terminal.expect("Revert #1? [y/N] ")
        terminal.send("y")
        try terminal.expect("Not reverted: cannot revert proposal #1")
        #expect(try terminal.waitForExit() == 1)
        #expect(terminal.transcript.contains("a.txt"))
        #expect(try fixture.read("a.txt") == "one\nedited\nthree\n")
        #expect(try fixture.proposal(1).state == .applied)
    }

    @Test func withoutATerminalNothingIsReverted() throws {
        let fixture = try applied()
        let result = try ChildProcess.runWithoutTerminal(
            arguments: ["revert", "1", "--workspace", fixture.root.path], environment: ReviewFixture.environment(), input: "y\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("airlock revert needs an interactive terminal (/dev/tty)"))
        #expect(try fixture.proposal(1).state == .applied)
    }

    @Test func aProposalThatWasNotAppliedIsRefused() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        try fixture.propose(Self.hostile)
        let terminal = try revert(fixture)
        #expect(try terminal.waitForExit() == 1)
        #expect(terminal.transcript.contains("proposal #1 is ready, not applied: only an applied proposal can be reverted"))
        #expect(try fixture.proposal(1).state == .ready)
    }
}
