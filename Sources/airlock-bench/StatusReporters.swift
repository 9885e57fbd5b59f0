import AirlockCore
import Foundation
import Synchronization

/// Agents that keep reporting their status while the cockpit is measured: one thread
/// per agent, each with its own connection to the store, calling the review service's
/// `reportStatus` at a fixed rate until stopped.
///
/// Each agent reports the same state and activity every time, so its row in the agents
/// pane stays as it was; what the cockpit sees is the load: a store write, an audit
/// entry, an event to follow and a re-read of the agents for every report, and the
/// activity pane scrolling with each.
final class StatusReporters: Sendable {
    let agents: Int
    let perSecond: Double
    private let stopping = Atomic<Bool>(false)
    private let reported = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)

    init(agents: Int, perSecond: Double) {
        self.agents = agents
        self.perSecond = perSecond
    }

    /// Opens a connection per agent, then starts them all.
    func start(workspace root: String) throws {
        let services = try (0..<agents).map { _ in
            LocalReviewService(workspace: try ManagedWorkspace.open(root: root, access: .longLived).workspace).blocking
        }
        for (index, service) in services.enumerated() {
            let thread = Thread { [self] in report(as: String(format: "reporter-%02d", index), through: service) }
            thread.start()
        }
    }

    /// Stops the agents and waits for each to finish its last report; returns how many
    /// reports were recorded and how many failed.
    func stop() -> (reported: Int, failed: Int) {
        stopping.store(true, ordering: .releasing)
        while finished.load(ordering: .acquiring) < agents { usleep(1_000) }
        return (reported.load(ordering: .acquiring), failed.load(ordering: .acquiring))
    }

    private func report(as agent: String, through service: LocalReviewService.Blocking) {
        let period = Int64(1e6 / perSecond)
        let status = AgentStatusReport(agent: agent, state: .working, activity: "editing src/\(agent).swift", channel: "bench")
        // Started a little apart, as agents are, rather than all on the same tick.
        var next = monotonicMicroseconds() + Int64.random(in: 0..<period)
        while !stopping.load(ordering: .acquiring) {
            let wait = next - monotonicMicroseconds()
            if wait > 0 { usleep(useconds_t(wait)) }
            next += period
            do {
                try service.reportStatus(status)
                reported.add(1, ordering: .relaxed)
            } catch {
                failed.add(1, ordering: .relaxed)
            }
        }
        finished.add(1, ordering: .releasing)
    }
}
