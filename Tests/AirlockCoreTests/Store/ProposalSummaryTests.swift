import Foundation
import GRDB
import Testing
@_spi(Benchmark) @testable import AirlockCore

/// Summaries read in place from SQLite's rows: the same proposals, fields and order as the
/// full records, filtered in the store, and a clear refusal for a row the store cannot read.
@Suite("Proposal summaries")
struct ProposalSummaryTests {
    static func store(_ count: Int = 12) throws -> StoreFixture {
        let fixture = try StoreFixture()
        for n in 0..<count { try fixture.submit(n, agent: "coder-\(n % 3)") }
        try fixture.force(2, into: .approved)
        try fixture.force(5, into: .rejected)
        try fixture.force(7, into: .approved)
        return fixture
    }

    @Test func summariesMatchTheFullRecords() throws {
        let fixture = try Self.store()
        let full = try fixture.raw().read { db in try Proposal.withPatch.order(Proposal.Columns.id).fetchAll(db) }
        let summaries = try fixture.store.proposals()
        #expect(summaries.count == full.count)
        for (summary, proposal) in zip(summaries, full) {
            #expect(summary == ProposalSummary(
                id: proposal.id, agent: proposal.agent, title: proposal.title, state: proposal.state,
                fileCount: proposal.fileCount, addedLines: proposal.addedLines, removedLines: proposal.removedLines,
                createdAt: proposal.createdAt, updatedAt: proposal.updatedAt))
        }
    }

    @Test func filtersByStateAgentAndLimit() throws {
        let fixture = try Self.store()
        #expect(try fixture.store.proposals(states: [.approved]).map(\.id) == [2, 7])
        #expect(try fixture.store.proposals(states: [.approved, .rejected]).map(\.id) == [2, 5, 7])
        #expect(try fixture.store.proposals(agent: "coder-1").map(\.id) == [2, 5, 8, 11])
        #expect(try fixture.store.proposals(states: [.approved], agent: "coder-1").map(\.id) == [2])
        #expect(try fixture.store.proposals(limit: 3).map(\.id) == [1, 2, 3])
        #expect(try fixture.store.proposals(agent: "nobody").isEmpty)
    }

    @Test func aBodyErrorStopsTheVisit() throws {
        struct Enough: Error {}
        let fixture = try Self.store()
        var seen: [Int64] = []
        #expect(throws: Enough.self) {
            try fixture.store.visitSummaries { row in
                seen.append(row.id)
                if row.id == 4 { throw Enough() }
            }
        }
        #expect(seen == [1, 2, 3, 4])
        // The statement was reset: the next read starts from the first row again.
        #expect(try fixture.store.proposals(limit: 1).map(\.id) == [1])
    }

    @Test func anUnknownStateIsRefusedByName() throws {
        let fixture = try Self.store(3)
        try fixture.raw().write { db in try db.execute(sql: "UPDATE proposal SET state = 'pending' WHERE id = 2") }
        #expect(throws: StoreError.unusable(path: fixture.path, reason: "proposal #2 has an unknown state")) {
            try fixture.store.proposals()
        }
    }

    @Test func textIsHandedOverAsStored() throws {
        let fixture = try Self.store(2)
        let title = "naïve \u{1b}[31mred\u{1b}[0m \"quoted\" \\ 🚀"
        try fixture.raw().write { db in try db.execute(sql: "UPDATE proposal SET title = ? WHERE id = 1", arguments: [title]) }
        var bytes: [[UInt8]] = []
        try fixture.store.visitSummaries { bytes.append(Array($0.title)) }
        #expect(bytes.first == Array(title.utf8))
        #expect(try fixture.store.proposals().first?.title == title)
    }
}
