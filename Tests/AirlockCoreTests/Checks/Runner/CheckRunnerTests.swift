import Foundation
import Testing
@testable import AirlockCore

/// The check runner against a real store, real scratch copies and real bubblewrap: what a
/// proposal's checks conclude, and that nothing a check does reaches the workspace.
@Suite("Check runner", .requiresBubblewrap)
struct CheckRunnerTests {
    static let files = ["a.txt": "hello\n", "t.sh": "echo 1..2\necho ok 1 - hello\nif grep -q BROKEN a.txt; then echo not ok 2 - not broken; else echo ok 2 - not broken; fi\n"]

    static func append(_ line: String) -> String {
        "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1,2 @@\n hello\n+\(line)\n"
    }

    private func workspace(tests: [WorkspaceConfig.TestCommand] = [], linters: [WorkspaceConfig.LinterCommand] = [], files: [String: String] = files) throws -> ReviewWorkspace {
        try ReviewWorkspace(files: files, config: WorkspaceConfig(checks: .init(claimSeconds: 5), tests: tests, linters: linters))
    }

    static let tap = WorkspaceConfig.TestCommand(name: "unit", command: "sh t.sh > r.tap", timeoutSeconds: 30, results: "r.tap")

    @Test func aPassingAndAFailingProposalAreReadyWithTheirCases() throws {
        let w = try workspace(tests: [Self.tap])
        let good = try w.propose(Self.append("fine"))
        let bad = try w.propose(Self.append("BROKEN"))
        #expect(good.state == .checking && bad.state == .checking)
        let runs = try CheckRunner(workspace: w.workspace, identity: "r1").drain()
        #expect(runs.count == 2)
        let goodResult = try #require(try w.workspace.store.checkResults(for: good.id).first { $0.run.kind == .test })
        #expect(goodResult.run.status == .passed && goodResult.run.sandboxed == true)
        #expect(goodResult.cases.map(\.status) == [.passed, .passed])
        let badResult = try #require(try w.workspace.store.checkResults(for: bad.id).first { $0.run.kind == .test })
        #expect(badResult.run.status == .failed)
        #expect(badResult.cases.map(\.name) == ["hello", "not broken"])
        #expect(badResult.cases.last?.status == .failed)
        #expect(try w.workspace.store.proposal(good.id)?.state == .ready)
        #expect(try w.workspace.store.proposal(bad.id)?.state == .ready)
        let badPatch = try #require(try w.workspace.store.proposal(bad.id)).canonicalPatch()
        let gates = w.workspace.gates(for: badPatch, checks: try w.workspace.store.checkResults(for: bad.id))
        #expect(gates.first { $0.gate == "tests" }?.passed == false)
        #expect(w.read("a.txt") == "hello\n", "checks never touch the workspace")
        let kinds = try w.workspace.store.auditEntries(proposal: bad.id).map(\.kind)
        #expect(kinds.suffix(3) == ["check-started", "check", "state"])
    }

    @Test func withoutAResultFileTheExitStatusDecidesAndTheOutputIsKept() throws {
        let w = try workspace(tests: [.init(name: "grep", command: "echo looking; ! grep -q BROKEN a.txt", timeoutSeconds: 30)])
        let bad = try w.propose(Self.append("BROKEN"))
        try CheckRunner(workspace: w.workspace).drain()
        let run = try #require(try w.workspace.store.checkResults(for: bad.id).first { $0.run.kind == .test }?.run)
        #expect(run.status == .failed && run.summary.hasPrefix("exit status 1"))
        #expect(run.output == "looking\n")
    }

    @Test func aHangIsKilledAtItsTimeout() throws {
        let w = try workspace(tests: [.init(name: "hang", command: "sleep 1000 & sleep 1000", timeoutSeconds: 1)])
        let p = try w.propose(Self.append("x"))
        let started = ContinuousClock.now
        try CheckRunner(workspace: w.workspace).drain()
        #expect(ContinuousClock.now - started < .seconds(20))
        let run = try #require(try w.workspace.store.checkResults(for: p.id).first { $0.run.kind == .test }?.run)
        #expect(run.status == .timeout)
    }

    @Test func malformedResultsAreAnErrorNeverAPass() throws {
        let w = try workspace(tests: [.init(name: "junit", command: "printf '<testsuite><testcase name=\"a\">' > r.xml", timeoutSeconds: 30, results: "r.xml")])
        let p = try w.propose(Self.append("x"))
        try CheckRunner(workspace: w.workspace).drain()
        let run = try #require(try w.workspace.store.checkResults(for: p.id).first { $0.run.kind == .test }?.run)
        #expect(run.status == .error)
        #expect(run.summary.contains("r.xml"))
    }

    @Test func aResultFileThatIsASymlinkIsNotFollowed() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-secret-\(UUID().uuidString)")
        try Data("TOPSECRET\n".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let w = try workspace(tests: [.init(name: "sneaky", command: "ln -s \(secret.path) r.tap", timeoutSeconds: 30, results: "r.tap")])
        let p = try w.propose(Self.append("x"))
        try CheckRunner(workspace: w.workspace).drain()
        let result = try #require(try w.workspace.store.checkResults(for: p.id).first { $0.run.kind == .test })
        #expect(result.run.status == .error)
        #expect(result.run.summary.contains("symlink"))
        #expect(!result.run.summary.contains("TOPSECRET") && !(result.run.output ?? "").contains("TOPSECRET"))
    }

    @Test func aTestThatWritesTheWorkspaceFailsAndTheWorkspaceIsUnchanged() throws {
        let w = try workspace(tests: [])
        let target = w.root + "/a.txt"
        let writer = WorkspaceConfig.TestCommand(name: "writer", command: "echo pwned > '\(target)' && echo wrote", timeoutSeconds: 30)
        let config = WorkspaceConfig(checks: .init(claimSeconds: 5), tests: [writer])
        let workspace = ManagedWorkspace(root: w.root, config: config, store: w.workspace.store)
        let p = try workspace.propose(ProposalRequest(agent: "coder-1", input: Bytes(Array(Self.append("x").utf8)))).proposal
        try CheckRunner(workspace: workspace).drain()
        let run = try #require(try workspace.store.checkResults(for: p.id).first { $0.run.kind == .test }?.run)
        #expect(run.status == .failed)
        #expect(w.read("a.txt") == "hello\n")
    }

    @Test func twoRunnersNeverRunOneCheckTwice() throws {
        let w = try workspace(tests: [.init(name: "slow", command: "sleep 0.2", timeoutSeconds: 30)])
        let ids = try (0..<4).map { try w.propose(Self.append("change \($0)")).id }
        let first = CheckRunner(workspace: w.workspace, identity: "runner-a")
        let second = CheckRunner(workspace: w.workspace, identity: "runner-b")
        let group = DispatchGroup()
        for runner in [first, second] {
            group.enter()
            Thread.detachNewThread {
                _ = try? runner.drain()
                group.leave()
            }
        }
        group.wait()
        for id in ids {
            let run = try #require(try w.workspace.store.checkResults(for: id).first { $0.run.kind == .test }?.run)
            #expect(run.status == .passed && run.attempts == 1)
            let starts = try w.workspace.store.auditEntries(proposal: id).filter { $0.kind == "check-started" }
            #expect(starts.count == 1)
        }
    }

    @Test func aCheckWhoseRunnerDiedIsRunAgainAndTheDeadRunnersResultIsRefused() throws {
        let w = try workspace(tests: [.init(name: "unit", command: "true", timeoutSeconds: 30)])
        let p = try w.propose(Self.append("x"))
        let store = w.workspace.store
        let claimed = try #require(try store.claimCheck(runner: "dead", for: 1))
        #expect(try store.claimCheck(runner: "other", for: 30) == nil, "a live claim is not taken")
        Thread.sleep(forTimeInterval: 1.1)
        let runs = try CheckRunner(workspace: w.workspace, identity: "alive").drain()
        #expect(runs.count == 1 && runs[0].status == .passed && runs[0].attempts == 2)
        #expect(throws: CheckClaimLost.self) {
            try store.finishCheck(try #require(claimed.id), runner: "dead", verdict: CheckVerdict(status: .failed, summary: "late", sandboxed: true))
        }
        #expect(try store.proposal(p.id)?.state == .ready)
    }

    @Test func aCheckWhoseRunnersKeepDyingEndsInAnError() throws {
        let w = try workspace(tests: [.init(name: "unit", command: "true", timeoutSeconds: 30)])
        let p = try w.propose(Self.append("x"))
        for _ in 0..<AirlockStore.maximumCheckAttempts {
            _ = try #require(try w.workspace.store.claimCheck(runner: "crashy", for: 0))
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(try CheckRunner(workspace: w.workspace).drain().isEmpty)
        let run = try #require(try w.workspace.store.checkResults(for: p.id).first { $0.run.kind == .test }?.run)
        #expect(run.status == .error && run.summary.contains("stopped 3 times"))
        #expect(try w.workspace.store.proposal(p.id)?.state == .ready)
    }

    @Test func checksOfAProposalWithdrawnMeanwhileAreSkipped() throws {
        let w = try workspace(tests: [Self.tap])
        let p = try w.propose(Self.append("x"))
        try w.workspace.withdraw(p.id, agent: "coder-1")
        #expect(try CheckRunner(workspace: w.workspace).drain().isEmpty)
        #expect(try w.workspace.store.checkResults(for: p.id).first { $0.run.kind == .test }?.run.status == .skipped)
    }

    @Test func aProposalStillCheckingCanBeSupersededAndItsChecksAreSkipped() throws {
        let w = try workspace(tests: [Self.tap])
        let first = try w.propose(Self.append("first"))
        let second = try w.workspace.propose(ProposalRequest(agent: "coder-1", input: Bytes(Array(Self.append("second").utf8)), supersedes: first.id)).proposal
        #expect(try w.workspace.store.proposal(first.id)?.state == .superseded)
        let runs = try CheckRunner(workspace: w.workspace).drain()
        #expect(runs.map(\.proposalID) == [second.id])
        #expect(try w.workspace.store.checkResults(for: first.id).first { $0.run.kind == .test }?.run.status == .skipped)
    }

    @Test func aReRunQueuesTheChecksAgainAndAReadyProposalWaitsForThem() throws {
        let w = try workspace(tests: [Self.tap])
        let p = try w.propose(Self.append("x"))
        try CheckRunner(workspace: w.workspace).drain()
        #expect(try w.workspace.store.proposal(p.id)?.state == .ready)
        try w.workspace.rerunChecks(p.id, actor: "ana")
        #expect(try w.workspace.store.proposal(p.id)?.state == .checking)
        #expect(try w.workspace.store.checkResults(for: p.id).first { $0.run.kind == .test }?.run.status == .queued)
        try CheckRunner(workspace: w.workspace).drain()
        #expect(try w.workspace.store.proposal(p.id)?.state == .ready)
        #expect(try w.workspace.store.checkRuns(for: p.id).filter { $0.kind == .test }.count == 2, "the first run stays as history")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/shellcheck"), "shellcheck is not installed"))
    func anExternalLinterReportsOnlyTheLinesTheProposalAdds() throws {
        let old = "#!/bin/sh\necho $1\n"
        let linter = WorkspaceConfig.LinterCommand(name: "shellcheck", command: "shellcheck -f json run.sh", format: .shellcheckJSON, timeoutSeconds: 30)
        let w = try workspace(linters: [linter], files: ["run.sh": old])
        let p = try w.propose("--- a/run.sh\n+++ b/run.sh\n@@ -1,2 +1,3 @@\n #!/bin/sh\n echo $1\n+rm -rf $2/tmp\n")
        try CheckRunner(workspace: w.workspace).drain()
        let result = try #require(try w.workspace.store.checkResults(for: p.id).first { $0.run.kind == .external })
        #expect(result.run.status != .error, "\(result.run.summary)")
        #expect(!result.findings.isEmpty)
        #expect(result.findings.allSatisfy { $0.line == 3 && $0.path == "run.sh" && $0.rule.hasPrefix("shellcheck:") })
    }
}
