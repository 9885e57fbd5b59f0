import AirlockAgents
import AirlockCore
import ArgumentParser
import Foundation

/// `airlock hook install KIND`: merges Airlock's hooks into the agent's project settings.
struct HookInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Put Airlock's hooks into an agent's project settings (or take them out with --remove).",
        discussion: """
            Writes .claude/settings.json (claude-code), .gemini/settings.json (gemini) or \
            .codex/hooks.json (codex) in the workspace, keeping every other key and hook. The \
            gate's timeout is [hooks] wait_s plus 30 seconds: install again after changing \
            wait_s. Installing twice changes nothing. Codex runs project hooks only once you \
            trust them in /hooks.
            """
    )

    @Argument(help: ArgumentHelp("The agent: \(HookAgent.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: String

    @Flag(help: "Take Airlock's hooks out instead.")
    var remove = false

    @Flag(name: .customLong("print"), help: "Print the settings file as it would be, and write nothing.")
    var printOnly = false

    @OptionGroup var target: ManagedWorkspaceOption

    func run() throws {
        guard let agent = HookAgent(rawValue: kind) else {
            throw CommandFailure.fail(
                "\(VisibleText.escape(kind)): not an agent Airlock has hooks for; the kinds are \(HookAgent.allCases.map(\.rawValue).joined(separator: ", "))",
                code: CommandFailure.unusableInput)
        }
        let workspace = try target.open(.oneShot)
        let relative = HookSettings.path(for: agent)
        let file = SettingsFile(root: workspace.root, relative: relative)
        let settings = HookSettings(agent: agent, executable: Self.executablePath(), waitSeconds: workspace.config.hooks.waitSeconds)
        let before: OrderedJSON
        do {
            before = try file.read()
        } catch {
            throw CommandFailure.fail("\(relative): \(error); nothing was written", code: CommandFailure.unusableInput)
        }
        let after: OrderedJSON
        do {
            after = remove ? try settings.removing(from: before) : try settings.installing(into: before)
        } catch {
            throw CommandFailure.fail("\(relative): \(error); nothing was written", code: CommandFailure.unusableInput)
        }
        if printOnly {
            emit(after.text() + "\n")
            return
        }
        guard after != before else {
            emit(remove ? "\(relative): no Airlock hooks for \(agent.rawValue) to remove\n" : "\(relative): Airlock's hooks are already installed; nothing changed\n")
            return
        }
        do {
            try file.write(after.text() + "\n")
        } catch {
            throw CommandFailure.fail("\(relative): \(error); nothing was written", code: 1)
        }
        let old = Set(settings.described(in: before)), new = Set(settings.described(in: after))
        emit("\(relative): \(remove ? "removed Airlock's hooks" : "installed Airlock's hooks") for \(agent.displayName)\n")
        for line in settings.described(in: before) where !new.contains(line) { emit("  - \(VisibleText.escape(line))\n") }
        for line in settings.described(in: after) where !old.contains(line) { emit("  + \(VisibleText.escape(line))\n") }
        if agent == .codex, !remove { emit("Codex runs them once you trust them: open /hooks in Codex.\n") }
    }

    /// The running binary, resolved: what the agent should run.
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
