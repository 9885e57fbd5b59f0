import AirlockCore
import ArgumentParser
import Foundation

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Take back a proposal that is still waiting for review (for agents).",
        discussion: "Only the agent that proposed it may take it back; the audit log names it."
    )

    @Argument(help: "The proposal id.")
    var id: Int64

    @Option(help: "The agent that proposed it (default: $AIRLOCK_AGENT, else the agent a bound broker serves).")
    var agent: String?

    @OptionGroup var endpoint: AgentEndpoint

    func run() throws {
        let connection = try endpoint.blocking()
        guard let agent = connection.agent(agent), !agent.isEmpty else {
            throw CommandFailure.fail(
                "withdraw needs the agent that proposed it: --agent NAME (or $AIRLOCK_AGENT)", code: CommandFailure.unusableInput)
        }
        let proposal = try explainingFailures { try connection.calls.withdraw(id, agent: agent) }
        emit("proposal #\(proposal.id) withdrawn\n")
    }
}
