import AirlockCore
import ArgumentParser
import Foundation

/// `airlock revert ID`: a person at a terminal undoes an applied proposal. The reverse of
/// exactly what was applied is shown, escaped, and written only after a yes typed at the
/// controlling terminal; like `review`, there is no flag, variable or pipe that answers.
struct RevertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Undo an applied proposal at this terminal: shows the reverse patch and asks.",
        discussion: """
            The answer is read from the controlling terminal (/dev/tty), never from standard \
            input. The reverse patch is checked against the workspace as it is now: if the \
            files changed since the apply so that it no longer applies, nothing is written.
            """
    )

    @Argument(help: "The applied proposal to revert.")
    var id: Int64

    @Option(help: "The workspace directory (default: the nearest one at or above the current directory).")
    var workspace: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let (terminal, reviewer) = try ControllingTerminal.reviewer(for: "airlock revert", nothingDone: "Nothing was reverted.", environment: environment)
        let console = ReviewConsole(terminal: terminal)
        let service = LocalReviewService(workspace: try openWorkspace(console, for: reviewer))
        let preview: RevertPreview
        let patch: Patch
        do {
            preview = try service.blocking.revertPreview(id)
            patch = try preview.canonicalPatch()
        } catch {
            throw CommandFailure.fail("\(error)", code: 1)
        }
        let title = (try? service.workspace.store.proposal(id)?.title) ?? nil
        console.line("Revert #\(id)\(title.map { ": " + VisibleText.escape($0) } ?? ""): this undoes what was applied.", .heading)
        DiffLines.show(patch, on: console)
        console.line("  reverse digest sha256:\(preview.digest)")
        console.shown()
        let answer: String
        do {
            answer = try console.ask("Revert #\(id)? [y/N] ")
        } catch {
            console.line("Stopped: nothing was reverted.")
            return
        }
        guard ["y", "yes"].contains(answer.lowercased()) else {
            console.line("Nothing was reverted.")
            return
        }
        let report: ApplyReport
        do {
            report = try service.blocking.revert(id, shownDigest: preview.digest, by: reviewer)
        } catch {
            console.line("Not reverted: \(error)", .failed)
            throw ExitCode(1)
        }
        let summary = ApplyOutput.summary(of: report, patch: patch, verb: "Reverted #\(id)")
        console.block(String(summary.dropLast()), .passed)
        console.line("  as \(reviewer)")
    }

    /// Opens the workspace to write (recovering an interrupted apply or revert first), for
    /// a reviewer who may decide here; anyone else is refused before anything is shown.
    private func openWorkspace(_ console: ReviewConsole, for reviewer: Reviewer) throws -> ManagedWorkspace {
        let start = workspace ?? FileManager.default.currentDirectoryPath
        guard let root = ManagedWorkspace.find(from: start) else {
            throw CommandFailure.fail(WorkspaceError.notManaged(start).description, code: CommandFailure.unusableInput)
        }
        let managed: ManagedWorkspace
        do {
            let observed = try ManagedWorkspace.open(root: root, access: .observer).workspace
            guard observed.mayDecide(reviewer) else {
                throw CommandFailure.fail(LocalReviewService(workspace: observed).blocking.refusal(of: reviewer)?.description ?? "\(reviewer) may not revert here", code: 1)
            }
            let (opened, notice) = try ManagedWorkspace.open(root: root)
            for settled in notice?.settled ?? [] { console.line(settled.outcome, .notice) }
            managed = opened
        } catch let error as WorkspaceError {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        } catch let failure as ExitCode {
            throw failure
        } catch {
            throw CommandFailure.fail("cannot open the workspace at \(root): \(error)", code: 1)
        }
        return managed
    }
}
