import AirlockCore

/// Events of `airlock audit --follow`, as a line for people or a JSON object per line for
/// scripts. Everything an agent wrote is escaped in the line form; the JSON form carries
/// it as JSON strings.
enum EventText {
    static func line(_ event: ReviewEvent) -> String {
        let subject = event.proposal.map { "#\($0)" } ?? "-"
        return "\(String(event.seq).padding(6))\(utcTimestamp(milliseconds: event.at)) \(subject.padding(6))\(event.kind.padding(16))\(VisibleText.escape(event.actor).padding(12))\(VisibleText.escape(summary(event)))"
    }

    static func summary(_ event: ReviewEvent) -> String {
        switch event.change {
        case .submitted(let title, _, let files, let added, let removed):
            return "\(title) (\(files) file\(files == 1 ? "" : "s"), +\(added) -\(removed))"
        case .stateChanged(let from, let to, let reason):
            return "\(from.rawValue) → \(to.rawValue)" + (reason.map { ": \($0)" } ?? "")
        case .decided(let verdict, let digest, let feedback):
            return "\(verdict.rawValue) sha256:\(digest)" + (feedback.map { ": \($0.split(separator: "\n").first.map(String.init) ?? "")" } ?? "")
        case .checkStarted(let name):
            return "\(name) started"
        case .checkFinished(let name, let status, let summary):
            return "\(name) \(status.rawValue): \(summary)"
        case .applyStarted(let digest):
            return "sha256:\(digest)"
        case .applied(let files, let recovered):
            return "\(files.count) file\(files.count == 1 ? "" : "s")" + (recovered ? " (completed by crash recovery)" : "")
        case .applyAbandoned(let reason):
            return reason
        case .revertStarted(let digest):
            return "reverse sha256:\(digest)"
        case .reverted(let files, let recovered):
            return "\(files.count) file\(files.count == 1 ? "" : "s") restored" + (recovered ? " (completed by crash recovery)" : "")
        case .agentStatus(let state, let activity):
            return state.rawValue + (activity.map { ": \($0)" } ?? "")
        case .other:
            return event.details
        }
    }

    /// `{"actor":…,"at":…,"details":{…},"kind":…,"proposal":…,"seq":…}` and a newline.
    static func json(_ event: ReviewEvent) -> String {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"actor":"#.utf8)
        CanonicalJSON.appendString(event.actor, to: &out)
        out.append(contentsOf: #","at":"#.utf8)
        CanonicalJSON.appendInteger(event.at, to: &out)
        out.append(contentsOf: #","details":"#.utf8)
        out.append(contentsOf: event.details.utf8)
        out.append(contentsOf: #","kind":"#.utf8)
        CanonicalJSON.appendString(event.kind, to: &out)
        out.append(contentsOf: #","proposal":"#.utf8)
        if let proposal = event.proposal { CanonicalJSON.appendInteger(proposal, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","seq":"#.utf8)
        CanonicalJSON.appendInteger(event.seq, to: &out)
        out.append(contentsOf: "}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
