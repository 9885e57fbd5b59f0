import AirlockCore
import Foundation
import Testing

/// `airlock run` with scripted shell agents, real git and real processes: commits and
/// uncommitted work become proposals one at a time, rejections reach the agent.
@Suite("airlock run", .requires(.git))
struct RunnerTests {
    @Test func twoCommitsArriveInOrderTheSecondOnceTheFirstIsApplied() throws {
        let fixture = try RunnerFixture()
        let runner = try fixture.start(["--agent", "coder"] + RunnerFixture.agent(
            "echo four >> a.txt", "git commit -qam 'Add four' -m 'The list goes on.'",
            "echo five >> a.txt", "git commit -qam 'Add five'"))
        #expect(try RunnerFixture.eventually { try fixture.proposals().count == 1 }, "\(runner.output)")
        // The second builds on the first: it is held while the first waits.
        usleep(600_000)
        let first = try #require(try fixture.proposals().first)
        #expect(try fixture.proposals().count == 1)
        #expect(first.title == "Add four" && first.agent == "coder" && first.state == .ready)
        #expect(try fixture.service().blocking.proposal(first.id).proposal.rationale.hasPrefix("The list goes on."))
        try fixture.approve(first.id)
        #expect(try RunnerFixture.eventually { try fixture.proposals().count == 2 }, "\(runner.output)")
        let second = try fixture.proposals()[1]
        #expect(second.title == "Add five" && second.state == .ready)
        #expect(RunnerFixture.finish(runner) == 0, "\(runner.output)")
        #expect(runner.output.contains("coder exited; proposed #1, #2"), "\(runner.output)")
        try fixture.approve(second.id)
        #expect(try CLIHarness.read("a.txt", in: fixture.root) == "one\ntwo\nthree\nfour\nfive\n")
        // Without --keep the checkout (and its branch) is gone, and so is the registry entry.
        #expect(!FileManager.default.fileExists(atPath: fixture.checkout("coder").path))
        #expect(try fixture.airlock(["run", "--list"]).stdout == "no agents running\n")
        let agents = try fixture.service().blocking.agents()
        #expect(agents.first { $0.name == "coder" }?.state == .exited)
        #expect(agents.first { $0.name == "coder" }?.channel == "worktree")
    }

    @Test func uncommittedWorkIsProposedAtTheEndAndTheAgentsIndexIsUntouched() throws {
        let fixture = try RunnerFixture()
        let runner = try fixture.start(["--agent", "tidy", "--keep"] + RunnerFixture.agent(
            "echo '\u{1b}[31mstarting\u{1b}[0m'", "echo changed > a.txt", "git add a.txt", "echo new > b.txt",
            "mkdir -p .airlock && echo private > .airlock/notes"))
        #expect(RunnerFixture.finish(runner) == 0, "\(runner.output)")
        let proposals = try fixture.proposals()
        #expect(proposals.count == 1, "\(runner.output)")
        let proposal = try fixture.service().blocking.proposal(try #require(proposals.first).id).proposal
        #expect(proposal.title == "Uncommitted work of tidy")
        let text = String(decoding: proposal.patch, as: UTF8.self)
        #expect(text.contains("+++ b/a.txt") && text.contains("+++ b/b.txt"), "\(text)")
        #expect(!text.contains(".airlock"), "the runner's own files are never proposed: \(text)")
        let checkout = fixture.checkout("tidy")
        #expect(try fixture.git(["status", "--porcelain"], in: checkout) == "M  a.txt\n?? b.txt\n")
        // The live tail has the agent's output without its escape sequences.
        let tidy = try fixture.service().blocking.agents().first { $0.name == "tidy" }
        #expect(tidy?.state == .exited && tidy?.channel == "worktree")
        #expect(tidy?.output == "starting\n", "\(String(describing: tidy?.output))")
        #expect(FileManager.default.fileExists(atPath: checkout.path), "--keep keeps the checkout")
        #expect(try fixture.git(["rev-parse", "--abbrev-ref", "HEAD"], in: checkout) == "airlock/tidy\n")
    }

    @Test func aCommitBuildingOnARejectedOneIsNotProposedAndTheAgentIsTold() throws {
        let fixture = try RunnerFixture()
        let report = fixture.outside.appendingPathComponent("on-reject.txt")
        let runner = try fixture.start(["--agent", "eager", "--keep", "--on-reject", "echo \"$AIRLOCK_PROPOSAL $AIRLOCK_FEEDBACK_FILE\" > \"$OUT/on-reject.txt\""] + RunnerFixture.agent(
            "printf 'one\\nTWO\\nthree\\n' > a.txt", "git commit -qam 'Shout two'",
            "printf 'one\\nTWO!\\nthree\\n' > a.txt", "git commit -qam 'Shout louder'",
            "for i in $(seq 200); do [ -f .airlock/feedback.md ] && break; sleep 0.1; done",
            "cat .airlock/feedback.md > \"$OUT/agent-saw.md\""))
        #expect(try RunnerFixture.eventually { try fixture.proposals().count == 1 }, "\(runner.output)")
        let first = try #require(try fixture.proposals().first)
        try fixture.reject(first.id, feedback: "Do not shout.", comments: [LineComment(path: "a.txt", line: 2, text: "lower case")])
        #expect(RunnerFixture.finish(runner) == 0, "\(runner.output)")
        #expect(try fixture.proposals().count == 1, "the second commit does not apply without the first")
        let checkout = fixture.checkout("eager")
        let feedback = try CLIHarness.read(".airlock/feedback.md", in: checkout)
        #expect(feedback.contains("Proposal #1 was rejected."), "\(feedback)")
        #expect(feedback.contains("Do not shout.") && feedback.contains("- a.txt:2: lower case"), "\(feedback)")
        #expect(feedback.contains("builds on commit") && feedback.contains("whose proposal #1 was rejected"), "\(feedback)")
        #expect(try CLIHarness.read("agent-saw.md", in: fixture.outside).contains("Do not shout."))
        #expect(try CLIHarness.read("on-reject.txt", in: fixture.outside) == "1 \(checkout.path)/.airlock/feedback.md\n")
        #expect(try CLIHarness.read("a.txt", in: fixture.root) == "one\ntwo\nthree\n")
        _ = report
    }

    @Test func aFeedbackFileThatIsASymlinkIsReplacedNotWrittenThrough() throws {
        let fixture = try RunnerFixture()
        try CLIHarness.write("untouched\n", to: "victim.txt", in: fixture.outside)
        let runner = try fixture.start(["--agent", "sly", "--keep"] + RunnerFixture.agent(
            "mkdir -p .airlock && ln -sf \"$OUT/victim.txt\" .airlock/feedback.md",
            "echo four >> a.txt", "git commit -qam 'Add four'",
            "for i in $(seq 200); do [ -f .airlock/feedback.md ] && [ ! -L .airlock/feedback.md ] && break; sleep 0.1; done"))
        #expect(try RunnerFixture.eventually { try fixture.proposals().count == 1 }, "\(runner.output)")
        try fixture.reject(1, feedback: "no")
        #expect(RunnerFixture.finish(runner) == 0, "\(runner.output)")
        #expect(try CLIHarness.read("victim.txt", in: fixture.outside) == "untouched\n")
        let planted = fixture.checkout("sly").appendingPathComponent(".airlock/feedback.md")
        let kind = try FileManager.default.attributesOfItem(atPath: planted.path)[.type] as? FileAttributeType
        #expect(kind == .typeRegular)
        #expect(try CLIHarness.read(".airlock/feedback.md", in: fixture.checkout("sly")).contains("Proposal #1 was rejected."))
    }

    @Test func aStateDirectoryThatIsASymlinkIsNotWrittenThrough() throws {
        let fixture = try RunnerFixture()
        let runner = try fixture.start(["--agent", "sly2", "--keep"] + RunnerFixture.agent(
            "rm -rf .airlock && ln -s \"$OUT\" .airlock",
            "echo four >> a.txt", "git commit -qam 'Add four'", "sleep 2"))
        #expect(try RunnerFixture.eventually { try fixture.proposals().count == 1 }, "\(runner.output)")
        try fixture.reject(1, feedback: "no")
        #expect(RunnerFixture.finish(runner) == 0, "\(runner.output)")
        #expect(!FileManager.default.fileExists(atPath: fixture.outside.appendingPathComponent("feedback.md").path))
        #expect(runner.output.contains("the feedback file was not written"), "\(runner.output)")
    }

    @Test func listShowsARunningAgentAndStopEndsItProposingItsWork() throws {
        let fixture = try RunnerFixture()
        let runner = try fixture.start(["--agent", "sleeper"] + RunnerFixture.agent("echo wip > c.txt", "sleep 60"))
        #expect(try RunnerFixture.eventually { try fixture.airlock(["run", "--list"]).stdout.contains("sleeper") }, "\(runner.output)")
        let listed = try fixture.airlock(["run", "--list"]).stdout
        #expect(listed.contains("NOT SANDBOXED") && listed.contains(fixture.checkout("sleeper").path), "\(listed)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try fixture.airlock(["run", "--list", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["agent"] as? String == "sleeper" && json.first?["sandboxed"] as? Bool == false)
        // The name is taken while it runs.
        let twin = try fixture.airlock(["run", "--agent", "sleeper", "--", "true"])
        #expect(twin.status == 2 && twin.stderr.contains("already runs"), "\(twin.stderr)")
        let stopped = try fixture.airlock(["run", "--stop", "sleeper"])
        #expect(stopped.status == 0 && stopped.stdout == "stopped sleeper\n", "\(stopped.stderr)")
        #expect(RunnerFixture.finish(runner, seconds: 5) != nil)
        #expect(try fixture.proposals().map(\.title) == ["Uncommitted work of sleeper"], "\(runner.output)")
        #expect(!FileManager.default.fileExists(atPath: fixture.checkout("sleeper").path))
        #expect(try fixture.airlock(["run", "--list"]).stdout == "no agents running\n")
        #expect(try fixture.airlock(["run", "--stop", "sleeper"]).status == 1)
    }

    @Test func aHostileCommitSubjectIsEscapedInTheRunnersMessages() throws {
        let fixture = try RunnerFixture()
        let runner = try fixture.start(["--agent", "rogue"] + RunnerFixture.agent(
            "echo four >> a.txt", "git commit -qam \"$(printf 'Fix \\033]0;pwned\\007 \\033[2J now')\""))
        #expect(try RunnerFixture.eventually { try fixture.proposals().count == 1 }, "\(runner.output)")
        try fixture.approve(1)
        #expect(RunnerFixture.finish(runner) == 0, "\(runner.output)")
        let text = try String(contentsOf: runner.log, encoding: .utf8)
        #expect(text.contains("airlock run: #1 proposed: Fix \\x1b]0;pwned\\x07 \\x1b[2J now"), "\(runner.output)")
        #expect(!text.contains("\u{1b}"))
    }

    @Test func refusesBadNamesAndWorkspacesThatAreNotGit() throws {
        let fixture = try RunnerFixture()
        let bad = try fixture.airlock(["run", "--agent", "../evil\u{1b}[2J", "--", "true"])
        #expect(bad.status == 2 && bad.stderr.contains("\\x1b[2J") && !bad.stderr.contains("\u{1b}"), "\(bad.stderr)")
        let plain = try ManagedWorkspaceFixture.directory()
        #expect(try CLIHarness.run(["init"], in: plain).status == 0)
        let notGit = try CLIHarness.run(["run", "--agent", "a", "--workspace", plain.path, "--", "true"], in: plain)
        #expect(notGit.status == 2 && notGit.stderr.contains("is not a git repository"), "\(notGit.stderr)")
        let noCommand = try fixture.airlock(["run", "--agent", "a"])
        #expect(noCommand.status == 2)
    }
}

/// An agent that rewrites a commit whose proposal still waits.
@Suite("airlock run: rewritten commits", .requires(.git))
struct RunnerRewriteTests {
    @Test func anAmendedCommitSupersedesTheWaitingProposal() throws {
        let fixture = try RunnerFixture()
        let runner = try fixture.start(["--agent", "amender"] + RunnerFixture.agent(
            "echo four >> a.txt", "git commit -qam 'Add four'",
            "for i in $(seq 100); do [ -S .airlock/airlock.sock ] && sleep 1 && break; sleep 0.1; done",
            "echo FOUR >> a.txt", "git commit -q --amend -am 'Add four, twice'"))
        #expect(RunnerFixture.finish(runner) == 0, "\(runner.output)")
        let proposals = try fixture.proposals()
        #expect(proposals.map(\.title) == ["Add four", "Add four, twice"], "\(runner.output)")
        #expect(proposals.map(\.state) == [.superseded, .ready], "\(runner.output)")
        #expect(runner.output.contains("supersedes #1"))
    }
}

/// The runner's registry: an entry whose runner is gone does not hold the name.
@Suite("airlock run: registry", .requires(.git))
struct RunnerRegistryTests {
    @Test func aStaleEntryIsRemovedAndItsNameFree() throws {
        let fixture = try RunnerFixture()
        let runs = fixture.root.appendingPathComponent(".git/airlock/runs")
        try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        // A runner that died: pid 1 is alive, but it did not start at tick 1.
        let stale = """
            {"agent":"ghost","command":["x"],"pid":1,"proposals":[],"sandboxed":false,"started":0,"startTicks":1,"worktree":"/nowhere"}
            """
        try Data(stale.utf8).write(to: runs.appendingPathComponent("ghost.json"))
        #expect(try fixture.airlock(["run", "--list"]).stdout == "no agents running\n")
        #expect(!FileManager.default.fileExists(atPath: runs.appendingPathComponent("ghost.json").path))
        try Data(stale.utf8).write(to: runs.appendingPathComponent("ghost.json"))
        let run = try fixture.airlock(["run", "--agent", "ghost", "--", "true"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try fixture.airlock(["run", "--stop", "ghost"]).status == 1)
    }
}
