import AirlockCore

/// The broker's wire protocol: the agent-facing verbs of the review service
/// (`AgentService`), and nothing else, over a Unix stream socket.
///
/// Every message is one line of JSON ending in `\n` (JSON escapes the newlines inside
/// strings, so a line is a message). The values are the review service's own `Codable`
/// types — `Submission`, `SubmissionReceipt`, `ProposalFilter`, `ProposalSummary`,
/// `ProposalDetail`, `ProposalOutcome`, `AgentStatusReport` — so the same protocol can later
/// carry agents on other hosts.
///
/// 1. On connecting, the server sends a hello:
///    `{"airlock":"broker","protocol":1,"agent":"coder-1","calls":["proposals",…]}`
///    (`agent` is null when the broker serves any agent). A client refuses another
///    `protocol` than its own; a later version adds calls or fields under a new number.
/// 2. The client sends requests, each with an id of its choosing (an integer unique among
///    its requests in flight on this connection) and the call's fields:
///    - `{"id":1,"call":"proposals","filter":ProposalFilter}` (filter optional) → `[ProposalSummary]`
///    - `{"id":2,"call":"proposal","proposal":12}` → `ProposalDetail`
///    - `{"id":3,"call":"propose","submission":Submission}` → `SubmissionReceipt`
///    - `{"id":4,"call":"withdraw","proposal":12,"agent":"coder-1"}` → `ProposalSummary`
///    - `{"id":5,"call":"waitForOutcome","proposal":12,"timeout":30}` (timeout optional, seconds) → `ProposalOutcome`
///    - `{"id":6,"call":"reportStatus","report":AgentStatusReport}` → `{}`
///    - `{"id":7,"call":"reportOutput","agent":"coder-1","tail":"…"}` → `{}`
///    - `{"id":8,"call":"cancel","request":5}` → `{}`: ends request 5 (its answer is then a
///      `cancelled` error). Not a verb of the service: it only stops a wait early.
/// 3. The server answers each request with `{"id":N,"result":…}` or
///    `{"id":N,"error":{"kind":"…","message":"…"}}`, in the order the calls finish, not the
///    order they came: a `waitForOutcome` does not hold up the calls behind it. The error
///    kinds are `BrokerError.Kind`; the message is what the local command would print.
///
/// There is no call that decides, re-runs checks, applies or reverts: an `approve` is an
/// unknown call. A line that is not such a request (malformed JSON, an unknown call, a
/// field the call does not take, at any depth the service's values have) gets an error
/// naming what is wrong (`id` null when it could not be read) and the connection goes on;
/// a line longer than `maxLineBytes` gets one and the connection is closed. A client that
/// goes away ends its waits.
///
/// A broker bound to one agent (`BrokerServer(…, agent: "coder-1")`, as the worktree runner
/// starts one for each agent it runs) acts as that agent only: a submission, withdrawal or
/// report naming another agent is refused (`forbidden`), listings are that agent's
/// proposals, and another agent's proposal is as if it did not exist (`notFound`).
public enum BrokerProtocol {
    /// This protocol's version, sent in the hello.
    public static let version = 1

    /// The longest line either side reads (a 16 MiB patch, a submission's quota, is an array of
    /// up to four bytes per byte in JSON).
    public static let maxLineBytes = 64 << 20

    /// The calls a broker answers: exactly `AgentService`'s verbs, and `cancel`.
    public static let calls = ["proposals", "proposal", "propose", "withdraw", "waitForOutcome", "reportStatus", "reportOutput", "cancel"]

    /// The environment variable that points a channel at a broker.
    public static let socketVariable = "AIRLOCK_SOCKET"
}

/// The first line a broker sends on every connection.
public struct BrokerHello: Codable, Equatable, Sendable {
    /// Always `broker`: tells a confused client it reached something else.
    public var airlock: String
    public var `protocol`: Int
    /// The one agent this broker acts as, or nil for any.
    public var agent: String?
    public var calls: [String]

    public init(agent: String?) {
        airlock = "broker"
        self.protocol = BrokerProtocol.version
        self.agent = agent
        calls = BrokerProtocol.calls
    }
}
