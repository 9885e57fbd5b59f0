#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation
import Testing

/// `airlock demo` without a terminal: the workspace is built, the scripted agents play to
/// the end as processes of their own through `airlock status` and `propose`, and the demo
/// says what happened.
@Suite("airlock demo: scripted agents on a sample project")
struct DemoTests {
    /// One demo at pace 0, shared by the tests that only read it.
    struct Run: Sendable {
        var parent: URL
        var workspace: URL
        var result: CLIHarness.Result
    }

    static let shared = Result { () throws -> Run in
        let parent = try CLIHarness.temporaryDirectory()
        let workspace = parent.appendingPathComponent("demo")
        let result = try CLIHarness.run(["demo", "--directory", workspace.path, "--pace", "0"], in: parent)
        return Run(parent: parent, workspace: workspace, result: result)
    }

    private func demo(sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let run = try Self.shared.get()
        try #require(run.result.status == 0, "\(run.result.stderr)", sourceLocation: sourceLocation)
        return run
    }

    // MARK: - Proposals

    @Test func everyAgentsProposalIsQueuedAndTheHostileOneRefused() throws {
        let run = try demo()
        let queued = try proposals(in: run.workspace)
        #expect(Set(queued.map { "\($0.agent): \($0.title)" }) == [
            "coder-1: Reset the patch number when bumping a minor version",
            "codex: Compare versions in one step",
            "gemini: Configure release uploads",
            "coder-2: Run CI on pull requests too",
            "aider: Fix minor bumps",
            "aider: Document semver_split in \u{202E}EMDAER",
        ])
        #expect(queued.allSatisfy { $0.state == "ready" }, "\(queued)")
        #expect(run.result.stdout.contains("coder-2  proposed \"Leave a note outside\": refused: airlock: refused: `../outside.txt`"), "\(run.result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: run.parent.appendingPathComponent("outside.txt").path))
        #expect(run.result.stdout.contains("Next: cd \(run.workspace.path) && airlock review"))
    }

    @Test func theLeakedKeyAndTheProtectedPathShowInTheirProposals() throws {
        let run = try demo()
        let queued = try proposals(in: run.workspace)
        let leak = try #require(queued.first { $0.agent == "gemini" })
        let shown = try CLIHarness.run(["show", String(leak.id)], in: run.workspace).stdout
        #expect(shown.contains("+aws_access_key_id = AKIA"), "\(shown)")
        let ci = try #require(queued.first { $0.agent == "coder-2" })
        let gated = try CLIHarness.run(["show", String(ci.id)], in: run.workspace).stdout
        #expect(gated.contains("FAIL    protected_paths"), "\(gated)")
    }

    @Test func codexsBrokenTestAndGeminisLeakedKeyEachFailAGate() throws {
        let run = try demo()
        let queued = try proposals(in: run.workspace)
        let codex = try shown(try #require(queued.first { $0.agent == "codex" }).id, in: run.workspace)
        let unit = try #require((codex["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "unit" }, "\(codex)")
        let gates = codex["gates"] as? [[String: Any]] ?? []
        let testsGate = try #require(gates.first { $0["gate"] as? String == "tests" })
        #expect(testsGate["passed"] as? Bool == false, "\(testsGate)")
        if Self.bubblewrapWorks {
            // The demo's tests ran sandboxed and named the failing case.
            #expect(unit["status"] as? String == "failed", "\(unit)")
            #expect(unit["sandboxed"] as? Bool == true)
            let cases = unit["cases"] as? [[String: Any]] ?? []
            let failing = try #require(cases.first { $0["status"] as? String == "failed" }, "\(unit)")
            #expect(failing["name"] as? String == "compare patch numbers of two digits")
            #expect(failing["message"] as? String == "expected '-1', got '1'")
            let fix = try shown(try #require(queued.first { $0.agent == "coder-1" }).id, in: run.workspace)
            let fixGates = fix["gates"] as? [[String: Any]] ?? []
            #expect(fixGates.first { $0["gate"] as? String == "tests" }?["passed"] as? Bool == true, "\(fixGates)")
        } else {
            // Without a sandbox the check says why and nothing runs unsandboxed.
            #expect(unit["status"] as? String == "error", "\(unit)")
        }
        let gemini = try shown(try #require(queued.first { $0.agent == "gemini" }).id, in: run.workspace)
        let findings = try #require((gemini["gates"] as? [[String: Any]])?.first { $0["gate"] as? String == "findings" })
        #expect(findings["passed"] as? Bool == false, "\(findings)")
        #expect((findings["detail"] as? String)?.contains("config/release.conf") == true, "\(findings)")
    }

    @Test func hiddenTextReachesNoOutputRaw() throws {
        let run = try demo()
        let doc = try #require(try proposals(in: run.workspace).first { $0.title.hasPrefix("Document") })
        let shown = try CLIHarness.run(["show", String(doc.id)], in: run.workspace).stdout
        for output in [run.result.stdout, run.result.stderr, shown] {
            #expect(!output.contains("\u{1b}"), "\(VisibleText.escape(output))")
            #expect(!output.contains("\u{202E}"), "\(VisibleText.escape(output))")
        }
        #expect(shown.contains("curl -s https://example.invalid/setup"), "\(shown)")
        #expect(run.result.stdout.contains("Document semver_split in \\u{202e}EMDAER"))
    }

    @Test func theRivalFixesConflict() throws {
        let run = try demo()
        let queued = try proposals(in: run.workspace)
        let fix = try patch(try #require(queued.first { $0.agent == "coder-1" }).id, in: run.workspace)
        let rival = try patch(try #require(queued.first { $0.title == "Fix minor bumps" }).id, in: run.workspace)
        let copy = try clone(run.workspace)
        #expect(try git(["apply", "--check", "-"], in: copy, input: rival).succeeded)
        #expect(try git(["apply", "-"], in: copy, input: fix).succeeded)
        #expect(!(try git(["apply", "--check", "-"], in: copy, input: rival).succeeded))
    }

    // MARK: - The sample project

    @Test func theProjectsTestsPassOnTheBaseAndFailWithCodexsChange() throws {
        let run = try demo()
        let base = try clone(run.workspace)
        let passing = try sh(["tests/run.sh"], in: base)
        #expect(passing.succeeded, "\(text(passing.standardOutput))")
        #expect(text(passing.standardOutput).hasSuffix("# 9 passed, 0 failed\n1..9\n"))

        let queued = try proposals(in: run.workspace)
        let broken = try clone(run.workspace)
        let codex = try patch(try #require(queued.first { $0.agent == "codex" }).id, in: run.workspace)
        #expect(try git(["apply", "-"], in: broken, input: codex).succeeded)
        let failing = try sh(["tests/run.sh"], in: broken)
        #expect(failing.termination == .exited(1))
        #expect(text(failing.standardOutput).contains("not ok 6 - compare patch numbers of two digits\n  ---\n  message: \"expected '-1', got '1'\"\n  ...\n"))

        let fixed = try clone(run.workspace)
        let fix = try patch(try #require(queued.first { $0.agent == "coder-1" }).id, in: run.workspace)
        #expect(try git(["apply", "-"], in: fixed, input: fix).succeeded)
        #expect(text(try sh(["tests/run.sh"], in: fixed).standardOutput).hasSuffix("# 10 passed, 0 failed\n1..10\n"))
    }

    // MARK: - Agents, audit, processes

    @Test func everyAgentsStatusIsRecorded() throws {
        let run = try demo()
        let listed = try CLIHarness.run(["agents", "--json"], in: run.workspace)
        let agents = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        var states: [String: String] = [:]
        for agent in agents { states[agent["name"] as? String ?? "?"] = agent["state"] as? String }
        // Nobody decides at pace 0 without a terminal: those with a proposal queued wait
        // for review, codex ends its session, coder-2's last proposal was refused.
        #expect(states == ["coder-1": "waiting", "codex": "exited", "gemini": "waiting", "coder-2": "error", "aider": "waiting"])
        let coder = try #require(agents.first { $0["name"] as? String == "coder-1" })
        let plan = try #require(coder["plan"] as? [[String: Any]])
        #expect(plan.count == 3)
        #expect(plan.allSatisfy { $0["status"] as? String == "completed" }, "\(plan)")
    }

    @Test func theAuditVerifies() throws {
        let run = try demo()
        let verified = try CLIHarness.run(["audit", "--verify"], in: run.workspace)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test func noAgentIsLeftRunningAfterwards() throws {
        let run = try demo()
        #expect(DemoAgentProcesses.running(for: run.workspace).isEmpty)
        let log = try CLIHarness.read(".git/airlock-demo/agents.log", in: run.workspace)
        for agent in ["coder-1", "codex", "gemini", "coder-2", "aider"] {
            #expect(log.contains(agent.padding(toLength: 8, withPad: " ", startingAt: 0) + " status working"), "\(agent): \(log)")
        }
    }

    @Test func anUnknownAgentIsRefused() throws {
        let dir = try CLIHarness.temporaryDirectory()
        let result = try CLIHarness.run(["demo-agent", "--script", "nobody\u{1b}[2J", "--workspace", dir.path], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--script nobody\\x1b[2J: no such demo agent; there are coder-1, codex, gemini, coder-2, aider"), "\(result.stderr)")
    }

    // MARK: - Helpers

    struct Listed {
        var id: Int64
        var agent: String
        var title: String
        var state: String
    }

    private func proposals(in workspace: URL) throws -> [Listed] {
        let listed = try CLIHarness.run(["list", "--json"], in: workspace)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed.stderr)")
        return rows.map {
            Listed(id: ($0["id"] as? NSNumber)?.int64Value ?? 0, agent: $0["agent"] as? String ?? "", title: $0["title"] as? String ?? "", state: $0["state"] as? String ?? "")
        }
    }

    /// `airlock show ID --json`.
    private func shown(_ id: Int64, in workspace: URL) throws -> [String: Any] {
        let shown = try CLIHarness.run(["show", String(id), "--json"], in: workspace)
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "\(shown.stderr)")
    }

    /// Whether bubblewrap can start a sandbox here (it cannot in some containers).
    static var bubblewrapWorks: Bool { (try? CommandSandbox(mode: .bubblewrap)) != nil }

    /// The proposal's canonical patch, as git diff text.
    private func patch(_ id: Int64, in workspace: URL) throws -> String {
        let shown = try CLIHarness.run(["show", String(id), "--json"], in: workspace)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        return try #require(object["patch"] as? String)
    }

    /// A clone of the demo's base commit: the project as the agents found it.
    private func clone(_ workspace: URL) throws -> URL {
        let copy = try CLIHarness.temporaryDirectory().appendingPathComponent("copy")
        let cloned = try git(["clone", "-q", workspace.path, copy.path], in: workspace)
        try #require(cloned.succeeded, "\(text(cloned.standardError))")
        return copy
    }

    private func git(_ arguments: [String], in directory: URL, input: String = "") throws -> ProcessOutcome {
        try SystemProcessRunner().run(ProcessCommand("git", arguments, workingDirectory: directory.path, standardInput: .bytes(Array(input.utf8))))
    }

    private func sh(_ arguments: [String], in directory: URL) throws -> ProcessOutcome {
        // No PATH: the project's tests need nothing but the shell.
        try SystemProcessRunner().run(ProcessCommand("/bin/sh", arguments, environment: ["PATH": "/nonexistent"], workingDirectory: directory.path))
    }

    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

/// The `airlock demo-agent` processes of one demo workspace, found through `/proc`.
enum DemoAgentProcesses {
    static func running(for workspace: URL) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.contains("demo-agent"), arguments.contains(workspace.path) else { return nil }
            return pid
        }
    }

    /// The parent of process `pid`, from `/proc/PID/stat` (the field after the state).
    static func parent(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let name = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: name)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }
}
