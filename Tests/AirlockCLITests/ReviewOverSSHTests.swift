import AirlockCore
import Foundation
import Testing

/// A reviewer who reaches the workspace through SSH, as a team lead on the build box
/// does: a real sshd on the loopback address, `ssh -tt` from a tmux terminal.
@Suite("airlock review over SSH", .requires(.tmux, .sshd, .ssh, .sshKeygen))
struct ReviewOverSSHTests {
    /// The fields of `airlock show --json` that say who decided.
    struct Shown: Decodable {
        struct Decision: Decodable {
            var verdict: String
            var reviewer: ReviewerIdentity
        }
        var state: String
        var decisions: [Decision]
    }

    /// The fields of one `airlock audit --json` entry.
    struct Logged: Decodable {
        var kind: String
        var actor: String
    }

    @Test func anApprovalOverSSHNamesTheClientHost() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(ReviewCommandTests.change, title: "Shout two")
        let ssh = try LoopbackSSH()
        let screen = try ssh.screen(airlock: ["review"], in: fixture.root)
        try screen.waitFor(text: "Review #1 [a]pprove all", timeout: 20)
        try screen.send(keys: "a", "Enter")
        try screen.waitFor(text: "Applied #1")
        #expect(try screen.waitForExit() == 0, "ssh passes on the remote exit status")
        #expect(try fixture.read("a.txt") == "one\nTWO\nthree\nfour\n")

        let shown = try CLIHarness.run(["show", String(proposal.id), "--json"], in: fixture.root)
        #expect(shown.status == 0, "\(shown.stderr)")
        let detail = try ManagedWorkspaceFixture.json(Shown.self, shown.stdout)
        #expect(detail.state == "applied")
        let decision = try #require(detail.decisions.first)
        #expect(decision.verdict == "approve")
        #expect(decision.reviewer.host == "127.0.0.1", "from SSH_CONNECTION")
        #expect(decision.reviewer.user == currentUserName())
        #expect(decision.reviewer.tty.hasPrefix("/dev/pts/"))
        #expect(decision.reviewer.tty != (try screen.terminalPath()), "sshd's pseudo-terminal, not the client's")

        let audit = try CLIHarness.run(["audit", "--json", "--proposal", String(proposal.id)], in: fixture.root)
        let entries = try ManagedWorkspaceFixture.json([Logged].self, audit.stdout)
        let decided = try #require(entries.first { $0.kind == "decision" }, "\(audit.stdout)")
        #expect(decided.actor.hasPrefix("\(currentUserName())@127.0.0.1"), "\(decided.actor)")
    }

    @Test func sshWithoutATerminalCannotDecide() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        let proposal = try fixture.propose(ReviewCommandTests.change)
        let ssh = try LoopbackSSH()
        // An agent with an SSH key pipes the answers in: no pseudo-terminal, no /dev/tty.
        let remote = LoopbackSSH.remoteCommand([CLIHarness.executable.path, "review"], in: fixture.root, environment: ["LANG": "C.UTF-8"])
        let outcome = try ssh.runWithoutTerminal(remote, input: "a\na\ny\n")
        #expect(outcome.shellStatus != 0)
        #expect(String(decoding: outcome.standardError, as: UTF8.self).contains("interactive terminal"))
        #expect(try fixture.workspace.store.decisions(for: proposal.id).isEmpty)
        #expect(try fixture.read("a.txt") == "one\ntwo\nthree\n")
    }

    @Test func aHostileTitleReachesTheRemoteTerminalEscaped() throws {
        let fixture = try ReviewFixture(files: ["a.txt": "one\ntwo\nthree\n"])
        try fixture.propose(ReviewCommandTests.change, title: "ok\u{1b}]2;pwned\u{07}\u{1b}[1A\u{1b}[2K")
        let ssh = try LoopbackSSH()
        let screen = try ssh.screen(airlock: ["review"], in: fixture.root, environment: ["LANG": "C"])
        let shown = try screen.waitFor(text: "Review #1 [a]pprove all", timeout: 20)
        #expect(shown.contains("#1 ok\\x1b]2;pwned\\x07\\x1b[1A\\x1b[2K"), "\(shown)")
        try screen.send(keys: "q", "Enter")
        #expect(try screen.waitForExit() == 0)
    }
}
