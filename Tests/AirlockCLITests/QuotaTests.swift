import AirlockCore
import Foundation
import Testing

/// `[quota]` in `.airlock/config.toml`: an agent cannot queue a huge proposal or bury the
/// reviewer under waiting ones. A refusal names the limit and the key that raises it,
/// exits 1 and queues nothing.
@Suite("airlock propose: quotas")
struct QuotaTests {
    /// A managed workspace whose config sets `[quota]` to `settings`.
    private func workspace(quota settings: String) throws -> URL {
        let dir = try ManagedWorkspaceFixture.directory()
        let initialised = try CLIHarness.run(["init"], in: dir)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let config = try CLIHarness.read(".airlock/config.toml", in: dir)
        let start = try #require(config.range(of: "[quota]"))
        try CLIHarness.write(String(config[..<start.lowerBound]) + "[quota]\n" + settings, to: ".airlock/config.toml", in: dir)
        return dir
    }

    private func propose(_ path: String, agent: String, lines: Int = 1, in dir: URL) throws -> CLIHarness.Result {
        try CLIHarness.run(["propose", "--agent", agent, "-"], in: dir, input: ManagedWorkspaceFixture.creation(path, lines: lines))
    }

    private func listed(_ dir: URL) throws -> [ManagedWorkspaceFixture.Listed] {
        let list = try CLIHarness.run(["list", "--json"], in: dir)
        #expect(list.status == 0, "\(list.stderr)")
        return try ManagedWorkspaceFixture.json([ManagedWorkspaceFixture.Listed].self, list.stdout)
    }

    @Test func aProposalOverTheSizeQuotaIsRefusedBeforeItIsStored() throws {
        let dir = try workspace(quota: "max_proposal_bytes = 300\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = try propose("small.txt", agent: "coder-1", in: dir)
        #expect(small.status == 0, "\(small.stderr)")
        let big = ManagedWorkspaceFixture.creation("big.txt", lines: 20)
        #expect(big.count > 300)
        let auditBefore = try CLIHarness.run(["audit", "--json"], in: dir).stdout
        let refused = try CLIHarness.run(["propose", "--agent", "coder-1", "-"], in: dir, input: big)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr == "airlock: refused: the submission is \(big.count) bytes, over the limit of 300 bytes per proposal: split the change, or raise quota.max_proposal_bytes in .airlock/config.toml\nairlock: nothing was queued\n")
        #expect(try listed(dir).map(\.id) == [1])
        #expect(try CLIHarness.run(["audit", "--json"], in: dir).stdout == auditBefore, "a refusal records nothing")
    }

    @Test func anAgentAtItsWaitingQuotaIsRefusedUntilOneIsDecidedOrWithdrawn() throws {
        let dir = try workspace(quota: "max_waiting_per_agent = 2\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        for path in ["one.txt", "two.txt"] {
            let queued = try propose(path, agent: "coder-1", in: dir)
            #expect(queued.status == 0, "\(queued.stderr)")
        }
        let refused = try propose("three.txt", agent: "coder-1", in: dir)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr == "airlock: refused: agent coder-1 already has 2 proposals waiting for a decision, the limit is 2: wait for decisions or withdraw some, or raise quota.max_waiting_per_agent in .airlock/config.toml\nairlock: nothing was queued\n")
        #expect(try listed(dir).map(\.id) == [1, 2])
        // The quota is per agent: another one still submits.
        let other = try propose("other.txt", agent: "coder-2", in: dir)
        #expect(other.status == 0, "\(other.stderr)")
        // A withdrawn proposal no longer counts.
        let withdrawn = try CLIHarness.run(["withdraw", "1", "--agent", "coder-1"], in: dir)
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        let again = try propose("three.txt", agent: "coder-1", in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try listed(dir).filter { $0.agent == "coder-1" && $0.state == "ready" }.count == 2)
    }

    @Test func zeroTurnsAQuotaOff() throws {
        let dir = try workspace(quota: "max_proposal_bytes = 0\nmax_waiting_per_agent = 0\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = try propose("big.txt", agent: "coder-1", lines: 2000, in: dir)
        #expect(big.status == 0, "\(big.stderr)")
    }

    @Test func aBadQuotaStopsTheCommandWithItsLine() throws {
        let dir = try workspace(quota: "max_waiting_per_agent = \"many\"\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try propose("a.txt", agent: "coder-1", in: dir)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(".airlock/config.toml:"), "\(result.stderr)")
        #expect(result.stderr.contains("field quota.max_waiting_per_agent: expected a non-negative integer, got \"many\""), "\(result.stderr)")
    }
}
