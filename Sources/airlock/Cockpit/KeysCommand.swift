import AirlockTUI
import ArgumentParser

/// `airlock keys`: the cockpit's keys, from the same table that dispatches them.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List the cockpit's keys (the table README's key section is generated from)."
    )

    func run() throws {
        print(Keymap.markdown().dropFirst(), terminator: "")
    }
}
