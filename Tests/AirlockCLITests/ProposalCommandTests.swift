import AirlockCore
import Foundation
import Testing

@Suite("airlock init, propose, list, show, wait, withdraw, audit")
struct ProposalCommandTests {
    static let change = PatchCommandTests.change

    /// A git work tree with `a.txt`, made an Airlock workspace with `airlock init`.
    private func workspace() throws -> URL {
        let dir = try CLIHarness.temporaryDirectory()
        try CLIHarness.write("one\ntwo\nthree\n", to: "a.txt", in: dir)
        try git(["init", "-q"], in: dir)
        let result = try CLIHarness.run(["init"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return dir
    }

    private func git(_ arguments: [String], in dir: URL) throws {
        let outcome = try SystemProcessRunner().run(ProcessCommand("git", ["-C", dir.path] + arguments))
        #expect(outcome.succeeded, "git \(arguments): \(String(decoding: outcome.standardError, as: UTF8.self))")
    }

    private func propose(_ patch: String = change, in dir: URL, _ extra: [String] = []) throws -> CLIHarness.Result {
        try CLIHarness.run(["propose"] + extra + ["-"], in: dir, input: Array(patch.utf8))
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func initMakesAWorkspaceAndExcludesItFromGit() throws {
        let dir = try workspace()
        let config = try CLIHarness.read(".airlock/config.toml", in: dir)
        #expect(config == WorkspaceConfig.template)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/.airlock/store.sqlite"))
        #expect(try CLIHarness.read(".git/info/exclude", in: dir).contains("/.airlock/\n"))
        let again = try CLIHarness.run(["init"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already an Airlock workspace"))
        #expect(try CLIHarness.read(".git/info/exclude", in: dir).components(separatedBy: "/.airlock/").count == 2, "added once")
    }

    @Test func commandsOutsideAWorkspaceSaySo() throws {
        let dir = try CLIHarness.temporaryDirectory()
        let result = try CLIHarness.run(["list"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not an Airlock workspace"))
        #expect(result.stderr.contains("airlock init"))
    }

    @Test func proposeQueuesAndIsFoundFromASubdirectory() throws {
        let dir = try workspace()
        let sub = dir.appendingPathComponent("deep/er")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let result = try propose(in: sub, ["--agent", "coder-1", "--title", "Shout two", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result.stdout)
        #expect(output["id"] as? Int == 1)
        #expect(output["state"] as? String == "ready")
        #expect(output["new"] as? Bool == true)
        #expect(output["digest"] as? String == PatchDigest(canonicalText: Array(Self.change.utf8)).hex)
        #expect(try CLIHarness.read("a.txt", in: dir) == "one\ntwo\nthree\n", "proposing writes nothing")
        let again = try propose(in: dir, ["--agent", "coder-1", "--json"])
        #expect(try json(again.stdout)["id"] as? Int == 1)
        #expect(try json(again.stdout)["new"] as? Bool == false)
    }

    @Test func aRefusedProposalQueuesNothing() throws {
        let dir = try workspace()
        let bad = Self.change.replacingOccurrences(of: " three", with: " THREE")
        let result = try propose(bad, in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("refused:"))
        #expect(result.stderr.contains("nothing was queued"))
        #expect(try CLIHarness.run(["list"], in: dir).stdout == "no proposals yet\n")
    }

    @Test func unusableInputNamesTheLine() throws {
        let dir = try workspace()
        let result = try propose("diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n", in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("airlock: <stdin>:4:"), "\(result.stderr)")
        let badAgent = try propose(in: dir, ["--agent", "evil\u{1b}[2J"])
        #expect(badAgent.status == 2)
        #expect(badAgent.stderr.contains("\\x1b[2J"))
        #expect(!badAgent.stderr.contains("\u{1b}"))
    }

    @Test func listFiltersAndEscapes() throws {
        let dir = try workspace()
        _ = try propose(in: dir, ["--agent", "coder-1", "--title", "bell\u{07} and \u{1b}]0;title\u{07}"])
        let other = Self.change.replacingOccurrences(of: "+four", with: "+FOUR")
        _ = try propose(other, in: dir, ["--agent", "coder-2"])
        let all = try CLIHarness.run(["list"], in: dir)
        #expect(all.stdout.split(separator: "\n").count == 2)
        #expect(!all.stdout.contains("\u{1b}") && !all.stdout.contains("\u{07}"))
        #expect(all.stdout.contains("\\x07"))
        let mine = try CLIHarness.run(["list", "--agent", "coder-2", "--json"], in: dir)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["agent"] as? String } == ["coder-2"])
        #expect(try CLIHarness.run(["list", "--state", "applied"], in: dir).stdout == "no proposals match\n")
        let badState = try CLIHarness.run(["list", "--state", "pending"], in: dir)
        #expect(badState.status == 2)
        #expect(badState.stderr.contains("no state pending"))
    }

    @Test func showGivesPatchChecksGatesAndHistory() throws {
        let dir = try workspace()
        _ = try propose(in: dir, ["--agent", "coder-1", "--rationale", "two was too quiet"])
        let shown = try CLIHarness.run(["show", "1"], in: dir)
        #expect(shown.status == 0)
        for part in ["proposal #1 ready", "two was too quiet", "checks:", "applies cleanly", "gates:", "history:", "submitted", "+TWO"] {
            #expect(shown.stdout.contains(part), "missing \(part)")
        }
        let data = try json(try CLIHarness.run(["show", "1", "--json"], in: dir).stdout)
        #expect(data["patch"] as? String == Self.change)
        #expect((data["history"] as? [Any])?.count == 5)
        let missing = try CLIHarness.run(["show", "9"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no proposal #9"))
    }

    @Test func showRechecksWhenTheWorkspaceMoved() throws {
        let dir = try workspace()
        _ = try propose(in: dir)
        try CLIHarness.write("one\nzwei\nthree\n", to: "a.txt", in: dir)
        let shown = try CLIHarness.run(["show", "1"], in: dir)
        #expect(shown.stdout.hasPrefix("proposal #1 conflicted (no longer applies"), "\(shown.stdout)")
        let waited = try CLIHarness.run(["wait", "1"], in: dir)
        #expect(waited.status == 4)
        #expect(waited.stdout.contains("conflicted"))
    }

    @Test func waitTimesOutThenSeesAWithdrawal() throws {
        let dir = try workspace()
        _ = try propose(in: dir)
        let timedOut = try CLIHarness.run(["wait", "1", "--timeout", "0.2"], in: dir)
        #expect(timedOut.status == 5)
        #expect(timedOut.stdout == "proposal #1 is still ready: timed out\n")
        let waiting = try CLIHarness.start(["wait", "1", "--timeout", "30", "--json"], in: dir)
        let nameless = try CLIHarness.run(["withdraw", "1"], in: dir)
        #expect(nameless.status == 2)
        #expect(nameless.stderr.contains("withdraw needs the agent that proposed it"))
        let stranger = try CLIHarness.run(["withdraw", "1", "--agent", "coder-9"], in: dir)
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains("proposal #1 is cli's, not coder-9's"))
        let withdrawn = try CLIHarness.run(["withdraw", "1", "--agent", "cli"], in: dir)
        #expect(withdrawn.status == 0)
        waiting.process.waitUntilExit()
        let result = try waiting.finish()
        #expect(result.status == 4)
        #expect(try json(result.stdout)["state"] as? String == "withdrawn")
        let twice = try CLIHarness.run(["withdraw", "1", "--agent", "cli"], in: dir)
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("proposal #1 is withdrawn: it cannot become withdrawn"))
    }

    @Test func auditPrintsAndVerifies() throws {
        let dir = try workspace()
        _ = try propose(in: dir)
        let verified = try CLIHarness.run(["audit", "--verify"], in: dir)
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("audit chain intact: 5 entries, head "))
        let printed = try CLIHarness.run(["audit", "--since", "1h"], in: dir)
        #expect(printed.stdout.split(separator: "\n").count == 5)
        #expect(try CLIHarness.run(["audit", "--since", "2999-01-01"], in: dir).stdout.isEmpty)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(try CLIHarness.run(["audit", "--json"], in: dir).stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["kind"] as? String } == ["submitted", "state", "check", "check", "state"])
        let bad = try CLIHarness.run(["audit", "--since", "yesterday"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--since yesterday: not a sequence number or a time"))
    }

    @Test func nothingAnAgentRunsDecides() throws {
        let dir = try workspace()
        _ = try propose(in: dir)
        let yes = Array(String(repeating: "a\ny\nyes\n", count: 20).utf8)
        // No option decides either: NoDecidingOptionTests reads every command's help.
        for command in [["list"], ["show", "1"], ["wait", "1", "--timeout", "0"], ["apply", "1"], ["audit"], ["propose", "-"]] {
            _ = try CLIHarness.run(command, in: dir, input: yes)
        }
        #expect(try CLIHarness.read("a.txt", in: dir) == "one\ntwo\nthree\n")
        let state = try json(try CLIHarness.run(["show", "1", "--json"], in: dir).stdout)
        #expect(state["state"] as? String == "ready")
        #expect((state["decisions"] as? [Any])?.isEmpty == true)
    }
}
