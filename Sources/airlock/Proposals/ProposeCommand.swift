import AirlockAgents
import AirlockCore
import ArgumentParser
import Foundation

struct ProposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "Submit a change for review (for agents). Nothing is written to the workspace.",
        discussion: """
            Accepts every format `airlock patch` reads. The change is validated against the \
            workspace at once: a refusal is explained and nothing is queued. Submitting the \
            same change again from the same agent returns the same proposal. \
            Exit status: 0 queued (or already queued), 1 refused, 2 unusable input.
            """
    )

    @OptionGroup var input: PatchInputOptions
    @OptionGroup var endpoint: AgentEndpoint

    @Option(help: "The agent's name (default: $AIRLOCK_AGENT, else the agent a bound broker serves, else `cli`).")
    var agent: String?

    @Option(help: "A one-line title for reviewers.")
    var title: String?

    @Option(help: "Why the change is needed.")
    var rationale: String = ""

    @Option(help: ArgumentHelp("An earlier waiting proposal of this agent that this one replaces.", valueName: "id"))
    var supersedes: Int64?

    @Flag(help: "Print JSON: id, state, digest and whether it is new.")
    var json = false

    struct Output: Encodable {
        var id: Int64
        var state: ProposalState
        var digest: String
        var new: Bool
        var title: String
        var files: Int
        var added: Int
        var removed: Int
    }

    func run() throws {
        let connection = try endpoint.blocking()
        guard input.strip >= 0 else {
            throw CommandFailure.fail("-p must be 0 or more, not \(input.strip)", code: CommandFailure.unusableInput)
        }
        let submission = Submission(
            agent: connection.agent(agent) ?? "cli",
            title: title, rationale: rationale, format: input.format, strip: input.strip,
            patch: Array(try input.readBytes()), supersedes: supersedes)
        let result: SubmissionReceipt
        do {
            result = try connection.calls.propose(submission)
        } catch let error as BrokerError {
            throw Self.brokerRefusal(error)
        } catch let error as PatchParseError {
            throw input.unusable(error)
        } catch let error as PatchFormatError where error.cause == .workspace {
            throw ApplyOutput.refuse(ApplyRefusal(problems: [input.problem(error)]), closing: "nothing was queued")
        } catch let error as PatchFormatError {
            throw input.unusable(error)
        } catch let error as QuotaExceeded {
            CommandFailure.report("refused: \(error)")
            throw CommandFailure.fail("nothing was queued", code: 1)
        } catch let error as ProposalError {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        } catch let refusal as ApplyRefusal {
            throw ApplyOutput.refuse(refusal, closing: "nothing was queued")
        } catch {
            throw explained(error)
        }
        let proposal = result.proposal
        if json {
            emit(try JSONOutput.encode(Output(
                id: proposal.id, state: proposal.state, digest: proposal.digest, new: result.isNew, title: proposal.title,
                files: proposal.fileCount, added: proposal.addedLines, removed: proposal.removedLines)))
        } else if result.isNew {
            emit("proposal #\(proposal.id) \(proposal.state.rawValue): \(VisibleText.escape(proposal.title)) (\(proposal.fileCount) file\(proposal.fileCount == 1 ? "" : "s"), +\(proposal.addedLines) -\(proposal.removedLines))\n")
        } else {
            emit("proposal #\(proposal.id) already has this change (\(proposal.state.rawValue)): \(VisibleText.escape(proposal.title))\n")
        }
    }

    /// A broker's refusal, told as the store's would be: the same message and exit code.
    private static func brokerRefusal(_ error: BrokerError) -> ExitCode {
        switch error.kind {
        case .refused, .quota:
            for line in error.message.split(separator: "\n") { CommandFailure.report(error.kind == .quota ? "refused: \(line)" : String(line)) }
            return CommandFailure.fail("nothing was queued", code: 1)
        case .unusable, .invalid, .malformed:
            return CommandFailure.fail(error.message, code: CommandFailure.unusableInput)
        default:
            return CommandFailure.fail(error.message, code: error.exitCode)
        }
    }
}
