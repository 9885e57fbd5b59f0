import AirlockCore
import ArgumentParser

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Take back a proposal that is still waiting for review."
    )

    @Argument(help: "The proposal id.")
    var id: Int64

    @Option(help: "Only withdraw it if it is this agent's.")
    var agent: String?

    @OptionGroup var target: ManagedWorkspaceOption

    func run() throws {
        let workspace = try target.open()
        let proposal = try explainingFailures { try workspace.store.withdraw(id, agent: agent) }
        emit("proposal #\(proposal.id) withdrawn\n")
    }
}
