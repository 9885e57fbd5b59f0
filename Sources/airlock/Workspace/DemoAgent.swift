import AirlockCore
import Foundation

/// Plays one `DemoScript` the way a real agent works: every report and submission is a
/// run of the `airlock` binary (`status`, `propose`, `wait`) on the demo's workspace, and
/// each step is logged as a line on standard output.
struct DemoAgent {
    let script: DemoScript
    let workspace: String
    /// How fast the script's pauses pass: 1 as written, 0 not at all.
    let pace: Double
    /// How long, in seconds, the agent waits for the reviewer's outcome of its proposals.
    let linger: Double
    let airlock: String
    let runner: any ProcessRunner
    /// The demo that started this agent: once it is no longer the agent's parent the
    /// show is over, and the agent stops rather than play on for no one. Nil for an agent
    /// started by hand.
    let demo: pid_t?
    /// The proposals this agent submitted that Airlock queued, in order.
    private(set) var submitted: [Int64] = []
    /// The plan as last reported.
    private var plan: [String] = []

    init(
        script: DemoScript, workspace: String, pace: Double, linger: Double, demo: pid_t?, airlock: String,
        runner: any ProcessRunner = SystemProcessRunner()
    ) {
        self.script = script
        self.workspace = workspace
        self.pace = pace
        self.linger = linger
        self.demo = demo
        self.airlock = airlock
        self.runner = runner
    }

    mutating func play() throws {
        for step in script.steps where demoIsRunning {
            switch step {
            case .status(let state, let activity, let plan):
                if !plan.isEmpty { self.plan = plan }
                try report(state, activity, plan: plan)
            case .pause(let seconds): pause(seconds * pace)
            case .propose(let title, let rationale, let patch): try propose(title: title, rationale: rationale, patch: patch)
            case .awaitOutcomes: try awaitOutcomes()
            }
        }
        if !demoIsRunning { log("the demo ended; stopping") }
    }

    private var demoIsRunning: Bool { demo.map { getppid() == $0 } ?? true }

    // MARK: - Steps

    private func report(_ state: AgentState, _ activity: String, plan: [String] = []) throws {
        var arguments = ["status", "--agent", script.agent, "--state", state.rawValue, "--activity", activity]
        if !plan.isEmpty { arguments += ["--plan-file", "-"] }
        let outcome = try airlock(arguments, input: plan.map { $0 + "\n" }.joined())
        log("status \(state.rawValue): \(activity)" + (outcome.succeeded ? "" : " (not recorded: \(Self.text(outcome.standardError)))"))
    }

    private mutating func propose(title: String, rationale: String, patch: String) throws {
        let outcome = try airlock(["propose", "--agent", script.agent, "--title", title, "--rationale", rationale, "--json", "-"], input: patch)
        guard outcome.succeeded, let receipt = try? JSONDecoder().decode(Receipt.self, from: Data(outcome.standardOutput)) else {
            log("proposed \"\(title)\": refused: \(Self.text(outcome.standardError))")
            try report(.error, "Airlock refused \"\(title)\"; nothing was queued")
            return
        }
        submitted.append(receipt.id)
        log("proposed #\(receipt.id) (\(receipt.state)): \(title) (+\(receipt.added) -\(receipt.removed))")
        // What it was doing is done, as far as the agent knows: it waits for review now.
        plan = plan.map { $0.hasPrefix("[~]") ? "[x]" + $0.dropFirst(3) : $0 }
        try report(.waiting, "#\(receipt.id) waits for review: \(title)", plan: plan)
    }

    /// Waits in short rounds, so that the agent notices when the demo is over.
    private func awaitOutcomes() throws {
        guard linger > 0, !submitted.isEmpty else { return }
        let deadline = Date().addingTimeInterval(linger)
        var pending = submitted
        while !pending.isEmpty, demoIsRunning {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return }
            for id in pending {
                let round = String(format: "%.1f", min(2, max(0, left)))
                let outcome = try airlock(["wait", String(id), "--json", "--timeout", round])
                guard let waited = try? JSONDecoder().decode(Waited.self, from: Data(outcome.standardOutput)), !waited.timedOut else { continue }
                pending.removeAll { $0 == id }
                try react(to: waited, stillWaiting: pending)
            }
        }
    }

    /// Reports what the agent makes of an outcome: idle once nothing of its own waits
    /// for review any more, still waiting otherwise.
    private func react(to outcome: Waited, stillWaiting others: [Int64]) throws {
        log("#\(outcome.id) \(outcome.state)" + (outcome.feedback.map { ": feedback \"\($0)\"" } ?? outcome.reason.map { ": \($0)" } ?? ""))
        let what = switch outcome.state {
        case ProposalState.applied.rawValue: "#\(outcome.id) applied: done"
        case ProposalState.rejected.rawValue: "#\(outcome.id) rejected: will rework it next time"
        case ProposalState.conflicted.rawValue: "#\(outcome.id) conflicts with a change applied first: leaving it"
        default: "#\(outcome.id) \(outcome.state): leaving it"
        }
        if outcome.state == ProposalState.rejected.rawValue {
            try report(.working, "reading the reviewer's feedback on #\(outcome.id)")
            pause(3 * pace)
        }
        if others.isEmpty {
            try report(.idle, what)
        } else {
            try report(.waiting, what + "; " + others.map { "#\($0)" }.joined(separator: ", ") + " waits for review")
        }
    }

    /// Sleeps in short naps, giving up early when the demo is over.
    private func pause(_ seconds: Double) {
        let end = Date().addingTimeInterval(seconds)
        while demoIsRunning {
            let left = end.timeIntervalSinceNow
            guard left > 0 else { return }
            usleep(useconds_t(min(left, 0.2) * 1_000_000))
        }
    }

    // MARK: - Running airlock

    private func airlock(_ arguments: [String], input: String = "") throws -> ProcessOutcome {
        try runner.run(ProcessCommand(
            airlock, arguments + ["--workspace", workspace], workingDirectory: workspace, standardInput: .bytes(Array(input.utf8))))
    }

    /// One line on standard output (the demo's agents log), with the time and the agent's
    /// name; anything that came back from a command is escaped.
    private func log(_ line: String) {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        let clock = String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
        emit("\(clock) \(script.agent.padding(8)) \(VisibleText.escape(line))\n")
    }

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " / ")
    }

    /// What `airlock propose --json` prints, as far as the agent needs it.
    private struct Receipt: Decodable {
        var id: Int64
        var state: String
        var added: Int
        var removed: Int
    }

    /// What `airlock wait --json` prints.
    private struct Waited: Decodable {
        var id: Int64
        var state: String
        var reason: String?
        var feedback: String?
        var timedOut: Bool
    }
}
