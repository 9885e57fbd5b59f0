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
            again keeps the existing config and store. --group lets the members of a group \
            (other OS users) look: they may read the config and the store, never write them.
            """
    )

    @Argument(help: "The directory (default: the current one).")
    var directory: String?

    @Option(help: ArgumentHelp("Let this group's members look (read-only): .airlock/ and the store belong to it.", valueName: "group"))
    var group: String?

    func run() throws {
        let root = directory ?? FileManager.default.currentDirectoryPath
        let existed = FileManager.default.fileExists(atPath: root + "/.airlock/config.toml")
        do {
            let workspace = try ManagedWorkspace.initialize(at: root, group: group)
            if existed {
                emit("\(VisibleText.escape(workspace.root)) is already an Airlock workspace; its config and store are kept\n")
            } else {
                emit("initialised Airlock workspace \(VisibleText.escape(workspace.root))\n  settings: .airlock/config.toml\n  store:    .airlock/store.sqlite\n")
            }
            if let group {
                emit("  group \(VisibleText.escape(group)) may look: read the config and the store, follow the log, review look-only\n")
            }
        } catch let error as WorkspaceError {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        } catch {
            throw CommandFailure.fail("cannot initialise \(root): \(error)", code: 1)
        }
    }
}
