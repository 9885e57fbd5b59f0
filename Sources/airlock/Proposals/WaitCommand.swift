import AirlockCore
import ArgumentParser
import Foundation

struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until a reviewer decides a proposal (for agents).",
        discussion: """
            Exit status: 0 applied; 3 rejected (the reviewer's feedback is printed); 4 \
            conflicted, withdrawn, superseded or failed (the reason is printed); 5 timed out; \
            2 no such proposal. While it waits, the proposal is re-checked when the workspace \
            changes under it.
            """
    )

    @Argument(help: "The proposal id.")
    var id: Int64

    @Option(help: ArgumentHelp("Give up after this many seconds (default: wait as long as it takes).", valueName: "seconds"))
    var timeout: Double?

    @OptionGroup var target: ManagedWorkspaceOption

    @Flag(help: "Print JSON: id, state, reason, feedback.")
    var json = false

    struct Output: Encodable {
        var id: Int64
        var state: ProposalState
        var reason: String?
        var feedback: String?
        var timedOut: Bool
    }

    func run() throws {
        if let timeout, timeout < 0 || !timeout.isFinite {
            throw CommandFailure.fail("--timeout must be a number of seconds ≥ 0", code: CommandFailure.unusableInput)
        }
        let workspace = try target.open()
        let deadline = timeout.map { Date().addingTimeInterval($0) } ?? .distantFuture
        try explainingFailures {
            let feed = try workspace.store.changeFeed()
            var lastRecheck = Date.distantPast
            while true {
                guard var proposal = try workspace.store.proposal(id) else { throw StoreError.noSuchProposal(id) }
                if proposal.state.isWaiting, Date().timeIntervalSince(lastRecheck) >= 1 {
                    lastRecheck = Date()
                    if try workspace.recheck(proposal) != nil, let fresh = try workspace.store.proposal(id) { proposal = fresh }
                }
                if proposal.state.isFinal { throw finish(proposal, workspace: workspace, timedOut: false) }
                if Date() >= deadline { throw finish(proposal, workspace: workspace, timedOut: true) }
                _ = try feed.wait(until: min(deadline, Date().addingTimeInterval(1)))
            }
        }
    }

    /// Prints the outcome and gives the exit code for it.
    private func finish(_ proposal: Proposal, workspace: ManagedWorkspace, timedOut: Bool) -> ExitCode {
        let feedback = proposal.state == .rejected ? (try? workspace.store.decisions(for: id))?.last?.feedback : nil
        if json {
            emit((try? JSONOutput.encode(Output(id: id, state: proposal.state, reason: proposal.stateReason, feedback: feedback, timedOut: timedOut))) ?? "")
        } else if timedOut {
            emit("proposal #\(id) is still \(proposal.state.rawValue): timed out\n")
        } else {
            var line = "proposal #\(id) \(proposal.state.rawValue)"
            if proposal.state != .rejected, let reason = proposal.stateReason { line += ": \(VisibleText.escape(reason))" }
            emit(line + "\n")
            if let feedback {
                emit("feedback from the reviewer:\n")
                for text in feedback.split(separator: "\n", omittingEmptySubsequences: false) { emit("  \(VisibleText.escape(String(text)))\n") }
            }
        }
        if timedOut { return ExitCode(5) }
        switch proposal.state {
        case .applied: return .success
        case .rejected: return ExitCode(3)
        default: return ExitCode(4)
        }
    }
}
