import Foundation
import GRDB

extension AirlockStore {
    /// Records an agent's report of its status; an agent not seen before is registered.
    /// The time in state restarts only when the state changes.
    func recordStatus(_ report: AgentStatusReport) throws {
        try database.write { db in
            let now = clock()
            try db.execute(
                sql: """
                    INSERT INTO agent (name, first_seen, last_seen, channel, state, activity, state_since, plan) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET last_seen = excluded.last_seen, channel = coalesce(excluded.channel, agent.channel),
                        state = excluded.state, activity = excluded.activity, plan = coalesce(excluded.plan, agent.plan),
                        state_since = CASE WHEN agent.state IS excluded.state THEN agent.state_since ELSE excluded.state_since END
                    """,
                arguments: [report.agent, now, now, report.channel, report.state.rawValue, report.activity, now, try report.plan.map(JSON.text)])
            // Every report is an event followers see, so it is on the chain.
            try AuditChain.append(
                db, kind: "agent-status", proposal: nil, actor: report.agent,
                details: AgentStatusDetails(state: report.state.rawValue, activity: report.activity, channel: report.channel, plan: report.plan), at: now)
        }
    }

    /// Replaces the tail of an agent's output. It is live state, like a check's output, so
    /// it is not on the audit chain; an agent not seen before is registered.
    func recordOutput(agent: String, tail: String) throws {
        try database.write { db in
            let now = clock()
            try db.execute(
                sql: """
                    INSERT INTO agent (name, first_seen, last_seen, output, output_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET output = excluded.output, output_at = excluded.output_at
                    """,
                arguments: [agent, now, now, String(tail.suffix(AgentSummary.outputLimit)), now])
        }
    }

    /// Every agent heard from, those blocked on a person first, then by name.
    public func agents() throws -> [AgentSummary] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.name, a.channel, a.state, a.activity, a.state_since, a.last_seen, a.first_seen,
                    (SELECT COUNT(*) FROM proposal p WHERE p.agent = a.name AND p.state IN ('submitted', 'checking', 'ready')), a.plan,
                    a.output, a.output_at
                FROM agent a ORDER BY a.name
                """)
            let agents = rows.map { row in
                let plan = (row[8] as String?).flatMap { try? JSONDecoder().decode([PlanItem].self, from: Data($0.utf8)) } ?? []
                return AgentSummary(
                    name: row[0], channel: row[1], state: (row[2] as String?).flatMap(AgentState.init(rawValue:)),
                    activity: row[3], stateSince: row[4], lastHeard: row[5], firstSeen: row[6], waiting: row[7], plan: plan,
                    output: row[9], outputAt: row[10])
            }
            return agents.filter { $0.state == .blocked } + agents.filter { $0.state != .blocked }
        }
    }
}

struct AgentStatusDetails: Encodable {
    var state: String
    var activity: String?
    var channel: String?
    var plan: [PlanItem]?
}
