import AirlockCore
import AirlockTUI
import ArgumentParser
import Foundation

/// `airlock themes`: the cockpit's themes, the chosen one marked, broken ones with why.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the cockpit's themes: built in and yours, the chosen one marked, broken ones with their error.",
        discussion: """
            Your themes are NAME.toml files in $XDG_CONFIG_HOME/airlock/themes (by default \
            ~/.config/airlock/themes); one named like a built-in theme replaces it. Roles a \
            theme leaves out look as in the default theme.
            """
    )

    @Option(help: "The theme to mark as chosen (default: the workspace's [cockpit] theme, else default).")
    var theme: String?

    func run() throws {
        let theme = self.theme ?? Self.configuredTheme() ?? "default"
        let catalog = ThemeCatalog()
        let entries = catalog.list()
        var out = ""
        if let directory = catalog.userDirectory { out += "your themes: \(VisibleText.escape(directory))\n" }
        let width = (entries.map(\.name.count).max() ?? 0) + 2
        for entry in entries {
            let mark = entry.name == theme ? "* " : "  "
            let origin =
                switch entry.origin {
                case .builtIn: "built in"
                case .user(_, shadowsBuiltIn: true): "yours, replaces the built-in one"
                case .user: "yours"
                }
            out += mark + entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if let problem = entry.problem {
                out += "\(origin), broken: \(problem.description)\n"
            } else {
                out += "\(origin)\(entry.summary.isEmpty ? "" : " · " + entry.summary)\n"
            }
        }
        emit(out)
        if let problem = catalog.themeOrDefault(named: theme).problem {
            CommandFailure.report("theme \(theme) cannot be used, the cockpit would use default: \(problem.description)")
            throw ExitCode(1)
        }
    }

    /// The `[cockpit] theme` of the workspace around the current directory, if there is one
    /// whose config reads.
    private static func configuredTheme() -> String? {
        guard let root = ManagedWorkspace.find(from: FileManager.default.currentDirectoryPath) else { return nil }
        let path = root + "/" + ManagedWorkspace.stateDirectoryName + "/config.toml"
        return (try? WorkspaceConfig.load(path: path))?.cockpit.theme
    }
}
