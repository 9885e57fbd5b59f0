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

    @Option(help: "The agent that proposed it (default: $AIRLOCK_AGENT).")
    var agent: String?

    @OptionGroup var target: ManagedWorkspaceOption

    func run() throws {
        guard let agent = agent ?? ProcessInfo.processInfo.environment["AIRLOCK_AGENT"], !agent.isEmpty else {
            throw CommandFailure.fail(
                "withdraw needs the agent that proposed it: --agent NAME (or $AIRLOCK_AGENT)", code: CommandFailure.unusableInput)
        }
        let service = try target.service()
        let proposal = try explainingFailures { try service.blocking.withdraw(id, agent: agent) }
        emit("proposal #\(proposal.id) withdrawn\n")
    }
}
