import AirlockCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A look-only reviewer who is another OS user: `airlock init --group G` lets G's members
/// read the store (and use SQLite's shared-memory index) without being able to write it.
/// Switching users needs root, which CI has; elsewhere it runs only as root, and CI
/// without root is a failure, not a skip.
@Suite("Another OS user looks")
struct AnotherUserLooksTests {
    static let canSwitchUsers = geteuid() == 0
    static let group = "users"
    static let change = "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n"

    /// A copy of the binary that user nobody may run wherever the checkout lives (CI's
    /// clone may sit in a folder only root can enter). One place, replaced by a rename
    /// once per test process, so test runs do not pile up copies in memory.
    static let shared = Result { () throws -> String in
        let directory = "/dev/shm/airlock-other-user"
        let copy = directory + "/airlock"
        let staged = directory + "/airlock.\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: staged)
        try FileManager.default.copyItem(atPath: CLIHarness.executable.path, toPath: staged)
        guard chmod(directory, 0o755) == 0, chmod(staged, 0o755) == 0, rename(staged, copy) == 0 else { throw POSIXError(.EPERM) }
        return copy
    }

    static func sharedBinary() throws -> String { try shared.get() }

    /// `airlock ARGS` as user nobody with `group` as its only supplementary group.
    private func asNobody(_ arguments: [String], in root: URL, groups: String) throws -> ProcessOutcome {
        try SystemProcessRunner().run(ProcessCommand(
            "/usr/bin/setpriv", Self.launcher(groups: groups) + [try Self.sharedBinary()] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "LANG": "C.UTF-8"], workingDirectory: root.path,
            detachedFromTerminal: true))
    }

    static func launcher(groups: String) -> [String] {
        ["--reuid=nobody", "--regid=nogroup", "--groups=\(groups)"]
    }

    private func workspace(group: String?) throws -> URL {
        let root = try ManagedWorkspaceFixture.directory()
        try CLIHarness.write("one\ntwo\nthree\n", to: "a.txt", in: root)
        let initialised = try CLIHarness.run(["init"] + (group.map { ["--group", $0] } ?? []), in: root)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let proposed = try CLIHarness.run(["propose", "--agent", "coder-1", "-"], in: root, input: Array(Self.change.utf8))
        #expect(proposed.status == 0, "\(proposed.stderr)")
        return root
    }

    @Test func requirementsHold() {
        #expect(Self.canSwitchUsers || ProcessInfo.processInfo.environment["CI"] != "true", "CI must run these as root")
    }

    @Test(.enabled(if: canSwitchUsers, "switching to another user needs root"))
    func aGroupMemberReadsListsFollowsAndIsRefusedWrites() throws {
        let root = try workspace(group: Self.group)
        defer { try? FileManager.default.removeItem(at: root) }
        var state = stat()
        #expect(stat(root.path + "/.airlock", &state) == 0)
        #expect(state.st_gid == (getgrnam(Self.group)?.pointee.gr_gid ?? 0))
        #expect(state.st_mode & 0o7777 == 0o2750, "group may enter and read, not create")
        #expect(stat(root.path + "/.airlock/store.sqlite", &state) == 0 && state.st_mode & 0o777 == 0o640)
        let before = try CLIHarness.tree(root.appendingPathComponent(".airlock")).filter { !$0.key.hasSuffix("-shm") }

        let listed = try asNobody(["list"], in: root, groups: Self.group)
        #expect(listed.shellStatus == 0, "\(String(decoding: listed.standardError, as: UTF8.self))")
        #expect(String(decoding: listed.standardOutput, as: UTF8.self).contains("coder-1"))
        let shown = try asNobody(["show", "1"], in: root, groups: Self.group)
        #expect(shown.shellStatus == 0)
        #expect(String(decoding: shown.standardOutput, as: UTF8.self).contains("+TWO"))
        let verified = try asNobody(["audit", "--verify"], in: root, groups: Self.group)
        #expect(verified.shellStatus == 0)
        #expect(String(decoding: verified.standardOutput, as: UTF8.self).hasPrefix("audit chain intact"))
        #expect(try asNobody(["wait", "1", "--timeout", "0"], in: root, groups: Self.group).shellStatus == 5)

        let proposed = try asNobody(["propose", "--agent", "coder-2", "-"], in: root, groups: Self.group)
        #expect(proposed.shellStatus == 1)
        #expect(String(decoding: proposed.standardError, as: UTF8.self).contains("read-only"))
        let withdrawn = try asNobody(["withdraw", "1", "--agent", "coder-1"], in: root, groups: Self.group)
        #expect(withdrawn.shellStatus == 1)
        #expect(try CLIHarness.tree(root.appendingPathComponent(".airlock")).filter { !$0.key.hasSuffix("-shm") } == before, "looking wrote nothing")
    }

    @Test(.enabled(if: canSwitchUsers, "switching to another user needs root"))
    func withoutTheGroupAnotherUserCannotRead() throws {
        let root = try workspace(group: nil)
        defer { try? FileManager.default.removeItem(at: root) }
        // The store keeps the owner's umask; .airlock/ is closed to others in this test.
        #expect(chmod(root.path + "/.airlock", 0o700) == 0)
        let listed = try asNobody(["list"], in: root, groups: Self.group)
        #expect(listed.shellStatus != 0)
    }

    @Test(.enabled(if: canSwitchUsers, "switching to another user needs root"))
    func aGroupMemberReviewsLookOnlyAtATerminal() throws {
        let root = try workspace(group: Self.group)
        defer { try? FileManager.default.removeItem(at: root) }
        let terminal = try PseudoTerminal(
            arguments: ["review", "--workspace", root.path], environment: ReviewFixture.environment(),
            launcher: ["/usr/bin/setpriv"] + Self.launcher(groups: Self.group) + [try Self.sharedBinary()])
        try terminal.expect("Look-only mode: nobody@local on ")
        try terminal.expect("+TWO")
        try terminal.expect("Review #1 (look only) [s]kip, [q]uit, [?]: ")
        terminal.send("a")
        try terminal.expect("Look-only mode: you may not decide here.")
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
        let shown = try CLIHarness.run(["show", "1", "--json"], in: root)
        #expect(try ManagedWorkspaceFixture.json(ManagedWorkspaceFixture.Shown.self, shown.stdout).state == "ready")
    }

    @Test(.enabled(if: canSwitchUsers, "switching to another user needs root"), arguments: ["watch", "cockpit"])
    func aGroupMemberWatchesTheCockpitAndWritesNothing(_ command: String) throws {
        let root = try workspace(group: Self.group)
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent(".airlock")
        let before = try CLIHarness.tree(state).filter { !$0.key.hasSuffix("-shm") }
        let terminal = try PseudoTerminal(
            arguments: [command, "--workspace", root.path], environment: ReviewFixture.environment(),
            launcher: ["/usr/bin/setpriv"] + Self.launcher(groups: Self.group) + [try Self.sharedBinary()])
        try terminal.expect(command == "watch" ? "WATCHING" : "LOOK ONLY")
        try terminal.expect("TWO")
        terminal.send("a")
        try terminal.expect("not available")
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
        #expect(try CLIHarness.tree(state).filter { !$0.key.hasSuffix("-shm") } == before, "the store is as it was")
        let shown = try CLIHarness.run(["show", "1", "--json"], in: root)
        #expect(try ManagedWorkspaceFixture.json(ManagedWorkspaceFixture.Shown.self, shown.stdout).state == "ready")
    }

    @Test func initRefusesAGroupThatDoesNotExist() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLIHarness.run(["init", "--group", "no-such-group-\(getpid())"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such group on this machine"))
    }
}
