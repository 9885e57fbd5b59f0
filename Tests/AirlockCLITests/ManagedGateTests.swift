import AirlockCore
import Foundation
import Testing

/// `airlock patch apply` is for plain directories: a patch never reaches a managed
/// workspace without a proposal, a decision and an audit entry, whichever directory it
/// is run from and whatever its paths say.
@Suite("airlock patch: the gate around managed workspaces")
struct ManagedGateTests {
    /// `parent/` holding `ws/`, a managed workspace with `ws/src/a.txt`.
    private func parentWithWorkspace() throws -> (parent: URL, workspace: URL) {
        let parent = try CLIHarness.temporaryDirectory()
        let workspace = parent.appendingPathComponent("ws")
        try CLIHarness.write("one\n", to: "src/a.txt", in: workspace)
        let initialised = try CLIHarness.run(["init"], in: workspace)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        return (parent, workspace)
    }

    private func creation(_ path: String) -> [UInt8] {
        Array("diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1 @@\n+planted\n".utf8)
    }

    private let change = Array("diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+ONE\n".utf8)

    @Test func applyFromASubdirectoryOfAManagedWorkspaceIsRefused() throws {
        let (parent, workspace) = try parentWithWorkspace()
        let before = TreeSnapshot.take(parent)
        let result = try CLIHarness.run(["patch", "apply", "-"], in: workspace.appendingPathComponent("src"), input: change)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("lies inside \(workspace.standardizedFileURL.path), which is managed by Airlock"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("airlock: nothing was written\n"))
        #expect(TreeSnapshot.difference(before, TreeSnapshot.take(parent)) == [])
        // --workspace pointing into it is the same thing.
        let given = try CLIHarness.run(["patch", "apply", "--workspace", workspace.path + "/src", "-"], in: parent, input: change)
        #expect(given.status == 1, "\(given.stderr)")
        #expect(TreeSnapshot.difference(before, TreeSnapshot.take(parent)) == [])
        // So is a symlink elsewhere that leads into it.
        let elsewhere = try CLIHarness.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: elsewhere.path + "/src", withDestinationPath: workspace.path + "/src")
        let linked = try CLIHarness.run(["patch", "apply", "--workspace", elsewhere.path + "/src", "-"], in: elsewhere, input: change)
        #expect(linked.status == 1, "\(linked.stderr)")
        #expect(linked.stderr.contains("which is managed by Airlock"), "\(linked.stderr)")
        #expect(TreeSnapshot.difference(before, TreeSnapshot.take(parent)) == [])
    }

    @Test func applyFromAParentCannotRewriteTheApprovers() throws {
        let (parent, workspace) = try parentWithWorkspace()
        let config = try CLIHarness.read(".airlock/config.toml", in: workspace)
        let rewrite = "diff --git a/ws/.airlock/config.toml b/ws/.airlock/config.toml\n--- a/ws/.airlock/config.toml\n+++ b/ws/.airlock/config.toml\n@@ -1 +1,2 @@\n+approvers = [\"mallory\"]\n \(config.split(separator: "\n", omittingEmptySubsequences: false)[0])\n"
        let before = TreeSnapshot.take(parent)
        let result = try CLIHarness.run(["patch", "apply", "-"], in: parent, input: Array(rewrite.utf8))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("`ws/.airlock/config.toml` lies inside \(workspace.standardizedFileURL.path), which is managed by Airlock"), "\(result.stderr)")
        #expect(TreeSnapshot.difference(before, TreeSnapshot.take(parent)) == [])
        #expect(try CLIHarness.read(".airlock/config.toml", in: workspace) == config)
    }

    @Test func applyFromAParentCannotWriteAnOrdinaryFileOfAManagedWorkspace() throws {
        let (parent, _) = try parentWithWorkspace()
        let before = TreeSnapshot.take(parent)
        let result = try CLIHarness.run(["patch", "apply", "-"], in: parent, input: creation("ws/src/planted.txt"))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("`ws/src/planted.txt` lies inside"), "\(result.stderr)")
        #expect(TreeSnapshot.difference(before, TreeSnapshot.take(parent)) == [])
    }

    @Test func airlockStateAtAnyDepthIsRefusedEvenWhereNoWorkspaceIsYet() throws {
        let dir = try CLIHarness.temporaryDirectory()
        try CLIHarness.write("x\n", to: "a/b/keep.txt", in: dir)
        for path in ["a/b/.airlock/x", "a/b/.airlock/config.toml", "a/.AIRLOCK/store.sqlite", "a/b/.airlock-journal/transaction.json"] {
            let before = TreeSnapshot.take(dir)
            let result = try CLIHarness.run(["patch", "apply", "-"], in: dir, input: creation(path))
            #expect(result.status == 1, "\(path): \(result.stderr)")
            #expect(result.stderr.contains("holds Airlock's own state and may not be patched"), "\(path): \(result.stderr)")
            #expect(TreeSnapshot.difference(before, TreeSnapshot.take(dir)) == [], "\(path)")
        }
    }

    @Test func checkStillDryRunsButSaysTheWorkspaceIsManaged() throws {
        let (parent, workspace) = try parentWithWorkspace()
        let before = TreeSnapshot.take(parent)
        let inside = try CLIHarness.run(["patch", "check", "-"], in: workspace.appendingPathComponent("src"), input: change)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stdout.contains("would apply"), "\(inside.stdout)")
        #expect(inside.stderr.hasPrefix("airlock: note: "), "\(inside.stderr)")
        #expect(inside.stderr.contains("is managed by Airlock"), "\(inside.stderr)")
        let below = try CLIHarness.run(["patch", "check", "-"], in: parent, input: creation("ws/src/new.txt"))
        #expect(below.status == 0, "\(below.stderr)")
        #expect(below.stderr.contains("`ws/src/new.txt` lies inside"), "\(below.stderr)")
        #expect(TreeSnapshot.difference(before, TreeSnapshot.take(parent)) == [])
    }

    @Test func aPlainDirectoryBesideAManagedOneStillApplies() throws {
        let (parent, _) = try parentWithWorkspace()
        let result = try CLIHarness.run(["patch", "apply", "-"], in: parent, input: creation("other/new.txt"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLIHarness.read("other/new.txt", in: parent) == "planted\n")
    }
}
