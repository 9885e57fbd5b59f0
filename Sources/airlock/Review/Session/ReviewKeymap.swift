/// One key of a prompt: the same table makes the prompt, the `?` help and the dispatch.
struct PromptKey<Action: Equatable & Sendable>: Equatable, Sendable {
    var key: String
    /// How the key appears in the prompt line.
    var label: String
    var help: String
    var action: Action
    /// Whether the key records a decision, which look-only mode leaves out.
    var decides: Bool = false
}

/// What a reviewer can do with a proposal.
enum ProposalAction: Equatable, Sendable {
    case approveAll, hunkByHunk, reject, skip, quit, help
}

/// What a reviewer can do with one hunk in hunk-by-hunk mode.
enum HunkAction: Equatable, Sendable {
    case take, leave, takeRest, leaveRest, stop, help
}

enum ReviewKeymap {
    static let proposal: [PromptKey<ProposalAction>] = [
        PromptKey(key: "a", label: "[a]pprove all", help: "approve the whole proposal and apply it", action: .approveAll, decides: true),
        PromptKey(key: "h", label: "[h]unk by hunk", help: "choose hunk by hunk what to approve, then apply that part", action: .hunkByHunk, decides: true),
        PromptKey(key: "r", label: "[r]eject", help: "reject it, with feedback for the agent", action: .reject, decides: true),
        PromptKey(key: "s", label: "[s]kip", help: "leave it waiting and go to the next proposal", action: .skip),
        PromptKey(key: "q", label: "[q]uit", help: "stop reviewing; this and the rest stay waiting", action: .quit),
        PromptKey(key: "?", label: "[?]", help: "show this help", action: .help),
    ]

    static let hunk: [PromptKey<HunkAction>] = [
        PromptKey(key: "y", label: "y", help: "approve this hunk", action: .take),
        PromptKey(key: "n", label: "n", help: "do not approve this hunk", action: .leave),
        PromptKey(key: "a", label: "a (this and all after)", help: "approve this hunk and every later one", action: .takeRest),
        PromptKey(key: "d", label: "d (none after)", help: "do not approve this hunk or any later one", action: .leaveRest),
        PromptKey(key: "q", label: "q (stop; decide later)", help: "stop choosing: nothing is decided", action: .stop),
        PromptKey(key: "?", label: "?", help: "show this help", action: .help),
    ]

    /// `Review #12 [a]pprove all, [h]unk by hunk, [r]eject, [s]kip, [q]uit, [?]: `
    static func proposalPrompt(_ id: Int64, lookOnly: Bool) -> String {
        let keys = available(proposal, lookOnly: lookOnly).map(\.label).joined(separator: ", ")
        return "Review #\(id)\(lookOnly ? " (look only)" : "") \(keys): "
    }

    /// `Approve this hunk [y,n,a (this and all after),d (none after),q (stop; decide later)]? `
    static func hunkPrompt(_ what: String) -> String {
        "Approve this \(what) [" + hunk.filter { $0.action != .help }.map(\.label).joined(separator: ",") + "]? "
    }

    static func available<Action>(_ keys: [PromptKey<Action>], lookOnly: Bool) -> [PromptKey<Action>] {
        keys.filter { !lookOnly || !$0.decides }
    }

    /// The action an answer names, if any; case does not matter.
    static func action<Action>(for answer: String, in keys: [PromptKey<Action>]) -> Action? {
        keys.first { $0.key == answer.lowercased() }?.action
    }

    static func help<Action>(_ keys: [PromptKey<Action>]) -> [String] {
        keys.map { "\($0.key) - \($0.help)" }
    }
}
