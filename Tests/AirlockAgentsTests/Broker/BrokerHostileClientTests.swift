import AirlockAgents
import AirlockCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A client that does not play by the rules gets an error naming what is wrong, or is
/// dropped, and the broker goes on serving everyone else; no line decides anything.
@Suite("Broker: hostile clients")
struct BrokerHostileClientTests {
    @Test("there is no decision call: approve, reject, apply, rerunChecks and revert are unknown, and nothing is decided")
    func noDecisionCall() throws {
        let fixture = try BrokerFixture()
        let proposal = try fixture.service.blocking.propose(BrokerFixture.submission("a.txt")).proposal
        let raw = try RawBrokerClient(fixture.socketPath)
        _ = raw.line()
        let reviewer = #"{"user":"alice","host":"local","tty":"/dev/pts/0"}"#
        let calls = [
            #"{"id":1,"call":"approve","approval":{"id":\#(proposal.id),"shownDigest":"\#(proposal.digest)"},"reviewer":\#(reviewer)}"#,
            #"{"id":2,"call":"reject","rejection":{"id":\#(proposal.id),"shownDigest":"\#(proposal.digest)","feedback":"no"}}"#,
            #"{"id":3,"call":"apply","proposal":\#(proposal.id)}"#,
            #"{"id":4,"call":"rerunChecks","proposal":\#(proposal.id),"actor":"x"}"#,
            #"{"id":5,"call":"revert","proposal":\#(proposal.id),"shownDigest":"\#(proposal.digest)"}"#,
            #"{"id":6,"call":"decide","proposal":\#(proposal.id)}"#,
        ]
        for (n, call) in calls.enumerated() {
            raw.send(call + "\n")
            let error = try #require(raw.error())
            #expect(error.id == Int64(n + 1))
            #expect(error.kind == "unknownCall")
            #expect(error.message.contains("a broker offers only proposals, proposal, propose, withdraw, waitForOutcome, reportStatus, reportOutput, cancel"))
        }
        // A decision smuggled into a known call's fields is refused too.
        raw.send(#"{"id":7,"call":"proposal","proposal":\#(proposal.id),"approve":true}"# + "\n")
        let smuggled = try #require(raw.error())
        #expect(smuggled.kind == "protocol" && smuggled.message.contains("no field \"approve\""))

        let stored = try fixture.service.blocking.proposal(proposal.id)
        #expect(stored.proposal.state.isWaiting)
        #expect(stored.decisions.isEmpty)
        #expect(try fixture.workspace.store.auditEntries(proposal: proposal.id).allSatisfy { $0.kind != "decision" && $0.kind != "applied" })
        #expect(!FileManager.default.fileExists(atPath: fixture.workspace.root + "/a.txt"))
    }

    @Test("malformed lines get an error naming what is wrong, and the connection goes on")
    func malformedLines() throws {
        let fixture = try BrokerFixture()
        let raw = try RawBrokerClient(fixture.socketPath)
        _ = raw.line()
        let cases: [(line: String, id: Int64?, kind: String, says: String)] = [
            ("not json at all", nil, "protocol", "not a request"),
            ("[1,2,3]", nil, "protocol", "not a request"),
            (#"{"call":"proposals"}"#, nil, "protocol", "no integer \"id\""),
            (#"{"id":"seven","call":"proposals"}"#, nil, "protocol", "no integer \"id\""),
            (#"{"id":8}"#, 8, "protocol", "no \"call\""),
            (#"{"id":9,"call":"proposal"}"#, 9, "protocol", "proposal: missing"),
            (#"{"id":10,"call":"proposal","proposal":"x"}"#, 10, "protocol", "proposal"),
            (#"{"id":11,"call":"propose","submission":{"agent":"a","rationale":"","strip":1,"patch":[1],"reviewer":"me"}}"#, 11, "protocol", "submission takes no field \"reviewer\""),
            (#"{"id":12,"call":"reportStatus","report":{"agent":"a","state":"working","plan":[{"text":"t","status":"pending","done":true}]}}"#, 12, "protocol", "report.plan[0] takes no field \"done\""),
            (#"{"id":13,"call":"reportStatus","report":{"agent":"a","state":"approved"}}"#, 13, "protocol", "report.state"),
            (#"{"id":14,"call":"proposals","filter":{"agent":"a","decided":true}}"#, 14, "protocol", "filter takes no field \"decided\""),
            (#"{"id":15,"call":"waitForOutcome","proposal":1,"timeout":-1}"#, 15, "invalid", "timeout"),
            (#"{"id":16,"call":"\u001b[31mevil"}"#, 16, "unknownCall", "\\x1b[31mevil"),
            (#"{"id":17,"call":"propose","submission":{"agent":"a","rationale":"","strip":1,"patch":[300]}}"#, 17, "protocol", "300"),
        ]
        for item in cases {
            raw.send(item.line + "\n")
            let error = try #require(raw.error(), "an error for \(item.line)")
            #expect(error.id == item.id, "\(item.line)")
            #expect(error.kind == item.kind, "\(item.line): \(error.message)")
            #expect(error.message.contains(item.says), "\(item.line): \(error.message)")
            #expect(!error.message.contains("\u{1b}"))
        }
        // Blank lines are skipped; the connection still answers.
        raw.send("\n  \r\n" + #"{"id":99,"call":"proposals"}"# + "\n")
        let answer = try #require(raw.object())
        #expect((answer["id"] as? NSNumber)?.int64Value == 99)
        #expect(answer["result"] is [Any])
    }

    @Test("an id already in flight is refused, the first call goes on")
    func duplicateID() throws {
        let fixture = try BrokerFixture()
        let proposal = try fixture.service.blocking.propose(BrokerFixture.submission("a.txt")).proposal
        let raw = try RawBrokerClient(fixture.socketPath)
        _ = raw.line()
        raw.send(#"{"id":1,"call":"waitForOutcome","proposal":\#(proposal.id),"timeout":30}"# + "\n")
        raw.send(#"{"id":1,"call":"proposals"}"# + "\n")
        let error = try #require(raw.error())
        #expect(error.id == 1 && error.message.contains("already in flight"))
        raw.send(#"{"id":2,"call":"cancel","request":1}"# + "\n")
        var seen: [Int64: [String: Any]] = [:]
        for _ in 0..<2 {
            let object = try #require(raw.object())
            seen[(object["id"] as? NSNumber)?.int64Value ?? -1] = object
        }
        #expect((seen[1]?["error"] as? [String: Any])?["kind"] as? String == "cancelled")
        #expect(seen[2]?["result"] != nil)
    }

    @Test("one connection may have 64 calls in flight; the 65th is refused, and calls go on once one answers")
    func inFlightBound() throws {
        let fixture = try BrokerFixture()
        let proposal = try fixture.service.blocking.propose(BrokerFixture.submission("a.txt")).proposal
        let raw = try RawBrokerClient(fixture.socketPath)
        _ = raw.line()
        for id in 1...65 { raw.send(#"{"id":\#(id),"call":"waitForOutcome","proposal":\#(proposal.id),"timeout":30}"# + "\n") }
        let refused = try #require(raw.error())
        #expect(refused.id == 65)
        #expect(refused.message.contains("64 calls are already in flight"))
        raw.send(#"{"id":100,"call":"cancel","request":1}"# + "\n")
        var ids: Set<Int64> = []
        for _ in 0..<2 { ids.insert(((try #require(raw.object()))["id"] as? NSNumber)?.int64Value ?? -1) }
        #expect(ids == [1, 100])
        raw.send(#"{"id":101,"call":"proposals"}"# + "\n")
        #expect(((try #require(raw.object()))["id"] as? NSNumber)?.int64Value == 101)
    }

    @Test("a line longer than the bound gets an error and the connection is closed; others are served")
    func overLongLine() throws {
        let fixture = try BrokerFixture(maxLineBytes: 4096)
        let raw = try RawBrokerClient(fixture.socketPath)
        _ = raw.line()
        raw.sendBytes([UInt8](repeating: UInt8(ascii: "a"), count: 200_000))
        let error = try #require(raw.error())
        #expect(error.id == nil && error.kind == "protocol")
        #expect(error.message.contains("longer than 4096 bytes"))
        #expect(raw.line() == nil)
        // A line just under the bound is read.
        let other = try RawBrokerClient(fixture.socketPath)
        _ = other.line()
        other.send(#"{"id":1,"call":"proposals","filter":{"agent":"\#(String(repeating: "a", count: 3900))"}}"# + "\n")
        #expect((try #require(other.object()))["result"] != nil)
        #expect(eventually { fixture.server.connectionCount == 1 })
    }

    @Test("a client whose request is over the bound hears why the broker hung up")
    func clientHearsWhy() async throws {
        let fixture = try BrokerFixture(maxLineBytes: 4096)
        let client = try fixture.client()
        let big = Submission(agent: "coder-1", patch: Array(String(repeating: "x", count: 100_000).utf8))
        let error = await #expect(throws: BrokerError.self) { try await client.propose(big) }
        #expect(error?.kind == .disconnected)
        #expect(error?.description.contains("a line longer than 4096 bytes: closing the connection") == true)
        #expect(try fixture.stored().isEmpty)
    }

    @Test("a client that vanishes during a wait ends that wait and its connection")
    func vanishingWaiter() throws {
        let fixture = try BrokerFixture()
        let proposal = try fixture.service.blocking.propose(BrokerFixture.submission("a.txt")).proposal
        var raw: RawBrokerClient? = try RawBrokerClient(fixture.socketPath)
        _ = raw?.line()
        raw?.send(#"{"id":1,"call":"waitForOutcome","proposal":\#(proposal.id)}"# + "\n")
        #expect(eventually { fixture.server.connectionCount == 1 })
        usleep(200_000)
        raw = nil
        // The wait had no bound: the session ends only because the wait was cancelled.
        #expect(eventually(within: 5) { fixture.server.connectionCount == 0 })
        #expect(try fixture.service.blocking.proposal(proposal.id).proposal.state.isWaiting)
    }

    @Test("64 clients at once, each proposing and reporting: every call answered, nothing lost")
    func manyClients() async throws {
        let fixture = try BrokerFixture()
        let clients = try (0..<64).map { _ in try fixture.client() }
        #expect(eventually { fixture.server.connectionCount == 64 })
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for (n, client) in clients.enumerated() {
                group.addTask {
                    try await client.reportStatus(AgentStatusReport(agent: "agent-\(n)", state: .working))
                    return try await client.propose(BrokerFixture.submission("f\(n).txt", agent: "agent-\(n)")).proposal.id
                }
            }
            return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
        }
        #expect(ids.count == 64)
        #expect(Set(try fixture.stored().map(\.id)) == ids)
        #expect(try fixture.service.blocking.agents().filter { $0.state == .working }.count == 64)
    }

    @Test("a client of another protocol or a silent peer gets a clear error, not a hang")
    func notABroker() throws {
        let base = try BrokerFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let missing = #expect(throws: BrokerError.self) { try BrokerClient(socketPath: base + "/nothing.sock") }
        #expect(missing?.kind == .disconnected)
        #expect(missing?.description.contains("cannot reach the broker at \(base)/nothing.sock") == true)
    }
}
