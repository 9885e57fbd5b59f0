import AirlockCore
import Foundation

/// One request line of the broker protocol (see `BrokerProtocol`).
public struct BrokerRequest: Equatable, Sendable {
    /// The caller's number for it; the answer carries it back.
    public var id: Int64
    public var call: Call

    /// The calls: `AgentService`'s verbs, and `cancel`.
    public enum Call: Equatable, Sendable {
        case proposals(ProposalFilter)
        case proposal(Int64)
        case propose(Submission)
        case withdraw(Int64, agent: String)
        case waitForOutcome(Int64, timeout: Double?)
        case reportStatus(AgentStatusReport)
        case reportOutput(agent: String, tail: String)
        /// Ends the request with this id early.
        case cancel(Int64)

        public var name: String {
            switch self {
            case .proposals: "proposals"
            case .proposal: "proposal"
            case .propose: "propose"
            case .withdraw: "withdraw"
            case .waitForOutcome: "waitForOutcome"
            case .reportStatus: "reportStatus"
            case .reportOutput: "reportOutput"
            case .cancel: "cancel"
            }
        }
    }

    public init(id: Int64, call: Call) {
        self.id = id
        self.call = call
    }
}

// MARK: - encoding

extension BrokerRequest: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        try container.encode(id, forKey: "id")
        try container.encode(call.name, forKey: "call")
        switch call {
        case .proposals(let filter): try container.encode(filter, forKey: "filter")
        case .proposal(let id): try container.encode(id, forKey: "proposal")
        case .propose(let submission): try container.encode(submission, forKey: "submission")
        case .withdraw(let id, let agent):
            try container.encode(id, forKey: "proposal")
            try container.encode(agent, forKey: "agent")
        case .waitForOutcome(let id, let timeout):
            try container.encode(id, forKey: "proposal")
            try container.encodeIfPresent(timeout, forKey: "timeout")
        case .reportStatus(let report): try container.encode(report, forKey: "report")
        case .reportOutput(let agent, let tail):
            try container.encode(agent, forKey: "agent")
            try container.encode(tail, forKey: "tail")
        case .cancel(let id): try container.encode(id, forKey: "request")
        }
    }
}

// MARK: - decoding, strictly

extension BrokerRequest {
    /// Reads one request line: the request, or the error to answer with (and the id to
    /// answer it under, when the line had a readable one).
    public static func decode(_ line: Data) -> Result<BrokerRequest, Refusal> {
        do {
            return .success(try JSONDecoder().decode(Strict.self, from: line).request)
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch let error as DecodingError {
            return .failure(Refusal(id: nil, error: BrokerError(.malformed, "not a request: \(Self.describe(error))")))
        } catch {
            return .failure(Refusal(id: nil, error: BrokerError(.malformed, "not a request: \(error)")))
        }
    }

    /// A line refused, with the id it had if any.
    public struct Refusal: Error, Equatable, Sendable {
        public var id: Int64?
        public var error: BrokerError
    }

    /// The fields each call takes besides `id` and `call`.
    static let fields: [String: Set<String>] = [
        "proposals": ["filter"], "proposal": ["proposal"], "propose": ["submission"], "withdraw": ["proposal", "agent"],
        "waitForOutcome": ["proposal", "timeout"], "reportStatus": ["report"], "reportOutput": ["agent", "tail"], "cancel": ["request"],
    ]

    // The service's values, whose fields are their stored properties (synthesized coding keys).
    static let submissionFields = Self.labels(Submission(agent: "", patch: []))
    static let filterFields = Self.labels(ProposalFilter())
    static let reportFields = Self.labels(AgentStatusReport(agent: "", state: .idle))
    static let planItemFields = Self.labels(PlanItem("", status: .pending))

    private static func labels(_ value: Any) -> Set<String> {
        Set(Mirror(reflecting: value).children.compactMap(\.label))
    }

    private struct Strict: Decodable {
        var request: BrokerRequest

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: WireKey.self)
            guard let id = try? container.decode(Int64.self, forKey: "id") else {
                throw Refusal(id: nil, error: BrokerError(.malformed, "not a request: no integer \"id\""))
            }
            do {
                request = BrokerRequest(id: id, call: try Self.call(container))
            } catch let error as BrokerError {
                throw Refusal(id: id, error: error)
            } catch let error as DecodingError {
                throw Refusal(id: id, error: BrokerError(.malformed, "request \(id): \(BrokerRequest.describe(error))"))
            } catch {
                // The decoder's own errors, such as a number too large for its field.
                throw Refusal(id: id, error: BrokerError(.malformed, "request \(id): \(VisibleText.escape("\(error)"))"))
            }
        }

        private static func call(_ container: KeyedDecodingContainer<WireKey>) throws -> Call {
            guard let name = try? container.decode(String.self, forKey: "call") else {
                throw BrokerError(.malformed, "no \"call\" (a string naming the call)")
            }
            guard let fields = BrokerRequest.fields[name] else {
                throw BrokerError(.unknownCall, "unknown call \"\(VisibleText.escape(name))\": a broker offers only \(BrokerProtocol.calls.joined(separator: ", "))")
            }
            try Self.only(fields.union(["id", "call"]), in: container, what: name)
            switch name {
            case "proposals":
                if container.contains("filter"), try !container.decodeNil(forKey: "filter") {
                    try Self.only(BrokerRequest.filterFields, in: try container.nestedContainer(keyedBy: WireKey.self, forKey: "filter"), what: "filter")
                    return .proposals(try container.decode(ProposalFilter.self, forKey: "filter"))
                }
                return .proposals(.all)
            case "proposal":
                return .proposal(try container.decode(Int64.self, forKey: "proposal"))
            case "propose":
                try Self.only(BrokerRequest.submissionFields, in: try container.nestedContainer(keyedBy: WireKey.self, forKey: "submission"), what: "submission")
                return .propose(try container.decode(Submission.self, forKey: "submission"))
            case "withdraw":
                return .withdraw(try container.decode(Int64.self, forKey: "proposal"), agent: try container.decode(String.self, forKey: "agent"))
            case "waitForOutcome":
                return .waitForOutcome(try container.decode(Int64.self, forKey: "proposal"), timeout: try container.decodeIfPresent(Double.self, forKey: "timeout"))
            case "reportStatus":
                let report = try container.nestedContainer(keyedBy: WireKey.self, forKey: "report")
                try Self.only(BrokerRequest.reportFields, in: report, what: "report")
                if report.contains("plan"), try !report.decodeNil(forKey: "plan") {
                    var items = try report.nestedUnkeyedContainer(forKey: "plan")
                    while !items.isAtEnd {
                        let index = items.currentIndex
                        try Self.only(BrokerRequest.planItemFields, in: try items.nestedContainer(keyedBy: WireKey.self), what: "report.plan[\(index)]")
                    }
                }
                return .reportStatus(try container.decode(AgentStatusReport.self, forKey: "report"))
            case "reportOutput":
                return .reportOutput(agent: try container.decode(String.self, forKey: "agent"), tail: try container.decode(String.self, forKey: "tail"))
            default:
                return .cancel(try container.decode(Int64.self, forKey: "request"))
            }
        }

        /// Refuses a field that is not one of `allowed`.
        private static func only(_ allowed: Set<String>, in container: KeyedDecodingContainer<WireKey>, what: String) throws {
            let extra = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
            guard let first = extra.first else { return }
            throw BrokerError(.malformed, "\(what) takes no field \"\(VisibleText.escape(first))\"; its fields are \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// A decoding error as one line: where, and what.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(VisibleText.escape(path(context.codingPath + [key]))): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(VisibleText.escape(path(context.codingPath))): \(context.debugDescription)"
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return (at.isEmpty ? "" : "\(VisibleText.escape(at)): ") + (underlying.map { "\(context.debugDescription) (\($0))" } ?? context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }
}

/// A JSON object key given as a string.
struct WireKey: CodingKey, ExpressibleByStringLiteral, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}
