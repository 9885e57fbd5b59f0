/// What `audit --verify` checks beyond the hash links: that each proposal's recorded
/// states follow the state machine, that every move into `approved` or `rejected` comes
/// right after a decision of that verdict by the same reviewer, that every move into
/// `applied` comes after its application's entry, and every move into `reverted` after a
/// revert started and finished, moved by the person who started it. Fed the entries in order; the details
/// are read from their canonical JSON by key position, without a decoder per entry (a
/// log holds millions).
struct AuditConsistency {
    private struct Track {
        var state: ProposalState
        /// The decision entry since the last state change: its verdict and who made it.
        var decision: (verdict: Substring, actor: String)?
        var applied = false
        /// Who started a revert since the last state change, and whether it finished.
        var reverter: String?
        var reverted = false
        var decisions = 0
    }

    private var proposals: [Int64: Track] = [:]

    /// The reason entry `seq` breaks the rules, or nil.
    mutating func check(seq: Int64, kind: String, proposal: Int64?, actor: String, details: String) -> String? {
        guard let id = proposal else { return nil }
        switch kind {
        case "submitted":
            guard proposals[id] == nil else { return "entry \(seq) submits proposal #\(id) a second time" }
            proposals[id] = Track(state: .submitted)
        case "decision":
            guard var track = proposals[id] else { return Self.unknown(seq, id) }
            guard let verdict = Self.lastValue(of: "verdict", in: details) else { return "entry \(seq) is a decision without a verdict" }
            track.decision = (verdict, actor)
            track.decisions += 1
            proposals[id] = track
        case "applied":
            guard var track = proposals[id] else { return Self.unknown(seq, id) }
            track.applied = true
            proposals[id] = track
        case "revert-started":
            guard var track = proposals[id] else { return Self.unknown(seq, id) }
            guard track.state == .applied else { return "entry \(seq) reverts proposal #\(id), which the log leaves \(track.state.rawValue)" }
            track.reverter = actor
            track.reverted = false
            proposals[id] = track
        case "reverted":
            guard var track = proposals[id] else { return Self.unknown(seq, id) }
            track.reverted = true
            proposals[id] = track
        case "state":
            guard var track = proposals[id] else { return Self.unknown(seq, id) }
            guard let from = Self.firstValue(of: "from", in: details).flatMap({ ProposalState(rawValue: String($0)) }),
                let to = Self.lastValue(of: "to", in: details).flatMap({ ProposalState(rawValue: String($0)) })
            else { return "entry \(seq) is a state change that does not name its states" }
            guard from == track.state else {
                return "entry \(seq) moves proposal #\(id) from \(from.rawValue), but its previous entries leave it \(track.state.rawValue)"
            }
            guard from.canMove(to: to) else { return "entry \(seq) moves proposal #\(id) from \(from.rawValue) to \(to.rawValue), which the state machine does not allow" }
            switch to {
            case .approved, .rejected:
                let wanted = to == .approved ? "approve" : "reject"
                guard let decision = track.decision, decision.verdict == wanted, decision.actor == actor else {
                    return "entry \(seq) makes proposal #\(id) \(to.rawValue) with no \(wanted) decision by \(actor) before it"
                }
            case .applied:
                guard track.applied else { return "entry \(seq) makes proposal #\(id) applied with no application entry before it" }
            case .reverted:
                guard track.reverted, track.reverter == actor else {
                    return "entry \(seq) makes proposal #\(id) reverted with no revert by \(actor) before it"
                }
            default:
                break
            }
            track.state = to
            track.decision = nil
            track.applied = false
            track.reverter = nil
            track.reverted = false
            proposals[id] = track
        default:
            break
        }
        return nil
    }

    /// After the last entry: the proposals table must agree with what the log says.
    func finish(states: [Int64: ProposalState], decisions: [Int64: Int]) -> String? {
        for (id, state) in states.sorted(by: { $0.key < $1.key }) {
            guard let track = proposals[id] else { return "proposal #\(id) has no submission on the log" }
            guard track.state == state else { return "proposal #\(id) is \(state.rawValue) in the store, but the log leaves it \(track.state.rawValue)" }
            guard track.decisions == decisions[id, default: 0] else {
                return "proposal #\(id) has \(decisions[id, default: 0]) decision rows, but the log records \(track.decisions)"
            }
        }
        if let extra = proposals.keys.sorted().first(where: { states[$0] == nil }) { return "proposal #\(extra) is on the log but not in the store" }
        return nil
    }

    private static func unknown(_ seq: Int64, _ id: Int64) -> String {
        "entry \(seq) names proposal #\(id) before its submission"
    }

    /// The string value of the first key of canonical JSON, when it is `key`.
    static func firstValue(of key: String, in json: String) -> Substring? {
        let prefix = "{\"\(key)\":\""
        guard json.hasPrefix(prefix) else { return nil }
        let rest = json.dropFirst(prefix.count)
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return rest[..<end]
    }

    /// The string value of the last key of canonical JSON, when it is `key`. A string
    /// value cannot hold an unescaped quote, so the last `"key":"` is the key's.
    static func lastValue(of key: String, in json: String) -> Substring? {
        guard json.hasSuffix("\"}"), let start = json.range(of: "\"\(key)\":\"", options: .backwards) else { return nil }
        let value = json[start.upperBound..<json.index(json.endIndex, offsetBy: -2)]
        return value.contains("\"") ? nil : value
    }
}
