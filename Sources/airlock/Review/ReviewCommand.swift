import AirlockCore
import ArgumentParser
import Foundation

/// `airlock review [ID]`: a person at a terminal approves (whole or hunk by hunk),
/// rejects or skips waiting proposals. Answers come only from the controlling terminal;
/// there is no flag, variable or pipe that decides.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review waiting proposals at this terminal: approve (whole or hunk by hunk), reject, or skip.",
        discussion: """
            Answers are read from the controlling terminal (/dev/tty), never from standard \
            input: without a person at a terminal nothing can be decided. An approved \
            proposal is applied at once.
            """
    )

    @Argument(help: "The proposal to review (default: every ready proposal, in id order).")
    var id: Int64?

    @Option(help: "The workspace directory (default: the nearest one at or above the current directory).")
    var workspace: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let (terminal, reviewer) = try ControllingTerminal.reviewer(for: "airlock review", nothingDone: "Nothing was decided.", environment: environment)
        let console = ReviewConsole(terminal: terminal)
        let managed = try openWorkspace(console, for: reviewer)
        let service = LocalReviewService(workspace: managed)
        let session = ReviewSession(
            service: service, reviewer: reviewer, lookOnlyBecause: try await service.refusal(of: reviewer), console: console,
            feedback: Feedback(console: console, configuredEditor: managed.config.review.editor, environment: environment),
            terminal: terminal.descriptor, now: service.clock.now)
        do {
            if let id {
                try await session.reviewOne(try await waitingProposal(id, in: service))
            } else {
                try await session.reviewReady()
            }
        } catch let failure as ExitCode {
            throw failure
        } catch {
            throw CommandFailure.fail("review stopped: \(error)", code: 1)
        }
    }

    /// Opens the workspace — read-only, as an observer, for a reviewer who may only look —
    /// reports what crash recovery repaired, and re-checks waiting proposals against the
    /// files as they are now.
    private func openWorkspace(_ console: ReviewConsole, for reviewer: Reviewer) throws -> ManagedWorkspace {
        let start = workspace ?? FileManager.default.currentDirectoryPath
        guard let root = ManagedWorkspace.find(from: start) else {
            throw CommandFailure.fail(WorkspaceError.notManaged(start).description, code: CommandFailure.unusableInput)
        }
        do {
            let observed = try ManagedWorkspace.open(root: root, access: .observer).workspace
            guard observed.mayDecide(reviewer) else { return observed }
            let (managed, notice) = try ManagedWorkspace.open(root: root)
            if let notice { Self.show(notice, on: console) }
            for outcome in try managed.recheckWaiting() {
                if case .conflicted(let reason) = outcome.verdict {
                    console.line("#\(outcome.id) is now conflicted: \(reason)", .notice)
                }
            }
            // Proposals wait in `checking` until their tests ran: with no cockpit or
            // `airlock serve` about, this review runs them, as a cockpit would.
            if managed.config.checks.runInCockpit {
                try CheckRunner(workspace: managed).drain(
                    proposal: id,
                    started: { run in console.line(Self.trimmed(CheckLine.started(run)), .notice) },
                    finished: { run in console.line(Self.trimmed(CheckLine.finished(run)), run.status == .passed ? .passed : .failed) })
            }
            return managed
        } catch let error as WorkspaceError {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        } catch {
            throw CommandFailure.fail("cannot open the workspace at \(root): \(error)", code: 1)
        }
    }

    private static func trimmed(_ line: String) -> String {
        line.hasSuffix("\n") ? String(line.dropLast()) : line
    }

    /// The proposal `id` if it is ready; otherwise says what became of it and who decided.
    private func waitingProposal(_ id: Int64, in service: any ReviewService) async throws -> ProposalDetail {
        let detail: ProposalDetail
        do {
            detail = try await service.proposal(id)
        } catch let error as StoreError {
            throw CommandFailure.fail(error.description, code: 1)
        }
        let proposal = detail.proposal
        guard proposal.state != .ready else { return detail }
        let decided: Set<ProposalState> = [.approved, .rejected, .applied]
        if decided.contains(proposal.state), let decision = detail.decisions.last {
            let conflict = StoreError.stateConflict(id: id, current: proposal.state, wanted: .approved, decidedBy: decision.reviewer.description)
            throw CommandFailure.fail(conflict.description, code: 1)
        }
        let reason = proposal.stateReason.map { " (\($0))" } ?? ""
        throw CommandFailure.fail("proposal #\(id) is \(proposal.state.rawValue)\(reason): only a ready proposal can be reviewed", code: 1)
    }

    private static func show(_ notice: RecoveryNotice, on console: ReviewConsole) {
        switch notice.journal {
        case .rolledBack?: console.line("An interrupted apply was rolled back: the workspace is as it was before it.", .notice)
        case .rolledForward?: console.line("An interrupted apply was completed: the workspace is as that patch left it.", .notice)
        case nil: break
        }
        for settled in notice.settled { console.line(settled.outcome, .notice) }
        if let refused = notice.refusedJournal { console.line(refused, .failed) }
    }
}
