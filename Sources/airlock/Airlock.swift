import ArgumentParser

@main
struct Airlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "Supervise AI coding agents: every change is a proposal a human approves.",
        subcommands: [PatchCommand.self, ReviewCommand.self]
    )
}
