import Foundation
@testable import AirlockCore

/// A managed workspace in a temporary directory, with helpers to write files and make
/// git-style patches against them.
final class ReviewWorkspace {
    let sandbox: Sandbox
    let workspace: ManagedWorkspace
    var root: String { workspace.root }

    init(files: [String: String] = [:], config: WorkspaceConfig? = nil) throws {
        sandbox = try Sandbox()
        try FileManager.default.removeItem(atPath: sandbox.workspace + "/.airlock")
        for (path, text) in files { sandbox.write(path, text) }
        let made = try ManagedWorkspace.initialize(at: sandbox.workspace)
        workspace = config.map { ManagedWorkspace(root: made.root, config: $0, store: made.store) } ?? made
    }

    func read(_ path: String) -> String? {
        try? String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    func write(_ path: String, _ text: String) {
        sandbox.write(path, text)
    }

    func propose(_ patch: String, agent: String = "coder-1", title: String? = nil) throws -> Proposal {
        try workspace.propose(ProposalRequest(agent: agent, title: title, input: Bytes(Array(patch.utf8)))).proposal
    }

    /// Reopens the workspace as the next command would, running crash recovery.
    func reopen() throws -> (ManagedWorkspace, RecoveryNotice?) {
        try ManagedWorkspace.open(root: root)
    }
}

/// A one-hunk modification of `path` replacing line `line` (1-based, of `lines`) with `replacement`.
func modification(_ path: String, lines: [String], line: Int, with replacement: String) -> String {
    let start = max(1, line - 3), end = min(lines.count, line + 3)
    var body = ""
    for i in start...end {
        if i == line {
            body += "-\(lines[i - 1])\n+\(replacement)\n"
        } else {
            body += " \(lines[i - 1])\n"
        }
    }
    let count = end - start + 1
    return "diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n@@ -\(start),\(count) +\(start),\(count) @@\n" + body
}

func numbered(_ count: Int) -> [String] { (1...count).map { "line \($0)" } }
func text(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

extension ManagedWorkspace {
    /// Approves what is stored now, as a reviewer who was just shown it: the proposal's
    /// digest, or the selection's.
    @discardableResult
    func approveAsShown(_ id: Int64, by reviewer: Reviewer, selection: HunkSelection? = nil, overrides: [GateOverride] = []) throws -> Decision {
        let stored = try store.proposal(id)
        let shown = try stored.map { selection == nil ? $0.digest : PatchDigest(of: try selected($0, selection)).hex } ?? ""
        return try approve(id, by: reviewer, shown: shown, selection: selection, overrides: overrides)
    }

    /// Rejects what is stored now, as a reviewer who was just shown it.
    @discardableResult
    func rejectAsShown(_ id: Int64, by reviewer: Reviewer, feedback: String) throws -> Decision {
        try reject(id, by: reviewer, shown: try store.proposal(id)?.digest ?? "", feedback: feedback)
    }
}
