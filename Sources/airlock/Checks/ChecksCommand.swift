import ArgumentParser

/// `airlock checks`: proposals' checks, run once from the command line.
struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "Run proposals' queued checks (tests and linters on a sandboxed scratch copy).",
        subcommands: [ChecksRunCommand.self],
        defaultSubcommand: ChecksRunCommand.self
    )
}
