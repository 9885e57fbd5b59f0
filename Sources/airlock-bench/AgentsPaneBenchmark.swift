import AirlockCore
import AirlockTUI
import Foundation

/// `airlock-bench channels`, the agents pane's rows: what showing the channels' reports
/// costs a cockpit. A frame with the selected agent's plan and a hostile output tail, and
/// the read of every agent the cockpit makes twice a second while that output moves.
struct AgentsPaneBenchmark {
    var agents = 32
    var runs = 200

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-agents-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let service = LocalReviewService(workspace: try ManagedWorkspace.initialize(at: root.path))
        let plan = (1...50).map { PlanItem("step \($0): \u{1b}]52;c;ZXZpbA==\u{07} edit net/fetch.swift", status: $0 < 20 ? .completed : $0 == 20 ? .inProgress : .pending) }
        let output = Self.hostileOutput(limit: AgentSummary.outputLimit)
        for n in 0..<agents {
            let name = "coder-\(n)"
            try service.blocking.reportStatus(AgentStatusReport(agent: name, state: .working, activity: "building", channel: "worktree", plan: plan))
            try service.blocking.reportOutput(agent: name, tail: output)
        }
        var read = Measurement()
        var listed: [AgentSummary] = []
        for _ in 0..<runs { read.samples.append(try Measurement.time { listed = try service.blocking.agents() }) }
        print(Self.row("read \(agents) agents, each a 50-item plan and a 4 KB output tail (median of \(runs))", seconds: read.median) + "   (target < 5 ms; twice a second)")
        // A plan the size of a usual todo list, and none: decoding the plans' JSON is the cost.
        for (items, label) in [(10, "with 10-item plans"), (0, "without plans")] {
            let shorter = Array(plan.prefix(items))
            for n in 0..<agents { try service.blocking.reportStatus(AgentStatusReport(agent: "coder-\(n)", state: .working, channel: "worktree", plan: shorter)) }
            var smaller = Measurement()
            for _ in 0..<runs { smaller.samples.append(try Measurement.time { _ = try service.blocking.agents() }) }
            print(Self.row("the same, \(label) (median of \(runs))", seconds: smaller.median))
        }

        // The same frames with agents that report nothing more than a state: the baseline.
        let bare = listed.map { AgentSummary(name: $0.name, channel: $0.channel, state: $0.state, activity: $0.activity, stateSince: $0.stateSince, lastHeard: $0.lastHeard, firstSeen: $0.firstSeen, waiting: 0) }
        for size in [Size(width: 120, height: 40), Size(width: 80, height: 24)] {
            for (shown, label) in [(listed, "with plan and output"), (bare, "agents without plan or output")] {
                var state = CockpitState(size: size, now: Int64(Date().timeIntervalSince1970 * 1000))
                _ = Cockpit.update(&state, .loaded(.agents(shown)))
                state.focus = .agents
                var frame = Measurement()
                for _ in 0..<runs { frame.samples.append(Measurement.time { _ = CockpitRenderer.render(state) }) }
                print(Self.row("one \(size.width)×\(size.height) frame, agents pane focused, \(label) (median of \(runs))", seconds: frame.median) + (shown == bare ? "" : "   (target < 1 ms)"))
            }
        }
    }

    /// Output as a hostile or merely busy program writes it: colours, progress bars,
    /// OSC strings, wide characters and long lines, cut to the store's limit.
    static func hostileOutput(limit: Int) -> String {
        var text = ""
        var n = 0
        while text.count < limit {
            n += 1
            text += "\u{1b}[32mok\u{1b}[0m \(n) 10%\r50%\r100% \u{1b}]0;title\u{07} 漢字 \u{202e}gnp.exe " + String(repeating: "x", count: n % 7 * 20) + "\n"
        }
        return String(text.suffix(limit))
    }

    static func row(_ name: String, seconds: Double) -> String {
        "\(name.padding(toLength: 86, withPad: " ", startingAt: 0)) \(String(format: "%9.3f ms", seconds * 1000))"
    }
}
