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
        var listing = ProposalListing(json ? .json : .table(now: workspace.store.clock()))
        try explainingFailures {
            try workspace.store.visitSummaries(states: states, agent: agent) { row in
                listing.append(row)
                try listing.flush(emit(bytes:))
            }
        }
        if !json && listing.count == 0 {
            emit(states == nil && agent == nil ? "no proposals yet\n" : "no proposals match\n")
            return
        }
        try listing.finish(emit(bytes:))
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
