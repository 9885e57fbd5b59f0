import AirlockCore

/// The tools `airlock mcp` offers: an agent proposes, reads back, waits, withdraws its own
/// proposals and says what it is doing. None decides: there is no tool, argument or value
/// that approves, rejects or applies anything.
public enum AgentToolCatalog {
    /// How long `wait_for_decision` waits at most, in seconds: well under the 60 s after
    /// which Codex gives up on a tool call, so the agent always hears back.
    public static let longestWait: Double = 50
    /// How long it waits when the agent does not say.
    public static let defaultWait: Double = 25

    /// The largest patch, file or edit text a tool takes (the workspace's own quota,
    /// 16 MiB by default, applies on top).
    public static let largestText = 32 << 20

    public static let tools: [ToolSpec] = [proposePatch, proposeEdit, proposeWrite, proposalStatus, waitForDecision, reportStatus, listProposals, withdraw]

    public static func spec(named name: String) -> ToolSpec? {
        tools.first { $0.name == name }
    }

    /// What the server tells the client about itself.
    public static let instructions = """
        Airlock gates your changes: nothing you propose is written to the workspace until a \
        person reviews it. Propose with propose_patch, propose_edit or propose_write; each \
        returns a proposal id at once. Then call wait_for_decision with that id (again while \
        it times out) to hear the reviewer's decision, feedback and line comments. When a \
        proposal is rejected, change what the feedback asks and propose again. Report what \
        you are doing with report_status.
        """

    // MARK: - shared parameters

    static let title = ToolParameter("title", .string(maxBytes: 4096, allowEmpty: true), "A one-line title for the reviewer (default: made from the files).")
    static let rationale = ToolParameter("rationale", .string(maxBytes: 65536, allowEmpty: true), "Why the change is needed, for the reviewer.")
    static let id = ToolParameter("id", .integer(1...Int64.max), required: true, "The proposal id a propose tool returned.")
    static let path = ToolParameter(
        "path", .string(maxBytes: 4096, allowEmpty: false), required: true, "The file, relative to the workspace root (no `..`, not inside .git).")

    // MARK: - the tools

    static let proposePatch = ToolSpec(
        "propose_patch", title: "Propose a patch",
        """
        Submit a change for review as patch text: a git diff, a unified diff (diff -u), a Codex \
        `*** Begin Patch` patch, Aider SEARCH/REPLACE blocks, or an Airlock JSON edit request. \
        The patch is checked against the workspace at once (a refusal says why and queues \
        nothing); nothing is written until a person approves it. Returns the proposal id.
        """,
        parameters: [
            ToolParameter("patch", .string(maxBytes: largestText, allowEmpty: false), required: true, "The patch text."),
            title, rationale,
            ToolParameter("format", .choice(PatchFormat.allCases.map(\.rawValue)), "The patch's format (default: recognised from the text)."),
            ToolParameter("strip", .integer(0...64), "Leading path components to strip from git and unified diffs (default 1, as `patch -p1`)."),
            ToolParameter("supersedes", .integer(1...Int64.max), "An earlier proposal of yours, still waiting, that this one replaces."),
        ])

    static let proposeEdit = ToolSpec(
        "propose_edit", title: "Propose an edit",
        """
        Propose replacing old_text with new_text in one file. old_text must occur exactly once \
        unless replace_all is true. Nothing is written until a person approves it. Returns the \
        proposal id.
        """,
        parameters: [
            path,
            ToolParameter("old_text", .string(maxBytes: largestText, allowEmpty: false), required: true, "The exact text to replace."),
            ToolParameter("new_text", .string(maxBytes: largestText, allowEmpty: true), required: true, "What replaces it."),
            ToolParameter("replace_all", .boolean, "Replace every occurrence (default false: old_text must occur once)."),
            title, rationale,
        ])

    static let proposeWrite = ToolSpec(
        "propose_write", title: "Propose a whole file",
        "Propose a file's whole content (a new file, or a replacement). Nothing is written until a person approves it. Returns the proposal id.",
        parameters: [path, ToolParameter("content", .string(maxBytes: largestText, allowEmpty: true), required: true, "The file's whole new content."), title, rationale])

    static let proposalStatus = ToolSpec(
        "proposal_status", title: "A proposal's status", readsOnly: true,
        "A proposal's state, its checks (tests and security lint), the approval gates, and the reviewer's decision with feedback, note and line comments.",
        parameters: [id])

    static let waitForDecision = ToolSpec(
        "wait_for_decision", title: "Wait for the reviewer", readsOnly: true,
        """
        Wait until a person decides the proposal and it settles (applied, rejected, or ended \
        otherwise), at most timeout_s seconds. At the bound it returns the current state with \
        timed_out true: call it again to keep waiting. A rejection carries the reviewer's \
        feedback and line comments; an approval may carry a note.
        """,
        parameters: [
            id,
            ToolParameter(
                "timeout_s", .number(0...longestWait),
                "Seconds to wait at most (default \(Int(defaultWait)), at most \(Int(longestWait)))."),
        ])

    static let reportStatus = ToolSpec(
        "report_status", title: "Report your status",
        "Say what you are doing, for the person watching Airlock's cockpit: your state, one line of activity, and optionally your plan.",
        parameters: [
            ToolParameter("state", .choice(AgentState.allCases.map(\.rawValue)), required: true, "working, waiting (for a review), blocked (you need a person), idle, exited or error."),
            ToolParameter("activity", .string(maxBytes: 1024, allowEmpty: true), "One line: what you are doing now."),
            ToolParameter("plan", .plan, "Your plan: items {text, status: pending|in_progress|completed}, or text with one item a line (`[x] done`, `[~] doing`, `[ ] to do`)."),
        ])

    static let listProposals = ToolSpec(
        "list_proposals", title: "Your proposals", readsOnly: true,
        "Your own proposals, newest last: id, title, state and size.",
        parameters: [
            ToolParameter(
                "state", .choice(["waiting", "all"] + ProposalState.allCases.map(\.rawValue)),
                "Only proposals in this state; `waiting` for those a person has yet to decide (default: all)."),
            ToolParameter("limit", .integer(1...1000), "At most this many, the newest (default 100)."),
        ])

    static let withdraw = ToolSpec(
        "withdraw", title: "Withdraw a proposal",
        "Take back one of your own proposals that is still waiting for review.",
        parameters: [id])
}
