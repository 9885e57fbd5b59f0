import AirlockAgents
import AirlockCore
import ArgumentParser

/// `airlock hook claude-code|gemini|codex`: the gate on an agent's file tools and its
/// status events; `airlock hook install` puts it in the agent's settings.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Gate an agent's file tools and report its status, from its hooks (for agents).",
        discussion: """
            Each agent's hook runs `airlock hook KIND` with one JSON event on stdin. A write \
            to the workspace (Claude Code's Write and Edit, Gemini CLI's write_file and \
            replace, Codex's apply_patch) becomes a proposal and waits for the reviewer up to \
            [hooks] wait_s; other tools pass through untouched. Prompts, notifications, turn \
            ends and session ends report the agent's status. Files outside the workspace are \
            not Airlock's to gate, and an agent's shell tool passes through: a hook gates the \
            file tools only. Exit status: 0 answered (the answer is on stdout), 2 unusable \
            input or no workspace (the agent blocks the tool).
            """,
        subcommands: [HookClaudeCodeCommand.self, HookGeminiCommand.self, HookCodexCommand.self, HookInstallCommand.self]
    )
}

/// What every kind's hook command takes.
struct HookOptions: ParsableArguments {
    @Option(help: "The agent's name (default: the kind and the first 8 characters of its session id).")
    var agent: String?

    @OptionGroup var endpoint: AgentEndpoint
}

struct HookClaudeCodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claude-code", abstract: "Answer a Claude Code hook event read on stdin.")
    @OptionGroup var options: HookOptions

    func run() throws {
        try HookRun(agent: .claudeCode, options: options).run(argument: nil)
    }
}

struct HookGeminiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gemini", abstract: "Answer a Gemini CLI hook event read on stdin.")
    @OptionGroup var options: HookOptions

    func run() throws {
        try HookRun(agent: .gemini, options: options).run(argument: nil)
    }
}

struct HookCodexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "codex", abstract: "Answer a Codex hook event read on stdin, or its notify event.")
    @OptionGroup var options: HookOptions

    @Argument(help: "The event Codex's `notify` program gets as an argument (agent-turn-complete); without it, stdin.")
    var notification: String?

    func run() throws {
        try HookRun(agent: .codex, options: options).run(argument: notification)
    }
}
