import AirlockCore
import ArgumentParser

/// `airlock lint`: the built-in security rules. Scanning a patch is the default, so
/// `airlock lint [--fail-on S] [--json] [PATCH|-]` reads as it always did.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Scan the lines a patch adds for secrets and dangerous code, or list the rules; writes nothing.",
        subcommands: [LintScanCommand.self, LintRulesCommand.self],
        defaultSubcommand: LintScanCommand.self
    )
}

extension LintSeverity: ExpressibleByArgument {}
