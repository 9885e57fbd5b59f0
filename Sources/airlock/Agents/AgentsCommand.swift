import AirlockCore
import ArgumentParser
import Foundation

/// `airlock agents`: every agent heard from, those blocked on a person first.
struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "List the agents: name, channel, state, proposals waiting, last heard and activity."
    )

    @OptionGroup var target: ManagedWorkspaceOption

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let service = try target.service(.observer)
        let agents = try explainingFailures { try service.blocking.agents() }
        let now = service.clock.now()
        let staleness = service.workspace.config.agents
        if json {
            emit(try JSONOutput.encode(agents.map { Listed(agent: $0, stale: staleness.isStale($0, now: now)) }))
            return
        }
        guard !agents.isEmpty else {
            emit("no agents yet\n")
            return
        }
        var out = ""
        for agent in agents {
            let name = VisibleText.escape(agent.name)
            let stale = staleness.isStale(agent, now: now)
            let state = (agent.state?.rawValue ?? "-") + (stale ? " (stale)" : "")
            let heard = Age.describe(since: agent.lastHeard, now: now)
            out += "\(name.padding(16))\(state.padding(stale ? 18 : 9))\((agent.channel.map { VisibleText.escape($0) } ?? "-").padding(9))"
            out += "\("\(agent.waiting) waiting".padding(11))\((heard + " ago").padding(9))\(VisibleText.escape(agent.activity ?? ""))\n"
            for item in agent.plan {
                let box = switch item.status {
                case .completed: "[x]"
                case .inProgress: "[~]"
                case .pending: "[ ]"
                }
                out += "    \(box) \(VisibleText.escape(item.text))\n"
            }
        }
        emit(out)
    }
}

/// An agent as `agents --json` prints it: its summary and whether it is stale.
private struct Listed: Encodable {
    var agent: AgentSummary
    var stale: Bool

    private enum Keys: String, CodingKey { case stale }

    func encode(to encoder: any Encoder) throws {
        try agent.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(stale, forKey: .stale)
    }
}
