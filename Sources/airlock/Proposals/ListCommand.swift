import AirlockCore
import ArgumentParser
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List proposals: id, state, agent, size, age and title."
    )

    @OptionGroup var target: ManagedWorkspaceOption

    @Option(help: ArgumentHelp("Only proposals in these states (comma-separated): \(ProposalState.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "states"))
    var state: String?

    @Option(help: "Only this agent's proposals.")
    var agent: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let states = try parseStates()
        let workspace = try target.open()
        let proposals = try explainingFailures { try workspace.store.proposals(states: states, agent: agent) }
        if json {
            emit(try JSONOutput.encode(proposals))
            return
        }
        let now = workspace.store.clock()
        var out = ""
        out.reserveCapacity(proposals.count * 80)
        for p in proposals {
            let size = "+\(p.addedLines) -\(p.removedLines)"
            out += "#\(p.id)".padding(6) + p.state.rawValue.padding(11) + VisibleText.escape(p.agent).padding(14)
                + size.padding(14) + "\(p.fileCount)f".padding(6) + Age.describe(since: p.createdAt, now: now).padding(5)
                + VisibleText.escape(p.title) + "\n"
        }
        if proposals.isEmpty { out = states == nil && agent == nil ? "no proposals yet\n" : "no proposals match\n" }
        emit(out)
    }

    private func parseStates() throws -> Set<ProposalState>? {
        guard let state else { return nil }
        var states: Set<ProposalState> = []
        for name in state.split(separator: ",") {
            guard let parsed = ProposalState(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw CommandFailure.fail("--state: no state \(VisibleText.escape(String(name))); states are \(ProposalState.allCases.map(\.rawValue).joined(separator: ", "))", code: CommandFailure.unusableInput)
            }
            states.insert(parsed)
        }
        return states
    }
}

extension String {
    /// Left-aligned in a column of `width`, with at least one space after.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
