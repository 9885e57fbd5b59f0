#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation
import Synchronization
import Testing
@testable import airlock

/// A demo agent's script played against a fake `airlock`: what it runs, in which order,
/// and how it reacts to what Airlock answers.
@Suite("a demo agent plays its script")
struct DemoAgentTests {
    static let script = DemoScript(agent: "tester", steps: [
        .status(.working, "starting", plan: ["[~] one", "[ ] two"]),
        .propose(title: "One", rationale: "first", patch: "patch one"),
        .propose(title: "Two", rationale: "second", patch: "patch two"),
        .awaitOutcomes,
    ])

    /// Answers like `airlock`: proposals get ids 7, 8, …; `wait` answers from `outcomes`
    /// (by id, in turn), timing out once they run out.
    static func airlock(refusing refused: Set<String> = [], outcomes: [Int64: [String]] = [:]) -> RecordingRunner {
        let state = Mutex(State(outcomes: outcomes))
        return RecordingRunner { command in
            let arguments = command.arguments
            switch arguments.first {
            case "propose":
                let title = arguments[arguments.firstIndex(of: "--title").map { $0 + 1 } ?? 0]
                if refused.contains(title) { return ProcessOutcome(termination: .exited(1), standardError: Array("airlock: refused: no\n".utf8)) }
                let id = state.withLock { state in
                    state.next += 1
                    return state.next
                }
                return ProcessOutcome(termination: .exited(0), standardOutput: Array(#"{"id": \#(id), "state": "ready", "added": 1, "removed": 0}"#.utf8))
            case "wait":
                let id = Int64(arguments[1]) ?? 0
                let answer = state.withLock { state -> String? in
                    guard var queue = state.outcomes[id], !queue.isEmpty else { return nil }
                    let first = queue.removeFirst()
                    state.outcomes[id] = queue
                    return first
                }
                let json = answer ?? #"{"id": \#(id), "state": "ready", "timedOut": true}"#
                return ProcessOutcome(termination: .exited(answer == nil ? 5 : 0), standardOutput: Array(json.utf8))
            default:
                return ProcessOutcome(termination: .exited(0))
            }
        }
    }

    struct State {
        var outcomes: [Int64: [String]]
        var next: Int64 = 6
    }

    private func play(_ runner: RecordingRunner, linger: Double, demo: pid_t? = nil) throws {
        var agent = DemoAgent(script: Self.script, workspace: "/nonexistent/ws", pace: 0, linger: linger, demo: demo, airlock: "/bin/airlock", runner: runner)
        try agent.play()
    }

    /// The status reports sent, as "state: activity".
    private func reports(_ runner: RecordingRunner) -> [String] {
        runner.recorded.filter { $0.arguments.first == "status" }.map { command in
            let arguments = command.arguments
            func value(_ option: String) -> String { arguments.firstIndex(of: option).map { arguments[$0 + 1] } ?? "" }
            return "\(value("--state")): \(value("--activity"))"
        }
    }

    @Test func itReportsProposesAndReactsToEachOutcome() throws {
        let runner = Self.airlock(outcomes: [
            7: [#"{"id": 7, "state": "applied", "timedOut": false}"#],
            8: [#"{"id": 8, "state": "rejected", "feedback": "no", "timedOut": false}"#],
        ])
        try play(runner, linger: 30)
        #expect(reports(runner) == [
            "working: starting",
            "waiting: #7 waits for review: One",
            "waiting: #8 waits for review: Two",
            "waiting: #7 applied: done; #8 waits for review",
            "working: reading the reviewer's feedback on #8",
            "idle: #8 rejected: will rework it next time",
        ])
        let proposal = try #require(runner.recorded.first { $0.arguments.first == "propose" })
        #expect(proposal.standardInput == .bytes(Array("patch one".utf8)))
        #expect(proposal.arguments.suffix(3) == ["-", "--workspace", "/nonexistent/ws"])
        #expect(proposal.workingDirectory == "/nonexistent/ws")
        // The plan goes through --plan-file on stdin; once proposed, what was doing is done.
        let planned = runner.recorded.filter { $0.arguments.contains("--plan-file") }.map(\.standardInput)
        #expect(planned == [.bytes(Array("[~] one\n[ ] two\n".utf8)), .bytes(Array("[x] one\n[ ] two\n".utf8)), .bytes(Array("[x] one\n[ ] two\n".utf8))])
    }

    @Test func itKeepsWaitingUntilAnOutcomeComes() throws {
        let timedOut = #"{"id": 7, "state": "ready", "timedOut": true}"#
        let runner = Self.airlock(outcomes: [
            7: [timedOut, timedOut, #"{"id": 7, "state": "conflicted", "reason": "no longer applies", "timedOut": false}"#],
            8: [timedOut, #"{"id": 8, "state": "applied", "timedOut": false}"#],
        ])
        try play(runner, linger: 30)
        let waits = runner.recorded.filter { $0.arguments.first == "wait" }.map { $0.arguments[1] }
        #expect(waits == ["7", "8", "7", "8", "7"])
        #expect(reports(runner).suffix(2) == [
            "waiting: #8 applied: done; #7 waits for review",
            "idle: #7 conflicts with a change applied first: leaving it",
        ])
    }

    @Test func withoutLingerItDoesNotWait() throws {
        let runner = Self.airlock()
        try play(runner, linger: 0)
        #expect(!runner.recorded.contains { $0.arguments.first == "wait" })
        #expect(reports(runner).last == "waiting: #8 waits for review: Two")
    }

    @Test func aRefusalIsReportedAsAnError() throws {
        let runner = Self.airlock(refusing: ["Two"])
        try play(runner, linger: 0)
        #expect(reports(runner).suffix(2) == ["waiting: #7 waits for review: One", "error: Airlock refused \"Two\"; nothing was queued"])
    }

    @Test func itPlaysNothingOnceTheDemoIsGone() throws {
        // Its parent is not the given demo: the show is over before it began.
        let runner = Self.airlock()
        try play(runner, linger: 30, demo: getpid())
        #expect(runner.recorded.isEmpty)
    }
}
