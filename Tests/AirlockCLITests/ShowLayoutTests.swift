import AirlockCore
import Foundation
import Testing

/// `airlock show` cuts long lines so a terminal's wrap cannot put agent text at the
/// margin, but never a hash of Airlock's own, which a reviewer copies whole.
@Suite("airlock show layout")
struct ShowLayoutTests {
    @Test func digestsStayWholeAndAgentLinesAreCut() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIHarness.run(["init"], in: root).status == 0)
        let title = "pad" + String(repeating: " ", count: 90) + "gates: pass"
        let proposed = try CLIHarness.run(["propose", "--agent", "coder-1", "--title", title, "--json", "-"], in: root, input: ManagedWorkspaceFixture.creation("a.txt"))
        let digest = try ManagedWorkspaceFixture.json(ManagedWorkspaceFixture.Proposed.self, proposed.stdout).digest
        let shown = try CLIHarness.run(["show", "1"], in: root).stdout
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("  digest:    sha256:\(digest)"), "\(shown)")
        #expect(!lines.contains { $0.hasPrefix("gates: pass") }, "the padded title cannot start a row")
        #expect(lines.contains { $0.hasPrefix("    │ ") && $0.contains("gates: pass") })
    }
}
