import AirlockCore
import AirlockTerminal
import AirlockTUI
import Foundation

/// One sitting at the cockpit: the workspace opened as this person may open it, the
/// terminal started on /dev/tty, and the loop run until they quit.
struct CockpitSession {
    let options: CockpitOptions
    let watching: Bool

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let command = watching ? "airlock watch" : "airlock cockpit"
        guard let tty = ControllingTerminal.open(environment: environment) else {
            throw CommandFailure.fail("\(command) needs an interactive terminal (/dev/tty), and this process has none.", code: CommandFailure.unusableInput)
        }
        let start = options.workspace ?? FileManager.default.currentDirectoryPath
        guard let root = ManagedWorkspace.find(from: start) else {
            throw CommandFailure.fail(WorkspaceError.notManaged(start).description, code: CommandFailure.unusableInput)
        }
        let reviewer = watching ? nil : try? Reviewer(terminal: tty.descriptor, environment: environment)
        let workspace = try open(root, reviewer: reviewer)
        let service = LocalReviewService(workspace: workspace)
        let lookOnly: String?
        if watching {
            lookOnly = "airlock watch only looks"
        } else if let reviewer {
            lookOnly = service.blocking.refusal(of: reviewer).map { "\($0)" }
        } else {
            lookOnly = "no terminal identifies you as a reviewer"
        }

        let catalog = ThemeCatalog(environment: environment)
        let (theme, themeProblem) = catalog.themeOrDefault(named: options.theme ?? workspace.config.cockpit.theme)
        // Declared before the terminal, so that waiting for a check to end comes after
        // the person has their terminal back.
        var checks: CheckThread?
        defer { checks?.stop() }
        let terminal: Terminal
        do {
            terminal = try Terminal(theme: theme, input: tty.descriptor, output: tty.descriptor, environment: environment)
        } catch {
            throw CommandFailure.fail("\(command) cannot start the terminal: \(error)", code: 1)
        }
        defer { terminal.stop() }

        var settings = CockpitState.Settings()
        settings.unicode = terminal.capabilities.unicode
        settings.bell = workspace.config.cockpit.bell
        settings.notifications = workspace.config.cockpit.notifications != .off
        settings.staleAfter = Int64(workspace.config.agents.staleAfterSeconds) * 1000
        settings.lookOnly = lookOnly
        settings.watching = watching
        let clock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
        var state = CockpitState(settings: settings, size: terminal.size, now: clock())
        state.showActivity = terminal.size.height >= 30
        if let themeProblem { state.message = StatusMessage(text: "Theme not used: \(themeProblem)", kind: .failure, until: clock() + 10_000) }

        terminal.notificationStyle = NotificationStyle(rawValue: workspace.config.cockpit.notifications.rawValue) ?? .off
        let editorCommand = [workspace.config.review.editor, environment["VISUAL"] ?? "", environment["EDITOR"] ?? ""]
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        let editor: ((String) -> String?)? = editorCommand.map { command in
            { text in try? FeedbackEditor(command: command, terminal: tty.descriptor).edit(template: text) }
        }
        let loop = CockpitLoop(
            state: state, screen: terminal, effects: ServiceEffects(service: service, reviewer: watching ? nil : reviewer),
            clock: clock, editor: editor)
        // Whoever may write runs the checks while the cockpit is open; a watcher and a
        // look-only person leave them to a cockpit or runner that may.
        let post = loop.post
        if workspace.config.checks.runInCockpit && lookOnly == nil && !service.isObserver {
            checks = CheckThread.start(workspace: workspace) { post([.loaded(.failed($0))]) }
        }
        loop.run()
        checks?.requestStop()
    }

    /// Read-only for a watcher and for whoever may not write the store; otherwise as a
    /// long-lived writer, which settles an interrupted apply first.
    private func open(_ root: String, reviewer: Reviewer?) throws -> ManagedWorkspace {
        do {
            if watching || !ManagedWorkspace.mayWrite(root: root) {
                return try ManagedWorkspace.open(root: root, access: .observer).workspace
            }
            let (workspace, notice) = try ManagedWorkspace.open(root: root, access: .longLived)
            if let notice { ManagedWorkspaceOption.report(notice) }
            return workspace
        } catch let error as WorkspaceError {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        } catch {
            throw CommandFailure.fail("cannot open the workspace at \(root): \(error)", code: 1)
        }
    }
}
