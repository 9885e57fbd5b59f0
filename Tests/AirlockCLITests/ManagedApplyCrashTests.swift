import AirlockCore
import Foundation
import Testing

/// The whole review path under SIGKILL: a 200-file proposal is approved by a reviewer at a
/// (pseudo-)terminal, then `airlock apply` is killed at chosen steps and at random moments.
/// The next command must leave the tree exactly old with the proposal still approved, or
/// exactly new with it applied — and from the old tree `airlock apply` must finish the job.
@Suite("Crash during an approved apply", .serialized)
struct ManagedApplyCrashTests {
    struct Fixture {
        /// A workspace holding the approved proposal, copied for each trial.
        var template: URL
        var id: Int64
        var old: [String: Data]
        var new: [String: Data]
    }

    /// 200 files: 150 modified, 20 deleted, 10 renamed with an edit, 20 created.
    static func fixture() throws -> Fixture {
        let base = try ManagedWorkspaceFixture.directory()
        let template = base.appendingPathComponent("template")
        var files: [FilePatch] = []
        for i in 0..<180 {
            let path = "src\(i % 6)/file\(i).txt"
            let lines = (0..<120).map { "file \(i) line \($0) " + String(repeating: "y", count: 30) + "\n" }
            try CLIHarness.write(lines.joined(), to: path, in: template)
            switch i {
            case 0..<150:
                let body = [HunkLine(.context, lines[49]), HunkLine(.removed, lines[50]), HunkLine(.added, "approved edit \(i)\n"), HunkLine(.context, lines[51])]
                files.append(FilePatch(operation: .modify, oldPath: path, newPath: path, hunks: [Hunk(oldStart: 50, oldCount: 3, newStart: 50, newCount: 3, lines: body)]))
            case 150..<170:
                files.append(FilePatch(operation: .delete, oldPath: path, newPath: nil, oldMode: .regular, hunks: [Hunk(oldStart: 1, oldCount: 120, newStart: 0, newCount: 0, lines: lines.map { HunkLine(.removed, $0) })]))
            default:
                let body = [HunkLine(.context, lines[0]), HunkLine(.added, "renamed \(i)\n"), HunkLine(.context, lines[1]), HunkLine(.context, lines[2])]
                files.append(FilePatch(operation: .rename, oldPath: path, newPath: "moved/\(i).txt", similarity: 99, hunks: [Hunk(oldStart: 1, oldCount: 3, newStart: 1, newCount: 4, lines: body)]))
            }
        }
        for i in 0..<20 {
            let lines = (0..<60).map { HunkLine(.added, "created \(i) line \($0)\n") }
            files.append(FilePatch(operation: .create, oldPath: nil, newPath: "new/d\(i % 3)/n\(i).txt", newMode: .regular, hunks: [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: 60, lines: lines)]))
        }
        let old = try ManagedWorkspaceFixture.tree(template)
        let id = try approve(PatchRenderer.render(Patch(files: files)), in: template)

        // The new tree, from one uninterrupted apply on a copy.
        let expected = base.appendingPathComponent("expected")
        try FileManager.default.copyItem(at: template, to: expected)
        let applied = try CLIHarness.run(["apply", "\(id)"], in: expected)
        guard applied.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: applied.stderr]) }
        return Fixture(template: template, id: id, old: old, new: try ManagedWorkspaceFixture.tree(expected))
    }

    /// Proposes and approves `patch` in-process; the store is closed when this returns, so
    /// the workspace can be copied whole.
    private static func approve(_ patch: [UInt8], in root: URL) throws -> Int64 {
        let workspace = try ManagedWorkspace.initialize(at: root.path)
        let proposal = try workspace.propose(ProposalRequest(agent: "coder-1", title: "200 files", input: Bytes(patch))).proposal
        let terminal = try ReviewerTerminal()
        // A 200-file change trips max_files: the reviewer overrides it, as a person would.
        let failing = workspace.gates(for: try proposal.canonicalPatch(), checks: try workspace.store.checkResults(for: proposal.id)).filter { !$0.passed }
        let overrides = failing.map { GateOverride(gate: $0.gate, reason: "crash test of a large change") }
        try workspace.approve(proposal.id, by: try terminal.reviewer(), shown: proposal.digest, overrides: overrides)
        return proposal.id
    }

    /// Copies the template, runs `interrupt` on the copy, reopens it with `airlock show`
    /// and checks that tree and state agree; from the old tree, finishes with `airlock apply`.
    private func afterCrash(_ fixture: Fixture, _ what: String, _ interrupt: (URL) throws -> Void) throws -> String {
        let workspace = fixture.template.deletingLastPathComponent().appendingPathComponent("trial-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture.template, to: workspace)
        defer { try? FileManager.default.removeItem(at: workspace) }
        try interrupt(workspace)

        let shown = try CLIHarness.run(["show", "\(fixture.id)", "--json"], in: workspace)
        #expect(shown.status == 0, "\(what): show after the crash: \(shown.stderr)")
        let state = try ManagedWorkspaceFixture.json(ManagedWorkspaceFixture.Shown.self, shown.stdout).state
        let tree = try ManagedWorkspaceFixture.tree(workspace)
        let outcome: String
        switch (tree == fixture.old, tree == fixture.new, state) {
        case (true, false, "approved"):
            outcome = "old"
            let finished = try CLIHarness.run(["apply", "\(fixture.id)"], in: workspace)
            #expect(finished.status == 0, "\(what): apply after the rollback: \(finished.stderr)")
            #expect(try ManagedWorkspaceFixture.tree(workspace) == fixture.new, "\(what): apply after the rollback left another tree")
            let after = try CLIHarness.run(["show", "\(fixture.id)", "--json"], in: workspace)
            #expect(try ManagedWorkspaceFixture.json(ManagedWorkspaceFixture.Shown.self, after.stdout).state == "applied")
        case (false, true, "applied"):
            outcome = "new"
        default:
            Issue.record("\(what): tree is \(tree == fixture.old ? "old" : tree == fixture.new ? "new" : "MIXED") but the proposal is \(state)")
            return "MIXED"
        }
        let audit = try CLIHarness.run(["audit", "--verify"], in: workspace)
        #expect(audit.status == 0, "\(what): \(audit.stdout)\(audit.stderr)")
        return outcome
    }

    @Test func killedAtChosenSteps() throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.template.deletingLastPathComponent()) }
        var outcomes: [Int: String] = [:]
        var step = 1
        var completed = false
        while !completed {
            var killed = false
            outcomes[step] = try afterCrash(fixture, "killed before step \(step)") { workspace in
                let run = try CLIHarness.run(["apply", "\(fixture.id)"], in: workspace, environment: ["AIRLOCK_FAULT_KILL_AT_STEP": "\(step)"])
                killed = run.signalled
                if !killed { #expect(run.status == 0, "\(run.stderr)") }
            }
            if !killed { completed = true }
            // Every early step, then a spread over the long middle.
            step += step < 10 ? 1 : 41
        }
        print("kills at steps: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " "))")
        #expect(outcomes.values.contains("old") && outcomes.values.contains("new"), "\(outcomes)")
        #expect(!outcomes.values.contains("MIXED"))
    }

    @Test func killedAtRandomMoments() throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.template.deletingLastPathComponent()) }
        var window = Duration.zero
        _ = try afterCrash(fixture, "uninterrupted") { workspace in
            let running = try CLIHarness.start(["apply", "\(fixture.id)"], in: workspace)
            window = try #require(Self.killer(workspace).lifetime(of: running.process), "the apply wrote no journal")
            running.process.waitUntilExit()
        }
        var seen: [JournalTimedKill.Phase: Int] = [:]
        var moments = JournalTimedKill.moments(count: 12, over: window)
        var index = 0
        while index < moments.count {
            let moment = moments[index]
            index += 1
            var phase = JournalTimedKill.Phase.noJournalSeen
            let outcome = try afterCrash(fixture, "killed \(moment)") { workspace in
                let running = try CLIHarness.start(["apply", "\(fixture.id)"], in: workspace)
                phase = Self.killer(workspace).kill(running.process, at: moment)
            }
            if let expected = phase.expectedTree {
                #expect(outcome == expected, "killed \(moment), the journal \(phase.rawValue): the tree is \(outcome), not \(expected)")
            }
            seen[phase, default: 0] += 1
            // Under load this process may see the journal late; a few more kills right
            // after it appears, until one lands while staging.
            if index == moments.count && seen[.staging] == nil && moments.count < 12 + 5 { moments.append(.afterJournalAppeared(.zero)) }
        }
        print("kills over the journal's \(window): \(seen.map { "\($0.key.rawValue): \($0.value)" }.sorted())")
        // Kills that landed mid-apply: rolled back while staging, completed after the commit.
        #expect(seen[.staging, default: 0] > 0, "\(seen)")
        #expect(seen[.committed, default: 0] + seen[.journalRemoved, default: 0] > 0, "\(seen)")
    }

    private static func killer(_ workspace: URL) -> JournalTimedKill {
        JournalTimedKill(journal: workspace.appendingPathComponent(".airlock/journal/transaction.json").path)
    }
}
