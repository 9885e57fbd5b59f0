import AirlockCore
import Foundation
import Testing

/// A process following the store's change feed sees what other processes commit, and only
/// that: the writer here is a real second process, the `airlock` binary.
@Suite("Store change feed across processes")
struct StoreChangeFeedTests {
    @Test func anotherProcessesCommitIsSeenAndReadsAreNot() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try ManagedWorkspace.initialize(at: root.path)
        let feed = try workspace.store.changeFeed()
        #expect(try feed.poll() == false, "nothing was written")

        let listed = try CLIHarness.run(["list", "--json"], in: root)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(try feed.poll() == false, "another process only read the store")

        let patch = root.deletingLastPathComponent().appendingPathComponent("\(root.lastPathComponent).patch")
        defer { try? FileManager.default.removeItem(at: patch) }
        try Data(ManagedWorkspaceFixture.creation("feed.txt")).write(to: patch)
        let proposed = try CLIHarness.run(["propose", "--agent", "coder-1", patch.path], in: root)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(try feed.poll() == true, "another process committed a proposal")
        #expect(try feed.poll() == false, "the change was already reported")

        let withdrawn = try CLIHarness.run(["withdraw", "1", "--agent", "coder-1"], in: root)
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        #expect(try feed.wait(until: Date().addingTimeInterval(5)) == true)
        #expect(try workspace.store.proposal(1)?.state == .withdrawn)
    }

    @Test func waitReturnsFalseWhenNothingIsWritten() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try ManagedWorkspace.initialize(at: root.path)
        let feed = try workspace.store.changeFeed()
        let started = Date()
        #expect(try feed.wait(until: started.addingTimeInterval(0.3)) == false)
        #expect(Date().timeIntervalSince(started) >= 0.3)
    }
}
