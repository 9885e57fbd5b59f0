import AirlockCore
import Foundation
import Testing

/// A real `airlock patch apply` process is killed with SIGKILL — at chosen steps of the
/// transaction and at random moments — and the next command's recovery must leave the
/// tree exactly old or exactly new, every time.
@Suite("Crash during apply", .serialized)
struct CrashTests {
    /// 240 files: 160 modified, 20 deleted, 10 renamed with an edit, 30 created in new directories.
    static func fixture() throws -> (base: URL, patch: URL, old: [String: Data], new: [String: Data]) {
        let root = try CLIHarness.temporaryDirectory()
        let base = root.appendingPathComponent("base")
        var files: [FilePatch] = []
        for i in 0..<210 {
            let path = "pkg\(i % 7)/file\(i).txt"
            let lines = (0..<200).map { "file \(i) line \($0) " + String(repeating: "x", count: 40) + "\n" }
            try CLIHarness.write(lines.joined(), to: path, in: base)
            let removedAll = lines.map { HunkLine(.removed, $0) }
            switch i {
            case 0..<160:
                let body = [HunkLine(.context, lines[9]), HunkLine(.removed, lines[10]), HunkLine(.added, "edited \(i)\n"), HunkLine(.context, lines[11])]
                files.append(FilePatch(operation: .modify, oldPath: path, newPath: path, hunks: [Hunk(oldStart: 10, oldCount: 3, newStart: 10, newCount: 3, lines: body)]))
            case 160..<180:
                files.append(FilePatch(operation: .delete, oldPath: path, newPath: nil, oldMode: .regular, hunks: [Hunk(oldStart: 1, oldCount: 200, newStart: 0, newCount: 0, lines: removedAll)]))
            case 180..<190:
                let body = [HunkLine(.context, lines[0]), HunkLine(.added, "renamed \(i)\n"), HunkLine(.context, lines[1]), HunkLine(.context, lines[2])]
                files.append(FilePatch(operation: .rename, oldPath: path, newPath: "moved/\(i).txt", similarity: 99, hunks: [Hunk(oldStart: 1, oldCount: 3, newStart: 1, newCount: 4, lines: body)]))
            default: break
            }
        }
        for i in 0..<30 {
            let lines = (0..<100).map { HunkLine(.added, "new \(i) line \($0)\n") }
            files.append(FilePatch(operation: .create, oldPath: nil, newPath: "fresh/d\(i % 4)/n\(i).txt", newMode: .regular, hunks: [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: 100, lines: lines)]))
        }
        let patch = root.appendingPathComponent("change.patch")
        try Data(PatchRenderer.render(Patch(files: files))).write(to: patch)

        let expected = root.appendingPathComponent("expected")
        try FileManager.default.copyItem(at: base, to: expected)
        let applied = try CLIHarness.run(["patch", "apply", "--workspace", expected.path, patch.path], in: root)
        guard applied.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: applied.stderr]) }
        return (base, patch, try CLIHarness.tree(base), try CLIHarness.tree(expected))
    }

    /// Copies the base tree, runs `body` on the copy, then lets `patch check` recover and
    /// says which tree is left.
    private func afterCrash(_ fixture: (base: URL, patch: URL, old: [String: Data], new: [String: Data]), _ body: (URL) throws -> Void) throws -> String {
        let workspace = fixture.base.deletingLastPathComponent().appendingPathComponent("ws-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture.base, to: workspace)
        defer { try? FileManager.default.removeItem(at: workspace) }
        try body(workspace)
        let recovery = try CLIHarness.run(["patch", "check", "--workspace", workspace.path, fixture.patch.path], in: workspace)
        let tree = try CLIHarness.tree(workspace)
        if tree == fixture.old {
            #expect(recovery.status == 0, "old tree, yet the patch does not apply: \(recovery.stderr)")
            return "old"
        }
        if tree == fixture.new { return "new" }
        return "MIXED"
    }

    @Test func killedAtEveryKindOfStep() throws {
        let fixture = try Self.fixture()
        var outcomes: [Int: String] = [:]
        var step = 1
        var sawCompletion = false
        while !sawCompletion {
            var killed = false
            outcomes[step] = try afterCrash(fixture) { workspace in
                let run = try CLIHarness.run(["patch", "apply", "--workspace", workspace.path, fixture.patch.path], in: workspace, environment: ["AIRLOCK_FAULT_KILL_AT_STEP": "\(step)"])
                killed = run.signalled
                if !killed { #expect(run.status == 0, "\(run.stderr)") }
            }
            #expect(outcomes[step] != "MIXED", "killed before step \(step): the tree is neither old nor new")
            if !killed { sawCompletion = true }
            // Every early step, then a spread over the long middle, then every late one.
            step += step < 12 ? 1 : 23
        }
        #expect(outcomes.values.contains("old") && outcomes.values.contains("new"), "\(outcomes)")
        #expect(outcomes.count > 15)
    }

    @Test func killedAtRandomMoments() throws {
        let fixture = try Self.fixture()
        var window = Duration.zero
        _ = try afterCrash(fixture) { workspace in
            let running = try CLIHarness.start(["patch", "apply", "--workspace", workspace.path, fixture.patch.path], in: workspace)
            window = try #require(Self.killer(workspace).lifetime(of: running.process), "the apply wrote no journal")
            running.process.waitUntilExit()
        }
        var seen: [JournalTimedKill.Phase: Int] = [:]
        var moments = JournalTimedKill.moments(count: 25, over: window)
        var index = 0
        while index < moments.count {
            let moment = moments[index]
            index += 1
            var phase = JournalTimedKill.Phase.noJournalSeen
            let outcome = try afterCrash(fixture) { workspace in
                let running = try CLIHarness.start(["patch", "apply", "--workspace", workspace.path, fixture.patch.path], in: workspace)
                phase = Self.killer(workspace).kill(running.process, at: moment)
            }
            #expect(outcome != "MIXED", "killed \(moment): the tree is neither old nor new")
            if let expected = phase.expectedTree {
                #expect(outcome == expected, "killed \(moment), the journal \(phase.rawValue): the tree is \(outcome), not \(expected)")
            }
            seen[phase, default: 0] += 1
            // Under load this process may see the journal late; a few more kills right
            // after it appears, until one lands while staging.
            if index == moments.count && seen[.staging] == nil && moments.count < 25 + 5 { moments.append(.afterJournalAppeared(.zero)) }
        }
        print("kills over the journal's \(window): \(seen.map { "\($0.key.rawValue): \($0.value)" }.sorted())")
        // Kills that landed mid-apply: rolled back while staging, completed after the commit.
        #expect(seen[.staging, default: 0] > 0, "\(seen)")
        #expect(seen[.committed, default: 0] + seen[.journalRemoved, default: 0] > 0, "\(seen)")
    }

    private static func killer(_ workspace: URL) -> JournalTimedKill {
        JournalTimedKill(journal: workspace.appendingPathComponent(".airlock-journal/transaction.json").path)
    }
}
