import AirlockCore
import Foundation
import Testing

/// A managed workspace and `airlock hook KIND` run on it with events in each agent's
/// documented shape (CHANNELS.md), answered while the hook waits by a reviewer in the
/// test process.
struct HookFixture {
    let review: ReviewFixture
    var root: URL { review.root }
    var path: String { review.root.path }

    init(files: [String: String] = ["a.txt": "one\ntwo\nthree\n"], waitSeconds: Int = 30) throws {
        review = try ReviewFixture(files: files, config: "[hooks]\nwait_s = \(waitSeconds)\n")
    }

    /// A PreToolUse (BeforeTool for Gemini) event for `tool` with `input`.
    func toolEvent(_ kind: String, tool: String, input: [String: Any], session: String = "5e55a0b1-2222-3333") throws -> [UInt8] {
        try event([
            "session_id": session, "transcript_path": "/tmp/t.jsonl", "cwd": path, "permission_mode": "default",
            "hook_event_name": kind == "gemini" ? "BeforeTool" : "PreToolUse", "tool_name": tool, "tool_input": input,
            "tool_use_id": "toolu_1",
        ])
    }

    func event(_ fields: [String: Any]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: fields))
    }

    func run(_ kind: String, _ input: [UInt8], _ extra: [String] = []) throws -> CLIHarness.Result {
        try CLIHarness.run(["hook", kind, "--workspace", path] + extra, in: root, input: input)
    }

    func start(_ kind: String, _ input: [UInt8]) throws -> CLIHarness.Running {
        try CLIHarness.start(["hook", kind, "--workspace", path], in: root, input: input)
    }

    /// The proposals in the store now.
    func proposals() throws -> [ProposalSummary] {
        try review.workspace.store.proposals(states: nil, agent: nil, ids: nil, limit: nil)
    }

    /// The first proposal, once the running hook has queued it.
    func queued(sourceLocation: SourceLocation = #_sourceLocation) throws -> Proposal {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let first = try proposals().first { return try review.proposal(first.id) }
            usleep(20_000)
        }
        throw PseudoTerminalError(description: "the hook queued nothing")
    }

    /// What the hook answered: the decision and its reason, from any agent's shape.
    static func answer(_ result: CLIHarness.Result, sourceLocation: SourceLocation = #_sourceLocation) throws -> (decision: String, reason: String) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], sourceLocation: sourceLocation)
        if let specific = object["hookSpecificOutput"] as? [String: Any] {
            #expect(specific["hookEventName"] as? String == "PreToolUse", sourceLocation: sourceLocation)
            return (specific["permissionDecision"] as? String ?? "", specific["permissionDecisionReason"] as? String ?? "")
        }
        return (object["decision"] as? String ?? "", object["reason"] as? String ?? "")
    }

    /// Runs the hook in the background, lets `decide` decide its proposal, and returns
    /// what the hook answered.
    func decided(_ kind: String, _ input: [UInt8], decide: (Proposal, LocalReviewService, Reviewer) throws -> Void) throws -> CLIHarness.Result {
        let running = try start(kind, input)
        defer { if running.process.isRunning { running.process.terminate() } }
        let proposal = try queued()
        let terminal = try ReviewerTerminal()
        try decide(proposal, LocalReviewService(workspace: review.workspace), try terminal.reviewer())
        running.process.waitUntilExit()
        return try running.finish()
    }

    /// Approves `proposal` (or the selected part) and applies it, as the cockpit does.
    static func approveAndApply(_ proposal: Proposal, _ service: LocalReviewService, _ reviewer: Reviewer, selection: HunkSelection? = nil, note: String? = nil) throws {
        // With a selection, what the reviewer was shown and approves is the selected patch.
        let shown = try selection.map { PatchDigest(of: try proposal.canonicalPatch().selecting($0)).hex } ?? proposal.digest
        _ = try service.blocking.approve(Approval(id: proposal.id, shownDigest: shown, selection: selection, note: note), by: reviewer)
        _ = try service.blocking.apply(proposal.id)
    }

    /// The agents as `airlock agents --json` lists them.
    func agents() throws -> [Listed] {
        let result = try CLIHarness.run(["agents", "--json", "--workspace", path], in: root)
        return try JSONDecoder().decode([Listed].self, from: Data(result.stdout.utf8))
    }

    struct Listed: Decodable {
        var name: String
        var state: String?
        var activity: String?
        var channel: String?
        var plan: [PlanItem]
    }
}
