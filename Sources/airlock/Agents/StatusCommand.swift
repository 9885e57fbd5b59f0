import AirlockCore
import ArgumentParser
import Foundation

/// `airlock status`: an agent (or a script around one) says what it is doing, for the
/// cockpit's agents pane and `airlock agents`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Report an agent's status: working, waiting, blocked, idle, exited or error (for agents)."
    )

    @Option(help: "The agent's name (default: $AIRLOCK_AGENT, else the agent a bound broker serves).")
    var agent: String?

    @Option(help: ArgumentHelp("One of: \(AgentState.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "state"))
    var state: String?

    @Option(help: "One line: what it is doing now.")
    var activity: String?

    @Option(help: ArgumentHelp("A file of plan items, one a line: `[x] done`, `[~] doing`, `[ ] to do` (- for stdin).", valueName: "file"))
    var planFile: String?

    @Option(help: "The channel it reports through (default: cli).")
    var channel: String = "cli"

    /// For runners and scripts that capture an agent's output: the cockpit shows its tail
    /// live. Live state, not audited; hidden because agents rarely need it.
    @Option(help: ArgumentHelp("A file whose end is the agent's output so far, for the cockpit (- for stdin).", valueName: "file", visibility: .hidden))
    var outputFile: String?

    @OptionGroup var endpoint: AgentEndpoint

    func run() throws {
        let connection = try endpoint.blocking()
        guard let name = connection.agent(agent), !name.isEmpty else {
            throw CommandFailure.fail("status needs the agent's name: --agent NAME (or $AIRLOCK_AGENT)", code: CommandFailure.unusableInput)
        }
        guard state != nil || outputFile != nil else {
            throw CommandFailure.fail("status needs --state STATE (or, for a runner, --output-file FILE)", code: CommandFailure.unusableInput)
        }
        let parsed = try state.map { text in
            guard let parsed = AgentState(rawValue: text) else {
                throw CommandFailure.fail(
                    "--state \(VisibleText.escape(text)): not a state; states are \(AgentState.allCases.map(\.rawValue).joined(separator: ", "))",
                    code: CommandFailure.unusableInput)
            }
            return parsed
        }
        guard !(planFile == "-" && outputFile == "-") else {
            throw CommandFailure.fail("--plan-file and --output-file cannot both read stdin", code: CommandFailure.unusableInput)
        }
        let plan = try planFile.map { try Self.readPlan($0) }
        let output = try outputFile.map { try Self.readOutput($0) }
        try explainingFailures {
            // The output first: the status report's event then finds it in the agent's row.
            if let output { try connection.calls.reportOutput(agent: name, tail: output) }
            if let parsed {
                try connection.calls.reportStatus(AgentStatusReport(agent: name, state: parsed, activity: activity, channel: channel, plan: plan))
            }
        }
    }

    /// The file's last bytes (what the store keeps and more, never the whole of a huge
    /// log), as text: bytes that are not UTF-8 become U+FFFD, which the cockpit escapes.
    private static func readOutput(_ path: String) throws -> String {
        let limit = UInt64(AgentSummary.outputLimit * 4)
        if path == "-" {
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile().suffix(Int(limit)), as: UTF8.self)
        }
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure.fail("--output-file \(VisibleText.escape(path)): cannot read it", code: CommandFailure.unusableInput)
        }
        defer { try? file.close() }
        do {
            let end = try file.seekToEnd()
            try file.seek(toOffset: end > limit ? end - limit : 0)
            return String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
        } catch {
            throw CommandFailure.fail("--output-file \(VisibleText.escape(path)): \(error.localizedDescription)", code: CommandFailure.unusableInput)
        }
    }

    private static func readPlan(_ path: String) throws -> [PlanItem] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandFailure.fail("--plan-file \(VisibleText.escape(path)): cannot read it", code: CommandFailure.unusableInput)
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.fail("--plan-file \(VisibleText.escape(path)): not UTF-8 text", code: CommandFailure.unusableInput)
        }
        return PlanItem.parse(text)
    }
}
