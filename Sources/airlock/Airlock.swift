import ArgumentParser

struct Airlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "Supervise AI coding agents: every change is a proposal a human approves.",
        discussion: "Without a subcommand, airlock opens the cockpit on the workspace it finds from the current directory.",
        subcommands: [
            CockpitCommand.self, WatchCommand.self, DemoCommand.self, InitCommand.self, ProposeCommand.self, ReviewCommand.self,
            ListCommand.self, ShowCommand.self, WaitCommand.self, WithdrawCommand.self, ApplyCommand.self, RevertCommand.self,
            AuditCommand.self, StatusCommand.self, AgentsCommand.self, KeysCommand.self, ThemesCommand.self,
            DemoAgentCommand.self,
            PatchCommand.self, LintCommand.self, ChecksCommand.self, ServeCommand.self, McpCommand.self, HookCommand.self, RunCommand.self,
        ],
        defaultSubcommand: CockpitCommand.self
    )
}
