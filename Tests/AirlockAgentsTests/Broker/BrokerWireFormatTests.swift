import AirlockCore
import Foundation
import Testing
@testable import AirlockAgents

/// The protocol's lines as bytes: what a client in another language writes and reads.
@Suite("Broker: the wire format")
struct BrokerWireFormatTests {
    static func object(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test("requests are written as the protocol documents them")
    func requestLines() throws {
        let cases: [(BrokerRequest.Call, [String: Any])] = [
            (.proposal(12), ["call": "proposal", "proposal": 12]),
            (.withdraw(12, agent: "coder-1"), ["call": "withdraw", "proposal": 12, "agent": "coder-1"]),
            (.waitForOutcome(12, timeout: 30), ["call": "waitForOutcome", "proposal": 12, "timeout": 30]),
            (.waitForOutcome(12, timeout: nil), ["call": "waitForOutcome", "proposal": 12]),
            (.reportOutput(agent: "coder-1", tail: "ok\n"), ["call": "reportOutput", "agent": "coder-1", "tail": "ok\n"]),
            (.cancel(5), ["call": "cancel", "request": 5]),
            (.proposals(ProposalFilter(agent: "coder-1")), ["call": "proposals", "filter": ["agent": "coder-1"]]),
        ]
        for (n, (call, fields)) in cases.enumerated() {
            let line = try JSONEncoder().encode(BrokerRequest(id: Int64(n), call: call))
            var expected = fields
            expected["id"] = n
            #expect(try Self.object(line) == NSDictionary(dictionary: expected), "\(call)")
            #expect(!line.contains(UInt8(ascii: "\n")))
        }
    }

    @Test("every call read back is the call written")
    func roundTrip() throws {
        let calls: [BrokerRequest.Call] = [
            .proposals(.all), .proposals(ProposalFilter(states: [.ready, .checking], agent: "a", ids: [1, 2], limit: 3)), .proposal(1),
            .propose(Submission(agent: "a", title: "t\u{1b}", rationale: "r\nr", format: .codex, strip: 0, patch: [0, 10, 255], supersedes: 4)),
            .withdraw(2, agent: "a"), .waitForOutcome(3, timeout: 0.5), .waitForOutcome(3, timeout: nil),
            .reportStatus(AgentStatusReport(agent: "a", state: .blocked, activity: "x", channel: "mcp", plan: [PlanItem("p", status: .inProgress)])),
            .reportStatus(AgentStatusReport(agent: "a", state: .idle)), .reportOutput(agent: "a", tail: "\u{0}"), .cancel(9),
        ]
        for (n, call) in calls.enumerated() {
            let request = BrokerRequest(id: Int64(n) - 3, call: call)
            #expect(BrokerRequest.decode(try JSONEncoder().encode(request)) == .success(request), "\(call)")
        }
    }

    @Test("answers start with their id, which a client reads without parsing the rest")
    func answerLines() throws {
        let result = try BrokerResponse.result(42, ["x"])
        #expect(String(decoding: result, as: UTF8.self) == "{\"id\":42,\"result\":[\"x\"]}\n")
        #expect(BrokerResponse.leadingID(result) == .some(42))
        let error = BrokerResponse.error(nil, BrokerError(.forbidden, "no\nway"))
        #expect(try Self.object(error) == ["id": NSNull(), "error": ["kind": "forbidden", "message": "no\nway"]])
        #expect(BrokerResponse.leadingID(error) == .some(nil))
        #expect(BrokerResponse.leadingID(Data("{\"id\":-7,\"result\":{}}".utf8)) == .some(-7))
        // Not written by a broker: the client parses the line whole instead.
        for line in ["{\"result\":1,\"id\":2}", "{\"id\":99999999999999999999,\"result\":1}", "{\"id\":,", "{\"id\":1}"] {
            #expect(BrokerResponse.leadingID(Data(line.utf8)) == nil, "\(line)")
        }
    }

    @Test("an error kind a newer broker invents reads as a failure with its message")
    func unknownKind() throws {
        let error = try JSONDecoder().decode(BrokerError.self, from: Data(#"{"kind":"rateLimited","message":"slow down"}"#.utf8))
        #expect(error == BrokerError(.failed, "slow down"))
        #expect(error.description == "slow down")
    }
}
