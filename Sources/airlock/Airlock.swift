import ArgumentParser

struct Airlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "Supervise AI coding agents: every change is a proposal a human approves.",
        subcommands: [
            DemoCommand.self, InitCommand.self, ProposeCommand.self, ReviewCommand.self, ListCommand.self,
            ShowCommand.self, WaitCommand.self, WithdrawCommand.self, ApplyCommand.self, AuditCommand.self,
            StatusCommand.self, AgentsCommand.self, DemoAgentCommand.self,
            PatchCommand.self,
        ]
    )
}
