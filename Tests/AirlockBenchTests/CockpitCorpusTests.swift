import AirlockCore
import Foundation
import Testing
@testable import airlock_bench

/// The cockpit benchmark's workspace: the large proposal holds exactly the change tig is
/// shown, and the reporting agents really report through the service.
@Suite("Benchmark: the cockpit's corpus and reporting agents")
struct CockpitCorpusTests {
    private func workspace() throws -> (ManagedWorkspace, URL) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return (try ManagedWorkspace.initialize(at: url.path), url)
    }

    @Test func theLargeProposalAddsTheGeneratedFileLineForLine() throws {
        let (workspace, url) = try workspace()
        defer { try? FileManager.default.removeItem(at: url) }
        let text = TerminalBytesBenchmark.generatedText(lines: 1_000)
        let id = try StoreCorpus.submitCreation(of: "generated.swift", text: text, agent: "generator", title: "Add it", to: workspace.store)

        let proposal = try #require(try workspace.store.proposal(id))
        #expect(proposal.state == .ready)
        #expect(proposal.addedLines == 1_000)
        let patch = try proposal.canonicalPatch()
        #expect(patch.files.map(\.newPath) == ["generated.swift"])
        let lines = patch.files.flatMap(\.hunks).flatMap(\.lines)
        #expect(lines.allSatisfy { $0.kind == .added })
        #expect(String(decoding: lines.flatMap(\.text), as: UTF8.self) == text)
    }

    @Test func reportersRecordEveryReportAsTheirOwnAgentsAndStopWhenAsked() throws {
        let (workspace, url) = try workspace()
        defer { try? FileManager.default.removeItem(at: url) }
        let reporters = StatusReporters(agents: 3, perSecond: 20)
        try reporters.start(workspace: url.path)
        usleep(500_000)
        let (reported, failed) = reporters.stop()
        #expect(failed == 0)
        // 3 agents × 20/s × 0.5 s is 30; a loaded machine may fall a little behind.
        #expect((15...36).contains(reported))

        let agents = try workspace.store.agents()
        #expect(agents.map(\.name) == ["reporter-00", "reporter-01", "reporter-02"])
        #expect(agents.allSatisfy { $0.state == .working })
        let entries = try workspace.store.auditEntries(limit: 1_000).filter { $0.kind == "agent-status" }
        #expect(entries.count == reported)
        usleep(200_000)
        #expect(try workspace.store.auditEntries(limit: 1_000).filter { $0.kind == "agent-status" }.count == reported)
    }
}
