import AirlockCore
import Foundation
import GRDB
import Testing

/// `airlock status` reports what an agent does; `airlock agents` lists them, blocked
/// first, with their plans and how many proposals wait.
@Suite("airlock status and airlock agents")
struct AgentsCommandTests {
    struct Listed: Decodable {
        var name: String
        var state: String?
        var channel: String?
        var activity: String?
        var waiting: Int
        var plan: [Item]
        var stale: Bool
        struct Item: Decodable, Equatable {
            var text: String
            var status: String
        }
    }

    @Test func statusReportsAndAgentsLists() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        #expect(try CLIHarness.run(["propose", "--agent", "coder-1", "-"], in: root, input: ManagedWorkspaceFixture.creation("a.txt")).status == 0)
        let plan = "- [x] read the code\n- [~] write the retry\n[ ] add a test\n\n"
        let working = try CLIHarness.run(["status", "--agent", "coder-1", "--state", "working", "--activity", "editing net/fetch.swift", "--plan-file", "-"], in: root, input: Array(plan.utf8))
        #expect(working.status == 0, "\(working.stderr)")
        let blocked = try CLIHarness.run(["status", "--state", "blocked", "--activity", "needs you \u{1b}[2J"], in: root, environment: ["AIRLOCK_AGENT": "gemini"])
        #expect(blocked.status == 0, "\(blocked.stderr)")

        let json = try CLIHarness.run(["agents", "--json"], in: root)
        let agents = try JSONDecoder().decode([Listed].self, from: Data(json.stdout.utf8))
        #expect(agents.map(\.name) == ["gemini", "coder-1"])
        #expect(agents[1].state == "working" && agents[1].waiting == 1 && agents[1].channel == "cli")
        #expect(agents[1].plan == [.init(text: "read the code", status: "completed"), .init(text: "write the retry", status: "in_progress"), .init(text: "add a test", status: "pending")])

        let table = try CLIHarness.run(["agents"], in: root)
        #expect(table.stdout.hasPrefix("gemini"))
        #expect(table.stdout.contains(#"needs you \x1b[2J"#))
        #expect(table.stdout.contains("    [~] write the retry"))
        #expect(!table.stdout.contains("\u{1b}"))

        // The report is an event on the log.
        let followed = try CLIHarness.run(["audit", "--since", "0"], in: root)
        #expect(followed.stdout.contains("agent-status"))
    }

    @Test func badReportsAreRefused() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        let nameless = try CLIHarness.run(["status", "--state", "idle"], in: root, environment: ["AIRLOCK_AGENT": ""])
        #expect(nameless.status == 2 && nameless.stderr.contains("status needs the agent's name"))
        let badState = try CLIHarness.run(["status", "--agent", "a", "--state", "sleeping"], in: root)
        #expect(badState.status == 2 && badState.stderr.contains("--state sleeping: not a state"))
        let badName = try CLIHarness.run(["status", "--agent", "a b", "--state", "idle"], in: root)
        #expect(badName.status == 1 && badName.stderr.contains("agent name"))
        #expect(try CLIHarness.run(["agents"], in: root).stdout == "no agents yet\n")
    }

    @Test func anAgentNotHeardFromShowsAsStale() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        for agent in ["quiet", "chatty", "gone"] {
            #expect(try CLIHarness.run(["status", "--agent", agent, "--state", agent == "gone" ? "exited" : "working"], in: root).status == 0)
        }
        // Two of them were last heard from an hour ago.
        try DatabaseQueue(path: root.appendingPathComponent(".airlock/store.sqlite").path).write { db in
            try db.execute(sql: "UPDATE agent SET last_seen = last_seen - 3600000 WHERE name IN ('quiet', 'gone')")
        }
        let agents = try JSONDecoder().decode([Listed].self, from: Data(try CLIHarness.run(["agents", "--json"], in: root).stdout.utf8))
        #expect(agents.map(\.name) == ["chatty", "gone", "quiet"])
        #expect(agents.map(\.stale) == [false, false, true], "an exited agent is gone, not stale")
        #expect(try CLIHarness.run(["agents"], in: root).stdout.contains("quiet           working (stale)"))

        // A longer limit in the config, and the same agent is not stale.
        let config = root.appendingPathComponent(".airlock/config.toml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "stale_after_s = 600", with: "stale_after_s = 7200")
        try Data(text.utf8).write(to: config)
        let relaxed = try JSONDecoder().decode([Listed].self, from: Data(try CLIHarness.run(["agents", "--json"], in: root).stdout.utf8))
        #expect(relaxed.allSatisfy { !$0.stale })
    }
}
