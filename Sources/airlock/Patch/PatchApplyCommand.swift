import ArgumentParser
struct PatchApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply")
}
