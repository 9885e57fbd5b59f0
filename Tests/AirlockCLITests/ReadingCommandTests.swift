import AirlockCore
import Foundation
import GRDB
import Testing

/// Commands that only look (`list`, `show`, `wait`, `audit`) leave the store's files as
/// they found them, even when they are the only process with the store open: a reader
/// that wrote would queue behind every agent's submission for the write lock.
@Suite("Reading commands do not write")
struct ReadingCommandTests {
    @Test func listingShowingWaitingAndAuditingChangeNoStoreFile() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        for n in 0..<3 {
            let proposed = try CLIHarness.run(["propose", "--agent", "coder-\(n)", "-"], in: root, input: ManagedWorkspaceFixture.creation("f\(n).txt"))
            #expect(proposed.status == 0, "\(proposed.stderr)")
        }
        let before = try storeFiles(root)
        #expect(before["store.sqlite-wal"] != nil, "the log stays between commands")

        for command in [["list"], ["list", "--json"], ["list", "--state", "ready"], ["show", "2"], ["show", "2", "--json"],
                        ["wait", "1", "--timeout", "0"], ["audit"], ["audit", "--verify"]] {
            let result = try CLIHarness.run(command, in: root)
            #expect([0, 5].contains(result.status), "\(command): \(result.stderr)")
            let after = try storeFiles(root)
            #expect(after == before, "\(command) changed \(after.filter { before[$0.key] != $0.value }.keys.sorted())")
        }
    }

    /// The store's database and log, by name; the shared-memory index is left out, as
    /// readers mark their place in it.
    private func storeFiles(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ["store.sqlite", "store.sqlite-wal"] {
            let url = root.appendingPathComponent(".airlock/\(name)")
            if FileManager.default.fileExists(atPath: url.path) { files[name] = try Data(contentsOf: url) }
        }
        return files
    }
}
