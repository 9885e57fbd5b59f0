import AirlockCore
import ArgumentParser
import Foundation

/// `airlock demo-agent` (hidden): one of `airlock demo`'s scripted agents, run by the demo
/// as a process of its own so that it talks to Airlock through the real channels.
struct DemoAgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-agent",
        abstract: "Play one of the demo's scripted agents (airlock demo starts them).",
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp("The agent to play: \(DemoScript.all.map(\.agent).joined(separator: ", ")).", valueName: "agent"))
    var script: String

    @Option(help: "The demo workspace.")
    var workspace: String

    @Option(help: "How fast the script plays: 1 in real time, 0 without pauses.")
    var pace: Double = 1

    @Option(help: ArgumentHelp("Seconds to wait for the outcome of its proposals (0: do not wait).", valueName: "seconds"))
    var linger: Double = 0

    @Option(help: ArgumentHelp("The demo's process id: the agent stops once that process is gone.", valueName: "pid"))
    var demo: Int32?

    func run() throws {
        guard let found = DemoScript.named(script) else {
            throw CommandFailure.fail(
                "--script \(VisibleText.escape(script)): no such demo agent; there are \(DemoScript.all.map(\.agent).joined(separator: ", "))",
                code: CommandFailure.unusableInput)
        }
        for (name, value) in [("--pace", pace), ("--linger", linger)] where !(value >= 0 && value.isFinite) {
            throw CommandFailure.fail("\(name) must be a number ≥ 0", code: CommandFailure.unusableInput)
        }
        var agent = DemoAgent(script: found, workspace: workspace, pace: pace, linger: linger, demo: demo, airlock: DemoFiles.airlockExecutable)
        try agent.play()
    }
}
