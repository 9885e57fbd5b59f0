import AirlockCore
import ArgumentParser

/// `airlock` / `airlock cockpit`: the full-screen cockpit on the current workspace.
struct CockpitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cockpit",
        abstract: "Open the cockpit: watch every agent live and approve or reject their proposals.",
        discussion: """
            Keys are read from the controlling terminal (/dev/tty). A person who may not \
            decide in this workspace gets the same screen with the deciding keys disabled. \
            Press ? in the cockpit for every key.
            """
    )

    @OptionGroup var options: CockpitOptions

    func run() throws {
        try CockpitSession(options: options, watching: false).run()
    }
}

/// `airlock watch`: the same screen, read-only.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch the cockpit read-only: nothing is decided and nothing is written.",
        discussion: """
            The store is opened read-only, so another OS user who may only read this \
            workspace's .airlock/ can watch too.
            """
    )

    @OptionGroup var options: CockpitOptions

    func run() throws {
        try CockpitSession(options: options, watching: true).run()
    }
}

struct CockpitOptions: ParsableArguments {
    @Option(help: "The Airlock workspace (default: found from the current directory upwards).")
    var workspace: String?

    @Option(help: "The colour theme (default: the [cockpit] theme setting; `airlock themes` lists them).")
    var theme: String?
}
