import AirlockCore
import Foundation
import Testing

/// `airlock checks run`, `airlock serve` and what `show` says of checks, against the real
/// binary, real git and real bubblewrap.
@Suite("airlock checks", .requiresBubblewrapForCLI)
struct ChecksCommandTests {
    static let tests = """

        [[tests]]
        name = "unit"
        command = "sh t.sh > r.tap"
        results = "r.tap"
        timeout = 30

        """

    static func append(_ line: String) -> String {
        "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1,2 @@\n hello\n+\(line)\n"
    }

    private func workspace(config extra: String = tests) throws -> URL {
        let dir = try CLIHarness.temporaryDirectory()
        try CLIHarness.write("hello\n", to: "a.txt", in: dir)
        try CLIHarness.write("echo 1..1\nif grep -q BROKEN a.txt; then echo 'not ok 1 - not broken'; else echo 'ok 1 - not broken'; fi\n", to: "t.sh", in: dir)
        let outcome = try SystemProcessRunner().run(ProcessCommand("git", ["-C", dir.path, "init", "-q"]))
        #expect(outcome.succeeded)
        #expect(try CLIHarness.run(["init"], in: dir).status == 0)
        let config = try CLIHarness.read(".airlock/config.toml", in: dir) + extra
        try CLIHarness.write(config, to: ".airlock/config.toml", in: dir)
        return dir
    }

    private func propose(_ line: String, in dir: URL) throws {
        let result = try CLIHarness.run(["propose", "--agent", "bot", "-"], in: dir, input: Array(Self.append(line).utf8))
        #expect(result.status == 0, "\(result.stderr)")
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func runRunsTheQueuedChecksAndShowCarriesThem() throws {
        let dir = try workspace()
        try propose("BROKEN key = \"AKIAIOSFODNN7EXAMPLQ\"", in: dir)
        let queued = try json(try CLIHarness.run(["show", "1", "--json"], in: dir).stdout)
        #expect(queued["state"] as? String == "checking")
        let run = try CLIHarness.run(["checks", "run"], in: dir)
        #expect(run.status == 1, "a check that did not pass: \(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("#1 unit: running"))
        #expect(run.stdout.contains("#1 unit: failed: 0 passed, 1 failed"))
        let shown = try json(try CLIHarness.run(["show", "1", "--json"], in: dir).stdout)
        #expect(shown["state"] as? String == "ready")
        let checks = try #require(shown["checks"] as? [[String: Any]])
        #expect(checks.map { $0["kind"] as? String } == ["applies", "lint", "test"])
        let unit = checks[2]
        #expect(unit["status"] as? String == "failed" && unit["sandboxed"] as? Bool == true)
        #expect(unit["started"] is Int && unit["finished"] is Int)
        let cases = try #require(unit["cases"] as? [[String: Any]])
        #expect(cases.count == 1 && cases[0]["name"] as? String == "not broken" && cases[0]["status"] as? String == "failed")
        let findings = try #require(checks[1]["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "aws-access-key-id" && $0["line"] as? Int == 2 && $0["suppressed"] as? Bool == false })
        let gates = try #require(shown["gates"] as? [[String: Any]])
        #expect(gates.first { $0["gate"] as? String == "tests" }?["passed"] as? Bool == false)
        #expect(gates.first { $0["gate"] as? String == "findings" }?["passed"] as? Bool == false)

        let text = try CLIHarness.run(["show", "1"], in: dir).stdout
        #expect(text.contains("failed  unit (test): 0 passed, 1 failed"))
        #expect(text.contains("[sandboxed]"))
        #expect(text.contains("critical aws-access-key-id at a.txt:2"))

        let sarif = try json(try CLIHarness.run(["show", "1", "--sarif"], in: dir).stdout)
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let results = runs.flatMap { ($0["results"] as? [[String: Any]]) ?? [] }
        #expect(results.contains { $0["ruleId"] as? String == "aws-access-key-id" })

        #expect(try CLIHarness.run(["checks", "run"], in: dir).stdout == "no queued checks\n")
        let again = try CLIHarness.run(["checks", "run", "1", "--again"], in: dir)
        #expect(again.status == 1 && again.stdout.contains("#1 unit: failed"))
    }

    @Test func aPassingProposalRunsCleanAndApprovesWithoutOverrides() throws {
        let dir = try workspace()
        try propose("fine", in: dir)
        let run = try CLIHarness.run(["checks", "run", "1"], in: dir)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let shown = try json(try CLIHarness.run(["show", "1", "--json"], in: dir).stdout)
        let gates = try #require(shown["gates"] as? [[String: Any]])
        #expect(gates.allSatisfy { $0["passed"] as? Bool == true }, "\(gates)")
    }

    @Test func serveRunsChecksAsTheyArriveAndStopsOnSIGTERM() throws {
        let dir = try workspace()
        let serving = try CLIHarness.start(["serve"], in: dir)
        try propose("fine", in: dir)
        let deadline = Date().addingTimeInterval(30)
        var state = ""
        while Date() < deadline {
            state = try json(try CLIHarness.run(["show", "1", "--json"], in: dir).stdout)["state"] as? String ?? ""
            if state == "ready" { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(state == "ready")
        serving.process.terminate()
        serving.process.waitUntilExit()
        let result = try serving.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("#1 unit: passed"))
        #expect(result.stdout.hasSuffix("airlock serve: stopped\n"))
    }

    /// A runner killed in the middle of a check (SIGKILL: no chance to clean up) leaves
    /// its claim; once the claim expires the next runner runs the check again.
    @Test func aRunnerKilledMidCheckLeavesAClaimThatExpiresAndTheCheckRunsAgain() throws {
        let dir = try workspace(config: "\n[[tests]]\nname = \"slow\"\ncommand = \"sleep 6\"\ntimeout = 120\n")
        let config = try CLIHarness.read(".airlock/config.toml", in: dir).replacingOccurrences(of: "claim_s = 30", with: "claim_s = 5")
        try CLIHarness.write(config, to: ".airlock/config.toml", in: dir)
        try propose("fine", in: dir)
        let first = try CLIHarness.start(["checks", "run"], in: dir)
        let deadline = Date().addingTimeInterval(20)
        var running = false
        while Date() < deadline, !running {
            let checks = try json(try CLIHarness.run(["show", "1", "--json"], in: dir).stdout)["checks"] as? [[String: Any]] ?? []
            running = checks.contains { $0["name"] as? String == "slow" && $0["status"] as? String == "running" }
            if !running { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(running)
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        // While the claim lasts nothing takes the check over.
        #expect(try CLIHarness.run(["checks", "run"], in: dir).stdout == "no queued checks\n")
        Thread.sleep(forTimeInterval: 5.5)
        let second = try CLIHarness.run(["checks", "run"], in: dir)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("#1 slow: passed"))
        let shown = try json(try CLIHarness.run(["show", "1", "--json"], in: dir).stdout)
        #expect(shown["state"] as? String == "ready")
        let slow = (shown["checks"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "slow" }
        #expect(slow?["status"] as? String == "passed")
    }

    @Test func aBadTestsTableIsAnErrorWithItsLine() throws {
        let dir = try workspace(config: "\n[[tests]]\nname = \"unit\"\ncommand = \"true\"\ntimeout = 0\n")
        let result = try CLIHarness.run(["list"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("tests[0].timeout"), "\(result.stderr)")
        #expect(result.stderr.contains("1 to 86400 seconds"))
    }
}

extension Trait where Self == ConditionTrait {
    /// Skipped where bubblewrap cannot start, with the probe's reason, except under
    /// `CI=true`, where it runs and fails.
    static var requiresBubblewrapForCLI: Self {
        var reason = ""
        if case .unavailable(let why) = BubblewrapProbe.shared { reason = "bubblewrap \(why)" }
        return .enabled(
            if: BubblewrapProbe.shared.isAvailable || ProcessInfo.processInfo.environment["CI"] == "true",
            Comment(rawValue: "\(reason) (under CI=true this is a failure, not a skip)"))
    }
}

/// `airlock review` with no cockpit or `serve` about: it runs the queued checks itself,
/// then shows their results and gates before asking.
@Suite("airlock review runs checks", .requiresBubblewrapForCLI)
struct ReviewRunsChecksTests {
    @Test func aCheckingProposalIsCheckedThenReviewed() throws {
        let config = WorkspaceConfig.template + "\n[[tests]]\nname = \"unit\"\ncommand = \"! grep -q BROKEN a.txt\"\ntimeout = 30\n"
        let fixture = try ReviewFixture(files: ["a.txt": "hello\n"], config: config)
        let proposal = try fixture.propose(ChecksCommandTests.append("BROKEN"))
        #expect(proposal.state == .checking)
        let terminal = try fixture.review()
        try terminal.expect("#1 unit: failed: exit status 1")
        try terminal.expect("tests: unit failed")
        try terminal.expect("Review #1 [a]pprove all")
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
        #expect(try fixture.proposal(proposal.id).state == .ready)
    }
}
