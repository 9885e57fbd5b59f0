import AirlockCore
import ArgumentParser
import Foundation

struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until a reviewer decides a proposal (for agents).",
        discussion: """
            Exit status: 0 applied (the reviewer's note and line comments are printed); 3 \
            rejected (the reviewer's feedback and line comments are printed); 4 conflicted, \
            withdrawn, superseded, failed or reverted (the reason is printed); 5 timed out; \
            2 no such proposal. While it waits, the proposal is re-checked when the workspace \
            changes under it.
            """
    )

    @Argument(help: "The proposal id.")
    var id: Int64

    @Option(help: ArgumentHelp("Give up after this many seconds (default: wait as long as it takes).", valueName: "seconds"))
    var timeout: Double?

    @OptionGroup var endpoint: AgentEndpoint

    @Flag(help: "Print JSON: id, state, reason, feedback, note, comments, revertedBy.")
    var json = false

    struct Output: Encodable {
        var id: Int64
        var state: ProposalState
        var reason: String?
        var feedback: String?
        var timedOut: Bool
        var note: String?
        var comments: [LineComment]
        var revertedBy: String?
    }

    func run() async throws {
        if let timeout, timeout < 0 || !timeout.isFinite {
            throw CommandFailure.fail("--timeout must be a number of seconds ≥ 0", code: CommandFailure.unusableInput)
        }
        let service = try endpoint.service(.oneShot)
        let outcome = try await explainingFailures { try await service.waitForOutcome(id, timeout: timeout) }
        throw finish(outcome)
    }

    /// Prints the outcome and gives the exit code for it.
    private func finish(_ outcome: ProposalOutcome) -> ExitCode {
        if json {
            emit((try? JSONOutput.encode(Output(
                id: id, state: outcome.state, reason: outcome.reason, feedback: outcome.feedback, timedOut: outcome.timedOut,
                note: outcome.note, comments: outcome.comments, revertedBy: outcome.revertedBy))) ?? "")
        } else if outcome.timedOut {
            emit("proposal #\(id) is still \(outcome.state.rawValue): timed out\n")
        } else {
            var line = "proposal #\(id) \(outcome.state.rawValue)"
            if outcome.state != .rejected, let reason = outcome.reason { line += ": \(VisibleText.escape(reason))" }
            emit(line + "\n")
            if let feedback = outcome.feedback {
                emit("feedback from the reviewer:\n")
                for text in feedback.split(separator: "\n", omittingEmptySubsequences: false) { emit("  \(VisibleText.escape(String(text)))\n") }
            }
            if let note = outcome.note {
                emit("note from the reviewer:\n")
                for text in note.split(separator: "\n", omittingEmptySubsequences: false) { emit("  \(VisibleText.escape(String(text)))\n") }
            }
            if !outcome.comments.isEmpty {
                emit("line comments from the reviewer:\n")
                for comment in outcome.comments { emit("  \(VisibleText.escape(comment.formatted))\n") }
            }
        }
        if outcome.timedOut { return ExitCode(5) }
        switch outcome.state {
        case .applied: return .success
        case .rejected: return ExitCode(3)
        default: return ExitCode(4)
        }
    }
}
