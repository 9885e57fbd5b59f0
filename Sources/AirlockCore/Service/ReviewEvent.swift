import Foundation

/// One thing that happened in a workspace, read from the audit log: what a follower (a
/// cockpit, `airlock audit --follow`, an agent's channel) reacts to. `seq` is the log's
/// sequence number, the follower's cursor.
public struct ReviewEvent: Equatable, Sendable, Codable {
    public var seq: Int64
    /// Milliseconds since 1970.
    public var at: Int64
    public var proposal: Int64?
    /// Who caused it: an agent, a reviewer (`user@host on tty`) or `airlock`.
    public var actor: String
    public var change: Change
    /// The entry's details as recorded (canonical JSON).
    public var details: String

    public enum Change: Equatable, Sendable, Codable {
        case submitted(title: String, digest: String, files: Int, added: Int, removed: Int)
        case stateChanged(from: ProposalState, to: ProposalState, reason: String?)
        case decided(verdict: Decision.Verdict, digest: String, feedback: String?)
        case checkStarted(name: String)
        case checkFinished(name: String, status: CheckRun.Status, summary: String)
        case applyStarted(digest: String)
        case applied(files: [FileImage], recovered: Bool)
        case applyAbandoned(reason: String)
        /// A person started reverting an applied proposal; `digest` names the reverse patch.
        case revertStarted(digest: String)
        case reverted(files: [FileImage], recovered: Bool)
        case agentStatus(state: AgentState, activity: String?)
        /// An entry this version does not know (written by a newer Airlock).
        case other(kind: String)
    }

    /// The event's name in JSON and on screen: `submitted`, `state_changed`, `decided`, …
    public var kind: String {
        switch change {
        case .submitted: return "submitted"
        case .stateChanged: return "state_changed"
        case .decided: return "decided"
        case .checkStarted: return "check_started"
        case .checkFinished: return "check_finished"
        case .applyStarted: return "apply_started"
        case .applied: return "applied"
        case .applyAbandoned: return "apply_abandoned"
        case .revertStarted: return "revert_started"
        case .reverted: return "reverted"
        case .agentStatus: return "agent_status"
        case .other(let kind): return kind
        }
    }

    /// The typed event an audit entry records. Details that do not read as their kind
    /// promises (a damaged row) become `.other`, never a crash.
    public init(_ entry: AuditEntry) {
        seq = entry.seq
        at = entry.at
        proposal = entry.proposalID
        actor = entry.actor
        details = entry.details
        change = Self.change(kind: entry.kind, details: Data(entry.details.utf8)) ?? .other(kind: entry.kind)
    }

    private static func change(kind: String, details: Data) -> Change? {
        let decoder = JSONDecoder()
        func read<T: Decodable>(_ type: T.Type) -> T? { try? decoder.decode(type, from: details) }
        switch kind {
        case "submitted":
            return read(SubmittedFields.self).map { .submitted(title: $0.title, digest: $0.digest, files: $0.files, added: $0.added, removed: $0.removed) }
        case "state":
            guard let fields = read(StateFields.self), let from = ProposalState(rawValue: fields.from), let to = ProposalState(rawValue: fields.to) else { return nil }
            return .stateChanged(from: from, to: to, reason: fields.reason)
        case "decision":
            guard let fields = read(DecisionFields.self), let verdict = Decision.Verdict(rawValue: fields.verdict) else { return nil }
            return .decided(verdict: verdict, digest: fields.digest, feedback: fields.feedback)
        case "check-started":
            return read(CheckFields.self).map { .checkStarted(name: $0.name) }
        case "check":
            guard let fields = read(CheckFields.self), let status = fields.status.flatMap(CheckRun.Status.init(rawValue:)) else { return nil }
            return .checkFinished(name: fields.name, status: status, summary: fields.summary ?? "")
        case "apply-started":
            return read(ApplyStartedFields.self).map { .applyStarted(digest: $0.digest) }
        case "applied":
            return read(AppliedFields.self).map { .applied(files: $0.files, recovered: $0.recovered) }
        case "revert-started":
            return read(ApplyStartedFields.self).map { .revertStarted(digest: $0.digest) }
        case "reverted":
            return read(AppliedFields.self).map { .reverted(files: $0.files, recovered: $0.recovered) }
        case "apply-abandoned":
            return read(ReasonFields.self).map { .applyAbandoned(reason: $0.reason) }
        case "agent-status":
            guard let fields = read(AgentStatusFields.self), let state = AgentState(rawValue: fields.state) else { return nil }
            return .agentStatus(state: state, activity: fields.activity)
        default:
            return nil
        }
    }

    private struct SubmittedFields: Decodable { var title, digest: String; var files, added, removed: Int }
    private struct StateFields: Decodable { var from, to: String; var reason: String? }
    private struct DecisionFields: Decodable { var verdict, digest: String; var feedback: String? }
    private struct CheckFields: Decodable { var name: String; var status, summary: String? }
    private struct ApplyStartedFields: Decodable { var digest: String }
    private struct AppliedFields: Decodable { var files: [FileImage]; var recovered: Bool }
    private struct ReasonFields: Decodable { var reason: String }
    private struct AgentStatusFields: Decodable { var state: String; var activity: String? }
}
