import AirlockAgents
import AirlockCore
import ArgumentParser
import Foundation

/// `--workspace DIR` for commands on a managed workspace: found from the current
/// directory upwards like git, opened, and repaired after a crash before anything else.
struct ManagedWorkspaceOption: ParsableArguments {
    @Option(help: "The Airlock workspace (default: found from the current directory upwards).")
    var workspace: String?

    /// The review service on the workspace, as this process needs it.
    func service(_ access: AirlockStore.Access = .oneShot, onApplyStep: (@Sendable (Int) throws -> Void)? = nil) throws -> LocalReviewService {
        LocalReviewService(workspace: try open(access), onApplyStep: onApplyStep)
    }

    func open(_ access: AirlockStore.Access = .oneShot) throws -> ManagedWorkspace {
        let start = workspace ?? FileManager.default.currentDirectoryPath
        guard let root = workspace != nil ? start : ManagedWorkspace.find(from: start) else {
            throw CommandFailure.fail(WorkspaceError.notManaged(start).description, code: CommandFailure.unusableInput)
        }
        do {
            // Someone who may only read the store (another user of the workspace's group)
            // looks as an observer; a command that writes then says it cannot.
            let access = ManagedWorkspace.mayWrite(root: root) ? access : .observer
            let (opened, notice) = try ManagedWorkspace.open(root: root, access: access)
            if let notice { Self.report(notice) }
            return opened
        } catch let error as WorkspaceError {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        } catch let error as StoreError {
            throw CommandFailure.fail("cannot open the store: \(error)", code: CommandFailure.unusableInput)
        } catch let error as ApplyRefusal {
            throw CommandFailure.fail("cannot settle an interrupted apply: \(error)", code: 1)
        } catch {
            throw CommandFailure.fail("\(error)", code: CommandFailure.unusableInput)
        }
    }

    static func report(_ notice: RecoveryNotice) {
        switch notice.journal {
        case .rolledBack?: CommandFailure.report("an interrupted apply was rolled back: the workspace is as it was before it")
        case .rolledForward?: CommandFailure.report("an interrupted apply was completed: the workspace is as that patch left it")
        case nil: break
        }
        for (_, outcome) in notice.settled { CommandFailure.report(outcome) }
        if let refused = notice.refusedJournal { CommandFailure.report(refused) }
    }
}

/// Runs `body`, turning the review loop's errors into clear messages and exit codes.
func explainingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw explained(error)
    }
}

/// The same for the review service's calls.
func explainingFailures<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw explained(error)
    }
}

/// A review-loop error as the exit code to use, its message already printed.
func explained(_ error: any Error) -> any Error {
    switch error {
    case let error as ExitCode:
        return error
    case StoreError.noSuchProposal(let id):
        return CommandFailure.fail(StoreError.noSuchProposal(id).description, code: CommandFailure.unusableInput)
    case let error as BrokerError:
        return CommandFailure.fail(error.message, code: error.exitCode)
    case let refusal as ApplyRefusal:
        for problem in refusal.problems { CommandFailure.report("refused: \(ApplyOutput.describe(problem))") }
        return ExitCode(1)
    case let error as CustomStringConvertible:
        return CommandFailure.fail(error.description, code: 1)
    default:
        return CommandFailure.fail("\(error)", code: 1)
    }
}
