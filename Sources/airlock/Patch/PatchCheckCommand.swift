import ArgumentParser
struct PatchCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check")
}
