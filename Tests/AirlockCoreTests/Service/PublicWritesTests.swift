import Foundation
import GRDB
import Testing
@_spi(Benchmark) @testable import AirlockCore

/// The invariant in the core's public API: of everything public in the store, the review
/// loop and the service, only the decision paths — which take a `Reviewer` — reach
/// `approved` or `rejected`. The first test makes sure the list below is every public
/// function there is; the second runs each write against a proposal in every state.
@Suite("Public writes cannot decide")
struct PublicWritesTests {
    static let reads: Set<String> = [
        "agents", "auditEntries", "auditHead", "canMove", "canonicalPatch", "changeFeed", "checkRuns", "currentUserName",
        "decisions", "enclosing", "evaluate", "events", "find", "gates", "hash", "matches", "mayDecide", "mayWrite", "nested", "ownerName",
        "parse", "pendingApplications", "poll", "proposal", "proposals", "refusal", "selected", "selection", "verifyAudit",
        "visitSummaries", "wait", "waitingCount", "waitingProposals", "revertPreview", "reverter", "isValidAgentName",
        "checkResults", "checkBadges", "configuredChecks", "checkRuns",
        // ReviewDraft's: they compute on, or change, a value that records nothing.
        "approval", "rejection", "approvedPatch", "approvedDigest", "coverage", "isChosen", "selectAll", "selectNone",
        "toggleFile", "toggleHunk", "toggleLine", "setComment", "removeComment", "comment",
    ]
    /// Writes a channel or the workspace makes; none may decide.
    static let writes: Set<String> = [
        "applyApproved", "apply", "initialize", "open", "propose", "recheck", "recheckWaiting", "reportStatus", "reportOutput", "submit",
        "waitForOutcome", "withdraw",
        // Check runners': they claim, renew, finish and re-queue checks.
        "claimCheck", "renewClaim", "finishCheck", "requeueChecks", "rerunChecks",
        // GRDB's record hook, which needs a database handle the store never hands out.
        "didInsert",
    ]
    /// The only ways to decide: each takes a `Reviewer`.
    static let decisions: Set<String> = ["approve", "reject"]
    /// A person's undoing of an applied proposal: it takes a `Reviewer`, and decides nothing.
    static let reviewerWrites: Set<String> = ["revert"]

    @Test func everyPublicFunctionIsClassified() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources/AirlockCore").standardized
        var found: Set<String> = []
        for folder in ["Store", "Review", "Service"] {
            let directory = sources.appendingPathComponent(folder)
            let enumerator = try #require(FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil))
            for case let file as URL in enumerator where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                let pattern = try NSRegularExpression(pattern: #"public (?:static |mutating |nonisolated )*func ([A-Za-z_]+)"#)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    found.insert((text as NSString).substring(with: match.range(at: 1)))
                }
            }
        }
        #expect(found.count > 30, "the scan found the sources")
        let known = Self.reads.union(Self.writes).union(Self.decisions).union(Self.reviewerWrites)
        #expect(found.subtracting(known).isEmpty, "classify these public functions here: \(found.subtracting(known).sorted())")
        #expect(known.subtracting(found).isEmpty, "no longer public: \(known.subtracting(found).sorted())")
    }

    /// Every public write, called on a proposal forced into each state, leaves no proposal
    /// newly approved or rejected and records no decision.
    @Test func noPublicWriteButADecisionReachesApprovedOrRejected() async throws {
        let w = try ReviewWorkspace(files: ["a.txt": "one\n"])
        let service = LocalReviewService(workspace: w.workspace)
        let raw = try DatabaseQueue(path: w.workspace.store.path)
        let terminal = try TestTerminal()
        let reviewer = try terminal.reviewer()
        var n = 0
        let calls: [(String, (Int64) async throws -> Void)] = [
            ("propose", { _ in n += 1; _ = try w.propose("diff --git a/n\(n) b/n\(n)\nnew file mode 100644\n--- /dev/null\n+++ b/n\(n)\n@@ -0,0 +1 @@\n+x\n") }),
            ("service.propose", { _ in n += 1; _ = try await service.propose(Submission(agent: "coder-1", patch: Array("--- /dev/null\n+++ b/s\(n)\n@@ -0,0 +1 @@\n+s\n".utf8))) }),
            ("store.submit", { _ in n += 1; _ = try w.workspace.store.submit(StoreFixture.newProposal(1000 + n), check: StoreFixture.passed) }),
            ("withdraw", { id in _ = try w.workspace.withdraw(id, agent: "coder-1") }),
            ("store.withdraw", { id in _ = try w.workspace.store.withdraw(id, agent: "coder-1") }),
            ("service.withdraw", { id in _ = try await service.withdraw(id, agent: "coder-1") }),
            ("applyApproved", { id in _ = try w.workspace.applyApproved(id) }),
            ("service.apply", { id in _ = try await service.apply(id) }),
            ("recheck", { id in if let p = try w.workspace.store.proposal(id) { _ = try w.workspace.recheck(p) } }),
            ("recheckWaiting", { _ in _ = try w.workspace.recheckWaiting() }),
            ("waitForOutcome", { id in _ = try await service.waitForOutcome(id, timeout: 0) }),
            ("reportStatus", { _ in try await service.reportStatus(AgentStatusReport(agent: "coder-1", state: .blocked)) }),
            ("reportOutput", { _ in try await service.reportOutput(agent: "coder-1", tail: "approved\n") }),
            ("open", { _ in _ = try ManagedWorkspace.open(root: w.root) }),
            ("rerunChecks", { id in try w.workspace.rerunChecks(id, actor: "someone") }),
            ("service.rerunChecks", { id in try await service.rerunChecks(id, actor: "someone") }),
            ("requeueChecks", { id in
                try w.workspace.store.requeueChecks(id, checks: [QueuedCheck(name: "t", kind: .test, spec: "{}")], actor: "someone")
            }),
            ("claimCheck", { _ in _ = try w.workspace.store.claimCheck(runner: "r", for: 30) }),
            ("renewClaim", { _ in
                if let run = try w.workspace.store.claimCheck(runner: "r", for: 30), let runID = run.id {
                    _ = try w.workspace.store.renewClaim(runID, runner: "r", for: 30, output: "x")
                }
            }),
            ("finishCheck", { _ in
                if let run = try w.workspace.store.claimCheck(runner: "r", for: 30), let runID = run.id {
                    try w.workspace.store.finishCheck(runID, runner: "r", verdict: CheckVerdict(status: .passed, summary: "ok", sandboxed: true))
                }
            }),
            ("initialize", { _ in _ = try ManagedWorkspace.initialize(at: w.root) }),
            ("revert", { id in _ = try w.workspace.revert(id, shown: (try? PatchDigest(of: w.workspace.revertPreview(id)).hex) ?? "", by: reviewer) }),
            ("service.revert", { id in
                let preview = try? await service.revertPreview(id)
                _ = try await service.revert(id, shownDigest: preview?.digest ?? "", by: reviewer)
            }),
        ]
        #expect(Set(calls.map { $0.0.split(separator: ".").last.map(String.init) ?? $0.0 }) == Self.writes.union(Self.reviewerWrites).subtracting(["didInsert"]))
        for state in ProposalState.allCases {
            for (name, call) in calls {
                let target = try w.propose("diff --git a/t\(state)\(name) b/t\(state)\(name)\nnew file mode 100644\n--- /dev/null\n+++ b/t\(state)\(name)\n@@ -0,0 +1 @@\n+t\n")
                try await raw.write { db in try db.execute(sql: "UPDATE proposal SET state = ? WHERE id = ?", arguments: [state.rawValue, target.id]) }
                let before = try await raw.read { db in try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, state FROM proposal").map { (row: Row) -> (Int64, String) in (row[0], row[1]) }) }
                _ = try? await call(target.id)
                let after = try await raw.read { db in try Row.fetchAll(db, sql: "SELECT id, state FROM proposal").map { (row: Row) -> (Int64, String) in (row[0], row[1]) } }
                for (id, now) in after where now != before[id] {
                    #expect(now != "approved" && now != "rejected", "\(name) on a proposal in \(state) made #\(id) \(now)")
                }
                #expect(try await raw.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decision") } == 0, "\(name) recorded a decision")
            }
        }
    }
}
