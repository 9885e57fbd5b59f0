import ArgumentParser

struct PatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patch",
        abstract: "Read, check and apply patches with Airlock's strict, atomic patch engine.",
        discussion: """
            Input formats: git diffs (also `git format-patch` mail), unified diffs (`diff -u`, \
            `diff -urN`), Codex `*** Begin Patch` patches, Aider SEARCH/REPLACE blocks and JSON \
            edit requests. The format is detected unless --format names it.
            """,
        subcommands: [PatchStatCommand.self, PatchCheckCommand.self, PatchApplyCommand.self, PatchDemoCommand.self]
    )
}
