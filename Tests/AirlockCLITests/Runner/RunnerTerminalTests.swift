import AirlockCore
import Foundation
import Testing

/// `airlock run` on a terminal: the agent gets a pseudo-terminal of the runner's, so an
/// interactive agent works, what the user types reaches it, and Ctrl-C reaches it, not
/// the runner.
@Suite("airlock run on a terminal", .requires(.git))
struct RunnerTerminalTests {
    private func terminal(_ fixture: RunnerFixture, agent: String, _ script: String) throws -> PseudoTerminal {
        let environment = ReviewFixture.environment([
            "GIT_AUTHOR_NAME": "agent", "GIT_AUTHOR_EMAIL": "agent@example.com", "GIT_COMMITTER_NAME": "agent",
            "GIT_COMMITTER_EMAIL": "agent@example.com",
        ])
        return try PseudoTerminal(arguments: ["run", "--workspace", fixture.root.path, "--agent", agent, "--", "/bin/sh", "-c", script], environment: environment)
    }

    @Test func anInteractiveAgentHasATerminalAndReadsWhatIsTyped() throws {
        let fixture = try RunnerFixture()
        let terminal = try terminal(fixture, agent: "chatty", """
            [ -t 0 ] && [ -t 1 ] && echo TERMINAL-YES
            printf 'name? '
            read name
            echo "hello $name" > greeting.txt
            echo "said hello to $name"
            """)
        try terminal.expect("TERMINAL-YES")
        try terminal.expect("name? ")
        terminal.send("robot")
        try terminal.expect("said hello to robot")
        #expect(try terminal.waitForExit(timeout: 20) == 0, "\(terminal.transcript)")
        #expect(terminal.transcript.contains("airlock run: #1 proposed: Uncommitted work of chatty"), "\(terminal.transcript)")
        let patch = String(decoding: try fixture.service().blocking.proposal(1).proposal.patch, as: UTF8.self)
        #expect(patch.contains("+hello robot"))
    }

    @Test func ctrlCReachesTheAgentAndItsWorkIsStillProposed() throws {
        let fixture = try RunnerFixture()
        let terminal = try terminal(fixture, agent: "stoppable", """
            trap 'echo wip > wip.txt; echo CAUGHT; exit 3' INT
            echo READY
            while :; do sleep 0.1; done
            """)
        try terminal.expect("READY")
        terminal.send(bytes: [0x03])
        try terminal.expect("CAUGHT")
        #expect(try terminal.waitForExit(timeout: 20) == 3, "the runner exits with the agent's status: \(terminal.transcript)")
        #expect(try fixture.proposals().map(\.title) == ["Uncommitted work of stoppable"])
    }
}
