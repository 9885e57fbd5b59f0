import AirlockCore
import ArgumentParser
import Foundation

/// `airlock checks run [ID]`: runs the queued checks (of one proposal, or all) until none
/// is left, printing each as it starts and ends. Exit 1 when a check it ran did not pass.
struct ChecksRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the queued checks of one proposal, or of all, then exit (1 when one did not pass)."
    )

    @Argument(help: "The proposal id (default: every proposal with queued checks).")
    var id: Int64?

    @Flag(help: "Queue the proposal's configured checks again first (it must be waiting).")
    var again = false

    @OptionGroup var target: ManagedWorkspaceOption

    func run() throws {
        let workspace = try target.open(.longLived)
        guard workspace.store.access != .observer else {
            throw CommandFailure.fail("this user may only look at the store here: checks cannot be run", code: 1)
        }
        if again {
            guard let id else { throw CommandFailure.fail("--again needs a proposal id", code: CommandFailure.unusableInput) }
            try explainingFailures { try workspace.rerunChecks(id, actor: CheckRunner.defaultIdentity()) }
        }
        let runner = CheckRunner(workspace: workspace)
        let finished = try explainingFailures {
            try runner.drain(
                proposal: id,
                started: { run in emit(CheckLine.started(run)) },
                finished: { run in emit(CheckLine.finished(run)) })
        }
        if finished.isEmpty { emit(id.map { "no queued checks for proposal #\($0)\n" } ?? "no queued checks\n") }
        if finished.contains(where: { $0.status != .passed }) { throw ExitCode(1) }
    }
}

/// One line per check event, for `checks run` and `serve`.
enum CheckLine {
    static func started(_ run: CheckRun) -> String {
        "#\(run.proposalID) \(VisibleText.escape(run.name)): running\n"
    }

    static func finished(_ run: CheckRun) -> String {
        let sandbox = run.sandboxed == false ? " [NOT SANDBOXED]" : ""
        return "#\(run.proposalID) \(VisibleText.escape(run.name)): \(run.status.rawValue): \(VisibleText.escape(run.summary))\(sandbox)\n"
    }
}
