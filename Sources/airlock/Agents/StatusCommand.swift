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
    var state: String

    @Option(help: "One line: what it is doing now.")
    var activity: String?

    @Option(help: ArgumentHelp("A file of plan items, one a line: `[x] done`, `[~] doing`, `[ ] to do` (- for stdin).", valueName: "file"))
    var planFile: String?

    @Option(help: "The channel it reports through (default: cli).")
    var channel: String = "cli"

    @OptionGroup var endpoint: AgentEndpoint

    func run() throws {
        let connection = try endpoint.blocking()
        guard let name = connection.agent(agent), !name.isEmpty else {
            throw CommandFailure.fail("status needs the agent's name: --agent NAME (or $AIRLOCK_AGENT)", code: CommandFailure.unusableInput)
        }
        guard let parsed = AgentState(rawValue: state) else {
            throw CommandFailure.fail(
                "--state \(VisibleText.escape(state)): not a state; states are \(AgentState.allCases.map(\.rawValue).joined(separator: ", "))",
                code: CommandFailure.unusableInput)
        }
        let plan = try planFile.map { try Self.readPlan($0) }
        try explainingFailures {
            try connection.calls.reportStatus(AgentStatusReport(agent: name, state: parsed, activity: activity, channel: channel, plan: plan))
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
