import AirlockCore
import ArgumentParser
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a directory an Airlock workspace: agents propose, people decide.",
        discussion: """
            Creates .airlock/ with config.toml (every setting, commented, at its default) and \
            the store, and adds .airlock/ to .git/info/exclude in a git work tree. Running it \
            again keeps the existing config and store.
            """
    )

    @Argument(help: "The directory (default: the current one).")
    var directory: String?

    func run() throws {
        let root = directory ?? FileManager.default.currentDirectoryPath
        let existed = FileManager.default.fileExists(atPath: root + "/.airlock/config.toml")
        do {
            let workspace = try ManagedWorkspace.initialize(at: root)
            if existed {
                emit("\(VisibleText.escape(workspace.root)) is already an Airlock workspace; its config and store are kept\n")
            } else {
                emit("initialised Airlock workspace \(VisibleText.escape(workspace.root))\n  settings: .airlock/config.toml\n  store:    .airlock/store.sqlite\n")
            }
        } catch let error as WorkspaceError {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        } catch {
            throw CommandFailure.fail("cannot initialise \(root): \(error)", code: 1)
        }
    }
}
